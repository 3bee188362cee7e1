#!/usr/bin/env python3
"""Writes Sources/ScanCore/Validators/PhoneMetadata.swift from Google libphonenumber's metadata,
as shipped by the pip package `phonenumbers`.

Usage (from the repository root):

    python3 corpus/tools/gen_phone_metadata.py            # writes the Swift file
    python3 corpus/tools/gen_phone_metadata.py --check    # exits 1 when the file is stale

What is taken from the metadata, and what is derived:

* Possible lengths of the national significant number (NSN): `general_desc.possible_length`
  and `general_desc.possible_length_local_only`, per region; per calling code the union over
  the regions that share it (and the non-geographic entities 800, 808, 870, ...).
* The national (trunk) prefix: `national_prefix` ("0", "1", "8", "06"). The parsing regex
  `national_prefix_for_parsing` (carrier codes, transform rules) is not used.
* International (IDD) prefixes: `international_prefix` is a regex. It is expanded into
  fixed-length *forms*, one per alternative, each a sequence of at most 5 digit classes
  (`0[0-3]\\d` stays one form, "0", "0-3", "0-9"). Alternatives longer than 5 digits and
  alternatives that start with 1-9 while the region has another alternative are dropped:
  those are carrier-selection codes dialled before an IDD (AU 14xx0011, FI 99x, CL 1xx0,
  IS 1xxx, SI 10xx, PG 140x, TD 16, KP 99, CN 1xx..00, PE 19xx00). A region whose only
  alternative starts with 1-9 keeps it (RU and the CIS "810", CU "119").
  `preferred_international_prefix`, when present, is added as a literal form.
* Written national lengths. `national_lengths`: how many digits may follow the trunk prefix in
  the NATIONAL format, the possible lengths plus what `format_number(NATIONAL)` actually
  writes for example numbers and numbers derived from them (Argentina's mobile "15" insert
  makes 12 digits after the 0, for instance). `bare_lengths`: the digit counts that may be
  written nationally *without* the trunk prefix: every possible length when the region has no
  trunk prefix; otherwise the lengths of number formats whose national formatting rule has no
  prefix or marks it optional, plus what the formatter writes without a prefix for the same
  numbers.
* Leading digit pairs: the first two NSN digits `general_desc.national_number_pattern` allows
  (the regex walked to depth 2).
* Written groupings: the digit-group lengths a region writes its numbers in. From the number
  formats (each format's capture-group widths, merged where its `format` puts no separator
  between two groups; national and international formats), and from what
  `format_number(NATIONAL)` (trunk prefix taken off) and `format_number(INTERNATIONAL)` (country
  code taken off) write for the same example and derived numbers. A candidate read nationally
  without a trunk prefix (`201 555 0123`) must be grouped as one of the regions it may belong
  to writes its numbers: no region prints `555555-5555` or a French number without its 0.
"""

import argparse
import os
import random
import re
import sys

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberFormat, PhoneNumberType

try:  # Python 3.11+
    import re._parser as sre_parse
    import re._constants as sre_constants
except ImportError:  # pragma: no cover
    import sre_parse
    import sre_constants

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Sources", "ScanCore", "Validators", "PhoneMetadata.swift")

#: Every number type the metadata describes (UNKNOWN excluded).
TYPES = sorted(getattr(PhoneNumberType, n) for n in dir(PhoneNumberType)
               if n.isupper() and n != "UNKNOWN")

#: The longest IDD form kept, in digits.
MAX_IDD_DIGITS = 5

#: Seed of the derived numbers used for the written national lengths. The pattern check uses a
#: different seed, so its recall figures are not measured on the numbers that built the tables.
TABLE_SEED = 1


def mask(lengths):
    """A UInt32 bitmask with bit n set for each length n (0...31)."""
    m = 0
    for n in lengths:
        if 0 <= n < 32:
            m |= 1 << n
    return m


def regions():
    """The geographic regions, sorted by ISO code."""
    return sorted(phonenumbers.SUPPORTED_REGIONS)


def metadata_for_code(cc):
    """Every PhoneMetadata that uses calling code `cc` (regions or a non-geographic entity)."""
    out = []
    for r in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc, ()):
        if r == "001":
            m = PhoneMetadata.metadata_for_nongeo_region(cc)
        else:
            m = PhoneMetadata.metadata_for_region(r)
        if m is not None:
            out.append(m)
    return out


# --- IDD forms ----------------------------------------------------------------------------

