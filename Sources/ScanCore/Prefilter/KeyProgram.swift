/// The first, SIMD stage of the prefilter: a small program of lane tests, grouped into keys,
/// run over 16 positions at a time. A position where any key passes is a *hit*, checked
/// afterwards against the full probes (the second, scalar stage, in ``Prefilter``).
///
/// Each probe contributes one key made of its boundary tests (up to three) and its most
/// selective other tests (up to four), so the program stays short while hits stay rare. Tests shared by several
/// keys are computed once per block.
///
/// The built-in keys run in a hand-written kernel (``NibbleKernel`` on x86-64,
/// ``BuiltinKernel`` elsewhere). When an operator's rule files add keys the kernel does not
/// know, those that make selective buckets join the nibble kernel's operator group on
/// x86-64 (``OperatorBuckets``), and the rest run as the generic program beside the kernel;
/// a position is a hit when either fires. An added rule never sends every key to the
/// generic program.
@usableFromInline
struct KeyProgram: Sendable {
    @usableFromInline
    struct Test: Sendable {
        @usableFromInline var offset: Int
        @usableFromInline var lo: UInt8
        @usableFromInline var span: UInt8
        @usableFromInline var flip: UInt8   // 0xFF when negated
        @usableFromInline var fold: UInt8   // 0x20 when case-folded
        // The same constants splatted, so the vector loop loads them instead of broadcasting.
        @usableFromInline var loV: SIMD16<UInt8>
        @usableFromInline var spanV: SIMD16<UInt8>
        @usableFromInline var flipV: SIMD16<UInt8>
        @usableFromInline var foldV: SIMD16<UInt8>

        init(offset: Int, lo: UInt8, span: UInt8, flip: UInt8, fold: UInt8) {
            self.offset = offset; self.lo = lo; self.span = span; self.flip = flip; self.fold = fold
            loV = SIMD16(repeating: lo); spanV = SIMD16(repeating: span)
            flipV = SIMD16(repeating: flip); foldV = SIMD16(repeating: fold)
        }
    }

    /// The distinct tests of the generic keys, each computed once per block.
    @usableFromInline var tests: [Test]
    /// The generic keys as indexes into `tests`; a key ends where `keyEnds` says.
    @usableFromInline var terms: [Int]
    @usableFromInline var keyEnds: [Int]

    /// All the keys, for tests.
    @usableFromInline let keys: [[LaneTest]]
    /// The keys the vector loop runs as the generic program: all of them, or with a
    /// hand-written kernel, those it does not cover.
    @usableFromInline let genericKeys: [[LaneTest]]

    /// Whether a hand-written kernel runs the built-in keys (``BuiltinKernel``, or
    /// ``NibbleKernel`` on x86-64), beside the generic program for ``genericKeys``.
    @usableFromInline let usesBuiltinKernel: Bool
    #if arch(x86_64)
    /// On x86-64, the built-in keys run as nibble-table lookups instead (``NibbleKernel``),
    /// with the selective keys of rule files in its operator group (``OperatorBuckets``).
    @usableFromInline let nibble: NibbleKernel?
    /// The byte sets (offsets 0 to 2) of the keys placed in the operator groups, before they
    /// were merged into buckets: what `veil rules list --simd` shows, and what
    /// corpus/tools/plan_operator_buckets.py plans from.
    let operatorKeys: [[ByteSet]]
    #endif

    /// The key of `probe`: boundary tests (the byte before the position) first, since they
    /// make a probe fire once per token instead of at every byte inside one; then the most
    /// selective tests, until the key is rare enough; at most four besides the boundary ones.
    static func key(of probe: Probe) -> [LaneTest] {
        let boundary = probe.tests.filter { $0.offset == -1 }
        let rest = probe.tests.filter { $0.offset != -1 }.sorted { $0.estimatedPassRate < $1.estimatedPassRate }
        var chosen = Array(boundary.prefix(3))
        var rate = 1.0
        for test in rest {
            if chosen.count - min(boundary.count, 3) == 4 || (!chosen.isEmpty && rate < 0.0005) { break }
            chosen.append(test)
            rate *= test.estimatedPassRate
        }
        return chosen
    }

