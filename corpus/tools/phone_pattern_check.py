#!/usr/bin/env python3
"""Measures the proposed phone pattern (see PHONE_PATTERN.md) with real PCRE2 and the real
Swift PhoneCheck, as the engine runs them: the pattern compiled anchored as `(?:P)(?C1)` with
JIT, the callout running `PhoneCheck.isPossible` on the match so far and backtracking when it
refuses.

Usage (from the repository root; needs python3 `phonenumbers`, swiftc and libpcre2-dev):

    python3 corpus/tools/phone_pattern_check.py pattern     # print the pattern and its bound
    python3 corpus/tools/phone_pattern_check.py recall      # positives, per form
    python3 corpus/tools/phone_pattern_check.py negatives   # false positives, per category
    python3 corpus/tools/phone_pattern_check.py diff        # PhoneCheck vs is_possible_number
    python3 corpus/tools/phone_pattern_check.py all

The harness (a Swift executable built from PhoneMetadata.swift and PhoneCheck.swift with a
small main) is built into $TMPDIR/veil-phone-harness on first use.
"""

import argparse
import collections
import os
import random
import re
import subprocess
import sys
import tempfile
import uuid

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberFormat as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_phone_metadata as gen  # noqa: E402

ROOT = gen.ROOT
SWIFT_SOURCES = [os.path.join(ROOT, "Sources", "ScanCore", "Validators", n)
                 for n in ("PhoneMetadata.swift", "PhoneCheck.swift")]
HARNESS_DIR = os.path.join(tempfile.gettempdir(), "veil-phone-harness")

# --- the pattern, piece by piece ----------------------------------------------------------

#: Never start inside a word, a number, a decimal, a path or after a `+`; not inside an IBAN
#: (`DE89 `), a licence plate or postcode form kept from the first rule (`12 ABCD `, `A123 `),
#: after an HTTP version and its quote (`HTTP/1.1" 304 72738` is a status and a size), or
#: after a digit and `:` (the seconds of `5:35:48`, a port), or as the value of a JSON key that
#: ends in `id` (`"orderId": 3672940505`, also escaped): identifiers are not phones.
LOOKBEHIND = (r"(?<![A-Za-z0-9_+.#/@-])"
              # The others by the byte they end in, so a start after neither `:` nor a space
              # (most starts) pays for two one-byte lookbehinds, not nine longer ones.
              r"(?:(?<!:)|(?<![Ii][Dd]\":)(?<![Ii][Dd]\\\":)(?<![0-9]:))"
              r"(?:(?<! )|(?<![Ii][Dd]\": )(?<![Ii][Dd]\\\": )(?<![A-Z]{2}[0-9]{2} )(?<!/[0-9]\" )"
              r"(?<!/[0-9]\.[0-9]\" )(?<![0-9]{2} [A-Z]{4} )(?<![A-Z][0-9]{3} ))")

#: A separator between digit groups: space, `-` or `/`; or `.` between groups of 2-4 digits
#: with a second `.` before or after (`555.123.4567`, `01.23.45.67.89`), so versions
#: `10.0.19041.1`, decimals `128.8227` and epoch fractions never join. It must be followed
#: by a digit or `(`, and never makes a third one-digit group in a row (`1 2 3 4 5 6 7`; two
#: are fine: Bulgaria's `+359 2 1 23 47`).
SEP = (r"(?:[ /-]|\.(?<=[0-9]{2}\.)(?<![0-9]{5}\.)(?=[0-9]{2,4}(?![0-9]))"
       r"(?=[0-9]{2,4}\.[0-9]|(?<=\.[0-9]{2}\.|\.[0-9]{3}\.|\.[0-9]{4}\.)))"
       r"(?=[0-9(])(?!(?<=(?<![0-9])[0-9][ ./-][0-9].)[0-9](?![0-9]))")

#: `(` only where a group of 1-5 digits (or `06 1`, `8-5`) and `)` follow.
OPEN = r"\((?=[0-9]{1,5}\)|[0-9]{1,2}[ -][0-9]{1,3}\))"

#: `)` only after a digit and before a digit, `(` or one separator and a digit.
CLOSE = r"(?<=[0-9])\)(?=[ /-]?[0-9(])"

