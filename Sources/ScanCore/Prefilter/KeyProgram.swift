/// The first, SIMD stage of the prefilter: a small program of lane tests, grouped into keys,
/// run over 16 positions at a time. A position where any key passes is a *hit*, checked
/// afterwards against the full probes (the second, scalar stage, in ``Prefilter``).
///
/// Each probe contributes one key made of its most selective tests (one to three, until the
/// estimated pass rate is below 1 in 2,000), so the program stays short while hits stay rare.
@usableFromInline
struct KeyProgram: Sendable {
    @usableFromInline
    struct Test: Sendable {
        @usableFromInline var offset: Int
        @usableFromInline var lo: UInt8
        @usableFromInline var span: UInt8
        @usableFromInline var flip: UInt8   // 0xFF when negated
        @usableFromInline var fold: UInt8   // 0x20 when case-folded
        @usableFromInline var endsKey: Bool
        // The same constants splatted, so the vector loop loads them instead of broadcasting.
        @usableFromInline var loV: SIMD16<UInt8>
        @usableFromInline var spanV: SIMD16<UInt8>
        @usableFromInline var flipV: SIMD16<UInt8>
        @usableFromInline var foldV: SIMD16<UInt8>

        init(offset: Int, lo: UInt8, span: UInt8, flip: UInt8, fold: UInt8, endsKey: Bool) {
            self.offset = offset; self.lo = lo; self.span = span; self.flip = flip; self.fold = fold; self.endsKey = endsKey
            loV = SIMD16(repeating: lo); spanV = SIMD16(repeating: span)
            flipV = SIMD16(repeating: flip); foldV = SIMD16(repeating: fold)
        }
    }

    /// The flattened tests; a key ends at each test with `endsKey`.
    @usableFromInline var tests: [Test]

    /// The keys, for scalar evaluation and for tests.
    let keys: [[LaneTest]]

    init(probes: [Probe]) {
        var keys: [[LaneTest]] = []
        for probe in probes {
            // The most selective tests, until the key is rare enough (at most three tests).
            var chosen: [LaneTest] = []
            var rate = 1.0
            for test in probe.tests.sorted(by: { $0.estimatedPassRate < $1.estimatedPassRate }) {
                if chosen.count == 3 || (chosen.count >= 1 && rate < 0.0005) { break }
                chosen.append(test)
                rate *= test.estimatedPassRate
            }
            if !keys.contains(chosen) { keys.append(chosen) }
        }
        self.keys = keys
        var flat: [Test] = []
        for key in keys {
            for (i, t) in key.enumerated() {
                flat.append(Test(offset: t.offset, lo: t.lo, span: t.hi &- t.lo,
                                 flip: t.negated ? 0xFF : 0, fold: t.foldCase ? 0x20 : 0,
                                 endsKey: i == key.count - 1))
            }
        }
        self.tests = flat
    }

    /// Whether any key passes at a position, given a byte reader (the scalar oracle of ``scan``).
    func anyKeyPasses(_ byteAt: (Int) -> UInt8) -> Bool {
        keys.contains { key in key.allSatisfy { $0.passes(byteAt($0.offset)) } }
    }

    /// Calls `hit` with every position in `from..<to` of `base` where a key passes, in order.
    ///
    /// The caller guarantees that bytes `from - 1 ..< to + 3` of `base` are readable; blocks that
    /// would read further are finished by the scalar path. `hit` returns the position to resume
    /// from (at least its argument + 1), so a consumer may skip ahead.
    @inlinable
    func scan(_ base: UnsafeRawPointer, from: Int, to: Int, hit: (Int) -> Int) {
        var i = from
        // A block at i reads i-1 ..< i+19; it may run while i + 19 <= to + 3.
        let vectorEnd = to &- 16
        tests.withUnsafeBufferPointer { tests in
            outer: while i <= vectorEnd {
                let blockEnd = i &+ 16
                var bits = blockMask(base + i, tests)
                while bits != 0 {
                    let j = i &+ bits.trailingZeroBitCount &>> 2
                    let next = hit(j)
                    if next >= blockEnd { i = next; continue outer }
                    let keep = 4 &* (next &- i)
                    bits &= ~((UInt64(1) &<< UInt64(keep)) &- 1)
                }
                i = blockEnd
            }
        }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        while i < to {
            let j = i
            if keysPass(at: j, bytes) { i = max(hit(j), j &+ 1) } else { i = j &+ 1 }
        }
    }

    /// Whether any key passes at position `j` (scalar).
    @inlinable
    func keysPass(at j: Int, _ bytes: UnsafePointer<UInt8>) -> Bool {
        var keyOK = true
        for t in tests {
            let x = bytes[j &+ t.offset] | t.fold
            let inRange = x &- t.lo <= t.span
            if inRange == (t.flip != 0) { keyOK = false }
            if t.endsKey {
                if keyOK { return true }
                keyOK = true
            }
        }
        return false
    }

    /// The nibble mask of the 16 positions starting at `p`.
    @inlinable @inline(__always)
    func blockMask(_ p: UnsafeRawPointer, _ tests: UnsafeBufferPointer<Test>) -> UInt64 {
        var any = SIMD16<UInt8>(repeating: 0)
        var key = SIMD16<UInt8>(repeating: 0xFF)
        for t in tests {
            let x = VectorMask.load(p, t.offset) | t.foldV
            let inRange = unsafeBitCast((x &- t.loV) .<= t.spanV, to: SIMD16<UInt8>.self)
            key &= inRange ^ t.flipV
            if t.endsKey {
                any |= key
                key = SIMD16<UInt8>(repeating: 0xFF)
            }
        }
        return VectorMask.nibbles(any)
    }
}
