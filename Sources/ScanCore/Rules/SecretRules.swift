/// The secrets pack: vendor tokens at gitleaks' breadth (corpus/tools/SECRETS_PACK.md has the
/// families, formats and evidence), beside the core secrets of ``BuiltinRules``.
///
/// The patterns are those of `corpus/tools/check_secret_patterns.py` (`RULES`), byte for byte
/// (`check_secret_patterns.py --check-swift` says whether they still are, and the tests run
/// it); that harness runs them with PCRE2 on generated samples of every family, on gitleaks'
/// own true and false positives, and on hard negatives.
///
/// Decisions, written down:
/// - **Every rule's validator is ``Validator/token``**: a GitHub or npm token with a valid
///   CRC-32 checksum is a secret; any other match must not look like a placeholder (at least
///   four distinct bytes among its last 16). A `ghp_`/`npm_` token whose checksum fails is
///   still masked when it looks random: a mistyped or truncated real token is still a secret,
///   and nothing else is spelled `ghp_` and 36 letters and digits (fail closed).
/// - **Probes put their rare bytes at offsets 0 to 2**, so that each one makes a selective
///   bucket of the nibble kernel's operator group (``OperatorBuckets``): a literal prefix's
///   first three bytes, or, where those are common (`api_org_`, `pplx-`, `pul-`, `ATATT3`,
///   `AGE-SECRET-KEY-1`, `.atlasv1.`), a rarer three bytes inside it with `back`/`maxBack`
///   walking to the match start. Each probe also tests the bytes after, as far as the prefix
///   or the token's alphabet says, so the probe matrix refuses near misses (`global`,
///   `monkey`) before any window opens.
public enum SecretRules {
    /// `[0-9a-f]` at `offset`, as two tests (a superset test, minus `:` to `` ` ``).
    static func hexLower(_ offset: Int) -> [LaneTest] {
        [LaneTest(offset: offset, 0x30, 0x66), LaneTest(offset: offset, 0x3A, 0x60, negated: true)]
    }
    /// A byte of a token at `offset`: `%` to `z` (letters, digits, `%+-./_=` and a few more),
    /// a superset of every alphabet the rules' tokens use, in one test.
    static func tokenByte(_ offset: Int) -> LaneTest { LaneTest(offset: offset, 0x25, 0x7A) }
    /// `text` at offsets 0... (its first eight bytes), then `more`.
    static func literal(_ text: String, _ more: [LaneTest] = []) -> Probe { Probe(Probe.literal(text).tests + more) }
    /// `text` at offsets 0..., case-insensitively, after the tests `before`.
    static func folded(_ text: String, before: [LaneTest] = [], _ more: [LaneTest] = []) -> Probe {
        Probe(before + Probe.literal(text, foldCase: true).tests + more)
    }

