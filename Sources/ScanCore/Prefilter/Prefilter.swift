/// The prefilter of an engine: every rule's probes, deduplicated, and the SIMD key program
/// that finds positions where any of them may pass.
///
/// Stage 1 (SIMD, ``KeyProgram``) marks hits; stage 2 (scalar, here) checks the full probes at
/// each hit and says which rules to try there.
struct Prefilter: Sendable {
    /// The distinct probes.
    let probes: [Probe]
    /// For each probe, the indexes of the rules that use it, ascending.
    let probeRules: [[Int]]
    /// The SIMD stage.
    let keys: KeyProgram
    /// For each byte value, the probes whose offset-0 test accepts it (probes without an
    /// offset-0 test are in every list), so a hit checks only the probes that can pass.
    let probesByByte: [[Int]]

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
        var byByte = Array(repeating: [Int](), count: 256)
        for (k, probe) in probes.enumerated() {
            for b in 0..<256 where probe.tests.allSatisfy({ $0.offset != 0 || $0.passes(UInt8(b)) }) {
                byByte[b].append(k)
            }
        }
        self.probesByByte = byByte
    }
}