def _expand(items):
    """The fixed-length sequences of digit sets a parsed regex matches (None when unbounded)."""
    seqs = [[]]
    for op, av in items:
        try:
            chars = _chars(op, av)
        except ValueError:
            return None
        if chars is not None:
            alts = [[frozenset(chars)]]
        elif op is sre_constants.CATEGORY:
            return None
        elif op is sre_constants.BRANCH:
            alts = []
            for b in av[1]:
                e = _expand(b)
                if e is None:
                    return None
                alts.extend(e)
        elif op is sre_constants.SUBPATTERN:
            alts = _expand(av[-1])
            if alts is None:
                return None
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            lo, hi, sub = av
            if hi > 4:
                return None
            inner = _expand(sub)
            if inner is None:
                return None
            alts = []
            for count in range(lo, hi + 1):
                reps = [[]]
                for _ in range(count):
                    reps = [a + b for a in reps for b in inner]
                alts.extend(reps)
        else:
            return None
        seqs = [s + a for s in seqs for a in alts]
        if len(seqs) > 4096:
            return None
    return seqs


def idd_forms(metadata):
    """The IDD forms of a region: tuples of digit strings, one string per position."""
    forms = []
    pattern = metadata.international_prefix
    if pattern:
        seqs = _expand(sre_parse.parse(pattern)) or []
        seqs = [s for s in seqs if 1 <= len(s) <= MAX_IDD_DIGITS]
        zero_led = [s for s in seqs if "0" in s[0]]
        keep = zero_led if zero_led else seqs
        for s in keep:
            forms.append(tuple("".join(sorted(c)) for c in s))
    pref = metadata.preferred_international_prefix
    if pref and re.fullmatch(r"[0-9]{1,%d}" % MAX_IDD_DIGITS, pref):
        forms.append(tuple(pref))
    # Drop duplicates, and forms another form of the region already covers.
    out = []
    for f in forms:
        if f not in out:
            out.append(f)
    return out


def encode_form(form):
    """An IDD form as a UInt64: 10 bits of digit mask per position, the length in bits 60-63."""
    v = len(form) << 60
    for i, digits in enumerate(form):
        m = 0
        for d in digits:
            m |= 1 << int(d)
        v |= m << (10 * i)
    return v


def describe_form(form):
    """A form as regex-like text, for comments."""
    out = ""
    for digits in form:
        if len(digits) == 1:
            out += digits
        elif digits == "0123456789":
            out += "\\d"
        else:
            out += "[" + digits + "]"
    return out


# --- written national lengths ---------------------------------------------------------------

def example_numbers():
    """(region, PhoneNumber) for every region's example of every type, and every
    non-geographic entity's example."""
    out = []
    for r in regions():
        for t in TYPES:
            n = phonenumbers.example_number_for_type(r, t)
            if n is not None:
                out.append((r, n))
    for cc in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        n = phonenumbers.example_number_for_non_geo_entity(cc)
        if n is not None:
            out.append(("001", n))
    return out


def derived_numbers(seed, per_example=12, tries=40):
    """Valid numbers derived from the examples: the last digits replaced at random, sometimes
    one digit added or removed; kept when `is_valid_number` accepts them."""
    rng = random.Random(seed)
    out = []
    seen = set()
    for region, n in example_numbers():
        base = str(n.national_number)
        lead = "0" if n.italian_leading_zero else ""
        got = 0
        for _ in range(tries):
            if got >= per_example:
                break
            digits = base
            op = rng.random()
            if op < 0.15:
                digits = digits + str(rng.randrange(10))
            elif op < 0.3 and len(digits) > 3:
                digits = digits[:-1]
            k = rng.randrange(1, max(2, len(digits) - 1))
            digits = digits[:-k] + "".join(str(rng.randrange(10)) for _ in range(k))
            try:
                m = phonenumbers.parse("+%d%s%s" % (n.country_code, lead, digits), None)
            except phonenumbers.NumberParseException:
                continue
            if not phonenumbers.is_valid_number(m):
                continue
            key = (m.country_code, phonenumbers.national_significant_number(m))
            if key in seen:
                continue
            seen.add(key)
            out.append((phonenumbers.region_code_for_number(m) or region, m))
            got += 1
    return out


