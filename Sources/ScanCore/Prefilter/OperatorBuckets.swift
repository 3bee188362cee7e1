/// Places the keys the built-in groups do not cover (the keyed rules', the secrets pack's,
/// rule files') in the nibble kernel's operator groups: at most sixteen buckets, eight per
/// group, each three byte sets at offsets 0 to 2, so any number of literal-like rules costs
/// one or two groups of table lookups per block instead of a few vector tests per key.
///
/// A key goes in a bucket when the bucket alone is selective (it fires at fewer than 1 in
/// 2,000 positions by ``LaneTest/frequency(of:)``, counting the nibble products the kernel
/// really tests); the probe matrix checks the whole probe at each hit. Other keys (a single
/// anchor byte, a key whose selective tests lie past offset 2) stay in the generic program.
/// With more than sixteen bucketed keys, the pair whose merged bucket fires least is merged
/// until sixteen remain.
enum OperatorBuckets {
    /// The bytes `tests` accept at offsets 0, 1 and 2 (every byte where they test nothing).
    static func sets(of tests: [LaneTest]) -> [ByteSet] {
        (0..<3).map { offset in
            let tests = tests.filter { $0.offset == offset }
            return ByteSet((0...255).map(UInt8.init).filter { b in tests.allSatisfy { $0.passes(b) } })
        }
    }

    /// The estimated share of positions where a bucket with these sets fires.
    static func rate(_ sets: [ByteSet]) -> Double {
        sets.reduce(1.0) { $0 * share(of: $1) }
    }

    /// The estimated share of bytes that pass one offset's nibble tables for `set`: those
    /// whose low nibble and high nibble both occur in `set` (a superset of it).
    static func share(of set: ByteSet) -> Double { share(nibbles(of: set)) }

    /// The low and high nibbles that occur in `set`, as bit sets: what one offset's nibble
    /// tables hold for it (the tables of a union are the union of the tables).
    static func nibbles(of set: ByteSet) -> (lo: UInt16, hi: UInt16) {
        var los: UInt16 = 0, his: UInt16 = 0
        for b in 0..<256 where set.contains(UInt8(b)) { los |= 1 << UInt16(b & 15); his |= 1 << UInt16(b >> 4) }
        return (los, his)
    }

    /// The estimated share of bytes whose nibbles are both in `nibbles`.
    static func share(_ nibbles: (lo: UInt16, hi: UInt16)) -> Double {
        var sum = 0.0
        var his = nibbles.hi
        while his != 0 {
            let h = his.trailingZeroBitCount
            his &= his &- 1
            var los = nibbles.lo
            while los != 0 {
                sum += frequencies[h << 4 | los.trailingZeroBitCount]
                los &= los &- 1
            }
        }
        return sum
    }

    /// ``LaneTest/frequency(of:)`` of every byte.
    static let frequencies: [Double] = (0..<256).map { LaneTest.frequency(of: UInt8($0)) }

    /// The operator buckets for `keys`, and the keys left for the generic program. Each key
    /// comes with the bytes its probes allow at offsets 0 to 2 (``sets(of:)`` of every probe
    /// with that key, united): a bucket tests those, which may be narrower than the key (a
    /// probe's rare bytes past offset 2 make its key, yet a bucket only sees offsets 0 to 2).
    ///
    /// A selective key first joins the first of `seeds` that covers its sets (the buckets
    /// planned for the built-in rules on measured text, ``OperatorPlan``); such a bucket is
    /// the union of the keys it took, so it never tests more than its keys need. The other
    /// keys (a rule file's) get buckets of their own, and with more than sixteen buckets the
    /// pair whose merge the byte-frequency model says fires least is merged.
    static func plan(_ keys: [(key: [LaneTest], sets: [ByteSet])], seeds: [[ByteSet]] = OperatorPlan.seeds)
        -> (buckets: [[ByteSet]], generic: [[LaneTest]]) {
        var seeded: [[ByteSet]?] = Array(repeating: nil, count: seeds.count)
        var own: [[ByteSet]] = []
        var generic: [[LaneTest]] = []
        for (key, sets) in keys {
            guard rate(sets) < 1.0 / 2000 else { generic.append(key); continue }
            if let s = seeds.firstIndex(where: { seed in (0..<3).allSatisfy { sets[$0].isSubset(of: seed[$0]) } }) {
                seeded[s] = seeded[s].map { zip($0, sets).map { $0.union($1) } } ?? sets
            } else {
                own.append(sets)
            }
        }
        var buckets = seeded.compactMap { $0 } + own
        // The merges compare nibble tables only (a union's tables are the union of the tables).
        var tables = buckets.map { $0.map(nibbles(of:)) }
        while buckets.count > 16 {
            var best = (0, 1, Double.infinity)
            for i in tables.indices {
                for j in tables.indices where j > i {
                    var merged = 1.0
                    for o in 0..<3 { merged *= share((tables[i][o].lo | tables[j][o].lo, tables[i][o].hi | tables[j][o].hi)) }
                    if merged < best.2 { best = (i, j, merged) }
                }
            }
            buckets[best.0] = zip(buckets[best.0], buckets[best.1]).map { $0.union($1) }
            buckets.remove(at: best.1)
            tables[best.0] = buckets[best.0].map(nibbles(of:))
            tables.remove(at: best.1)
        }
        return (buckets, generic)
    }
}