    static let letters = ByteSet(ascii: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// `gl` and a lower-case letter up to `s`, then `_` to `t` (`glpat-`, `gldt-`, `glrt-`,
    /// `glft-`, `glimt-`, `glsoat-`, `glffct-`, `glagent-`, `gloas-`, `glptt-`, `glcbt-`).
    static let gitlabStart = Probe(BuiltinRules.numberBoundary + [.byte("g", at: 0), .byte("l", at: 1), LaneTest(offset: 2, UInt8(ascii: "a"), UInt8(ascii: "s")),
                                               LaneTest(offset: 3, UInt8(ascii: "_"), UInt8(ascii: "t"))])

    /// The rules, in priority order (after the core secrets, before personal data).
    public static let rules: [Rule] = [
        Rule(name: "gitlab_token", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_-])(?:gl(?:pat|dt|rt|ft|imt|soat|ffct|agent|oas)-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{9})?|glptt-[0-9a-f]{40}|glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20,64}|GR1348941[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])"#,
             prefilter: PrefilterHint(probes: [gitlabStart, literal("GR134894")], notAfter: BuiltinRules.base64url),
             validator: .token),
        Rule(name: "webhook_url", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9.-])(?:hooks\.slack\.com/(?:services|workflows|triggers)/|discord(?:app)?\.com/api/(?:v[0-9]{1,2}/)?webhooks/)(?<mask>[A-Za-z0-9_+/-]{40,200})(?![A-Za-z0-9_+/-])"#,
             // `hooks.sl` at the start; Discord's `webhooks/` up to 24 bytes in
             // (`discordapp.com/api/v10/webhooks/`).
             prefilter: PrefilterHint(probes: [literal("hooks.sl"),
                                               Probe([.byte("w", at: -1)] + Probe.literal("ebhooks/").tests)],
                                      back: ByteSet(ascii: "abcdefghijklmnopqrstuvwxyz0123456789./"), maxBack: 24,
                                      notAfter: BuiltinRules.alnum.union(ByteSet(ascii: ".-"))),
             validator: .token),
        Rule(name: "openai_key", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])"#,
             prefilter: PrefilterHint(probes: [Probe(BuiltinRules.numberBoundary + [.byte("s", at: 0), .byte("k", at: 1), .byte("-", at: 2), tokenByte(3)])],
                                      notAfter: BuiltinRules.base64url),
             validator: .token),
        Rule(name: "anthropic_key", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_-])sk-ant-(?:(?:api03|admin01)-[A-Za-z0-9_-]{93}AA|(?:oat|ort|sid)01-[A-Za-z0-9_-]{40,200})(?![A-Za-z0-9_-])"#,
             prefilter: PrefilterHint(probes: [Probe(BuiltinRules.numberBoundary + Probe.literal("sk-ant-").tests)],
                                      notAfter: BuiltinRules.base64url),
             validator: .token),
        Rule(name: "ai_token", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_-])(?:hf_[A-Za-z]{34}|api_org_[A-Za-z]{34}|pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])"#,
             // `hf_`; `api_org_` at its `i_o`, `pplx-` at its `lx-`.
             prefilter: PrefilterHint(probes: [Probe(BuiltinRules.numberBoundary + Probe.literal("hf_").tests + [.letter(at: 3)]),
                                               Probe([.byte("p", at: -1)] + Probe.literal("i_org_").tests),
                                               Probe([.byte("p", at: -1)] + Probe.literal("lx-").tests + [tokenByte(3)])],
                                      back: letters, maxBack: 2, notAfter: BuiltinRules.base64url),
             validator: .token),
        Rule(name: "aws_secret_key", type: "AWS_SECRET_KEY",
             pattern: #"(?<![A-Za-z0-9])(?i:aws_?secret_?(?:access_?)?key|secret_?access_?key)[A-Za-z0-9_. \t-]{0,24}\\?["'\x60]?[ \t]{0,4}(?:=>|:{1,3}=|[.?]?=|[:,>])[ \t\r\n]{0,8}\\?["'\x60]?(?<mask>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"#,
             // The key, any case: `aws` then `_` or `s`; or `secret` at its `ecr`.
             prefilter: PrefilterHint(probes: [folded("aws", before: BuiltinRules.numberBoundary, [LaneTest(offset: 3, 0x73, 0x7F, foldCase: true)]),
                                               folded("ecret", before: [LaneTest(offset: -1, UInt8(ascii: "s"), UInt8(ascii: "s"), foldCase: true)])],
                                      back: letters, maxBack: 1, notAfter: BuiltinRules.alnum),
             validator: .token),
        Rule(name: "azure_key", type: "API_TOKEN",
             pattern: #"(?:(?<![A-Za-z0-9])(?:AccountKey|SharedAccessKey)=|(?<=[?&])sig=)(?<mask>[A-Za-z0-9%+/]{40,128}(?:=|%3[Dd]){0,2})(?![A-Za-z0-9%+/=])|(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])"#,
             // `AccountKey=` and `SharedAccessKey=` at their `ey=`; `sig=`; a client secret at its `Q~`.
             prefilter: PrefilterHint(probes: [Probe([.byte("K", at: -1)] + Probe.literal("ey=").tests + [tokenByte(3)]),
                                               Probe(Probe.literal("sig=").tests + [tokenByte(4)]),
                                               Probe([.digit(at: -1), .byte("Q", at: 0), .byte("~", at: 1)])],
                                      back: BuiltinRules.alnum.union(ByteSet(ascii: "_~.")), maxBack: 13, notAfter: BuiltinRules.alnum),
             validator: .token),
        Rule(name: "hashicorp_token", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_-])(?:hv[sb]\.[A-Za-z0-9_-]{24,400}|[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])"#,
             // `hvs.`, `hvb.`; Terraform's `.atlasv1.` at its `sv1.`, 19 bytes in.
             prefilter: PrefilterHint(probes: [Probe([.byte("h", at: 0), .byte("v", at: 1), LaneTest(offset: 2, UInt8(ascii: "b"), UInt8(ascii: "s")),
                                                      .byte(".", at: 3)]),
                                               Probe([.byte("a", at: -1)] + Probe.literal("sv1.").tests)],
                                      back: BuiltinRules.alnum.union(ByteSet(ascii: ".")), maxBack: 19, notAfter: BuiltinRules.base64url),
             validator: .token),
        Rule(name: "cloud_token", type: "API_TOKEN",
             pattern: #"(?:(?<![A-Za-z0-9_-])(?:do[opr]_v1_[a-f0-9]{64}|HRKU-AA[A-Za-z0-9_-]{58}|fo1_[A-Za-z0-9_-]{43}|fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,2000}={0,3}|dapi[a-f0-9]{32}(?:-[0-9])?|dp\.(?:pt|st|ct|sa|scim|audit)\.(?:[a-z0-9_-]{1,32}\.)?[A-Za-z0-9]{40,44}|pul-[a-f0-9]{40}|ops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}|A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})|(?<![A-Za-z0-9])(?i:heroku)[A-Za-z0-9_. \t-]{0,24}\\?["'\x60]?[ \t]{0,4}(?:=>|:{1,3}=|[.?]?=|[:,>])[ \t\r\n]{0,8}\\?["'\x60]?(?<mask>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}))(?![A-Za-z0-9_-])"#,
             prefilter: PrefilterHint(probes: [
                Probe([LaneTest(offset: -1, UInt8(ascii: "o"), UInt8(ascii: "r"))] + Probe.literal("_v1_").tests),   // dop_v1_, doo_v1_, dor_v1_
                literal("HRKU-AA"),
                Probe([.byte("f", at: 0), LaneTest(offset: 1, UInt8(ascii: "m"), UInt8(ascii: "o")), LaneTest(offset: 2, UInt8(ascii: "1"), UInt8(ascii: "2")),
                       LaneTest(offset: 3, UInt8(ascii: "_"), UInt8(ascii: "r"))]),                                       // fo1_, fm1a_, fm1r_, fm2_
                literal("dapi", hexLower(4)),
                literal("dp.", [LaneTest(offset: 3, UInt8(ascii: "a"), UInt8(ascii: "s"))]),
                Probe([.byte("p", at: -1)] + Probe.literal("ul-").tests + hexLower(3)),                              // pul-
                Probe([.byte("s", at: -1)] + Probe.literal("_eyJ").tests),                                           // ops_eyJ
                literal("A3-", [LaneTest(offset: 3, UInt8(ascii: "0"), UInt8(ascii: "Z"))]),
                folded("roku", before: [LaneTest(offset: -1, UInt8(ascii: "e"), UInt8(ascii: "e"), foldCase: true)]),  // heroku, any case
             // A Heroku key may follow `_` or `-` (`MY_HEROKU_KEY`).
             ], back: letters, maxBack: 3, notAfter: BuiltinRules.alnum),
             validator: .token),
        Rule(name: "saas_token", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_-])(?:ATATT3[A-Za-z0-9_=-]{186}|lin_api_[A-Za-z0-9]{40}|PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}|shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}|(?:EAAA|sq0atp-)[A-Za-z0-9_-]{22,60}|sq0csp-[A-Za-z0-9_-]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})(?![A-Za-z0-9_=+/-])"#,
             prefilter: PrefilterHint(probes: [
                Probe([.byte("A", at: -1)] + Probe.literal("TT3").tests),                                            // ATATT3
                Probe([.byte("i", at: -1)] + Probe.literal("n_api_").tests),                                         // lin_api_
                literal("PMAK-"),
                literal("shp", [LaneTest(offset: 3, UInt8(ascii: "a"), UInt8(ascii: "s")), LaneTest(offset: 4, UInt8(ascii: "a"), UInt8(ascii: "t")),
                                .byte("_", at: 5)]),                                                                 // shpat_, shpss_, shpca_, shppa_
                literal("EAAA"),
                literal("sq0", [LaneTest(offset: 3, UInt8(ascii: "a"), UInt8(ascii: "c"))]),                         // sq0atp-, sq0csp-
                literal("ntn_", [.digit(at: 4)]),
             ], back: letters, maxBack: 3, notAfter: BuiltinRules.base64url),
             validator: .token),
        Rule(name: "monitoring_token", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_-])(?:glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|NRAK-[A-Za-z0-9]{27}|NRII-[A-Za-z0-9-]{32}|sntrys_eyJ[A-Za-z0-9+/]{40,600}={0,2}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64}|dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64})(?![A-Za-z0-9_+/=-])"#,
             prefilter: PrefilterHint(probes: [literal("glc_"), literal("glsa_"),
                                               Probe([.byte("N", at: 0), .byte("R", at: 1), LaneTest(offset: 2, UInt8(ascii: "A"), UInt8(ascii: "I")),
                                                      LaneTest(offset: 3, UInt8(ascii: "I"), UInt8(ascii: "K")), .byte("-", at: 4)]),  // NRAK-, NRII-
                                               literal("sntry"), literal("dt0c01.")],
                                      notAfter: BuiltinRules.base64url),
             validator: .token),
        Rule(name: "messaging_token", type: "API_TOKEN",
             pattern: #"(?|(?<![A-Za-z0-9_-])(?:(?:AC|SK)[0-9a-f]{32}|SG\.[A-Za-z0-9_.=-]{66}|x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}|[0-9a-f]{32}-us[0-9]{1,2})|(?<![A-Za-z0-9_-])key-(?<mask>[0-9a-f]{32})|(?:(?<=bot)|(?<![A-Za-z0-9_:-]))[0-9]{5,16}:A[A-Za-z0-9_-]{34}|(?<![A-Za-z0-9])(?i:discord)[A-Za-z0-9_. \t-]{0,24}\\?["'\x60]?[ \t]{0,4}(?:=>|:{1,3}=|[.?]?=|[:,>])[ \t\r\n]{0,8}\\?["'\x60]?(?<mask>[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}))(?![A-Za-z0-9_-])"#,
             prefilter: PrefilterHint(probes: [
                Probe([.byte("A", at: 0), .byte("C", at: 1)] + (2...5).flatMap(hexLower)),                           // Twilio AC…
                Probe([.byte("S", at: 0), .byte("K", at: 1)] + (2...5).flatMap(hexLower)),                           // Twilio SK…
                literal("SG.", [tokenByte(3)]),                                                                        // SendGrid
                literal("xkeysib-"), literal("xsmtpsib"),                                                            // Brevo
                Probe(BuiltinRules.numberBoundary + Probe.literal("key-").tests + (4...7).flatMap(hexLower)),                           // Mailgun
                Probe(hexLower(-1) + [.byte("-", at: 0), .byte("u", at: 1), .byte("s", at: 2), .digit(at: 3)]),       // Mailchimp, 32 bytes in
                Probe([.digit(at: -1), .byte(":", at: 0), .byte("A", at: 1), tokenByte(2), tokenByte(3)]),               // Telegram, up to 16 bytes in
                folded("iscord", before: [LaneTest(offset: -1, UInt8(ascii: "d"), UInt8(ascii: "d"), foldCase: true)]),  // discord, any case
             // A Telegram token may follow `bot`, a Discord key `_` or `-`: only a digit never comes before.
             ], back: BuiltinRules.alnum, maxBack: 32, notAfter: ByteSet.digits),
             validator: .token),
        Rule(name: "package_token", type: "API_TOKEN",
             pattern: #"(?<![A-Za-z0-9_-])(?:npm_[A-Za-z0-9]{36}|pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}|rubygems_[a-f0-9]{48})(?![A-Za-z0-9_-])"#,
             prefilter: PrefilterHint(probes: [literal("npm_"), literal("pypi-AgE"), literal("rubygems")], notAfter: BuiltinRules.base64url),
             validator: .token),
        Rule(name: "age_secret_key", type: "PRIVATE_KEY",
             pattern: #"(?<![A-Za-z0-9_-])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9_-])"#,
             prefilter: PrefilterHint(probes: [Probe([.byte("G", at: -1)] + Probe.literal("E-SECRET").tests)],
                                      back: ByteSet(ascii: "AG"), maxBack: 2, notAfter: BuiltinRules.base64url),
             validator: .token),
    ]
}
