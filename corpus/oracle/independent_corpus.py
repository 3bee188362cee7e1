#!/usr/bin/env python3
"""Independent labelled-corpus generator for Veil (an oracle the Veil authors did not write).

Values come only from Faker and python-phonenumbers (plus the standard library); no Veil code
is used.  For each shape it writes DIR/SHAPE.data and DIR/SHAPE.truth.jsonl, one line per
labelled value: {"start":S,"end":E,"type":"T"} -- byte offsets into SHAPE.data (end exclusive).

    python3 corpus/oracle/independent_corpus.py --out DIR --seed N [--size-kb K] [--verify]
"""

import os
import sys

# Some Faker providers pick from sets, whose order depends on string hashing; pin the hash seed
# (by re-executing once) so that a given --seed always yields the same bytes.
if __name__ == "__main__" and os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))

import argparse
import copy
import datetime as dt
import hashlib
import ipaddress
import json
import logging
import random
import re
import time
import uuid
import warnings

import phonenumbers
from faker import Faker
from phonenumbers import PhoneMetadata, PhoneNumberFormat as PNF, PhoneNumberType as PNT

warnings.filterwarnings("ignore")
logging.getLogger("faker").setLevel(logging.ERROR)

SHAPES = ("records_json", "mcp_text", "phones", "text_mixed")

# Faker locale -> phone region.  51 locales.
LOCALES = {
    "en_US": "US", "en_GB": "GB", "en_CA": "CA", "en_AU": "AU", "en_IN": "IN", "en_IE": "IE",
    "en_NZ": "NZ", "en_PH": "PH", "en_NG": "NG", "de_DE": "DE", "de_AT": "AT", "de_CH": "CH",
    "fr_FR": "FR", "fr_CH": "CH", "fr_CA": "CA", "nl_BE": "BE", "nl_NL": "NL", "it_IT": "IT",
    "es_ES": "ES", "es_MX": "MX", "es_AR": "AR", "es_CO": "CO", "es_CL": "CL", "pt_BR": "BR",
    "pt_PT": "PT", "da_DK": "DK", "sv_SE": "SE", "no_NO": "NO", "fi_FI": "FI", "pl_PL": "PL",
    "cs_CZ": "CZ", "sk_SK": "SK", "hu_HU": "HU", "ro_RO": "RO", "bg_BG": "BG", "el_GR": "GR",
    "tr_TR": "TR", "ru_RU": "RU", "uk_UA": "UA", "ja_JP": "JP", "ko_KR": "KR", "zh_CN": "CN",
    "zh_TW": "TW", "id_ID": "ID", "vi_VN": "VN", "th_TH": "TH", "fa_IR": "IR", "he_IL": "IL",
    "ar_SA": "SA", "hr_HR": "HR", "az_AZ": "AZ", "mk_MK": "MK", "lt_LT": "LT", "sl_SI": "SI",
}

# IBAN lengths from the SWIFT IBAN registry (ISO 13616), used only to drop Faker locales whose
# iban() is not a real IBAN (country without IBANs, or wrong length).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
    "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23,
    "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

PHONE_TYPES = [PNT.FIXED_LINE, PNT.MOBILE, PNT.TOLL_FREE, PNT.PREMIUM_RATE, PNT.SHARED_COST,
               PNT.VOIP, PNT.PERSONAL_NUMBER, PNT.PAGER, PNT.UAN, PNT.VOICEMAIL]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


# --------------------------------------------------------------------------------------------
# Output buffer with span recording.  A "piece" is (text, label) where label is None or
# (type, planted_value, layers, check); text is already escaped for its own JSON layer.
# `layers` counts JSON-string unescapings needed to get from the span bytes back to the value.

class Out:
    def __init__(self):
        self.buf = bytearray()
        self.spans = []  # (start, end, type, value, layers, check)

    def put(self, s):
        self.buf += s.encode("utf-8")

    def label(self, printed, typ, value=None, layers=0, check=None):
        b = printed.encode("utf-8")
        start = len(self.buf)
        self.buf += b
        self.spans.append((start, len(self.buf), typ, printed if value is None else value, layers, check))

    def pieces(self, pieces, escape=False):
        """Append pieces, optionally JSON-string-escaping every piece (adds one layer)."""
        for text, lab in pieces:
            t = json.dumps(text, ensure_ascii=False)[1:-1] if escape else text
            if lab is None:
                self.put(t)
            else:
                typ, value, layers, check = lab
                self.label(t, typ, value, layers + (1 if escape else 0), check)