#: One byte of the number.
TOKEN = r"(?:[0-9]|" + SEP + "|" + OPEN + "|" + CLOSE + ")"

#: Bare digit runs that are phone numbers as written every day: China's 11-digit mobiles
#: (1[3-9], libphonenumber's CN mobile pattern), which Chinese text and databases write bare.
#: Epochs (10 or 13 digits) and yyyymmdd dates do not fit. Decision: shorter national mobiles
#: (Colombia's 10-digit 3[0-5], Portugal's 9-digit 9[1236], NANP's 10 digits) are not among
#: them: as bare runs they are as often order numbers and counts (4 in 10 random 10-digit
#: numbers have the NANP shape), so they need a `+`, a trunk prefix, separators or a label.
BARE_MOBILE = [
    r"1[3-9][0-9]{9}(?![0-9])",
]

#: Starts that are something else: a date (Y-M-D, D.M.Y, M/D/Y with one separator kind), an
#: IPv4 address, a card number in 4-4-4-4 groups, a US SSN, an ISBN-13, a start inside a run of
#: 4-digit groups (a 4-digit group right after another: a card's or an IBAN's inner groups,
#: `DE89 3704 0044 ...`; so a phone that follows a card-like run starts at its own first group),
#: and a bare digit run (no separator after its first group) unless it starts with 0 and then
#: 1-9, or 00 and then 1-9, or is one of the mobile shapes written bare every day (BARE_MOBILE), or
#: has an extension (`16414461 ext. 8705`).
EXCLUDE = "(?!" + "|".join([
    r"(?:19|20)[0-9]{2}-[01]?[0-9]-[0-3]?[0-9](?![./-]?[0-9])",
    r"(?:19|20)[0-9]{2}\.[01]?[0-9]\.[0-3]?[0-9](?![./-]?[0-9])",
    r"(?:19|20)[0-9]{2}/[01]?[0-9]/[0-3]?[0-9](?![./-]?[0-9])",
    r"[0-3]?[0-9]\.[0-3]?[0-9]\.(?:19|20)?[0-9]{2}(?![./-]?[0-9])",
    r"[0-3]?[0-9]/[0-3]?[0-9]/(?:19|20)?[0-9]{2}(?![./-]?[0-9])",
    r"[0-3]?[0-9]-[0-3]?[0-9]-(?:19|20)[0-9]{2}(?![./-]?[0-9])",
    r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
    r"(?!\.?[0-9])",
    r"[0-9]{4}(?: [0-9]{4}){3}(?!-?[0-9])",
    r"[0-9]{4}(?:-[0-9]{4}){3}(?!-?[0-9])",
    r"[0-9]{3}-[0-9]{2}-[0-9]{4}(?!-?[0-9])",
    r"97[89]-[0-9]{1,5}-[0-9]{1,7}-[0-9]{1,7}-[0-9X](?![0-9])",
    r"(?<=[0-9]{4}[ -]|[A-Z]{2}[0-9]{2} )[0-9]{4}[ -][0-9]",
    r"(?!0[1-9]|00[1-9]|" + "|".join(BARE_MOBILE) + r")[0-9]{1,31}+(?![ ./-][0-9(]|\(| ?(?:[xX#]|[eE][xX][tT]|[Ii]nt|[Aa]nexo))",
]) + ")"

#: A leading `+` (then 1-9), a country code in parentheses with its `+` (`(+57) 312`), or a
#: digit or `(`.
HEAD = r"(?:\+(?=[1-9])|\(\+(?=[1-9][0-9]{0,2}\))|(?=[0-9(]))"

#: 7 to 28 bytes of number, ending in a digit.
BODY = TOKEN + r"{6,27}[0-9]"

#: An optional extension: ` x123`, `x123`, ` ext. 123`, ` ext 123`, `#123`, ` int. 123`,
#: ` anexo 123` (1-5 digits).
EXT = r"(?: ?(?:[xX]|[eE][xX][tT]\.?|#|[Ii]nt\.?|[Aa]nexo) ?[0-9]{1,5})?"

#: Never end inside a word or a number (`.` `:` `/` `-` then a digit is a number going on, and
#: so is `,` and one or two digits: a price), nor before `-` and a letter (a UUID's head).
LOOKAHEAD = r"(?![A-Za-z0-9_]|[.:/-]?[0-9]|-[A-Za-z]|,[0-9]{1,2}(?![0-9]))"