def format_lengths(metadata):
    """(lengths written without the prefix, lengths written after it) from the number
    formats: each format's pattern width, kept within the region's possible lengths."""
    possible = set(metadata.general_desc.possible_length)
    bare, after = set(), set()
    default_rule = getattr(metadata, "national_prefix_formatting_rule", None)
    for f in metadata.number_format:
        lo, hi = sre_parse.parse(f.pattern).getwidth()
        lengths = {n for n in possible if lo <= n <= hi}
        rule = f.national_prefix_formatting_rule or default_rule
        np = metadata.national_prefix or ""
        if not rule or not np or not rule.startswith(np) or f.national_prefix_optional_when_formatting:
            bare |= lengths
        if rule and np and rule.startswith(np):
            after |= lengths
    return bare, after


def written_national(numbers):
    """Per region: (bare digit counts, digit counts after the trunk prefix) seen in
    `format_number(NATIONAL)` output."""
    bare, after = {}, {}
    for region, n in numbers:
        if region == "001":
            continue
        m = PhoneMetadata.metadata_for_region(region)
        np = m.national_prefix or ""
        s = phonenumbers.format_number(n, PhoneNumberFormat.NATIONAL)
        digits = re.sub(r"[^0-9]", "", s)
        nsn = phonenumbers.national_significant_number(n)
        starts_with_np = bool(np) and digits.startswith(np) and digits != nsn
        if starts_with_np:
            after.setdefault(region, set()).add(len(digits) - len(np))
        else:
            bare.setdefault(region, set()).add(len(digits))
    return bare, after


# --- leading pairs and groupings ------------------------------------------------------------

def _chars(op, av):
    """The characters one LITERAL / IN / CATEGORY node matches, or None for other nodes."""
    if op is sre_constants.LITERAL:
        return {chr(av)}
    if op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_DIGIT:
        return set("0123456789")
    if op is sre_constants.IN:
        out = set()
        for iop, iav in av:
            if iop is sre_constants.LITERAL:
                out.add(chr(iav))
            elif iop is sre_constants.RANGE:
                out.update(chr(c) for c in range(iav[0], iav[1] + 1))
            elif iop is sre_constants.CATEGORY and iav is sre_constants.CATEGORY_DIGIT:
                out.update("0123456789")
            else:
                raise ValueError("unsupported class item %r" % (iop,))
        return out
    return None


def _prefixes(items, k):
    """Every string of length k a match of the parsed regex `items` can start with, plus the
    whole matches shorter than k."""
    results = {""}
    for op, av in items:
        new = set()
        for s in results:
            if len(s) >= k:
                new.add(s)
                continue
            for t in _item_prefixes(op, av, k - len(s)):
                new.add(s + t)
        results = new
    return results


def _item_prefixes(op, av, k):
    chars = _chars(op, av)
    if chars is not None:
        return chars
    if op is sre_constants.BRANCH:
        out = set()
        for b in av[1]:
            out |= _prefixes(b, k)
        return out
    if op is sre_constants.SUBPATTERN:
        return _prefixes(av[-1], k)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        out = set()
        # Repetitions past k add nothing to a k-byte prefix (every node here reads a byte).
        for count in range(min(lo, k), min(hi, k) + 1):
            out |= _prefixes(list(sub) * count, k)
        return out
    raise ValueError("unsupported regex node %r" % (op,))


def leading_pairs(metadata):
    """The two-digit NSN starts the region's national number pattern allows, as a 100-bit set."""
    bits = 0
    for s in _prefixes(sre_parse.parse(metadata.general_desc.national_number_pattern), 2):
        if len(s) == 2:
            bits |= 1 << int(s)
    return bits


#: A grouping longer than this many groups, or with a group of more than 15 digits, is not kept.
MAX_GROUPS = 7


def encode_grouping(groups):
    """A grouping (digit-group lengths, 1-15 each, at most MAX_GROUPS) as a UInt32: group i in
    bits 4i ..< 4i + 4. None when it does not fit."""
    if not groups or len(groups) > MAX_GROUPS or any(not 1 <= g <= 15 for g in groups):
        return None
    v = 0
    for i, g in enumerate(groups):
        v |= g << (4 * i)
    return v


