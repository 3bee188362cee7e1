/// What handling a hit needs, built once per engine in plain memory so that maskers share it
/// and a hit touches no reference counts and no nested arrays: the bit-parallel probe check,
/// the shared digit gates, and each rule's window facts.
final class HitTables: @unchecked Sendable {
    /// What opening a window for a rule needs.
    struct RuleFacts {
        var maxLength: Int
        var maxBack: Int
        var back: ByteSet
        var screen: CandidateScreen?
    }

    let facts: UnsafeMutableBufferPointer<RuleFacts>
    /// The rules by index, unretained (the engine keeps them alive): what the resolver
    /// confirms and renders with.
    let ruleRefs: UnsafeMutablePointer<Unmanaged<CompiledRule>>
    /// The probes, checked bit-parallel.
    let probes: ProbeMatrix
    /// The digit gates, checked together.
    let gates: GateSet

    init(rules: [CompiledRule], prefilter: Prefilter) {
        facts = .allocate(capacity: max(1, rules.count))
        for (r, rule) in rules.enumerated() {
            facts[r] = RuleFacts(maxLength: rule.maxLength, maxBack: rule.hint.maxBack, back: rule.hint.back, screen: rule.hint.screen)
        }
        ruleRefs = .allocate(capacity: max(1, rules.count))
        for (r, rule) in rules.enumerated() { (ruleRefs + r).initialize(to: .passUnretained(rule)) }
        probes = ProbeMatrix(probes: prefilter.probes, probeRules: prefilter.probeRules)
        gates = GateSet(rules: rules)
        screened = rules.enumerated().reduce(0) { $0 | ($1.element.hint.screen == nil ? 0 : UInt64(1) << UInt64($1.offset)) }
    }

    /// The rules with a ``CandidateScreen``, as a bit set.
    let screened: UInt64

    deinit { facts.deallocate(); ruleRefs.deallocate() }
}