PATTERN = LOOKBEHIND + EXCLUDE + HEAD + BODY + EXT + LOOKAHEAD

#: The phone pattern in Sources/ScanCore/Rules/BuiltinRules.swift before this proposal.
CURRENT = (r"(?<![A-Za-z0-9_+.-])(?<![A-Z]{2}[0-9]{2} )(?<![0-9]{2} [A-Z]{4} )(?<![A-Z][0-9]{3} )"
           r"(?:\+[1-9][0-9]{0,2}(?:[ .-]?\(?[0-9]{1,4}\)?){2,5}|\(?[2-9][0-9]{2}\)?[ .-]?[2-9][0-9]{2}"
           r"[ .-][0-9]{4}|0[1-9][0-9]{0,3}[ -][0-9]{3,4}[ -]?[0-9]{3,4}|0[1-9](?:[ .][0-9]{2}){4}"
           r"|3[0-9]{2} [0-9]{3} [0-9]{3,4}|[6-9][0-9]{2} [0-9]{3} [0-9]{3})(?![A-Za-z0-9_]|[.-]?[0-9])")


# --- PatternBound, ported from Sources/ScanCore/Rules/PatternBound.swift -------------------

def pattern_bound(pattern):
    """The longest match PatternBound proves, or None."""
    b = pattern.encode()
    st = {"i": 0, "groups": {}, "count": 0}

    def peek(k=0):
        j = st["i"] + k
        return b[j:j + 1].decode() if j < len(b) else None

    def alternation():
        best = 0
        while True:
            n = sequence()
            if n is None:
                return None
            best = max(best, n)
            if peek() == "|":
                st["i"] += 1
                continue
            return best

    def sequence():
        total = 0
        while peek() is not None and peek() not in "|)":
            a = atom()
            if a is None:
                return None
            q = quantifier()
            if q is None:
                return None
            total += a * q
        return total

    def quantifier():
        c = peek()
        if c is None:
            return 1
        if c in "*+":
            return None
        if c == "?":
            st["i"] += 1
            factor = 1
        elif c == "{":
            m = re.match(rb"\{(\d*)(,?)(\d*)\}", b[st["i"]:])
            if not m or (not m.group(1) and not m.group(2)):
                return 1
            if m.group(2) and not m.group(3):
                return None
            factor = int(m.group(3) if m.group(2) else m.group(1))
            st["i"] += m.end()
        else:
            return 1
        if peek() in ("?", "+"):
            st["i"] += 1
        return factor

    def atom():
        c = peek()
        if c == "(":
            return group()
        if c == "[":
            return klass()
        if c == "\\":
            return escape()
        st["i"] += 1
        return 0 if c in "^$" else 1

    def group():
        st["i"] += 1
        captures, zero = True, False
        if peek() == "?":
            st["i"] += 1
            captures = False
            c = peek()
            if c in ":>|":
                st["i"] += 1
            elif c in "=!":
                st["i"] += 1
                zero = True
            elif c == "<" and peek(1) in ("=", "!"):
                st["i"] += 2
                zero = True
            else:
                return None
        if captures:
            st["count"] += 1
        number = st["count"]
        inner = alternation()
        if inner is None or peek() != ")":
            return None
        st["i"] += 1
        if captures:
            st["groups"][number] = inner
        return 0 if zero else inner

    def klass():
        st["i"] += 1
        if peek() == "^":
            st["i"] += 1
        if peek() == "]":
            st["i"] += 1
        while peek() is not None:
            c = peek()
            if c == "\\":
                st["i"] += 2
                continue
            st["i"] += 1
            if c == "]":
                return 1
        return None

    def escape():
        st["i"] += 1
        c = peek()
        st["i"] += 1
        if c in "bBAzZG":
            return 0
        if c in "QEKRXCgk":
            return None
        if c and c in "123456789":
            return st["groups"].get(int(c))
        return 1

    n = alternation()
    return n if st["i"] >= len(b) else None


# --- the harness -----------------------------------------------------------------------------