def format_groupings(metadata, possible):
    """The groupings each number format (national and international) writes, for the region's
    possible lengths: the capture groups' widths, merged where `format` writes no separator."""
    out = set()
    for f in list(metadata.number_format) + list(metadata.intl_number_format or ()):
        try:
            parsed = sre_parse.parse(f.pattern)
        except Exception:
            continue
        widths = []
        for op, av in parsed:
            if op is not sre_constants.SUBPATTERN:
                widths = None
                break
            lo, hi = sre_parse.SubPattern(parsed.state, av[-1]).getwidth()
            widths.append(range(lo, min(hi, 15) + 1))
        if not widths:
            continue
        # Which groups the format writes, and whether a separator comes before each.
        tokens = re.findall(r"\$(\d)|([^$]+)", f.format)
        order, joined = [], []
        pending_sep = True
        for ref, text in tokens:
            if ref:
                order.append(int(ref) - 1)
                joined.append(not pending_sep and bool(order[:-1]))
                pending_sep = False
            elif re.search(r"[^0-9]", text):
                pending_sep = True
        if any(i >= len(widths) for i in order):
            continue
        combos = [[]]
        for i in order:
            combos = [c + [w] for c in combos for w in widths[i]]
            if len(combos) > 256:
                break
        for c in combos[:256]:
            if sum(c) not in possible:
                continue
            groups = []
            for w, join in zip(c, joined):
                if join and groups:
                    groups[-1] += w
                else:
                    groups.append(w)
            out.add(tuple(groups))
    return out


def _digit_groups(text):
    return tuple(len(g) for g in re.findall(r"[0-9]+", text))


def written_groupings(numbers):
    """Per region: the groupings `format_number` writes, NATIONAL without the trunk prefix and
    INTERNATIONAL without the country code."""
    out = {}
    for region, n in numbers:
        if region == "001":
            continue
        m = PhoneMetadata.metadata_for_region(region)
        np = m.national_prefix or ""
        nat = phonenumbers.format_number(n, PhoneNumberFormat.NATIONAL)
        groups = list(_digit_groups(nat))
        digits = re.sub(r"[^0-9]", "", nat)
        nsn = phonenumbers.national_significant_number(n)
        if np and digits.startswith(np) and digits != nsn and groups:
            groups[0] -= len(np)
            if groups[0] == 0:
                groups = groups[1:]
        got = out.setdefault(region, set())
        if groups:
            got.add(tuple(groups))
        intl = _digit_groups(phonenumbers.format_number(n, PhoneNumberFormat.INTERNATIONAL))[1:]
        if intl:
            got.add(intl)
    return out


# --- tables ---------------------------------------------------------------------------------

def build_tables():
    """Every table of PhoneMetadata.swift as plain Python data."""
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    regs = regions()
    numbers = example_numbers() + derived_numbers(TABLE_SEED)
    w_bare, w_after = written_national(numbers)
    w_groups = written_groupings(numbers)

    trunks = sorted({PhoneMetadata.metadata_for_region(r).national_prefix for r in regs} - {None, ""},
                    key=lambda t: (len(t), t))
    forms = []
    region_rows = []
    for r in regs:
        m = PhoneMetadata.metadata_for_region(r)
        possible = set(m.general_desc.possible_length)
        local = set(m.general_desc.possible_length_local_only or ())
        np = m.national_prefix or ""
        f_bare, f_after = format_lengths(m)
        if np:
            bare = f_bare | w_bare.get(r, set())
            after = possible | f_after | w_after.get(r, set())
        else:
            bare = possible | w_bare.get(r, set())
            after = set()
        region_forms = idd_forms(m)
        bits = 0
        for f in region_forms:
            if f not in forms:
                forms.append(f)
            bits |= 1 << forms.index(f)
        groupings = {encode_grouping(g) for g in format_groupings(m, possible | local) | w_groups.get(r, set())} - {None}
        region_rows.append(dict(
            code=r, cc=m.country_code, lengths=mask(possible), local=mask(local),
            trunk=(trunks.index(np) + 1) if np else 0, after=mask(after), bare=mask(bare),
            idd=bits, idd_text=m.international_prefix or "", pairs=leading_pairs(m), groupings=groupings,
        ))
    if len(forms) > 64:
        raise SystemExit("more than 64 distinct IDD forms; widen regionInternationalPrefixes")
    if len(trunks) > 8:
        raise SystemExit("more than 8 distinct trunk prefixes; widen callingCodeTrunks")

    cc_lengths = [0] * 1000
    cc_local = [0] * 1000
    cc_trunks = [0] * 1000
    for cc in codes:
        for m in metadata_for_code(cc):
            cc_lengths[cc] |= mask(m.general_desc.possible_length)
            cc_local[cc] |= mask(m.general_desc.possible_length_local_only or ())
            if m.national_prefix:
                cc_trunks[cc] |= 1 << trunks.index(m.national_prefix)
    keys = sorted(set().union(*(row["groupings"] for row in region_rows)))
    starts, members = [], []
    for key in keys:
        starts.append(len(members))
        members.extend(i for i, row in enumerate(region_rows) if key in row["groupings"])
    starts.append(len(members))
    return dict(codes=codes, cc_lengths=cc_lengths, cc_local=cc_local, cc_trunks=cc_trunks,
                trunks=trunks, forms=forms, regions=region_rows,
                grouping_keys=keys, grouping_starts=starts, grouping_members=members)


