/// The prefilter of an engine: every rule's probes, deduplicated, and the SIMD key program
/// that finds positions where any of them may pass.
///
/// Stage 1 (SIMD, ``KeyProgram``) marks hits; stage 2 (``ProbeMatrix``, bit-parallel) checks
/// the full probes at each hit and says which rules to try there.
struct Prefilter: Sendable {
    /// The distinct probes.
    let probes: [Probe]
    /// For each probe, the indexes of the rules that use it, ascending.
    let probeRules: [[Int]]
    /// The SIMD stage.
    let keys: KeyProgram

    init(rules: [CompiledRule]) {
        var probes: [Probe] = []
        var owners: [[Int]] = []
        for rule in rules {
            for probe in rule.hint.probes {
                if let k = probes.firstIndex(of: probe) {
                    if !owners[k].contains(rule.index) { owners[k].append(rule.index) }
                } else {
                    probes.append(probe); owners.append([rule.index])
                }
            }
        }
        self.probes = probes
        self.probeRules = owners
        self.keys = KeyProgram(probes: probes)
    }
}