HARNESS_MAIN = r'''
import CPCRE2
import Glibc

// Usage: harness PATTERN MODE [MIN_DIGITS]
//   match | raw : stdin "START<TAB>SUBJECT"; START -1 tries every start. Prints the matches
//                 as "s-e" like the engine: anchored "(?:P)(?C1)" with JIT, the callout runs
//                 PhoneCheck (raw: accepts everything), and a match consumes its bytes.
//   check       : stdin "REGIONS<TAB>CANDIDATE" (REGIONS "*" = nil, or "DE,FR", "+L" suffix =
//                 local-only lengths count); prints 1 or 0 from PhoneCheck.isPossible alone.
let args = CommandLine.arguments
nonisolated(unsafe) var minDigits = args.count > 3 ? Int(args[3])! : 7
nonisolated(unsafe) var useValidator = args[2] == "match"

func parseRegions(_ spec0: String) -> PhoneCheck.Regions?? {
    if spec0 == "*" { return .some(nil) }
    var spec = spec0, local = false
    if spec.hasSuffix("+L") { local = true; spec.removeLast(2) }
    if spec == "ALL" { return .some(PhoneCheck.Regions(indices: 0..<PhoneMetadata.regionCount, localOnly: local)) }
    guard let r = PhoneCheck.Regions(codes: spec.split(separator: ",").map(String.init), localOnly: local) else { return nil }
    return .some(r)
}

if args[2] == "check" {
    var cache: [String: PhoneCheck.Regions?] = [:]
    while let line = readLine() {
        let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
        let spec = String(parts[0])
        let regions: PhoneCheck.Regions?
        if let r = cache[spec] { regions = r } else {
            guard let r = parseRegions(spec) else { print("?"); continue }
            cache[spec] = r; regions = r
        }
        var s = String(parts[1])
        let ok = s.withUTF8 { PhoneCheck.isPossible(UnsafeRawBufferPointer($0), regions: regions, minimumDigits: minDigits) }
        print(ok ? "1" : "0")
    }
    exit(0)
}

let pattern = args[1]
let full = "(?:\(pattern))(?C1)"
var err: Int32 = 0, off = 0
let compiled: OpaquePointer? = full.utf8CString.withUnsafeBufferPointer { buf in
    buf.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: buf.count) { p in
        pcre2_compile_8(p, buf.count - 1, veil_pcre2_anchored(), &err, &off, nil)
    }
}
guard let code = compiled else { print("compile error \(err) at \(off)"); exit(2) }
guard pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0 else { print("no JIT"); exit(2) }
var lookbehind: UInt32 = 0
_ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MAXLOOKBEHIND), &lookbehind)
if lookbehind > 8 { print("lookbehind \(lookbehind) > 8"); exit(2) }
let md = pcre2_match_data_create_from_pattern_8(code, nil)!
let ctx = pcre2_match_context_create_8(nil)!
let callout: @convention(c) (UnsafeMutablePointer<pcre2_callout_block_8>?, UnsafeMutableRawPointer?) -> Int32 = { block, _ in
    guard useValidator else { return 0 }
    let b = block!.pointee
    let v = UnsafeRawBufferPointer(start: b.subject + b.start_match, count: b.current_position - b.start_match)
    return PhoneCheck.isPossible(v, regions: nil, minimumDigits: minDigits) ? 0 : 1
}
pcre2_set_callout_8(ctx, callout, nil)

while let line = readLine() {
    let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
    let start = Int(parts[0])!
    var s = String(parts[1])
    var out: [String] = []
    s.withUTF8 { u in
        var p = start < 0 ? 0 : start
        while p < u.count {
            let rc = pcre2_jit_match_8(code, u.baseAddress!, u.count, p, 0, md, ctx)
            if rc > 0 {
                let ov = pcre2_get_ovector_pointer_8(md)!
                out.append("\(ov[0])-\(ov[1])")
                if start >= 0 { break }
                p = max(ov[1], p + 1)
            } else {
                if start >= 0 { break }
                p += 1
            }
        }
    }
    print(out.joined(separator: " "))
}
'''