# --- Swift output ---------------------------------------------------------------------------

def swift_array(name, type_, values, fmt, per_line, doc):
    lines = ["    " + d for d in doc]
    lines.append("    static let %s: [%s] = [" % (name, type_))
    for i in range(0, len(values), per_line):
        lines.append("        " + ", ".join(fmt(v) for v in values[i:i + per_line]) + ",")
    lines.append("    ]")
    return "\n".join(lines)


def render(t):
    hex32 = lambda v: "0x%08X" % v
    hex64 = lambda v: "0x%016X" % v
    dec = lambda v: "%d" % v
    regs = t["regions"]
    out = []
    out.append("// Generated by corpus/tools/gen_phone_metadata.py from phonenumbers %s" % phonenumbers.__version__)
    out.append("// (Google libphonenumber metadata). Do not edit; run the script instead.")
    out.append("")
    out.append("/// Phone-number facts from libphonenumber's metadata, as compact tables for ``PhoneCheck``.")
    out.append("///")
    out.append("/// Lengths are bitmasks: bit `n` set means an NSN (national significant number, the digits")
    out.append("/// after the country code) of `n` digits is possible. Regions are indexed by their position in")
    out.append("/// ``regionCodes``; trunk prefixes by their position in ``trunkPrefixValues`` (plus one in")
    out.append("/// ``regionTrunk``, where 0 means none).")
    out.append("enum PhoneMetadata {")
    out.append("    /// The phonenumbers release these tables were generated from.")
    out.append('    static let sourceVersion = "%s"' % phonenumbers.__version__)
    out.append("")
    out.append("    /// How many regions ``regionCodes`` lists.")
    out.append("    static let regionCount = %d" % len(regs))
    out.append("")
    out.append(swift_array("callingCodeLengths", "UInt32", t["cc_lengths"], hex32, 8, [
        "/// Possible NSN lengths per calling code, indexed by the code (0...999); 0 when no such code",
        "/// exists. The union over the regions (or non-geographic entity) sharing the code. Codes are",
        "/// prefix-free, so the first 1-3 digits that index a nonzero entry are the code.",
    ]))
    out.append("")
    out.append(swift_array("callingCodeLocalOnlyLengths", "UInt32", t["cc_local"], hex32, 8, [
        "/// Lengths possible only for local dialling (no area code), per calling code; the union over",
        "/// its regions. Indexed like ``callingCodeLengths``.",
    ]))
    out.append("")
    out.append(swift_array("callingCodeTrunks", "UInt8", t["cc_trunks"], dec, 25, [
        "/// The trunk prefixes the regions of each calling code use: bit `i` means",
        "/// ``trunkPrefixValues``[i]. Indexed like ``callingCodeLengths``.",
    ]))
    out.append("")
    out.append(swift_array("trunkPrefixValues", "UInt32", [int(x) for x in t["trunks"]], dec, 8, [
        "/// The distinct national (trunk) prefixes as numbers: %s. With" % ", ".join('"%s"' % x for x in t["trunks"]),
        "/// ``trunkPrefixLengths`` they are exact (\"06\" is 6 in two digits).",
    ]))
    out.append("")
    out.append(swift_array("trunkPrefixLengths", "UInt8", [len(x) for x in t["trunks"]], dec, 8, [
        "/// The digit count of each trunk prefix in ``trunkPrefixValues``.",
    ]))
    out.append("")
    forms_doc = ["/// The distinct international (IDD) prefix forms, each a fixed-length run of digit classes:",
                 "/// bits `10 * i ..< 10 * i + 10` hold the digits allowed at position `i` (bit `d` for digit",
                 "/// `d`), bits 60-63 the length. The metadata's regexes reduced to their alternatives of at",
                 "/// most %d digits (see the generator):" % MAX_IDD_DIGITS]
    line = "///"
    for i, f in enumerate(t["forms"]):
        item = " %d %s%s" % (i, describe_form(f), "," if i + 1 < len(t["forms"]) else ".")
        if len(line) + len(item) > 96:
            forms_doc.append(line)
            line = "///"
        line += item
    forms_doc.append(line)
    out.append(swift_array("internationalPrefixForms", "UInt64", [encode_form(f) for f in t["forms"]], hex64, 4, forms_doc))
    out.append("")
    out.append(swift_array("regionCodes", "UInt16", [(ord(r["code"][0]) << 8) | ord(r["code"][1]) for r in regs],
                           lambda v: "0x%04X" % v, 10, [
        "/// ISO 3166 alpha-2 region codes, two ASCII letters as `first << 8 | second`, sorted:",
    ] + ["/// " + " ".join(r["code"] for r in regs[i:i + 30]) for i in range(0, len(regs), 30)]))
    out.append("")
    out.append(swift_array("regionCallingCodes", "UInt16", [r["cc"] for r in regs], dec, 16, [
        "/// Each region's country calling code.",
    ]))
    out.append("")
    out.append(swift_array("regionLengths", "UInt32", [r["lengths"] for r in regs], hex32, 8, [
        "/// Each region's possible NSN lengths (`general_desc.possible_length`).",
    ]))
    out.append("")
    out.append(swift_array("regionLocalOnlyLengths", "UInt32", [r["local"] for r in regs], hex32, 8, [
        "/// Each region's local-only lengths (`general_desc.possible_length_local_only`).",
    ]))
    out.append("")
    out.append(swift_array("regionTrunk", "UInt8", [r["trunk"] for r in regs], dec, 30, [
        "/// Each region's trunk prefix: 1 + its index in ``trunkPrefixValues``, or 0 for none.",
    ]))
    out.append("")
    out.append(swift_array("regionNationalLengths", "UInt32", [r["after"] for r in regs], hex32, 8, [
        "/// Digit counts that may follow the trunk prefix in a national number: the possible lengths",
        "/// plus what libphonenumber's NATIONAL format writes (Argentina's mobile \"15\" adds digits).",
        "/// 0 for regions without a trunk prefix.",
    ]))
    out.append("")
    out.append(swift_array("regionBareLengths", "UInt32", [r["bare"] for r in regs], hex32, 8, [
        "/// Digit counts a national number may have when written without the trunk prefix: every",
        "/// possible length when the region has none; otherwise the lengths whose NATIONAL format",
        "/// writes no prefix or makes it optional.",
    ]))
    out.append("")
    out.append(swift_array("regionInternationalPrefixes", "UInt64", [r["idd"] for r in regs], hex64, 4, [
        "/// Each region's IDD forms: bit `i` means ``internationalPrefixForms``[i].",
    ]))
    out.append("")
    pairs = []
    for r in regs:
        pairs += [r["pairs"] & ((1 << 64) - 1), r["pairs"] >> 64]
    out.append(swift_array("regionLeadingPairs", "UInt64", pairs, hex64, 4, [
        "/// The first two NSN digits each region's national number pattern allows: bit `p` of",
        "/// words `2r` (p < 64) and `2r + 1` (p - 64) for region `r` and the pair `p` (00...99).",
    ]))
    out.append("")
    out.append(swift_array("groupingKeys", "UInt32", t["grouping_keys"], hex32, 8, [
        "/// Every written grouping, sorted: digit-group lengths, group `i` in bits `4i ..< 4i + 4`",
        "/// (`201 555 0123` is 0x433). The regions writing each are",
        "/// ``groupingMembers``[``groupingStarts``[k] ..< ``groupingStarts``[k + 1]].",
    ]))
    out.append("")
    out.append(swift_array("groupingStarts", "UInt16", t["grouping_starts"], dec, 16, [
        "/// Where each grouping's regions start in ``groupingMembers`` (one more entry than keys).",
    ]))
    out.append("")
    out.append(swift_array("groupingMembers", "UInt8", t["grouping_members"], dec, 25, [
        "/// Region indexes, listed per grouping.",
    ]))
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the Swift file is out of date")
    ap.add_argument("--out", default=OUT, help="where to write (default: %(default)s)")
    args = ap.parse_args()
    text = render(build_tables())
    if args.check:
        current = open(args.out).read() if os.path.exists(args.out) else ""
        if current != text:
            print("%s is out of date; run %s" % (args.out, sys.argv[0]))
            return 1
        return 0
    with open(args.out, "w") as f:
        f.write(text)
    print("wrote %s (%d bytes)" % (args.out, len(text.encode())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