def jstr(s, ascii_only=False):
    return json.dumps(s, ensure_ascii=ascii_only)[1:-1]


# --------------------------------------------------------------------------------------------
# Generator

class Gen:
    def __init__(self, seed, shape):
        self.seed = seed
        salt = int.from_bytes(hashlib.sha256(f"{seed}/{shape}".encode()).digest()[:8], "big")
        self.rng = random.Random(salt)
        Faker.seed(seed)
        self.fakers = {}
        for i, loc in enumerate(LOCALES):
            f = Faker(loc)
            f.seed_instance(salt + i)
            self.fakers[loc] = f
        self.locales = list(LOCALES) + ["en_US"] * 4  # en_US weighted x5 (US_SSN only exists there)
        self.iban_locales = [l for l in self.locales if l in IBAN_OK]
        self.card_i = self.rng.randrange(len(BASE_CARDS) * len(EXTRA_CARDS))

    # ---- pattern values ----------------------------------------------------------------
    def card(self):
        # three of four cards cycle over Faker's base networks, one over locale-specific types
        i = self.card_i
        self.card_i += 1
        if i % 4 == 3:
            loc, typ = EXTRA_CARDS[(i // 4) % len(EXTRA_CARDS)]
        else:
            loc, typ = BASE_CARDS[(i - i // 4) % len(BASE_CARDS)]
        raw = self.fakers[loc].credit_card_number(card_type=typ)
        n = len(raw)
        # the usual print groupings; 12- and 13-digit numbers have none, so they stay raw
        groups = {16: [4, 4, 4, 4], 15: [4, 6, 5], 14: [4, 6, 4], 19: [4, 4, 4, 4, 3]}.get(n)
        style = self.rng.choice(["raw", "space", "dash"]) if groups else "raw"
        if style == "raw":
            return raw
        parts, i = [], 0
        for g in groups:
            parts.append(raw[i:i + g])
            i += g
        return (" " if style == "space" else "-").join(parts)

    def iban(self, loc=None):
        if loc is None:
            loc = self.rng.choice(self.iban_locales)
        return self.fakers[loc].iban()

    def email(self, loc):
        f = self.fakers[loc]
        return self.rng.choice([f.email, f.free_email, f.company_email, f.ascii_safe_email])()

    def ipv4(self, loc):
        f = self.fakers[loc]
        return f.ipv4_public() if self.rng.random() < 0.7 else f.ipv4_private()

    def ipv6(self, loc):
        return self.fakers[loc].ipv6()

    def ssn(self):
        return self.fakers["en_US"].ssn()

    # ---- phones ------------------------------------------------------------------------
    def derived_number(self, region, types=None):
        types = types or [t for t in PHONE_TYPES if (region, t) in EXAMPLES]
        ex = EXAMPLES[(region, self.rng.choice(types))]
        return self.vary(ex)

    def vary(self, ex):
        digits = str(ex.national_number)
        for _ in range(20):
            k = self.rng.randint(2, min(4, max(2, len(digits) - 2)))
            nn = digits[:-k] + "".join(str(self.rng.randrange(10)) for _ in range(k))
            num = copy.deepcopy(ex)
            num.national_number = int(nn)
            if phonenumbers.is_valid_number(num):
                return num
        return copy.deepcopy(ex)

    def render_phone(self, num, style):
        """Format a phone number; returns (printed, parse_region) or None if style not applicable."""
        region = phonenumbers.region_code_for_number(num)
        num = copy.deepcopy(num)
        num.extension = None
        if style == "E164":
            return phonenumbers.format_number(num, PNF.E164), None
        if style == "INTL":
            return phonenumbers.format_number(num, PNF.INTERNATIONAL), None
        if style == "NATIONAL":
            return phonenumbers.format_number(num, PNF.NATIONAL), region
        if style == "RFC3966":
            return phonenumbers.format_number(num, PNF.RFC3966)[len("tel:"):], None
        if style in ("EXT_INTL", "EXT_NAT"):
            num.extension = str(self.rng.randint(1, 9999))
            if style == "EXT_INTL":
                return phonenumbers.format_number(num, PNF.INTERNATIONAL), None
            return phonenumbers.format_number(num, PNF.NATIONAL), region
        if style == "EXT_X":
            return phonenumbers.format_number(num, PNF.INTERNATIONAL) + " x" + str(self.rng.randint(1, 9999)), None
        if style == "OOC_011":
            if num.country_code == 1:
                return None
            return phonenumbers.format_out_of_country_calling_number(num, "US"), "US"
        if style == "OOC_00":
            frm = "FR" if num.country_code == 49 else "DE"
            return phonenumbers.format_out_of_country_calling_number(num, frm), frm
        if style == "TRUNK":
            md = PhoneMetadata.metadata_for_region(region) if region else None
            nat = phonenumbers.format_number(num, PNF.NATIONAL)
            intl = phonenumbers.format_number(num, PNF.INTERNATIONAL)
            if not md or md.national_prefix != "0" or not nat.startswith("0") or " " not in intl:
                return None
            cc, rest = intl.split(" ", 1)
            return f"{cc} (0){rest}", None
        raise ValueError(style)

    STYLES = ["E164", "INTL", "INTL", "NATIONAL", "NATIONAL", "RFC3966", "EXT_INTL", "EXT_NAT",
              "EXT_X", "OOC_011", "OOC_00", "TRUNK"]

    def phone(self, region=None, loc=None):
        """A phone number as printed (Faker's own string when valid, else phonenumbers)."""
        if loc is not None and loc not in NO_FAKER_PHONE and self.rng.random() < 0.4:
            region = LOCALES[loc]
            for _ in range(3):
                v = self.fakers[loc].phone_number()
                if PHONE_SHAPE.match(v) and phone_ok(v, region):
                    return v, region
        if region is None:
            region = LOCALES[loc] if loc else self.rng.choice(REGIONS)
        num = self.derived_number(region)
        for _ in range(5):
            r = self.render_phone(num, self.rng.choice(self.STYLES))
            if r and phone_ok(*r):
                return r
        return phonenumbers.format_number(num, PNF.INTERNATIONAL), None

    # ---- key-aware values --------------------------------------------------------------
    def dob(self, loc):
        d = self.fakers[loc].date_of_birth(minimum_age=18, maximum_age=90)
        r = self.rng.random()
        if r < 0.5:
            return d.isoformat()
        if r < 0.65:
            return d.strftime("%d/%m/%Y")
        if r < 0.75:
            return d.strftime("%m/%d/%Y")
        if r < 0.85:
            return d.strftime("%d.%m.%Y")
        if r < 0.95:
            return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    # ---- negatives (never labelled) ----------------------------------------------------
    def when(self):
        return dt.datetime(2015, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=self.rng.randrange(11 * 365 * 86400))

    def iso_ts(self):
        t = self.when()
        r = self.rng.random()
        if r < 0.4:
            return t.strftime("%Y-%m-%dT%H:%M:%SZ")
        if r < 0.7:
            return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.rng.randrange(1000):03d}Z"
        off = self.rng.choice(["+01:00", "+05:30", "-07:00", "+09:00"])
        return t.strftime("%Y-%m-%dT%H:%M:%S") + off

    def epoch(self):
        t = int(self.when().timestamp())
        return str(t) if self.rng.random() < 0.5 else str(t * 1000 + self.rng.randrange(1000))

    def version(self):
        r = self.rng
        return r.choice([
            f"{r.randint(0, 12)}.{r.randint(0, 30)}.{r.randint(0, 99)}",
            f"10.0.{r.randint(10000, 22631)}.{r.randint(1, 3000)}",
            f"v{r.randint(1, 5)}.{r.randint(0, 40)}.{r.randint(0, 9)}-rc.{r.randint(1, 5)}",
            f"{r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(0, 999)}",
        ])

    def price(self):
        v = self.rng.randint(1, 999999) / 100
        return self.rng.choice([f"${v:,.2f}", f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") + " €",
                                f"{v:.2f} USD", f"£{v:,.2f}"])

    def order_no(self):
        r = self.rng
        return r.choice([f"ORD-{r.randint(2015, 2026)}-{r.randint(0, 999999):06d}", f"#{r.randint(1000000, 9999999)}",
                         f"INV{r.randint(10000000, 99999999)}", f"PO-{r.randint(100, 999)}-{r.randint(1000, 9999)}"])

    def uuid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def digest(self):
        h = hashlib.sha256(self.rng.getrandbits(64).to_bytes(8, "big")).hexdigest()
        return h if self.rng.random() < 0.5 else h[:32]

    def negative_phrase(self):
        r = self.rng
        t = self.when()
        return r.choice([
            lambda: f"at {self.iso_ts()}",
            lambda: f"on {t.strftime('%Y-%m-%d')}",
            lambda: f"on {t.strftime('%d.%m.%Y')}",
            lambda: f"at {t.strftime('%H:%M:%S')}",
            lambda: f"total {self.price()}",
            lambda: f"order {self.order_no()}",
            lambda: f"version {self.version()}",
            lambda: f"build {r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}.{r.randint(0, 255)}",
            lambda: f"{r.randint(2, 100000):,} items",
            lambda: f"ZIP {r.randint(10000, 99999)}",
            lambda: f"epoch {int(t.timestamp())}",
            lambda: f"status {r.choice([200, 201, 204, 301, 400, 403, 404, 429, 500, 503])}",
            lambda: f"took {r.randint(1, 99999)} ms",
            lambda: f"id {self.uuid()}",
        ])()


def phone_ok(printed, region):
    try:
        n = phonenumbers.parse(printed.replace("(0)", "") if printed.startswith("+") else printed, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(n)


NO_FAKER_PHONE = {"en_PH"}  # Faker en_PH has no phone_number(); phonenumbers is used instead
PHONE_SHAPE = re.compile(r"^[+(0-9][0-9 ()./+\-]*[0-9](?:\s*(?:x|ext\.?)\s*[0-9]+)?$")

REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
EXAMPLES = {}
for _r in REGIONS:
    for _t in PHONE_TYPES:
        _n = phonenumbers.example_number_for_type(_r, _t)
        if _n is not None:
            EXAMPLES[(_r, _t)] = _n


def _probe():
    """Locales whose Faker iban() is a registry IBAN; all Faker credit-card types."""
    ok, dropped = [], {}
    cards, seen = [], set()
    for loc in LOCALES:
        f = Faker(loc)
        f.seed_instance(0)
        bank = [p for p in f.providers if type(p).__module__.startswith("faker.providers.bank")][0]
        own = type(bank).__module__.rsplit(".", 1)[-1] == loc
        v = f.iban()
        if own and IBAN_LENGTHS.get(v[:2]) == len(v):
            ok.append(loc)
        elif own:
            dropped[loc] = v[:2] + f"/{len(v)}"
        cc = [p for p in f.providers if type(p).__module__.startswith("faker.providers.credit_card")][0]
        for t in cc.credit_card_types:
            key = (type(cc).__module__, t)
            if key not in seen:
                seen.add(key)
                cards.append((loc, t))
    return set(ok), dropped, cards


IBAN_OK, IBAN_DROPPED, CARD_TYPES = _probe()
BASE_CARDS = [c for c in CARD_TYPES if c[0] == "en_US"]
EXTRA_CARDS = [c for c in CARD_TYPES if c[0] != "en_US"]


# --------------------------------------------------------------------------------------------
# Key styles

def key_style(words, style):
    if style == "snake":
        return "_".join(words)
    if style == "camel":
        return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    if style == "kebab":
        return "-".join(w[:1].upper() + w[1:] for w in words)
    return "_".join(words).upper()


PERSON_KEYS = [["name"], ["first", "name"], ["last", "name"], ["full", "name"], ["given", "name"],
               ["family", "name"], ["surname"], ["customer", "name"]]
ADDRESS_KEYS = [["address"], ["street"], ["address", "line1"], ["postal", "code"], ["zip"]]
DOB_KEYS = [["dob"], ["date", "of", "birth"], ["birth", "date"], ["birthday"]]


def record_pieces(g, loc, rid, ascii_only=None, indent=False):
    """One customer record as a list of JSON pieces (labels with layers relative to this JSON)."""
    r, f = g.rng, g.fakers[loc]
    style = r.choice(["snake", "camel", "kebab", "upper"])
    ascii_only = r.random() < 0.25 if ascii_only is None else ascii_only
    K = lambda *w: key_style(list(w), style)
    fields = []  # (key, pieces_for_value)

    def s(v, typ=None):
        c = jstr(v, ascii_only)
        if typ is None:
            return [('"' + c + '"', None)]
        return [('"', None), (c, (typ, v, 1, "quoted")), ('"', None)]

    def num(v):
        return [(str(v), None)]

    fields.append((K("id"), num(rid)))
    fields.append((K("order", "id"), s(g.order_no()) if r.random() < 0.6 else num(r.randint(1000000, 9999999999))))
    # persons
    person_keys = r.sample(PERSON_KEYS, r.randint(1, 3))
    for words in person_keys:
        if words in (["first", "name"], ["given", "name"]):
            v = f.first_name()
        elif words in (["last", "name"], ["family", "name"], ["surname"]):
            v = f.last_name()
        else:
            v = f.name()
        fields.append((K(*words), s(v, "PERSON")))
    fields.append((K(*r.choice(DOB_KEYS)), s(g.dob(loc), "DATE_OF_BIRTH")))
    fields.append((K("email"), s(g.email(loc), "EMAIL")))
    ph, hint = g.phone(loc=loc)
    fields.append((K("phone"), [('"', None), (jstr(ph, ascii_only), ("PHONE", ph, 1, hint)), ('"', None)]))

    # address (flat or nested)
    def addr_fields():
        out = []
        for words in r.sample(ADDRESS_KEYS, r.randint(1, 3)):
            if words == ["address"]:
                v = f.address()
            elif words in (["street"], ["address", "line1"]):
                v = f.street_address()
            else:
                v = f.postcode()
                if v.isdigit() and v[0] != "0" and r.random() < 0.4:
                    out.append((K(*words), [(v, ("ADDRESS", v, 0, None))]))
                    continue
            out.append((K(*words), s(v, "ADDRESS")))
        out.append((K("city"), s(f.city())))
        out.append((K("country"), s(f.current_country() if r.random() < 0.5 else LOCALES[loc])))
        return out

    if r.random() < 0.3:
        fields.append((K("billing"), ("obj", addr_fields())))
    else:
        fields.extend(addr_fields())
    if loc in g.iban_locales and r.random() < 0.8:
        fields.append((K("iban"), s(g.iban(loc), "IBAN")))
    if r.random() < 0.7:
        fields.append((K("card", "number"), s(g.card(), "CREDIT_CARD")))
    if loc == "en_US" and r.random() < 0.8:
        fields.append((K("ssn"), s(g.ssn(), "US_SSN")))
    if r.random() < 0.6:
        fields.append((K("last", "ip"), s(g.ipv4(loc), "IPV4")))
    if r.random() < 0.4:
        fields.append((K("ipv6"), s(g.ipv6(loc), "IPV6")))
    # non-personal look-alikes
    fields.append((K("company"), s(f.company())))
    fields.append((K("job"), s(f.job())))
    fields.append((K("created", "at"), s(g.iso_ts())))
    fields.append((K("updated", "epoch"), num(g.epoch())))
    if r.random() < 0.5:
        fields.append((K("price"), num(r.randint(1, 999999) / 100)))
    else:
        fields.append((K("price"), s(g.price())))
    fields.append((K("quantity"), num(r.randint(1, 500))))
    fields.append((K("app", "version"), s(g.version())))
    fields.append((K("request", "id"), s(g.uuid())))
    fields.append((K("sha256") if r.random() < 0.5 else K("digest"), s(g.digest())))
    fields.append((K("status"), num(r.choice([200, 201, 202, 204, 400, 401, 404, 409, 500, 503]))))
    fields.append((K("user", "agent"), s(f.user_agent())))
    fields.append((K("latency", "ms"), num(round(r.random() * 2000, 3))))

    head = fields[:2]
    rest = fields[2:]
    r.shuffle(rest)
    fields = head + rest
    sep, colon = r.choice([(",", ":"), (", ", ": ")])
    if indent:
        sep, colon = ",", ": "

    def emit(fs, depth):
        pcs = [("{", None)]
        for i, (k, v) in enumerate(fs):
            if i:
                pcs.append((sep, None))
            if indent:
                pcs.append(("\n" + "  " * (depth + 1), None))
            pcs.append((json.dumps(k) + colon, None))
            if isinstance(v, tuple) and v[0] == "obj":
                pcs.extend(emit(v[1], depth + 1))
            else:
                pcs.extend(v)
        if indent:
            pcs.append(("\n" + "  " * depth, None))
        pcs.append(("}", None))
        return pcs

    return emit(fields, 0)


# --------------------------------------------------------------------------------------------
# Shapes

def gen_records_json(g, out, size):
    rid = 0
    while len(out.buf) < size:
        rid += 1
        loc = g.rng.choice(g.locales)
        out.pieces(record_pieces(g, loc, rid))
        out.put("\n")


def prose_value(g, loc, typ):
    if typ == "EMAIL":
        return g.email(loc), None
    if typ == "PHONE":
        return g.phone(loc=loc)
    if typ == "CREDIT_CARD":
        return g.card(), None
    if typ == "IBAN":
        return g.iban(), None
    if typ == "US_SSN":
        return g.ssn(), None
    if typ == "IPV4":
        return g.ipv4(loc), None
    return g.ipv6(loc), None


TEMPLATES = [
    ("You can reach the account holder at ", "PHONE", " or by email at ", "EMAIL", "."),
    ("Call the front desk at ", "PHONE", " before noon."),
    ("Customer contact: ", "EMAIL", ", alt ", "PHONE", "."),
    ("Payment method on file: card ", "CREDIT_CARD", " (expires soon)."),
    ("Refund will be sent to IBAN ", "IBAN", " within 5 business days."),
    ("Tax record shows SSN ", "US_SSN", " for this filer."),
    ("Last login from ", "IPV4", " using ", "UA", " at ", "TS", "."),
    ("Session moved to ", "IPV6", " after failover."),
    ("Card ", "CREDIT_CARD", " was declined; the customer asked to use IBAN ", "IBAN", " instead."),
    ("Forwarded to ", "EMAIL", " and copied to ", "EMAIL", "."),
    ("Client address ", "IPV4", ", peer ", "IPV6", ", ", "NEG", "."),
    ("SMS gateway delivered message to ", "PHONE", " ", "NEG", "."),
]


def gen_mcp_text(g, out, size):
    n = 0
    while len(out.buf) < size:
        n += 1
        loc = g.rng.choice(g.locales)
        f = g.fakers[loc]
        out.put('{"jsonrpc":"2.0","id":%d,"result":{"content":[' % n)
        items = g.rng.randint(1, 2)
        for i in range(items):
            if i:
                out.put(",")
            out.put('{"type":"text","text":"')
            if g.rng.random() < 0.3:
                out.pieces(record_pieces(g, loc, n * 10 + i, indent=g.rng.random() < 0.5), escape=True)
            else:
                pcs = []
                for _ in range(g.rng.randint(1, 3)):
                    pcs.append((f.sentence() + " ", None))
                    tpl = list(g.rng.choice(TEMPLATES))
                    if "US_SSN" in tpl:
                        loc2 = "en_US"
                    else:
                        loc2 = loc
                    for part in tpl:
                        if part in ("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IPV4", "IPV6"):
                            v, hint = prose_value(g, loc2, part)
                            pcs.append((v, (part, v, 0, hint)))
                        elif part == "UA":
                            pcs.append((f.user_agent(), None))
                        elif part == "TS":
                            pcs.append((g.iso_ts(), None))
                        elif part == "NEG":
                            pcs.append((g.negative_phrase(), None))
                        else:
                            pcs.append((part, None))
                    pcs.append((" ", None))
                if g.rng.random() < 0.5:
                    pcs.append(("\n\n" + f.paragraph(), None))
                out.pieces(pcs, escape=True)
            out.put('"}')
        out.put(']%s}}\n' % (',"isError":false' if g.rng.random() < 0.3 else ""))


def phone_line(g, out, printed, hint):
    r = g.rng.random()
    if r < 0.35:
        out.put("tel: ")
        out.label(printed, "PHONE", check=hint)
        out.put("\n")
    elif r < 0.6:
        out.put('"phone": "')
        out.label(jstr(printed), "PHONE", printed, 1, hint)
        out.put('"\n')
    elif r < 0.8:
        out.put(g.rng.choice(["Call ", "Contact: ", "Fax ", "Mobile "]))
        out.label(printed, "PHONE", check=hint)
        out.put(" " + g.negative_phrase() + "\n")
    else:
        out.put(g.negative_phrase() + ", phone ")
        out.label(printed, "PHONE", check=hint)
        out.put(", " + g.negative_phrase() + "\n")
    for _ in range(g.rng.randint(0, 2)):
        out.put(g.negative_phrase() + "; " + g.negative_phrase() + "\n")


def gen_phones(g, out, size):
    # 1. full coverage: every region x every type with an example x E164/INTERNATIONAL/NATIONAL
    for (region, t), ex in EXAMPLES.items():
        for fmt in (PNF.E164, PNF.INTERNATIONAL, PNF.NATIONAL):
            phone_line(g, out, phonenumbers.format_number(ex, fmt), region if fmt == PNF.NATIONAL else None)
        # trunk form, international prefixes, extension for each example
        for style in ("TRUNK", g.rng.choice(["OOC_011", "OOC_00"]), g.rng.choice(["EXT_INTL", "EXT_NAT", "EXT_X"])):
            rr = g.render_phone(ex, style)
            if rr and phone_ok(*rr):
                phone_line(g, out, *rr)
    # 2. random valid numbers derived from the examples, in all styles, until the size is reached
    keys = list(EXAMPLES)
    while len(out.buf) < size:
        ex = EXAMPLES[g.rng.choice(keys)]
        num = g.vary(ex)
        rr = g.render_phone(num, g.rng.choice(g.STYLES + ["E164", "INTL", "NATIONAL"]))
        if rr and phone_ok(*rr):
            phone_line(g, out, *rr)


LEVELS = ["INFO", "WARN", "DEBUG", "ERROR", "TRACE"]
SERVICES = ["auth-svc", "billing", "sms-gw", "crm-sync", "edge-proxy", "mailer", "ledger"]


def gen_text_mixed(g, out, size):
    while len(out.buf) < size:
        r = g.rng
        loc = r.choice(g.locales)
        out.put(f"{g.iso_ts()} {r.choice(LEVELS):5} [{r.choice(SERVICES)}] req={g.uuid()[:8]} ")
        kind = r.randrange(7)
        if kind == 0:
            out.put("user=")
            out.label(g.email(loc), "EMAIL")
            out.put(" ip=")
            out.label(g.ipv4(loc), "IPV4")
            out.put(f" ua=\"{g.fakers[loc].user_agent()}\" status={r.choice([200, 401, 403])}\n")
        elif kind == 1:
            out.put("charge card=")
            out.label(g.card(), "CREDIT_CARD")
            out.put(f" amount={g.price()} order={g.order_no()}\n")
        elif kind == 2:
            out.put("payout iban=")
            out.label(g.iban(), "IBAN")
            out.put(f" ref={g.order_no()} at={g.epoch()}\n")
        elif kind == 3:
            p, hint = g.phone(loc=loc) if r.random() < 0.5 else g.phone(region=r.choice(REGIONS))
            out.put("sms to=")
            out.label(p, "PHONE", check=hint)
            out.put(f" latency_ms={r.randint(1, 5000)} v={g.version()}\n")
        elif kind == 4:
            out.put("conn src=")
            out.label(g.ipv6(loc), "IPV6")
            out.put(" dst=")
            out.label(g.ipv4(loc), "IPV4")
            out.put(f" bytes={r.randint(0, 10**7)}\n")
        elif kind == 6:
            out.put("kyc check ssn=")
            out.label(g.ssn(), "US_SSN")
            out.put(f" result={r.choice(['pass', 'review', 'fail'])} score={r.randint(0, 999)}\n")
        else:
            # CSV-ish export line
            p, hint = g.phone(loc=loc)
            out.put(f"export row {r.randint(1, 99999)},")
            out.label(g.email(loc), "EMAIL")
            out.put(",")
            out.label(p, "PHONE", check=hint)
            out.put(",")
            if loc == "en_US" and r.random() < 0.5:
                out.label(g.ssn(), "US_SSN")
            else:
                out.label(g.card(), "CREDIT_CARD")
            out.put(f",{g.iso_ts()}\n")


GENERATORS = {"records_json": gen_records_json, "mcp_text": gen_mcp_text, "phones": gen_phones,
              "text_mixed": gen_text_mixed}


# --------------------------------------------------------------------------------------------
# Verification

TRUTH_LINE = re.compile(r'^\{"start":(\d+),"end":(\d+),"type":"([A-Z0-9_]+)"\}$')


def luhn(d):
    t = 0
    for i, c in enumerate(reversed(d)):
        x = int(c)
        if i % 2:
            x *= 2
            x -= 9 if x > 9 else 0
        t += x
    return t % 10 == 0


def iban_ok(v):
    s = v[4:] + v[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1 and IBAN_LENGTHS.get(v[:2]) == len(v)


def check_value(typ, v, hint):
    if typ == "EMAIL":
        return re.fullmatch(r"[^@\s]+@[^@\s]+\.[^\W\d_]{2,}", v) is not None
    if typ == "PHONE":
        return phone_ok(v, hint)
    if typ == "CREDIT_CARD":
        d = re.sub(r"[ -]", "", v)
        return d.isdigit() and luhn(d)
    if typ == "IBAN":
        return iban_ok(v)
    if typ == "US_SSN":
        return re.fullmatch(r"\d{3}-\d{2}-\d{4}", v) is not None
    if typ == "IPV4":
        return isinstance(ipaddress.ip_address(v), ipaddress.IPv4Address)
    if typ == "IPV6":
        return isinstance(ipaddress.ip_address(v), ipaddress.IPv6Address)
    return bool(v.strip())


def verify(directory, shape, planted):
    data = open(os.path.join(directory, shape + ".data"), "rb").read()
    lines = open(os.path.join(directory, shape + ".truth.jsonl"), encoding="ascii").read().splitlines()
    errors = []
    if len(lines) != len(planted):
        errors.append(f"{len(lines)} truth lines, {len(planted)} planted")
    prev_end = 0
    for i, (line, p) in enumerate(zip(lines, planted)):
        m = TRUTH_LINE.match(line)
        if not m:
            errors.append(f"line {i + 1}: bad format {line!r}")
            continue
        s, e, typ = int(m.group(1)), int(m.group(2)), m.group(3)
        ps, pe, ptyp, value, layers, hint = p
        if (s, e, typ) != (ps, pe, ptyp) or not (0 <= s < e <= len(data)) or s < prev_end:
            errors.append(f"line {i + 1}: span {s}-{e} {typ} inconsistent (prev end {prev_end})")
        prev_end = e
        text = data[s:e].decode("utf-8")
        for _ in range(layers):
            text = json.loads('"' + text + '"')
        if text != value:
            errors.append(f"line {i + 1}: span decodes to {text!r}, planted {value!r}")
        before = data[s - 1:s] if s else b" "
        after = data[e:e + 1] or b"\n"
        if before.isalnum() or after.isalnum():
            errors.append(f"line {i + 1}: {typ} {value!r} touches alphanumeric context {before!r}/{after!r}")
        if typ in ("PERSON", "ADDRESS", "DATE_OF_BIRTH"):
            # between "..." (or \"...\" when nested in a JSON string)
            if hint == "quoted" and not (data[s - 1:s] == b'"' and data[e:e + 1] in (b'"', b'\\')):
                errors.append(f"line {i + 1}: key-aware value not between quotes")
        if typ not in ("PERSON", "ADDRESS", "DATE_OF_BIRTH") and not check_value(typ, value, hint):
            errors.append(f"line {i + 1}: {typ} {value!r} fails its own validity check")
        if len(errors) > 20:
            break
    # the JSON shapes must be valid JSON line by line (including nested records in mcp_text)
    if shape in ("records_json", "mcp_text"):
        for n, raw in enumerate(data.split(b"\n")):
            if not raw:
                continue
            try:
                obj = json.loads(raw)
                if shape == "mcp_text":
                    for c in obj["result"]["content"]:
                        if c["text"].startswith("{"):
                            json.loads(c["text"])
            except (ValueError, KeyError) as ex:
                errors.append(f"data line {n + 1}: invalid JSON ({ex})")
                break
    return errors


# --------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--seed", required=True, type=int, help="random seed (required)")
    ap.add_argument("--size-kb", type=int, default=1024, help="approximate size of each shape in KiB (default 1024)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated subset of " + ",".join(SHAPES))
    ap.add_argument("--verify", action="store_true", help="re-read the written files and check every span")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    t0 = time.time()
    failed = False
    print(f"seed {a.seed}; {len(LOCALES)} Faker locales; IBAN from {len(IBAN_OK)} locales "
          f"(dropped non-registry: {', '.join(f'{k}={v}' for k, v in sorted(IBAN_DROPPED.items()))}); "
          f"{len(CARD_TYPES)} card types; {len(EXAMPLES)} phonenumbers examples")
    for shape in a.shapes.split(","):
        t = time.time()
        g = Gen(a.seed, shape)
        out = Out()
        GENERATORS[shape](g, out, a.size_kb * 1024)
        with open(os.path.join(a.out, shape + ".data"), "wb") as fh:
            fh.write(out.buf)
        with open(os.path.join(a.out, shape + ".truth.jsonl"), "w", encoding="ascii") as fh:
            for s, e, typ, *_ in out.spans:
                fh.write('{"start":%d,"end":%d,"type":"%s"}\n' % (s, e, typ))
        counts = {}
        for sp in out.spans:
            counts[sp[2]] = counts.get(sp[2], 0) + 1
        print(f"{shape}: {len(out.buf)} bytes, {len(out.spans)} labelled values "
              f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}) in {time.time() - t:.1f}s")
        if a.verify:
            errs = verify(a.out, shape, out.spans)
            print(f"  verify {shape}: " + ("OK" if not errs else f"{len(errs)} error(s)"))
            for e in errs[:20]:
                print("   ", e)
            failed |= bool(errs)
    print(f"total {time.time() - t0:.1f}s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