def harness():
    """Builds the harness when a source is newer than it; returns its path."""
    exe = os.path.join(HARNESS_DIR, "harness")
    main = os.path.join(HARNESS_DIR, "main.swift")
    os.makedirs(HARNESS_DIR, exist_ok=True)
    if not os.path.exists(main) or open(main).read() != HARNESS_MAIN:
        with open(main, "w") as f:
            f.write(HARNESS_MAIN)
    newest = max(os.path.getmtime(p) for p in SWIFT_SOURCES + [main])
    if not os.path.exists(exe) or os.path.getmtime(exe) < newest:
        cmd = ["swiftc", "-O", "-I", os.path.join(ROOT, "Sources", "CPCRE2"), main] + SWIFT_SOURCES + ["-o", exe]
        subprocess.run(cmd, check=True)
    return exe


def run(mode, lines, pattern=PATTERN, min_digits=7):
    """Feeds `lines` to the harness; returns its output lines."""
    out = subprocess.run([harness(), pattern, mode, str(min_digits)], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, check=True).stdout
    got = out.split("\n")[:len(lines)]
    if len(got) != len(lines):
        raise SystemExit("harness: " + out[:200])
    return got


# --- positives ---------------------------------------------------------------------------------

PREFIX, SUFFIX = "Call ", " now."


def positives(seed=2):
    """(form, text) pairs: libphonenumber's formats of example and derived numbers, and the
    hand-written forms the rule must also take."""
    rng = random.Random(seed)
    numbers = gen.example_numbers() + gen.derived_numbers(seed)
    out = []
    for region, n in numbers:
        e164 = phonenumbers.format_number(n, F.E164)
        intl = phonenumbers.format_number(n, F.INTERNATIONAL)
        out.append(("E164", e164))
        out.append(("INTERNATIONAL", intl))
        cc = str(n.country_code)
        rest = intl[len(cc) + 2:]
        out.append(("IDD 00", "00" + e164[1:]))
        out.append(("IDD 00 spaced", "00 " + intl[1:]))
        out.append(("IDD 011", "011 " + intl[1:]))
        out.append(("IDD 001-", "001-" + intl[1:].replace(" ", "-")))
        groups = intl.split(" ")
        if len(groups) >= 3 and groups[1].isdigit():
            out.append(("+CC (area) rest", "%s (%s) %s" % (groups[0], groups[1], " ".join(groups[2:]))))
        out.append(("intl, dashes", intl.replace(" ", "-")))
        ext = rng.choice([" x", " ext. ", " ext ", "#"]) + str(rng.randrange(1, 99999))
        out.append(("ext (intl)", intl + ext))
        if region == "001":
            continue
        national = phonenumbers.format_number(n, F.NATIONAL)
        np = PhoneMetadata.metadata_for_region(region).national_prefix
        if np == "0":
            out.append(("+CC (0)", "+%s (0)%s" % (cc, rest)))
            out.append(("+CC (0) spaced", "+%s (0) %s" % (cc, rest)))
        bare = re.fullmatch(r"[0-9]+", national) is not None
        out.append(("NATIONAL bare" if bare else "NATIONAL", national))
        out.append(("ext (national)", national + ext))
        digits = re.sub(r"[^0-9]", "", national)
        ngroups = re.split(r"[ -]", national)
        if not bare and len(ngroups) >= 3 and all(re.fullmatch(r"[0-9]{2,4}", g) for g in ngroups):
            out.append(("national, dots", ".".join(ngroups)))
        if not bare and re.fullmatch(r"0[0-9]{1,4}", ngroups[0]):
            out.append(("national, slash", ngroups[0] + "/" + "".join(ngroups[1:])))
        if np == "0" and digits.startswith("0") and len(digits) >= 8:
            k = rng.choice([3, 4, 5])
            out.append(("(0AC) area code", "(%s) %s" % (digits[:k], digits[k:])))
            out.append(("5-digit area code", "%s %s" % (digits[:5], digits[5:])))
        if len(digits) in (9, 10) and not bare:
            head = 2 if len(digits) == 9 else 3
            groups = [digits[:head], digits[head:head + 3]] + [digits[i:i + 2] for i in range(head + 3, len(digits), 2)]
            out.append(("two-digit groups", " ".join(groups)))
    return out