    /// A program for `probes`. The hand-written kernels run when they cover the keys, unless
    /// disallowed (the tests compare each kernel with the generic program).
    init(probes: [Probe], allowBuiltinKernel: Bool = true, allowNibbleKernel: Bool = true) {
        var keys: [[LaneTest]] = []
        // For each key, the bytes its probes allow at offsets 0 to 2 (an operator bucket).
        var bucketSets: [[ByteSet]] = []
        for probe in probes {
            let chosen = KeyProgram.key(of: probe)
            let sets = OperatorBuckets.sets(of: probe.tests)
            if let k = keys.firstIndex(of: chosen) {
                bucketSets[k] = zip(bucketSets[k], sets).map { $0.union($1) }
            } else {
                keys.append(chosen); bucketSets.append(sets)
            }
        }
        self.keys = keys
        // The kernel runs when it covers some key: a superset of the built-in keys it knows
        // (an operator may have disabled or changed some), with the rest run generically.
        let covered = allowBuiltinKernel ? keys.filter { BuiltinKernel.keys.contains($0) } : []
        self.usesBuiltinKernel = !covered.isEmpty
        var genericKeys = usesBuiltinKernel ? keys.filter { !BuiltinKernel.keys.contains($0) } : keys
        #if arch(x86_64)
        // On x86-64 the operator keys that make selective buckets join the nibble kernel.
        var operatorBuckets: [[ByteSet]] = []
        var operatorKeys: [[ByteSet]] = []
        if usesBuiltinKernel && allowNibbleKernel {
            let candidates = genericKeys.map { key in (key: key, sets: bucketSets[keys.firstIndex(of: key)!]) }
            (operatorBuckets, genericKeys) = OperatorBuckets.plan(candidates)
            operatorKeys = candidates.filter { !genericKeys.contains($0.key) }.map(\.sets)
        }
        #endif
        self.genericKeys = genericKeys
        var unique: [LaneTest] = []
        var terms: [Int] = []
        var ends: [Int] = []
        for key in genericKeys {
            for t in key {
                if let k = unique.firstIndex(of: t) { terms.append(k) } else { unique.append(t); terms.append(unique.count - 1) }
            }
            ends.append(terms.count)
        }
        self.tests = unique.map { t in
            Test(offset: t.offset, lo: t.lo, span: t.hi &- t.lo, flip: t.negated ? 0xFF : 0, fold: t.foldCase ? 0x20 : 0)
        }
        self.terms = terms
        self.keyEnds = ends
        #if arch(x86_64)
        self.nibble = usesBuiltinKernel && allowNibbleKernel ? NibbleKernel(extra: operatorBuckets) : nil
        self.operatorKeys = operatorKeys
        #endif
    }

    /// Whether any key passes at a position, given a byte reader (the scalar oracle of ``scan``):
    /// the hand-written kernel's own definition (the nibble kernel's is wider than its keys; the
    /// compare kernel computes every built-in key) or the generic keys.
    @usableFromInline
    func anyKeyPasses(_ byteAt: (Int) -> UInt8) -> Bool {
        func passes(_ keys: [[LaneTest]]) -> Bool { keys.contains { key in key.allSatisfy { $0.passes(byteAt($0.offset)) } } }
        if passes(genericKeys) { return true }
        guard usesBuiltinKernel else { return false }
        #if arch(x86_64)
        if let nibble { return nibble.passes(byteAt) }
        #endif
        return passes(BuiltinKernel.keys)
    }

    /// Calls `hit` with every position in `from..<to` of `base` where a key passes, in order.
    ///
    /// The caller guarantees that bytes `from - 1 ..< to + 15` of `base` are readable; blocks that
    /// would read further are finished by the scalar path. `hit` returns the position to resume
    /// from (at least its argument + 1), so a consumer may skip ahead.
    @inlinable
    func scan(_ base: UnsafeRawPointer, from: Int, to: Int, hit: (Int) -> Int) {
        var i = from
        // A block at i reads at most i-1 ..< i+31 (offsets up to 15, 16 lanes); it may run while
        // i + 31 <= to + 15.
        let vectorEnd = to &- 16
        if !usesBuiltinKernel {
            scanGeneric(base, &i, vectorEnd, hit)
        } else {
            #if arch(x86_64)
            if let nibble {
                scanNibble(nibble, base, &i, vectorEnd, hit)
            } else {
                scanCompareKernel(base, &i, vectorEnd, hit)
            }
            #else
            scanCompareKernel(base, &i, vectorEnd, hit)
            #endif
        }
        // The last positions: their bytes up to `to + 15` are readable, later ones read as 0
        // (only lanes at or past `to` could see them).
        if i < to {
            let bytes = base.assumingMemoryBound(to: UInt8.self)
            let limit = to &+ 15
            scanGathered(from: i, to: to, { $0 < limit ? bytes[$0] : 0 }, hit: hit)
        }
    }

