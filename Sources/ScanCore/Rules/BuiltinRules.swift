/// The built-in rule pack, in priority order: when two rules match at the same start, the
/// earlier one wins. Secrets with literal prefixes come first, then personal data.
///
/// Every hint here is checked against the exhaustive reference scanner by the engine's tests.
public enum BuiltinRules {
    static let localPart = ByteSet(ascii: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
    static let base64url = ByteSet(ascii: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
    static let schemeChars = ByteSet(ascii: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-")
    static let alnum = ByteSet(ascii: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    /// The byte before is neither a digit nor a letter (every numeric rule's lookbehind says so).
    static let numberBoundary: [LaneTest] = [.digit(at: -1, negated: true), .letter(at: -1, negated: true)]
    /// Not after `-` or `.`.
    static let notAfterDashOrDot = LaneTest(offset: -1, 0x2D, 0x2E, negated: true)
    /// Bytes `offsets` are digits, spaces or punctuation (`0x20...0x39`): every byte of a
    /// card, phone or SSN lies there, so a number shorter than the shortest match stops here.
    static func numberBytes(_ offsets: ClosedRange<Int>) -> [LaneTest] { offsets.map { LaneTest(offset: $0, 0x20, 0x39) } }
    /// A card number's first four digits (every layout starts with four), and 12 bytes in all.
    static let cardStart = Probe(numberBoundary + [notAfterDashOrDot, .digit(at: 0), .digit(at: 1), .digit(at: 2), .digit(at: 3)]
                                 + numberBytes(4...11))
    /// Where a phone number written without `+` or `(` starts: a digit after neither a digit,
    /// a letter, `-` nor `.`, then a digit or a separator (`0x20...0x2F`: space, `(`, `)`,
    /// `-`, `.`, `/`; `8 (495) 123-45-67`, `1-800-555-0199`), then a byte of a number
    /// (`0x20...0x39`). The `+` and `(` forms have probes of their own.
    static let phoneStarts = [
        Probe(numberBoundary + [notAfterDashOrDot, .digit(at: 0), .digit(at: 1), LaneTest(offset: 2, 0x20, 0x39)]),
        Probe(numberBoundary + [notAfterDashOrDot, .digit(at: 0), LaneTest(offset: 1, 0x20, 0x2F), LaneTest(offset: 2, 0x20, 0x39)]),
    ]
    /// Where a phone number written with `+` or `(` starts: the sign, a digit, then five bytes
    /// of a number.
    static let phoneSigns = [
        Probe([.byte("+", at: 0), .digit(at: 1)] + numberBytes(2...6)),
        Probe([.byte("(", at: 0), .digit(at: 1)] + numberBytes(2...6)),
    ]
    /// An SSN's shape, not after `-`: three digits, a space or dash, two digits, a space or
    /// dash, four digits (`0x20...0x2D` holds both separators).
    static let groupOfThree = Probe(numberBoundary + [.byte("-", at: -1).inverted, .digit(at: 0), .digit(at: 1), .digit(at: 2),
                                                      LaneTest(offset: 3, 0x20, 0x2D), .digit(at: 4), .digit(at: 5),
                                                      LaneTest(offset: 6, 0x20, 0x2D)] + (7...10).map { .digit(at: $0) })
    /// The first octet of a dotted quad: 1 to 3 digits then a dot and a digit, not after a
    /// dot; the address's first 7 bytes are digits and dots.
    static let firstOctet: [Probe] = (1...3).map { n in
        Probe(numberBoundary + [.byte(".", at: -1).inverted] + (0..<n).map { .digit(at: $0) } + [.byte(".", at: n), .digit(at: n + 1)]
              + (n + 2 ..< 7).map { LaneTest(offset: $0, 0x2E, 0x39) })
    }
    /// A MAC address's shape: six pairs of hex digits (the first five followed by the
    /// separator), not after a hex digit, `:` or `-`.
    static func macStart(_ separator: Character) -> Probe {
        Probe([.digit(at: -1, negated: true), LaneTest(offset: -1, UInt8(ascii: "a"), UInt8(ascii: "f"), negated: true, foldCase: true),
               LaneTest(offset: -1, 0x2D, 0x2D, negated: true), LaneTest(offset: -1, 0x3A, 0x3A, negated: true)]
              + (0..<16).map { $0 % 3 == 2 ? .byte(separator, at: $0) : hexish($0) })
    }

    /// A superset of the hex digits in one lane test: after ASCII case folding, `0x30...0x66`
    /// holds `0-9`, `a-f` (and `A-F`), plus a few punctuation bytes.
    static func hexish(_ offset: Int) -> LaneTest { LaneTest(offset: offset, 0x30, 0x66, foldCase: true) }
    /// A hex digit at `offset`, as two tests: ``hexish(_:)`` without `:` to `@`.
    static func hexDigit(_ offset: Int) -> [LaneTest] { [hexish(offset), LaneTest(offset: offset, 0x3A, 0x40, negated: true)] }

    /// The rules, in priority order: the core pack's secrets, the secrets pack
    /// (``SecretRules``), the core pack's personal data, then `phone_label` and the keyed
    /// rules (``KeyedValues``).
    public static let all: [Rule] = {
        let personal = core.firstIndex { $0.name == "auth_header" }!
        return Array(core[..<personal]) + SecretRules.rules + Array(core[personal...]) + [PhoneLabels.rule] + KeyedValues.builtinRules
    }()

    /// Probes of core rules that the hand-written kernels do not cover: they run in the
    /// nibble kernel's operator group (``OperatorBuckets``), as the secrets pack's do.
    static let slackApp = Probe.literal("xapp-")
    static let googleOAuth = [Probe.literal("GOCSPX-"), Probe.literal("ya29.")]
    static let awsOlder = [Probe.literal("ABIA"), Probe.literal("ACCA"),
                           Probe(Probe.literal("A3T").tests + [LaneTest(offset: 3, UInt8(ascii: "0"), UInt8(ascii: "Z"))])]
    static let outsideKernel: Set<Probe> = Set([slackApp] + googleOAuth + awsOlder)

    /// The probes the hand-written SIMD kernels cover (``BuiltinKernel``, ``NibbleKernel``):
    /// those of the core rules, less ``outsideKernel``. Every other probe runs in the nibble
    /// kernel's third group (``OperatorBuckets``) or as the generic program, as a rule file's would.
    static let kernelProbes: [Probe] = {
        var probes: [Probe] = []
        for rule in core { for p in rule.prefilter?.probes ?? [] where !probes.contains(p) && !outsideKernel.contains(p) { probes.append(p) } }
        return probes
    }()

    /// The core rules: those whose probes the hand-written kernels were written for.
    static let core: [Rule] = [
        Rule(name: "private_key", type: "PRIVATE_KEY",
             pattern: #"-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY( BLOCK|)-----[\s\S]{1,8100}?-----END \1PRIVATE KEY\2-----"#,
             maxLength: 8192,
             // Anchored on "BEGIN" after a dash, walking back over the dashes: a run of dashes
             // (Markdown rules, log separators) is then no hit at all.
             prefilter: PrefilterHint(probes: [Probe([.byte("-", at: -1), .byte("B", at: 0), .byte("E", at: 1), .byte("G", at: 2),
                                                      .byte("I", at: 3), .byte("N", at: 4)])],
                                      back: ByteSet(ascii: "-"), maxBack: 5)),
        Rule(name: "jwt", type: "JWT",
             pattern: #"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,2000}\.eyJ[A-Za-z0-9_-]{5,4000}\.[A-Za-z0-9_-]{0,1000}(?![A-Za-z0-9_-])"#,
             prefilter: PrefilterHint(probes: [.literal("eyJ")], notAfter: base64url)),
        Rule(name: "aws_access_key", type: "AWS_ACCESS_KEY",
             // Long-term (`AKIA`), temporary (`ASIA`), and the older `ABIA`, `ACCA` and `A3T…` ids.
             pattern: #"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])"#,
             prefilter: PrefilterHint(probes: [.literal("AKIA"), .literal("ASIA")] + awsOlder, notAfter: alnum)),
        Rule(name: "github_token", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82,244})(?![A-Za-z0-9_])"#,
             prefilter: PrefilterHint(probes: [
                Probe([.byte("g", at: 0), .byte("h", at: 1), LaneTest(offset: 2, UInt8(ascii: "o"), UInt8(ascii: "u")), .byte("_", at: 3)]),
                .literal("gith")], notAfter: ByteSet.word),
             validator: .token),
        Rule(name: "slack_token", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_-])(?:xox[abeoprs]-(?:[0-9]{1,2}-)?[0-9]{6,14}(?:-[0-9]{6,14}){0,3}-[A-Za-z0-9]{8,64}|xox[ar]-(?:[0-9]-)?[A-Za-z0-9]{8,48}|xoxe(?:\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,170}|xapp-[0-9]-[A-Za-z0-9]{8,14}-[0-9]{8,16}-[A-Za-z0-9]{16,128})(?![A-Za-z0-9_-])"#,
             prefilter: PrefilterHint(probes: [.literal("xox"), slackApp], notAfter: base64url),
             validator: .token),
        Rule(name: "stripe_key", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_])[rs]k_(?:live|test|prod)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])"#,
             // `live`, `test` or `prod` after `sk_`/`rk_`: `l`, `p` or `t` (the kernel's key is `k_`).
             prefilter: PrefilterHint(probes: [Probe([LaneTest(offset: 0, UInt8(ascii: "r"), UInt8(ascii: "s")),
                                                      .byte("k", at: 1), .byte("_", at: 2), LaneTest(offset: 3, UInt8(ascii: "l"), UInt8(ascii: "t"))])],
                                      notAfter: ByteSet.word),
             validator: .token),
        Rule(name: "google_api_key", type: "API_TOKEN",
             // API keys, OAuth client secrets (`GOCSPX-`) and access tokens (`ya29.`).
             pattern: #"(?<![A-Za-z0-9_-])(?:AIza[A-Za-z0-9_-]{35}|GOCSPX-[A-Za-z0-9_-]{28}|ya29\.[A-Za-z0-9_-]{30,2048})(?![A-Za-z0-9_-])"#,
             prefilter: PrefilterHint(probes: [.literal("AIza")] + googleOAuth, notAfter: base64url),
             validator: .token),
        Rule(name: "auth_header", type: "AUTH_HEADER",
             // A bearer token that is a whole JWT is left to the jwt rule, so it is reported as JWT.
             pattern: #"\b(?:Bearer|Basic)[ \t]+(?!eyJ[A-Za-z0-9_-]{5,2000}\.eyJ[A-Za-z0-9_-]{5,4000}\.[A-Za-z0-9_-]{0,1000}(?![A-Za-z0-9._~+/=-]))(?<mask>[A-Za-z0-9._~+/-]{8,4096}=*)(?![A-Za-z0-9._~+/=-])"#,
             maxLength: 4120,
             prefilter: PrefilterHint(probes: [.literal("Bear"), .literal("Basi")], notAfter: ByteSet.word)),
        Rule(name: "url_credentials", type: "URL_CREDENTIALS",
             pattern: #"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}://(?<mask>[^\s/?#@:"'<>\\]{1,256}:[^\s/?#@"'<>\\]{1,256})@"#,
             prefilter: PrefilterHint(probes: [Probe([.byte(":", at: 0), .byte("/", at: 1), .byte("/", at: 2)])],
                                      back: schemeChars, maxBack: 31, notAfter: schemeChars)),
        Rule(name: "email", type: "EMAIL",
             // The top-level domain is ASCII letters or, for internationalised ones (`.укр`),
             // UTF-8 letters or their JSON escapes (`\u0443`, `\\u0443` inside JSON text).
             pattern: #"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?){0,8}\.(?:[A-Za-z]{2,24}|(?:[\xC2-\xF4][\x80-\xBF]{1,3}){2,12}|(?:\\{1,2}u[0-9A-Fa-f]{4}){2,12})(?![A-Za-z0-9-])"#,
             maxLength: 254,
             // The domain starts with a letter or digit right after the @ (so a flood of @ is no hit).
             prefilter: PrefilterHint(probes: [Probe([.byte("@", at: 0), LaneTest(offset: 1, 0x30, 0x7A),
                                                      LaneTest(offset: 1, 0x3A, 0x40, negated: true),
                                                      LaneTest(offset: 1, 0x5B, 0x60, negated: true)])],
                                      back: localPart, maxBack: 64, notAfter: localPart,
                                      // The domain after the @ holds a dot, and its first label has at
                                      // most 63 characters, so the dot comes within 65 bytes.
                                      gate: DigitGate(minDigits: 0, runClass: alnum.union(ByteSet(ascii: ".-")),
                                                      separators: ByteSet(ascii: "."), minSeparators: 1, from: 1, reach: 65))),
        Rule(name: "iban", type: "IBAN",
             pattern: #"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])"#,
             prefilter: PrefilterHint(probes: [Probe([LaneTest(offset: 0, UInt8(ascii: "A"), UInt8(ascii: "Z")),
                                                      LaneTest(offset: 1, UInt8(ascii: "A"), UInt8(ascii: "Z")),
                                                      .digit(at: 2), .digit(at: 3)]
                                                     // Eight more digits, capitals or spaces follow at least.
                                                     + (4...11).map { LaneTest(offset: $0, 0x20, 0x5A) })],
                                      notAfter: alnum),
             validator: .iban),
        Rule(name: "credit_card", type: "CREDIT_CARD",
             // 12 to 19 digits unbroken, in groups of four (4-4-4 to 4-4-4-4-3), or 4-6-4 and
             // 4-6-5 (Diners Club, American Express, 15-digit JCB); the IIN table decides.
             pattern: #"(?<![A-Za-z0-9_.-])(?<![A-Z]{2}[0-9]{2} )(?<![0-9]{2} [A-Z]{4} )(?<![A-Z][0-9]{3} )(?:[0-9]{12,19}|[0-9]{4}([ -])[0-9]{4}\1[0-9]{4}(?:\1[0-9]{1,4}(?:\1[0-9]{1,3})?)?|[0-9]{4}([ -])[0-9]{6}\2[0-9]{4,5})(?![A-Za-z0-9_-]|\.[0-9])"#,
             // The lookahead reads two bytes past a match (`.5`): one more than the longest match (23), so the confirm subject holds both.
             maxLength: 24,
             prefilter: PrefilterHint(probes: [cardStart], notAfter: ByteSet.word.union(ByteSet(ascii: ".-")),
                                      gate: DigitGate(minDigits: 12, runClass: ByteSet.digits.union(ByteSet(ascii: " -")))),
             validator: .creditCard, action: .partial(keep: 4)),
        Rule(name: "us_ssn", type: "US_SSN",
             // Written with spaces, never followed by a space and a digit that is not another SSN
             // (`011 61 1900 123 456` is a phone dialled from the US) nor by an extension.
             pattern: #"(?<![A-Za-z0-9_-])(?!000|666|9)[0-9]{3}([- ])(?!00)[0-9]{2}\1(?!0000)[0-9]{4}(?![A-Za-z0-9_-]|(?<= [0-9]{4}) (?:(?![0-9]{3} [0-9]{2} [0-9]{4}(?![0-9]))[0-9]|[xX#]|[eE][xX][tT]))"#,
             // The lookahead reads 13 bytes past a match (` 123 45 6789` and a non-digit).
             maxLength: 24,
             prefilter: PrefilterHint(probes: [groupOfThree], notAfter: ByteSet.word.union(ByteSet(ascii: "-")),
                                      gate: DigitGate(minDigits: 9, runClass: ByteSet.digits.union(ByteSet(ascii: " -")),
                                                     separators: ByteSet(ascii: " -"), minSeparators: 2)),
             validator: .usSSN),
        Rule(name: "mac_address", type: "MAC_ADDRESS",
             pattern: #"(?<![0-9A-Fa-f:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])"#,
             maxLength: 17,
             prefilter: PrefilterHint(probes: [macStart(":"), macStart("-")],
                                      notAfter: ByteSet.hex.union(ByteSet(ascii: ":-")))),
        Rule(name: "ipv6", type: "IPV6",
             pattern: #"(?<![0-9A-Fa-f:.])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){2,7}:|(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,5}(?::[0-9A-Fa-f]{1,4}){2}|(?:[0-9A-Fa-f]{1,4}:){1,4}(?::[0-9A-Fa-f]{1,4}){3}|(?:[0-9A-Fa-f]{1,4}:){1,3}(?::[0-9A-Fa-f]{1,4}){4}|(?:[0-9A-Fa-f]{1,4}:){1,2}(?::[0-9A-Fa-f]{1,4}){5}|[0-9A-Fa-f]{1,4}:(?::[0-9A-Fa-f]{1,4}){6}|:(?::[0-9A-Fa-f]{1,4}){1,7})(?![0-9A-Fa-f:.])"#,
             // At the last hex digit of a group, before `:` and a hex digit or a second `:`
             // (the walk back over hex digits reaches the group's start), or at a `::` that
             // starts an address, before a hex digit: a run of colons is no hit.
             prefilter: PrefilterHint(probes: [Probe(hexDigit(0) + [.byte(":", at: 1), .byte(":", at: 2)]),
                                               Probe([.byte(":", at: 0), .byte(":", at: 1)] + hexDigit(2)),
                                               Probe(hexDigit(0) + [.byte(":", at: 1)] + hexDigit(2))],
                                      back: ByteSet.hex, maxBack: 3, notAfter: ByteSet.hex.union(ByteSet(ascii: ":.")),
                                      // An address has seven colons or a `::`. From the probe at its first
                                      // group (a match starts after no hex digit, so only that probe's
                                      // window can hold its start), groups of at most four hex digits
                                      // put the third colon within 12 bytes unless a `::` comes first.
                                      gate: DigitGate(minDigits: 0, runClass: ByteSet.hex.union(ByteSet(ascii: ":")),
                                                      separators: ByteSet(ascii: ":"), minSeparators: 3, orPair: UInt8(ascii: ":"),
                                                      reach: 12)),
             validator: .ipv6),
        Rule(name: "ipv4", type: "IPV4",
             // Four-part version numbers are not addresses: not after Firefox's `rv:`, `v=`,
             // `build ` or `version `, or a `version`/`build` key (`"appVersion": "3.9.6.108"`, also escaped).
             pattern: #"(?<![A-Za-z0-9_.])(?<!rv:)(?<![Vv]=)(?<![Ss][Ii][Oo][Nn]":")(?<![Ss][Ii][Oo][Nn]": ")(?<![Uu][Ii][Ll][Dd]":")(?<![Uu][Ii][Ll][Dd]": ")(?<![Uu][Ii][Ll][Dd] )(?<![Ss][Ii][Oo][Nn] )(?<![Oo][Nn]\\":\\")(?<![Oo][Nn]\\": \\")(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![A-Za-z0-9_]|\.[0-9])"#,
             // The lookahead reads two bytes past a match (`.5`): one more than the longest match (15), so `255.255.255.255.` is decided.
             maxLength: 16,
             prefilter: PrefilterHint(probes: firstOctet, notAfter: ByteSet.word.union(ByteSet(ascii: ".")),
                                      gate: DigitGate(minDigits: 4, runClass: ByteSet.digits.union(ByteSet(ascii: ".")),
                                                     separators: ByteSet(ascii: "."), minSeparators: 3))),
        Rule(name: "phone", type: "PHONE",
             // Any grouping of 7 to 28 digits, separators and parentheses, with `+`, an IDD
             // (`00`, `011`) or a trunk prefix (`0`, `8`, `(0)`) and an optional extension; never
             // after an HTTP version and its quote (`HTTP/1.1" 304 72738` is a status and a size)
             // or a digit and `:` or under a JSON key ending in `id`, never before `-` and a
             // letter (a UUID's head); dates, IPv4
             // addresses, card and SSN shapes, ISBNs, inner 4-digit groups and bare digit runs are
             // refused up front, and libphonenumber's possible lengths, leading digits and
             // groupings decide (`PhoneCheck`). The pattern and its
             // evidence: corpus/tools/PHONE_PATTERN.md (`phone_pattern_check.py` builds it).
             pattern: #"(?<![A-Za-z0-9_+.#/@-])(?:(?<!:)|(?<![Ii][Dd]\":)(?<![Ii][Dd]\\\":)(?<![0-9]:))(?:(?<! )|(?<![Ii][Dd]\": )(?<![Ii][Dd]\\\": )(?<![A-Z]{2}[0-9]{2} )(?<!/[0-9]\" )(?<!/[0-9]\.[0-9]\" )(?<![0-9]{2} [A-Z]{4} )(?<![A-Z][0-9]{3} ))(?!(?:19|20)[0-9]{2}-[01]?[0-9]-[0-3]?[0-9](?![./-]?[0-9])|(?:19|20)[0-9]{2}\.[01]?[0-9]\.[0-3]?[0-9](?![./-]?[0-9])|(?:19|20)[0-9]{2}/[01]?[0-9]/[0-3]?[0-9](?![./-]?[0-9])|[0-3]?[0-9]\.[0-3]?[0-9]\.(?:19|20)?[0-9]{2}(?![./-]?[0-9])|[0-3]?[0-9]/[0-3]?[0-9]/(?:19|20)?[0-9]{2}(?![./-]?[0-9])|[0-3]?[0-9]-[0-3]?[0-9]-(?:19|20)[0-9]{2}(?![./-]?[0-9])|(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?!\.?[0-9])|[0-9]{4}(?: [0-9]{4}){3}(?!-?[0-9])|[0-9]{4}(?:-[0-9]{4}){3}(?!-?[0-9])|[0-9]{3}-[0-9]{2}-[0-9]{4}(?!-?[0-9])|97[89]-[0-9]{1,5}-[0-9]{1,7}-[0-9]{1,7}-[0-9X](?![0-9])|(?<=[0-9]{4}[ -]|[A-Z]{2}[0-9]{2} )[0-9]{4}[ -][0-9]|(?!0[1-9]|00[1-9]|1[3-9][0-9]{9}(?![0-9]))[0-9]{1,31}+(?![ ./-][0-9(]|\(| ?(?:[xX#]|[eE][xX][tT]|[Ii]nt|[Aa]nexo)))(?:\+(?=[1-9])|\(\+(?=[1-9][0-9]{0,2}\))|(?=[0-9(]))(?:[0-9]|(?:[ /-]|\.(?<=[0-9]{2}\.)(?<![0-9]{5}\.)(?=[0-9]{2,4}(?![0-9]))(?=[0-9]{2,4}\.[0-9]|(?<=\.[0-9]{2}\.|\.[0-9]{3}\.|\.[0-9]{4}\.)))(?=[0-9(])(?!(?<=(?<![0-9])[0-9][ ./-][0-9].)[0-9](?![0-9]))|\((?=[0-9]{1,5}\)|[0-9]{1,2}[ -][0-9]{1,3}\))|(?<=[0-9])\)(?=[ /-]?[0-9(])){6,27}[0-9](?: ?(?:[xX]|[eE][xX][tT]\.?|#|[Ii]nt\.?|[Aa]nexo) ?[0-9]{1,5})?(?![A-Za-z0-9_]|[.:/-]?[0-9]|-[A-Za-z]|,[0-9]{1,2}(?![0-9]))"#,
             // The lookahead reads four bytes past a match (`,12` then a non-digit): three more than the longest match (42).
             maxLength: 45,
             // `(` may come right before the `+` probe (`(+57) 312 349 44 41`).
             prefilter: PrefilterHint(probes: phoneStarts + phoneSigns, back: ByteSet(ascii: "("), maxBack: 1,
                                      notAfter: ByteSet.word.union(ByteSet(ascii: "+.-#/@")),
                                      gate: DigitGate(minDigits: 7, runClass: ByteSet.digits.union(ByteSet(ascii: " .-()+/"))),
                                      screen: .phone),
             validator: .phone),
    ]
}
