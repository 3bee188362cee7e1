/// The prefilter's scalar stage, bit-parallel: every probe checked at a hit with one table
/// lookup per offset, whatever the number of probes.
///
/// For each offset any probe tests (`-1 ... 7`), a table maps a byte to the set of probes that
/// byte does not rule out there (probes that test nothing at that offset are always in it).
/// The probes that pass at a position are the AND of those sets over the offsets, so a hit
/// costs about ten loads and ANDs instead of a loop over probes and their tests. The rules to
/// try are the OR of the passing probes' rule sets.
///
/// Sets are arrays of 64-bit words (one word for up to 64 probes); rules fit one word, since
/// an engine has at most 64 rules (see ``MaskingEngine``). Flat memory, built once per engine
/// and immutable after that, so maskers on any thread share it.
final class ProbeMatrix: @unchecked Sendable {
    /// 64-bit words per probe set.
    let words: Int
    /// The offsets tested, most selective first, so the AND usually empties early.
    let offsets: UnsafeMutableBufferPointer<Int>
    /// `sets[((c * 256) + byte) * words + w]`: word `w` of the probes byte `byte` allows at
    /// offset `offsets[c]`.
    let sets: UnsafeMutableBufferPointer<UInt64>
    /// For each probe, the rules that use it, as a bit set.
    let probeRules: UnsafeMutableBufferPointer<UInt64>
    /// `settled[c * words + w]`: the probes with no test at the `c`-th offset in order or later;
    /// once every passing probe is settled, the other lookups cannot change the answer.
    let settled: UnsafeMutableBufferPointer<UInt64>
    /// With one word of probes (up to 64, as the built-in pack): each offset in order with the
    /// probes still unsettled there, and a last step with none, which ends the walk without a
    /// bounds check. The hot path of every hit.
    let steps: UnsafeMutableBufferPointer<(offset: Int, unsettled: UInt64)>

    init(probes: [Probe], probeRules owners: [[Int]]) {
        let words = max(1, (probes.count + 63) / 64)
        self.words = words
        let tested = Set(probes.flatMap { $0.tests.map(\.offset) }).sorted()
        // allowed[o][k]: the bytes probe k allows at offset tested[o].
        let allowed: [[[Bool]]] = tested.map { offset in
            probes.map { probe in
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
        offsets = .allocate(capacity: max(1, order.count))
        _ = offsets.initialize(from: order.map { tested[$0] })
        sets = .allocate(capacity: max(1, order.count * 256 * words))
        sets.initialize(repeating: 0)
        for (c, o) in order.enumerated() {
            for (k, bytes) in allowed[o].enumerated() {
                for b in 0..<256 where bytes[b] {
                    sets[(c * 256 + b) * words + k / 64] |= 1 << UInt64(k % 64)
                }
            }
        }
        settled = .allocate(capacity: max(1, order.count * words))
        settled.initialize(repeating: 0)
        for c in order.indices {
            let later = Set(order[c...].map { tested[$0] })
            for (k, probe) in probes.enumerated() where probe.tests.allSatisfy({ !later.contains($0.offset) }) {
                settled[c * words + k / 64] |= 1 << UInt64(k % 64)
            }
        }
        probeRules = .allocate(capacity: max(1, probes.count))
        probeRules.initialize(repeating: 0)
        for (k, rules) in owners.enumerated() {
            for r in rules { probeRules[k] |= 1 << UInt64(r) }
        }
        self.offsetCount = order.count
        steps = .allocate(capacity: order.count + 1)
        for c in 0..<order.count { steps[c] = (offsets[c], ~settled[c * words]) }
        steps[order.count] = (0, 0)
    }

    /// The number of offsets tested.
    let offsetCount: Int

    deinit {
        offsets.deallocate(); sets.deallocate(); probeRules.deallocate(); settled.deallocate(); steps.deallocate()
    }

    /// The rules whose probes pass at a position, as a bit set, reading bytes with `byteAt(offset)`.
    @inline(__always)
    func rules(_ byteAt: (Int) -> UInt8) -> UInt64 {
        var rules: UInt64 = 0
        if words == 1 {
            var passing = ~UInt64(0)
            var c = 0
            var step = steps[0]
            while passing & step.unsettled != 0 {
                passing &= sets[c &<< 8 &+ Int(byteAt(step.offset))]
                c &+= 1
                step = steps[c]
            }
            while passing != 0 {
                rules |= probeRules[passing.trailingZeroBitCount]
                passing &= passing &- 1
            }
            return rules
        }
        for w in 0..<words {
            var passing = ~UInt64(0)
            var c = 0
            while c < offsetCount, passing & ~settled[c &* words &+ w] != 0 {
                passing &= sets[(c &* 256 &+ Int(byteAt(offsets[c]))) &* words &+ w]
                c &+= 1
            }
            while passing != 0 {
                rules |= probeRules[w &* 64 &+ passing.trailingZeroBitCount]
                passing &= passing &- 1
            }
        }
        return rules
    }
}