    /// Calls `hit` with every position in `from..<to` where a key passes, reading bytes with
    /// `byteAt(position)`: 16 positions at a time, gathered with their context into a small
    /// buffer and run through the same vector code, so the result equals ``anyKeyPasses``.
    /// For the ends of buffers and positions whose bytes straddle the carry and the chunk.
    @inlinable
    func scanGathered(from: Int, to: Int, _ byteAt: (Int) -> UInt8, hit: (Int) -> Int) {
        var buffer = (SIMD16<UInt8>(), SIMD16<UInt8>(), SIMD16<UInt8>(), SIMD16<UInt8>())
        var i = from
        while i < to {
            let start = i
            // Bytes start-1 ..< start+47: what a block of 16 positions reads.
            withUnsafeMutableBytes(of: &buffer) { raw in
                for k in 0..<48 { raw[k] = byteAt(start &- 1 &+ k) }
            }
            var bits = withUnsafeBytes(of: &buffer) { raw in blockBits(raw.baseAddress! + 1) }
            let count = min(16, to &- start)
            bits &= (UInt64(1) &<< UInt64(count)) &- 1
            i = start &+ count
            while bits != 0 {
                let j = start &+ bits.trailingZeroBitCount
                let next = hit(j)
                if next >= start &+ count { i = max(i, next); break }
                bits &= ~((UInt64(1) &<< UInt64(next &- start)) &- 1)
            }
        }
    }

    /// The hit mask of the 16 positions at `p` by whichever kernels this program runs.
    @inlinable
    func blockBits(_ p: UnsafeRawPointer) -> UInt64 {
        var bits: UInt64 = 0
        if !genericKeys.isEmpty {
            bits = withGenericProgram { tests, terms, keyEnds, values in blockMask(p, tests, terms, keyEnds, values) }
        }
        guard usesBuiltinKernel else { return bits }
        #if arch(x86_64)
        if let nibble {
            return bits | nibble.lo.withUnsafeBufferPointer { lo in
                nibble.hi.withUnsafeBufferPointer { hi in
                    switch nibble.extraGroups {
                    case 0: nibble.blockMask(p, lo.baseAddress!, hi.baseAddress!, extra: 0)
                    case 1: nibble.blockMask(p, lo.baseAddress!, hi.baseAddress!, extra: 1)
                    default: nibble.blockMask(p, lo.baseAddress!, hi.baseAddress!, extra: 2)
                    }
                }
            }
        }
        #endif
        return bits | BuiltinKernel.blockMask(p)
    }

    #if arch(x86_64)
    /// The nibble kernel (with its operator group when it has one) over the blocks from `i`
    /// while `i <= vectorEnd`, beside the generic keys when there are any: each combination
    /// is its own loop, so the choice is made once per call, not per block.
    @inlinable @inline(__always)
    func scanNibble(_ nibble: NibbleKernel, _ base: UnsafeRawPointer, _ i: inout Int, _ vectorEnd: Int, _ hit: (Int) -> Int) {
        nibble.lo.withUnsafeBufferPointer { lo in
            nibble.hi.withUnsafeBufferPointer { hi in
                let lo = lo.baseAddress!, hi = hi.baseAddress!
                switch (nibble.extraGroups, genericKeys.isEmpty) {
                case (0, true):
                    KeyProgram.drain(base, &i, vectorEnd, hit) { nibble.blockMask($0, lo, hi, extra: 0) }
                case (1, true):
                    KeyProgram.drain(base, &i, vectorEnd, hit) { nibble.blockMask($0, lo, hi, extra: 1) }
                case (_, true):
                    KeyProgram.drain(base, &i, vectorEnd, hit) { nibble.blockMask($0, lo, hi, extra: 2) }
                case (0, false):
                    withGenericProgram { tests, terms, keyEnds, values in
                        KeyProgram.drain(base, &i, vectorEnd, hit) { nibble.blockMask($0, lo, hi, extra: 0) | blockMask($0, tests, terms, keyEnds, values) }
                    }
                case (1, false):
                    withGenericProgram { tests, terms, keyEnds, values in
                        KeyProgram.drain(base, &i, vectorEnd, hit) { nibble.blockMask($0, lo, hi, extra: 1) | blockMask($0, tests, terms, keyEnds, values) }
                    }
                case (_, false):
                    withGenericProgram { tests, terms, keyEnds, values in
                        KeyProgram.drain(base, &i, vectorEnd, hit) { nibble.blockMask($0, lo, hi, extra: 2) | blockMask($0, tests, terms, keyEnds, values) }
                    }
                }
            }
        }
    }
    #endif

