/// The prefilter's scalar stage, bit-parallel: every probe checked at a hit with one table
/// lookup per offset, whatever the number of probes.
///
/// For each offset any probe tests (`-1 ... 7`), a table maps a byte to the set of probes that
/// byte does not rule out there (probes that test nothing at that offset are always in it).
/// The probes that pass at a position are the AND of those sets over the offsets, so a hit
/// costs about ten loads and ANDs instead of a loop over probes and their tests. The rules to
/// try are the OR of the passing probes' rule sets.
///
/// Probes come in words of 64, each walked on its own; rules fit one word, since an engine has
/// at most 64 rules (see ``MaskingEngine``). Flat memory, built once per engine
/// and immutable after that, so maskers on any thread share it.
final class ProbeMatrix: @unchecked Sendable {
    /// 64-bit words per probe set.
    let words: Int
    /// Each word's walk, one after the other: `words` runs of `stepsPerWord` steps, each an
    /// offset and the probes of that word still unsettled there, in that word's own order
    /// (its most selective offset first, so a word whose probes need letters is done after one
    /// lookup at a digit), ending with a step with none, which ends the walk without a bounds
    /// check. The hot path of every hit.
    let steps: UnsafeMutableBufferPointer<(offset: Int, unsettled: UInt64)>
    /// `sets[(w * stepsPerWord + c) * 256 + byte]`: the probes of word `w` that `byte` allows
    /// at the offset of that word's `c`-th step (probes that test nothing there are in it).
    let sets: UnsafeMutableBufferPointer<UInt64>
    /// For each probe, the rules that use it, as a bit set.
    let probeRules: UnsafeMutableBufferPointer<UInt64>
    /// The steps of each word's walk, the closing one included.
    let stepsPerWord: Int

    init(probes: [Probe], probeRules owners: [[Int]]) {
        let words = max(1, (probes.count + 63) / 64)
        self.words = words
        let tested = Set(probes.flatMap { $0.tests.map(\.offset) }).sorted()
        stepsPerWord = tested.count + 1
        steps = .allocate(capacity: words * stepsPerWord)
        sets = .allocate(capacity: words * stepsPerWord * 256)
        sets.initialize(repeating: 0)
        for w in 0..<words {
            let mine = Array(probes[(w * 64)..<min(probes.count, w * 64 + 64)])
            // allowed[o][k]: the bytes probe k of this word allows at offset tested[o].
            let allowed: [[[Bool]]] = tested.map { offset in
                mine.map { probe in
                    let tests = probe.tests.filter { $0.offset == offset }
                    return (0..<256).map { b in tests.allSatisfy { $0.passes(UInt8(b)) } }
                }
            }
            // Most selective first: the offset whose tables allow the fewest probes on average.
            let weight: [Double] = allowed.map { perProbe in
                (0..<256).reduce(0.0) { sum, b in
                    sum + LaneTest.frequency(of: UInt8(b)) * Double(perProbe.filter { $0[b] }.count)
                }
            }
            let order = tested.indices.sorted { (weight[$0], tested[$0]) < (weight[$1], tested[$1]) }
            for (c, o) in order.enumerated() {
                for (k, bytes) in allowed[o].enumerated() {
                    for b in 0..<256 where bytes[b] { sets[(w * stepsPerWord + c) * 256 + b] |= 1 << UInt64(k) }
                }
                // Unsettled: the probes with a test at this offset or a later one in order.
                let later = Set(order[c...].map { tested[$0] })
                var unsettled: UInt64 = 0
                for (k, probe) in mine.enumerated() where probe.tests.contains(where: { later.contains($0.offset) }) {
                    unsettled |= 1 << UInt64(k)
                }
                steps[w * stepsPerWord + c] = (tested[o], unsettled)
            }
            steps[w * stepsPerWord + tested.count] = (0, 0)
        }
        probeRules = .allocate(capacity: max(1, probes.count))
        probeRules.initialize(repeating: 0)
        for (k, rules) in owners.enumerated() {
            for r in rules { probeRules[k] |= 1 << UInt64(r) }
        }
    }

    deinit {
        steps.deallocate(); sets.deallocate(); probeRules.deallocate()
    }

    /// The rules whose probes pass at a position, as a bit set, reading bytes with `byteAt(offset)`.
    @inline(__always)
    func rules(_ byteAt: (Int) -> UInt8) -> UInt64 {
        var rules: UInt64 = 0
        var w = 0
        repeat {
            var passing = ~UInt64(0)
            var c = w &* stepsPerWord
            var step = steps[c]
            while passing & step.unsettled != 0 {
                passing &= sets[c &<< 8 &+ Int(byteAt(step.offset))]
                c &+= 1
                step = steps[c]
            }
            let base = w &<< 6
            while passing != 0 {
                rules |= probeRules[base &+ passing.trailingZeroBitCount]
                passing &= passing &- 1
            }
            w &+= 1
        } while w < words
        return rules
    }
}
