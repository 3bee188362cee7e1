/// A rule ready to run: its anchored JIT code, its proven or declared maximum length, and the
/// prefilter facts the scanner relies on.
///
/// Thread safety: every stored property is immutable after init, and ``PCRE2Code`` is shareable.
public final class CompiledRule: Sendable {
    /// The position of the rule in its engine; lower wins when two rules match at one start.
    public let index: Int
    /// The rule as written.
    public let rule: Rule
    /// The anchored code used to confirm a candidate at a known start.
    let code: PCRE2Code
    /// The unanchored code, used for pattern facts and by the baseline scanners.
    public let unanchored: PCRE2Code
    /// The longest match in bytes.
    public let maxLength: Int
    /// The bytes that can begin a match (all bytes when PCRE2 cannot tell).
    let firstBytes: ByteSet
    /// How the prefilter finds this rule's candidates.
    public let hint: PrefilterHint
    /// Whether the hint came from the rule (true) or was derived from the pattern (false).
    public let hintIsDeclared: Bool
    /// The capture group to replace, when the pattern has a group named `mask`.
    let maskGroup: Int?
    /// The number of capture groups.
    let captureCount: Int
    /// The replacement label's bytes.
    let label: [UInt8]
    /// The label opened for a tag: `[LABEL:` for `[LABEL]`, `LABEL:` for other labels.
    let tagOpen: [UInt8]
    /// What closes a tagged label: `]`, or nothing.
    let tagClose: [UInt8]

    /// The rule's name.
    public let name: String
    /// The rule's finding type.
    public let type: String
    /// How the pseudonymize action normalises this type's values.
    let normalization: Pseudonymizer.Normalization
    /// The rule's action and validator, copied out of ``rule`` so the hot path reads them
    /// without copying the whole rule.
    let action: Action
    let validator: Validator?

    /// Compiles `rule`, reporting problems against `origin` (a file name or `built-in`).
    init(_ rule: Rule, index: Int, origin: String) throws(RuleError) {
        self.index = index
        self.rule = rule
        self.name = rule.name
        self.type = rule.type
        self.normalization = Pseudonymizer.Normalization(type: rule.type)
        self.action = rule.action
        self.validator = rule.validator
        let code: PCRE2Code, unanchored: PCRE2Code
        do {
            // A validated rule ends in a callout that runs the validator and backtracks on refusal.
            code = try PCRE2Code(rule.validator == nil ? rule.pattern : "(?:\(rule.pattern))(?C1)", anchored: true)
            unanchored = try PCRE2Code(rule.pattern, anchored: false)
        } catch {
            throw .invalidPattern(file: origin, rule: rule.name, message: error.message, offset: error.offset)
        }
        self.code = code
        self.unanchored = unanchored
        if code.maxLookbehind > Confirmation.lookbehind {
            throw .lookbehind(file: origin, rule: rule.name, characters: code.maxLookbehind)
        }
        if code.minLength == 0 { throw .emptyMatch(file: origin, rule: rule.name) }
        let proven = PatternBound.maxLength(of: rule.pattern)
        guard let maxLength = rule.maxLength ?? proven else {
            throw .unboundedPattern(file: origin, rule: rule.name)
        }
        guard maxLength >= 1 && maxLength <= 1 << 20 else {
            throw .invalidValue(file: origin, rule: rule.name, key: "max_length", reason: "must be between 1 and 1048576 bytes.")
        }
        self.maxLength = maxLength
        let first = unanchored.firstBytes
        self.firstBytes = first ?? .all
        self.captureCount = code.captureCount
        self.maskGroup = code.groupNumber(named: "mask")
        let label = rule.effectiveLabel
        if let problem = CompiledRule.labelProblem(label) {
            throw .invalidLabel(file: origin, rule: rule.name, reason: problem)
        }
        self.label = Array(label.utf8)
        self.tagOpen = (self.label.last == UInt8(ascii: "]") ? Array(self.label.dropLast()) : self.label) + [UInt8(ascii: ":")]
        self.tagClose = self.label.last == UInt8(ascii: "]") ? [UInt8(ascii: "]")] : []
        if case .partial(let keep) = rule.action, !(1...32).contains(keep) {
            throw .invalidValue(file: origin, rule: rule.name, key: "keep", reason: "must be between 1 and 32.")
        }
        if let hint = rule.prefilter {
            self.hint = hint
            self.hintIsDeclared = true
        } else {
            self.hint = PrefilterDerivation.hint(pattern: rule.pattern, firstBytes: first)
            self.hintIsDeclared = false
        }
    }

    /// Why a label is unsafe, or nil. Labels land inside JSON strings, so they must need no
    /// escaping: printable ASCII without `"` or `\`, 1 to 64 bytes.
    static func labelProblem(_ label: String) -> String? {
        let bytes = Array(label.utf8)
        if bytes.isEmpty || bytes.count > 64 { return "labels must be 1 to 64 characters long." }
        if bytes.contains(where: { $0 < 0x20 || $0 > 0x7e }) { return "labels must be printable ASCII." }
        if bytes.contains(UInt8(ascii: "\"")) || bytes.contains(UInt8(ascii: "\\")) {
            return "labels must not contain a double quote or a backslash, which would need escaping in JSON."
        }
        return nil
    }
}
