/// The `phone_label` rule: a number right after a label that says it is a phone number
/// (`tel: 40123`, `Fax 16412345`, `Mobile: 71 234`, `sms to=+(370) 34805682`).
///
/// The `phone` rule refuses what, in free text, is more often something else: fewer than
/// seven digits, and bare digit runs without a trunk prefix (epochs, order numbers). After a
/// phone label those are phones, so this rule masks them whatever their shape, as
/// `phone_key` does under a JSON key. The label is kept; the `mask` group is the number.
///
/// Decisions, written down:
/// - **The labels** (any case): `tel`, `telephone`, `telefon`, `telefono`, `phone`, `fax`,
///   `mobile`, `mob`, `cell`, `call`, `sms`, `sms to`, `whatsapp`, `contact`, each optionally
///   followed by `no`, `nr` or `number` (`Tel. no.: `, `phone number: `). The label is a word
///   of its own (`hotel 1234` is not one), and the number follows after `: `, `= `, `. `
///   or one space.
/// - **The number**: at least four digits and seven bytes from its first digit, grouped by
///   ` `, `.`, `/`, `-` or parentheses (`tel: 40123` and `tel: 71 234` alone are not masked:
///   the SIMD stage fires on seven bytes of a number; waking it on every 5-byte number cost
///   23% on `logs`, measured),
///   with an optional `+` and an optional extension (`x`, `ext.`, `#`, `anexo`, `int.`),
///   ending where a word or a longer number does not go on (`tel: 40123.5` is not masked).
/// - **What other rules own is left to them**, even after a label: a 4-4-4-4 card, 16 digits
///   or more, an SSN shape, a dotted quad, a MAC address (`Contact 5149 1946 1266 1043` is a
///   card). A label match starts at the label, so it would otherwise win over them.
/// - **The prefilter** is the `phone` rule's own number starts, so the rule adds no SIMD work;
///   a candidate screen (``CandidateScreen/phoneLabel``) refuses starts with no label stem in
///   the bytes before them, so PCRE2 runs only after labels.
public enum PhoneLabels {
    /// The label words, as they appear in the pattern (lower case; matched in any case).
    public static let labels = ["tel", "telephone", "telefon", "telefono", "phone", "fax", "mobile", "mob", "cell",
                                "call", "sms", "sms to", "whatsapp", "contact"]

    /// The first three letters of every label: a match's label holds one of them in the
    /// 24 bytes before its number (what ``CandidateScreen/phoneLabel`` looks for).
    static let stems: [String] = Array(Set(labels.map { String($0.prefix(3)) })).sorted()

    /// The longest label with its connector, in bytes (`telephone number: `, 18), with room
    /// for a `+(` sign: ``CandidateScreen/labelReach`` (24) covers it.
    static let maxLabel = 20

    /// The pattern: the label, its connector, and the number as the `mask` group.
    static let pattern: String = {
        let words = labels.sorted { $0.count > $1.count }.map { $0.replacingOccurrences(of: " ", with: " ?") }
        let label = "(?<![A-Za-z0-9_])(?i:" + words.joined(separator: "|") + ")(?i:[ .]?(?:number|no|nr)\\.?)?"
        // After the label: `: `, `= `, `. ` (the dot needs its space: a number never starts
        // right after `.`) or one space.
        let connector = "(?: ?[:=] ?|\\. | )"
        // At least four digits before any other byte than the separators.
        let fourDigits = "(?=(?:[ ./()+-]{0,2}[0-9]){4})"
        let token = "(?:[0-9]|[ ./-](?=[0-9(])|\\((?=[0-9]{1,5}\\))|\\)(?=[ /-]?[0-9(]))"
        // Seven bytes of number from the first digit (what the SIMD stage needs to fire there).
        let number = "\\+?\\(?(?=[0-9][0-9 ./()-]{6})[0-9]" + token + "{0,30}+"
        let ext = "(?: ?(?i:ext\\.?|x|#|anexo|int\\.?) ?[0-9]{1,5})?"
        // What other rules own, even after a label (`Contact 5149 1946 1266 1043`): a 4-4-4-4
        // card, 16 digits or more, an SSN shape, a dotted quad, a MAC address.
        let owned = "(?![0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4}|[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{4}|[0-9]{16}"
            + "|[0-9]{3}-[0-9]{2}-[0-9]{4}(?![0-9])|(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?![0-9])"
            + "|[0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-])"
        // Never end before `-` and a letter either (`88-75-92-DC-AD-AE` is not `88-75-92`).
        let end = "(?![A-Za-z0-9_]|[.:/-]?[0-9]|-[A-Za-z])"
        return label + connector + owned + "(?<mask>" + fourDigits + number + ext + ")" + end
    }()

    /// The rule (built in, after `phone`).
    static var rule: Rule {
        let labelBytes = ByteSet(ascii: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .:=+(")
        return Rule(name: "phone_label", type: "PHONE", pattern: pattern,
                    // Label and connector (20), `+(` and 31 number bytes, a 12-byte extension
                    // (` anexo 12345`), and the lookahead's two bytes past the match.
                    maxLength: maxLabel + 33 + 12 + 2,
                    // The number's first digit, a phone start: the `phone` rule's own probes, so
                    // the nibble kernel's keys cover them (a probe of its own would run as the
                    // generic program beside the kernel, at half the SIMD stage's speed).
                    prefilter: PrefilterHint(probes: BuiltinRules.phoneStarts,
                                             back: labelBytes, maxBack: CandidateScreen.labelReach,
                                             gate: DigitGate(minDigits: 4, runClass: ByteSet.digits.union(ByteSet(ascii: " .-()+/"))),
                                             screen: .phoneLabel))
    }
}