def recall(pattern=PATTERN, label="proposed"):
    """Prints, per form, how many texts are matched in full by the pattern alone and by the
    pattern with PhoneCheck; "eligible" leaves out what the rule gives up on purpose: fewer
    than 7 digits, and bare national digit runs that do not start with 0."""
    items = positives()
    lines = ["%d\t%s%s%s" % (len(PREFIX), PREFIX, t, SUFFIX) for _, t in items]
    raw = run("raw", lines, pattern)
    val = run("match", lines, pattern)
    stats = collections.OrderedDict()
    misses = collections.defaultdict(list)
    for (form, text), r, v in zip(items, raw, val):
        want = "%d-%d" % (len(PREFIX), len(PREFIX) + len(text))
        number = re.split(r" ?(?:x|ext|#)", text)[0]
        eligible = len(re.sub(r"[^0-9]", "", number)) >= 7 and not re.fullmatch(r"[1-9][0-9]*|00?", number)
        s = stats.setdefault(form, [0, 0, 0, 0, 0, 0])
        for k, ok in enumerate((True, r == want, v == want)):
            s[k] += ok
            s[k + 3] += ok and eligible
        if v != want and eligible:
            misses[form].append(text)
    print("recall (%s pattern): texts fully matched; all texts, then eligible ones" % label)
    print("  %-18s %6s %8s %8s   %6s %8s %8s" % ("form", "texts", "pattern", "+check", "elig.", "pattern", "+check"))
    groups = {"all forms": lambda f: True,
              "format_number": lambda f: f in ("E164", "INTERNATIONAL", "NATIONAL", "NATIONAL bare")}
    totals = {g: [0] * 6 for g in groups}
    pct = lambda a, b: 100.0 * a / b if b else 100.0
    row = lambda name, s: "  %-18s %6d %7.2f%% %7.2f%%   %6d %7.2f%% %7.2f%%" % (
        name, s[0], pct(s[1], s[0]), pct(s[2], s[0]), s[3], pct(s[4], s[3]), pct(s[5], s[3]))
    for form, s in stats.items():
        print(row(form, s) + ("   miss: " + " | ".join(misses[form][:2]) if misses[form] else ""))
        for g, f in groups.items():
            if f(form):
                totals[g] = [a + b for a, b in zip(totals[g], s)]
    for g in groups:
        print(row(g, totals[g]))
    return misses


# --- negatives ---------------------------------------------------------------------------------

def luhn_complete(prefix, length, rng):
    digits = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    for check in "0123456789":
        s = digits + check
        total = 0
        for i, ch in enumerate(reversed(s)):
            d = int(ch)
            if i % 2:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            return s


def negatives(seed=3, per=400):
    """(category, text) pairs that are not phone numbers."""
    rng = random.Random(seed)
    out = []

    def add(cat, f):
        for _ in range(per):
            out.append((cat, f()))

    def date():
        return rng.randrange(1990, 2031), rng.randrange(1, 13), rng.randrange(1, 29)

    add("ISO date", lambda: "%04d-%02d-%02d" % date())
    add("ISO timestamp", lambda: "%04d-%02d-%02dT%02d:%02d:%02dZ" % (date() + (rng.randrange(24), rng.randrange(60), rng.randrange(60))))
    add("timestamp, space", lambda: "%04d-%02d-%02d %02d:%02d:%02d" % (date() + (rng.randrange(24), rng.randrange(60), rng.randrange(60))))
    add("timestamp, millis+tz", lambda: "%04d-%02d-%02dT%02d:%02d:%02d.%03d+01:00" % (date() + (rng.randrange(24), rng.randrange(60), rng.randrange(60), rng.randrange(1000))))
    add("D.M.Y date", lambda: "%02d.%02d.%04d" % tuple(reversed(date())))
    add("M/D/Y date", lambda: (lambda y, m, d: "%02d/%02d/%04d" % (m, d, y))(*date()))
    add("D.M.Y H:M", lambda: "%02d.%02d.%04d %02d:%02d" % (tuple(reversed(date())) + (rng.randrange(24), rng.randrange(60))))
    add("time", lambda: "%02d:%02d:%02d" % (rng.randrange(24), rng.randrange(60), rng.randrange(60)))
    add("price 1,234.56", lambda: "{:,}.{:02d}".format(rng.randrange(1000, 100000000), rng.randrange(100)))
    add("price 1.234,56", lambda: "{:,}".format(rng.randrange(1000, 100000000)).replace(",", ".") + ",%02d" % rng.randrange(100))
    add("version", lambda: ".".join(str(rng.randrange(0, 30)) for _ in range(rng.choice([3, 4]))))
    add("version 10.0.x.y", lambda: "10.0.%d.%d" % (rng.randrange(10000, 30000), rng.randrange(1, 5000)))
    add("epoch seconds", lambda: str(rng.randrange(1_000_000_000, 2_000_000_000)))
    add("epoch millis", lambda: str(rng.randrange(1_000_000_000_000, 2_000_000_000_000)))
    add("epoch s.frac", lambda: "%d.%03d" % (rng.randrange(1_000_000_000, 2_000_000_000), rng.randrange(1000)))
    add("order number", lambda: "%s-%04d-%06d" % (rng.choice(["ORD", "INV", "PO"]), rng.randrange(2015, 2031), rng.randrange(1000000)))
    add("IPv4", lambda: ".".join(str(rng.randrange(256)) for _ in range(4)))
    add("IPv4:port", lambda: ".".join(str(rng.randrange(256)) for _ in range(4)) + ":%d" % rng.randrange(1, 65536))
    add("UUID", lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)))
    add("card 4-4-4-4", lambda: " ".join(re.findall("....", luhn_complete(rng.choice("3456"), 16, rng))))
    add("card 4-4-4-4 dash", lambda: "-".join(re.findall("....", luhn_complete(rng.choice("3456"), 16, rng))))
    add("card bare", lambda: luhn_complete(rng.choice("3456"), 16, rng))
    add("US SSN", lambda: "%03d-%02d-%04d" % (rng.randrange(1, 900), rng.randrange(1, 100), rng.randrange(1, 10000)))
    return out


