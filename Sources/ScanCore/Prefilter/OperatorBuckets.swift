/// Places the keys of rule files in the nibble kernel's operator group: at most eight buckets,
/// each three byte sets at offsets 0 to 2, so any number of literal-like rules costs one
/// group of table lookups per block instead of a few vector tests per key.
///
/// A key goes in a bucket when the bucket alone is selective (it fires at fewer than 1 in
/// 2,000 positions by ``LaneTest/frequency(of:)``, counting the nibble products the kernel
/// really tests); the probe matrix checks the whole probe at each hit. Other keys (a single
/// anchor byte, a key whose selective tests lie past offset 2) stay in the generic program.
/// With more than eight bucketed keys, the pair whose merged bucket fires least is merged
/// until eight remain.
enum OperatorBuckets {
    /// The bytes `key` accepts at offsets 0, 1 and 2 (every byte where it tests nothing).
    static func sets(of key: [LaneTest]) -> [ByteSet] {
        (0..<3).map { offset in
            let tests = key.filter { $0.offset == offset }
            return ByteSet((0...255).map(UInt8.init).filter { b in tests.allSatisfy { $0.passes(b) } })
        }
    }

    /// The estimated share of positions where a bucket with these sets fires.
    static func rate(_ sets: [ByteSet]) -> Double {
        sets.reduce(1.0) { product, set in
            let los = Set((0...255).filter { set.contains(UInt8($0)) }.map { $0 & 15 })
            let his = Set((0...255).filter { set.contains(UInt8($0)) }.map { $0 >> 4 })
            let share = (0...255).reduce(0.0) { sum, b in los.contains(b & 15) && his.contains(b >> 4) ? sum + LaneTest.frequency(of: UInt8(b)) : sum }
            return product * share
        }
    }

    /// The operator buckets for `keys`, and the keys left for the generic program.
    static func plan(_ keys: [[LaneTest]]) -> (buckets: [[ByteSet]], generic: [[LaneTest]]) {
        var buckets: [[ByteSet]] = []
        var generic: [[LaneTest]] = []
        for key in keys {
            let sets = sets(of: key)
            if rate(sets) < 1.0 / 2000 { buckets.append(sets) } else { generic.append(key) }
        }
        while buckets.count > 8 {
            var best = (0, 1, Double.infinity)
            for i in buckets.indices {
                for j in buckets.indices where j > i {
                    let merged = rate(zip(buckets[i], buckets[j]).map { $0.union($1) })
                    if merged < best.2 { best = (i, j, merged) }
                }
            }
            buckets[best.0] = zip(buckets[best.0], buckets[best.1]).map { $0.union($1) }
            buckets.remove(at: best.1)
        }
        return (buckets, generic)
    }
}
