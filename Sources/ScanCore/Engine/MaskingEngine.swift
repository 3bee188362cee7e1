import Synchronization

/// A compiled rule set: immutable, shareable between threads, and the factory of
/// ``StreamMasker``s (one per stream).
///
/// ```swift
/// let engine = try MaskingEngine(rules: BuiltinRules.all)
/// let masker = engine.makeMasker()
/// masker.feed(chunk, into: &sink)   // as often as bytes arrive
/// masker.finish(into: &sink)
/// ```
public final class MaskingEngine: Sendable {
    /// The enabled rules, in priority order.
    public let rules: [CompiledRule]
    let prefilter: Prefilter
    /// The prefilter's scalar stage and the rules' window facts, shared by every masker.
    let tables: HitTables
    let pseudonymizer: Pseudonymizer?
    /// The longest maximum match length of any rule.
    public let maxLength: Int
    /// The farthest any rule's match may start before its probe position.
    let maxBack: Int
    /// How far past a probe position the digit gates read.
    let gateReach: Int
    /// The most output a masker holds back at any time: the longest rule's maximum length,
    /// plus 8 bytes to finish an escape or a UTF-8 sequence, plus the gate and back reach,
    /// the probes' read-ahead and 8 bytes of emit slack.
    public let holdBack: Int
    /// The most capture groups any rule has (the size of a scratch's match data).
    let maxGroups: Int
    /// PCRE2 scratch (match data, match context, a JIT stack) of maskers that have ended,
    /// handed to the next masker: a gateway makes a masker per message, and creating a JIT
    /// stack maps and unmaps memory (a few percent of the gateway's CPU on small messages).
    let scratchPool = Mutex<[MatchScratch]>([])
    /// The most scratch objects the pool keeps.
    static let scratchPoolLimit = 64

    /// Compiles `rules` (disabled ones are skipped), each reported against its origin: pass
    /// `origins[name]` for rules from files; others are reported as `built-in`.
    public init(rules: [Rule], origins: [String: String] = [:], pseudonymKey: [UInt8]? = nil) throws(RuleError) {
        var compiled: [CompiledRule] = []
        let enabled = rules.filter(\.enabled)
        // The masker tracks pending rules in a 64-bit set.
        if enabled.count > 64, let extra = enabled.dropFirst(64).first {
            throw .invalidValue(file: origins[extra.name] ?? "built-in", rule: extra.name, key: "name",
                                reason: "at most 64 rules can be enabled at once; disable some rules.")
        }
        for rule in enabled {
            let origin = origins[rule.name] ?? "built-in"
            let c = try CompiledRule(rule, index: compiled.count, origin: origin)
            if case .pseudonymize = rule.action, pseudonymKey == nil { throw .missingPseudonymKey(rule: rule.name) }
            compiled.append(c)
        }
        self.rules = compiled
        self.prefilter = Prefilter(rules: compiled)
        self.tables = HitTables(rules: compiled, prefilter: prefilter)
        self.pseudonymizer = pseudonymKey.map { Pseudonymizer(key: $0) }
        self.maxLength = compiled.map(\.maxLength).max() ?? 1
        self.maxBack = compiled.map(\.hint.maxBack).max() ?? 0
        self.gateReach = compiled.compactMap { rule in rule.hint.gate.map { $0.reach(forMaxLength: rule.maxLength) } }.max() ?? 0
        self.maxGroups = compiled.map(\.captureCount).max() ?? 0
        self.holdBack = maxLength + 8 + gateReach + maxBack + StreamMasker.probeReach + 8
    }

    /// The built-in rule pack, compiled.
    public static func builtin() throws(RuleError) -> MaskingEngine {
        try MaskingEngine(rules: BuiltinRules.all)
    }

    /// PCRE2 scratch for a new masker: from the pool, or new.
    func takeScratch() -> MatchScratch {
        scratchPool.withLock { $0.popLast() } ?? MatchScratch(groups: maxGroups)
    }

    /// Gives an ended masker's scratch back to the pool (up to its limit).
    func returnScratch(_ scratch: MatchScratch) {
        scratchPool.withLock { pool in
            if pool.count < MaskingEngine.scratchPoolLimit { pool.append(scratch) }
        }
    }

    /// A masker for one stream, reading its input as `format`. Not thread-safe; make one per stream.
    public func makeMasker(format: StreamMasker.Format = .auto) -> StreamMasker { StreamMasker(engine: self, format: format) }

    /// Masks a whole buffer at once: the same output as streaming it in any chunking.
    public func mask(_ input: [UInt8], format: StreamMasker.Format = .auto) -> (output: [UInt8], findings: [Finding]) {
        let masker = makeMasker(format: format)
        var sink = CollectingSink()
        input.withUnsafeBytes { buf in
            sink.chunk = buf
            masker.feed(buf, into: &sink)
        }
        masker.finish(into: &sink)
        return (sink.output, sink.findings)
    }
}