def extra_negatives(seed=4, per=400):
    """Harder non-phones, outside the brief's list, reported separately."""
    rng = random.Random(seed)
    out = []

    def add(cat, f):
        for _ in range(per):
            out.append((cat, f()))

    add("thousands, spaces", lambda: "{:,}".format(rng.randrange(1_000_000, 1_000_000_000)).replace(",", " "))
    add("small numbers list", lambda: " ".join(str(rng.randrange(10)) for _ in range(8)))
    add("two-digit list", lambda: " ".join("%02d" % rng.randrange(100) for _ in range(5)))
    add("year + count", lambda: "in %d %d people" % (rng.randrange(1990, 2031), rng.randrange(10, 1000)))
    add("ISBN-13", lambda: "978-%d-%02d-%06d-%d" % (rng.randrange(10), rng.randrange(100), rng.randrange(1000000), rng.randrange(10)))
    add("sort code + acct", lambda: "%02d-%02d-%02d %08d" % (rng.randrange(100), rng.randrange(100), rng.randrange(100), rng.randrange(10 ** 8)))
    add("IBAN DE spaced", lambda: "DE%02d %04d %04d %04d %04d %02d" % tuple(rng.randrange(10 ** k) for k in (2, 4, 4, 4, 4, 2)))
    add("zero-padded id", lambda: "%010d" % rng.randrange(100000))
    add("coordinates", lambda: "%.4f, %.4f" % (rng.uniform(-90, 90), rng.uniform(-180, 180)))
    add("hex sha prefix", lambda: "%012x" % rng.getrandbits(48))
    return out


def false_positives(items, pattern=PATTERN, title="negatives"):
    lines = ["-1\tValue: %s end" % t for _, t in items]
    raw = run("raw", lines, pattern)
    val = run("match", lines, pattern)
    stats = collections.OrderedDict()
    examples = collections.defaultdict(list)
    for (cat, text), r, v in zip(items, raw, val):
        s = stats.setdefault(cat, [0, 0, 0])
        s[0] += 1
        s[1] += bool(r)
        s[2] += bool(v)
        if v:
            a, b = map(int, v.split()[0].split("-"))
            examples[cat].append(("Value: %s end" % text)[a:b])
    print("%s: texts with any match at any start, pattern alone / pattern + PhoneCheck" % title)
    tot = [0, 0, 0]
    for cat, (n, r, v) in stats.items():
        print("  %-22s %5d  %6.2f%%  %6.2f%%   e.g. %s" % (cat, n, 100.0 * r / n, 100.0 * v / n, " | ".join(examples[cat][:3])))
        for k, x in enumerate((n, r, v)):
            tot[k] += x
    print("  %-22s %5d  %6.2f%%  %6.2f%%" % ("all", tot[0], 100.0 * tot[1] / tot[0], 100.0 * tot[2] / tot[0]))


