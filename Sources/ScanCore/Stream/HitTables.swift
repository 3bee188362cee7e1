/// The prefilter's scalar stage and the rules' window facts, flattened into plain memory
/// so that handling a hit touches no reference counts and no nested arrays.
///
/// Each ``StreamMasker`` owns one copy; it is built once per masker from the engine.
final class HitTables {
    /// What opening a window for a rule needs.
    struct RuleFacts {
        var maxLength: Int
        var maxBack: Int
        var back: ByteSet
        var hasGate: Bool
        var minDigits: Int
        var minSeparators: Int
        var runClass: ByteSet
        var separators: ByteSet
    }

    /// A lane test reduced to branch-free form: `((byte | fold) &- lo <= span) != flip`.
    struct ScalarTest {
        var offset: Int
        var lo: UInt8
        var span: UInt8
        var fold: UInt8
        var flip: Bool

        init(_ t: LaneTest) {
            offset = t.offset; lo = t.lo; span = t.hi &- t.lo; fold = t.foldCase ? 0x20 : 0; flip = t.negated
        }

        @inline(__always)
        func passes(_ byte: UInt8) -> Bool { ((byte | fold) &- lo <= span) != flip }
    }

    let facts: UnsafeMutableBufferPointer<RuleFacts>
    /// Probe `k`'s tests are `tests[testStart[k] ..< testStart[k + 1]]`.
    let tests: UnsafeMutableBufferPointer<ScalarTest>
    let testStart: UnsafeMutableBufferPointer<Int>
    /// Probe `k`'s rules are `ruleList[ruleStart[k] ..< ruleStart[k + 1]]`.
    let ruleList: UnsafeMutableBufferPointer<Int>
    let ruleStart: UnsafeMutableBufferPointer<Int>
    /// The probes to check at a byte `b` are `byteList[byteStart[b] ..< byteStart[b + 1]]`.
    let byteList: UnsafeMutableBufferPointer<Int>
    let byteStart: UnsafeMutableBufferPointer<Int>

    init(engine: MaskingEngine) {
        let prefilter = engine.prefilter
        facts = .allocate(capacity: max(1, engine.rules.count))
        for (r, rule) in engine.rules.enumerated() {
            let gate = rule.hint.gate
            facts[r] = RuleFacts(maxLength: rule.maxLength, maxBack: rule.hint.maxBack, back: rule.hint.back,
                                 hasGate: gate != nil, minDigits: gate?.minDigits ?? 0, minSeparators: gate?.minSeparators ?? 0,
                                 runClass: gate?.runClass ?? ByteSet(), separators: gate?.separators ?? ByteSet())
        }
        func flatten<T>(_ lists: [[T]]) -> (UnsafeMutableBufferPointer<T>, UnsafeMutableBufferPointer<Int>) {
            let all = lists.flatMap { $0 }
            let list = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, all.count))
            _ = list.initialize(from: all)
            let start = UnsafeMutableBufferPointer<Int>.allocate(capacity: lists.count + 1)
            var n = 0
            for (k, l) in lists.enumerated() { start[k] = n; n += l.count }
            start[lists.count] = n
            return (list, start)
        }
        // Rarest test first, so a probe that fails usually fails on its first test.
        (tests, testStart) = flatten(prefilter.probes.map { $0.tests.sorted { $0.estimatedPassRate < $1.estimatedPassRate }.map(ScalarTest.init) })
        (ruleList, ruleStart) = flatten(prefilter.probeRules)
        (byteList, byteStart) = flatten(prefilter.probesByByte)
    }

    deinit {
        facts.deallocate(); tests.deallocate(); testStart.deallocate()
        ruleList.deallocate(); ruleStart.deallocate(); byteList.deallocate(); byteStart.deallocate()
    }

    /// Whether probe `k` passes at a position, reading bytes with `byteAt(offset)`.
    @inline(__always)
    func probePasses(_ k: Int, _ byteAt: (Int) -> UInt8) -> Bool {
        var t = testStart[k]
        let end = testStart[k + 1]
        while t < end {
            let test = tests[t]
            if !test.passes(byteAt(test.offset)) { return false }
            t += 1
        }
        return true
    }
}