    /// The compare kernel over the blocks from `i` while `i <= vectorEnd`, beside the generic
    /// keys when there are any.
    @inlinable @inline(__always)
    func scanCompareKernel(_ base: UnsafeRawPointer, _ i: inout Int, _ vectorEnd: Int, _ hit: (Int) -> Int) {
        if genericKeys.isEmpty {
            KeyProgram.drain(base, &i, vectorEnd, hit) { BuiltinKernel.blockMask($0) }
        } else {
            withGenericProgram { tests, terms, keyEnds, values in
                KeyProgram.drain(base, &i, vectorEnd, hit) { BuiltinKernel.blockMask($0) | blockMask($0, tests, terms, keyEnds, values) }
            }
        }
    }

    /// Runs `body` with the generic program's tables and a scratch vector per test.
    @inlinable @inline(__always)
    func withGenericProgram<R>(_ body: (UnsafeBufferPointer<Test>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>,
                                        UnsafeMutableBufferPointer<SIMD16<UInt8>>) -> R) -> R {
        tests.withUnsafeBufferPointer { tests in
            terms.withUnsafeBufferPointer { terms in
                keyEnds.withUnsafeBufferPointer { keyEnds in
                    withUnsafeTemporaryAllocation(of: SIMD16<UInt8>.self, capacity: max(1, tests.count)) { values in
                        body(tests, terms, keyEnds, values)
                    }
                }
            }
        }
    }

    /// The generic program over the 16-position blocks from `i` while `i <= vectorEnd`.
    @inlinable @inline(__always)
    func scanGeneric(_ base: UnsafeRawPointer, _ i: inout Int, _ vectorEnd: Int, _ hit: (Int) -> Int) {
        withGenericProgram { tests, terms, keyEnds, values in
            KeyProgram.drain(base, &i, vectorEnd, hit) { blockMask($0, tests, terms, keyEnds, values) }
        }
    }

    /// Runs `mask` over the 16-position blocks from `i` while `i <= vectorEnd`, calling `hit`
    /// for each set position in order and honouring the position `hit` returns.
    @inlinable @inline(__always)
    static func drain(_ base: UnsafeRawPointer, _ i: inout Int, _ vectorEnd: Int, _ hit: (Int) -> Int,
                      _ mask: (UnsafeRawPointer) -> UInt64) {
        outer: while i <= vectorEnd {
            let blockEnd = i &+ 16
            var bits = mask(base + i)
            while bits != 0 {
                let j = i &+ bits.trailingZeroBitCount
                let next = hit(j)
                if next >= blockEnd { i = next; continue outer }
                bits &= ~((UInt64(1) &<< UInt64(next &- i)) &- 1)
            }
            i = blockEnd
        }
    }

    /// The hit mask of the 16 positions starting at `p`, one bit each.
    @inlinable @inline(__always)
    func blockMask(_ p: UnsafeRawPointer, _ tests: UnsafeBufferPointer<Test>, _ terms: UnsafeBufferPointer<Int>,
                   _ keyEnds: UnsafeBufferPointer<Int>, _ values: UnsafeMutableBufferPointer<SIMD16<UInt8>>) -> UInt64 {
        for k in 0..<tests.count {
            let t = tests[k]
            let x = VectorMask.load(p, t.offset) | t.foldV
            let inRange = unsafeBitCast((x &- t.loV) .<= t.spanV, to: SIMD16<UInt8>.self)
            values[k] = inRange ^ t.flipV
        }
        var any = SIMD16<UInt8>(repeating: 0)
        var start = 0
        for end in keyEnds {
            var key = values[terms[start]]
            var k = start &+ 1
            while k < end { key &= values[terms[k]]; k &+= 1 }
            any |= key
            start = end
        }
        // Most blocks have no hit: skip the narrowing then.
        let halves = unsafeBitCast(any, to: SIMD2<UInt64>.self)
        if halves[0] | halves[1] == 0 { return 0 }
        return VectorMask.bits(any)
    }
}