# --- differential test -----------------------------------------------------------------------

def lib_possible(text, region):
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False


def differential(seed=5):
    """PhoneCheck (local-only lengths counted, no digit floor, one region) against
    phonenumbers.is_possible_number(parse(text, region)) on formatted, mutated and
    re-prefixed numbers."""
    rng = random.Random(seed)
    cases = []
    for region, n in gen.example_numbers() + gen.derived_numbers(seed, per_example=2):
        if region == "001":
            region = rng.choice(gen.regions())
        m = PhoneMetadata.metadata_for_region(region)
        texts = [("intl", phonenumbers.format_number(n, F.INTERNATIONAL)),
                 ("e164", phonenumbers.format_number(n, F.E164))]
        if phonenumbers.region_code_for_number(n) == region or region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(n.country_code, ()):
            texts.append(("national", phonenumbers.format_number(n, F.NATIONAL)))
            nsn = phonenumbers.national_significant_number(n)
            texts.append(("national, no trunk", nsn))
        forms = gen.idd_forms(m)
        if forms:
            idd = "".join(rng.choice(pos) for pos in rng.choice(forms))
            texts.append(("idd", idd + " " + phonenumbers.format_number(n, F.INTERNATIONAL)[1:]))
        for kind, t in list(texts):
            positions = [i for i, ch in enumerate(t) if ch.isdigit()]
            if len(positions) > 3:
                i = rng.choice(positions[2:])
                texts.append((kind + " -1 digit", t[:i] + t[i + 1:]))
                texts.append((kind + " +1 digit", t[:i] + str(rng.randrange(10)) + t[i:]))
                texts.append((kind + " +2 digits", t[:i] + str(rng.randrange(10)) + str(rng.randrange(10)) + t[i:]))
        for kind, t in texts:
            cases.append((kind, region, t))
    got = run("check", ["%s+L\t%s" % (r, t) for _, r, t in cases], min_digits=0)
    stats = collections.OrderedDict()
    diffs = collections.defaultdict(list)
    for (kind, region, t), g in zip(cases, got):
        want = lib_possible(t, region)
        base = kind
        s = stats.setdefault(base, [0, 0])
        s[0] += 1
        same = (g == "1") == want
        s[1] += same
        if not same:
            diffs[base].append("%s %r lib=%d veil=%s" % (region, t, want, g))
    print("differential: PhoneCheck.isPossible(regions: [region], local-only) vs is_possible_number(parse(text, region))")
    sums = collections.OrderedDict([("all", [0, 0]), ("all but no-trunk", [0, 0]), ("as formatted", [0, 0])])
    for kind, (n, a) in stats.items():
        print("  %-30s %6d  agree %6.2f%%   e.g. %s" % (kind, n, 100.0 * a / n, " | ".join(diffs[kind][:2])))
        for name, keep in (("all", True), ("all but no-trunk", "no trunk" not in kind),
                           ("as formatted", "digit" not in kind and "no trunk" not in kind)):
            if keep:
                sums[name][0] += n
                sums[name][1] += a
    for name, (n, a) in sums.items():
        print("  %-30s %6d  agree %6.2f%%" % (name, n, 100.0 * a / n))
    return diffs


def main():
    ap = argparse.ArgumentParser(description="Checks the proposed phone pattern and PhoneCheck.")
    ap.add_argument("what", choices=["pattern", "recall", "negatives", "diff", "current", "all"])
    args = ap.parse_args()
    if args.what in ("pattern", "all"):
        print(PATTERN)
        print("bytes: %d, PatternBound max match length: %s" % (len(PATTERN), pattern_bound(PATTERN)))
    if args.what in ("recall", "all"):
        recall()
    if args.what in ("negatives", "all"):
        false_positives(negatives())
        false_positives(extra_negatives(), title="extra negatives")
    if args.what in ("diff", "all"):
        differential()
    if args.what == "current":
        print("PatternBound of the current pattern: %s" % pattern_bound(CURRENT))
        recall(CURRENT, "current")
        false_positives(negatives(), CURRENT)
        false_positives(extra_negatives(), CURRENT, title="extra negatives")
    return 0


if __name__ == "__main__":
    sys.exit(main())
