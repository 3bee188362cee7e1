/// A masking rule as written: the definition an operator or the built-in pack gives, before
/// compilation. ``MaskingEngine`` compiles a list of rules.
public struct Rule: Sendable, Hashable {
    /// A unique name such as `email`, used in findings, logs and rule files.
    public var name: String
    /// The finding type in upper case, such as `EMAIL`.
    public var type: String
    /// The PCRE2 pattern, matched on bytes (no UTF mode). Lookbehind is limited to 8
    /// characters (`\b` needs one).
    public var pattern: String
    /// The longest match, in bytes. Required when the pattern is unbounded; otherwise derived.
    public var maxLength: Int?
    /// How the prefilter finds candidates. Derived from the pattern when absent.
    public var prefilter: PrefilterHint?
    /// A check on the matched bytes that must pass, such as a checksum.
    public var validator: Validator?
    /// What replaces a match.
    public var action: Action
    /// The replacement label; `[TYPE]` when absent.
    public var label: String?
    /// Whether the rule runs.
    public var enabled: Bool
    /// For a keyed rule (``KeyedValues``), the JSON keys whose values it masks; the pattern
    /// and hint are generated from them, and rule files add and remove keys. Nil otherwise.
    public var keys: [String]? = nil

    /// A rule with every field given.
    public init(name: String, type: String, pattern: String, maxLength: Int? = nil,
                prefilter: PrefilterHint? = nil, validator: Validator? = nil,
                action: Action = .redact, label: String? = nil, enabled: Bool = true) {
        self.name = name; self.type = type; self.pattern = pattern; self.maxLength = maxLength
        self.prefilter = prefilter; self.validator = validator; self.action = action
        self.label = label; self.enabled = enabled
    }

    /// The label used in replacements.
    public var effectiveLabel: String { label ?? "[\(type)]" }
}

/// What replaces a matched value.
public enum Action: Sendable, Hashable, CustomStringConvertible {
    /// The label alone, such as `[EMAIL]`.
    case redact
    /// The label with the last `keep` letters or digits of the value, such as `[CREDIT_CARD:****1111]`.
    case partial(keep: Int)
    /// The label with a keyed token: HMAC-SHA-256 of the normalised value, as 10 hex digits,
    /// such as `[EMAIL:3f9a1c2b7d]`. The same value gives the same token under the same key.
    case pseudonymize

    /// The rule-file spelling.
    public var description: String {
        switch self {
        case .redact: return "redact"
        case .partial(let keep): return "partial(keep: \(keep))"
        case .pseudonymize: return "pseudonymize"
        }
    }
}

/// How the prefilter finds candidates for a rule, stated as facts about every match.
///
/// A hint is a promise: every match contains a position where one of `probes` passes, every
/// byte of the match before that position is in `back`, at most `maxBack` bytes away, and the
/// match never starts right after a byte in `notAfter`. The engine's tests check the built-in
/// hints against an exhaustive reference; an operator's hint is trusted as written.
public struct PrefilterHint: Sendable, Hashable {
    /// SIMD-checkable conditions; every match contains a position where one of them passes.
    public var probes: [Probe]
    /// The bytes a match may contain before the probe position.
    public var back: ByteSet
    /// How far before the probe position a match may start.
    public var maxBack: Int
    /// Bytes that never come right before a match (from a leading `\b` or one-byte lookbehind).
    public var notAfter: ByteSet
    /// An optional gate on digit runs, checked before any regex work.
    public var gate: DigitGate?
    /// An optional native refusal of starts the pattern cannot match, checked after the gate
    /// (built-in rules only; see ``CandidateScreen``).
    public var screen: CandidateScreen?

    /// A hint with every field given.
    public init(probes: [Probe], back: ByteSet = ByteSet(), maxBack: Int = 0,
                notAfter: ByteSet = ByteSet(), gate: DigitGate? = nil, screen: CandidateScreen? = nil) {
        self.probes = probes; self.back = back; self.maxBack = maxBack; self.notAfter = notAfter; self.gate = gate
        self.screen = screen
    }
}

/// A gate on digit runs: from the probe position (or `from` bytes after it), the bytes up to the first byte outside
/// `runClass` (at most the rule's maximum length) must hold at least `minDigits` digits and
/// at least `minSeparators` bytes of `separators`, or, when `orPair` is set, that byte twice
/// in a row (an IPv6 address has seven colons or a `::`).
public struct DigitGate: Sendable, Hashable {
    /// The fewest digits a match holds.
    public var minDigits: Int
    /// Every byte a match may contain.
    public var runClass: ByteSet
    /// Separator bytes a match must hold `minSeparators` of (the dots of an IPv4 address).
    public var separators: ByteSet
    /// The fewest separators a match holds.
    public var minSeparators: Int
    /// A byte whose doubling inside the run passes the gate whatever the counts.
    public var orPair: UInt8?
    /// Where the run starts, in bytes after the probe position (0 to 8).
    public var from: Int
    /// How many bytes from the probe position the gate reads at most; nil reads up to the
    /// rule's maximum length.
    public var reach: Int?

    /// A gate requiring `minDigits` digits and `minSeparators` separators among bytes of
    /// `runClass`, or `orPair` twice in a row there.
    public init(minDigits: Int, runClass: ByteSet, separators: ByteSet = ByteSet(), minSeparators: Int = 0,
                orPair: UInt8? = nil, from: Int = 0, reach: Int? = nil) {
        precondition((0...8).contains(from), "a gate's run starts 0 to 8 bytes after the probe")
        self.minDigits = minDigits; self.runClass = runClass
        self.separators = separators; self.minSeparators = minSeparators; self.orPair = orPair; self.from = from
        self.reach = reach
    }

    /// How far past the probe the gate reads for a rule whose matches are at most
    /// `maxLength` bytes long: its `reach` when that is shorter.
    public func reach(forMaxLength maxLength: Int) -> Int { min(maxLength, reach ?? maxLength) }
}
