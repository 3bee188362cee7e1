#if arch(x86_64)
import _Builtin_intrinsics.intel

/// The SIMD stage for the built-in rule pack on x86-64: nibble-table lookups (`pshufb`, as in
/// Hyperscan's Teddy) test 16 buckets of byte patterns at 16 positions with about 70
/// instructions, where compares need about 260.
///
/// Each bucket is a pattern of three byte sets, at offsets 0, 1 and 2 from a position. For
/// each offset and each set of eight buckets, two 16-byte tables map a byte's low and high
/// nibble to the buckets whose set at that offset holds *some* byte with that nibble; the AND
/// of the two lookups holds every bucket whose set holds the byte, and a few more (the product
/// of the nibble sets is a superset of the set). ANDing the three offsets gives, per position,
/// the buckets that may fire.
///
/// The numeric buckets (cards, phones, SSNs, IPv4) also test the byte before the position by
/// nibble tables: one bucket per nibble product of the bytes a number may follow (neither a
/// digit nor a letter), so that a digit inside a number or a word fires nothing, and the
/// exact checks (by compares) run only where a number starts. The MAC bucket refuses a hex
/// digit, `:` or `-` before it by compares.
///
/// The buckets cover every probe of the built-in rules: wherever one of those passes, a
/// bucket fires (the tests check it on random input), and the scalar stage (``ProbeMatrix``)
/// checks the full probes at each hit as before. Keys outside the built-in kernel (the keyed
/// rules', the secrets pack's, rule files') add one or two more groups of up to eight buckets
/// each (``extra``, see ``OperatorBuckets``).
/// ``passes(_:)`` is the kernel's own scalar definition, used for the last bytes of a buffer.
@usableFromInline
struct NibbleKernel: Sendable {
    /// One bucket: the bytes allowed at offsets 0, 1 and 2 (nil allows every byte), the bytes
    /// allowed just before (group 1 only; nil allows every byte), and the exact checks a
    /// candidate of the bucket must also pass.
    struct Bucket {
        var sets: [ByteSet?]
        var before: ByteSet? = nil
        var check: Check
    }

    /// Exact checks, by compares, on the candidates of the buckets of group 1 (and
    /// ``alnumAfter`` in group 0).
    enum Check {
        case none
        /// Cards, phones, SSNs and IPv4, one family: the byte before is not `-` or `.` for
        /// cards and phones (bytes 2 to 6 in `0x20...0x39`); not `-` for SSNs (bytes 1 and 2
        /// digits, 2 to 6 in `0x20...0x39`, byte 3 in `0x20...0x2D`); not `.` for IPv4 (bytes
        /// 2 to 6 in `0x2E...0x39`). Byte 1 is left to the tables (`0x20...0x3F`: a digit or a
        /// separator, as in `8 (495) 123-45-67`, or the dot of `1.2.3.4`), and the buckets'
        /// own before-sets already refuse digits and letters.
        case numeric
        /// MAC addresses: not after a hex digit, `:` or `-`; bytes 0 and 1 hex-ish; the
        /// separator at 2 again at 5 and 8.
        case mac
        /// `+` and `(` phones: bytes 2 to 6 in `0x20...0x39`.
        case short
        /// IPv6: bytes 0 to 11 hold three colons or a `::` (what the IPv6 gate asks, without
        /// its run boundary).
        case colons
        /// E-mail: byte 1 is a letter or digit. (The only check in group 0: nibble tables
        /// cannot refuse `@` there without refusing `0`, `P` or `p`, and a flood of `@` would
        /// otherwise be a hit per byte.)
        case alnumAfter
    }

    static let digits = ByteSet(0x30...0x39)
    static let alnum = BuiltinRules.alnum
    /// The bytes a set of lane tests at one offset accepts.
    static func accepted(by tests: [LaneTest]) -> ByteSet {
        ByteSet((0...255).map(UInt8.init).filter { b in tests.allSatisfy { $0.passes(b) } })
    }
    /// The bytes ``BuiltinRules/hexish(_:)`` accepts: hex digits and a few more.
    static let hexish = accepted(by: [BuiltinRules.hexish(0)])
    /// What ``BuiltinRules/hexDigit(_:)`` accepts (the IPv6 probes, on both sides of a colon).
    static let hexDigitish = accepted(by: BuiltinRules.hexDigit(0))
    static func set(_ s: String) -> ByteSet { ByteSet(ascii: s) }

    /// What a number may follow, as nibble products (each one bucket): neither a digit nor a
    /// letter. Together they hold exactly the bytes that are neither.
    static let numberBefore: [ByteSet] = [
        ByteSet((0...255).map(UInt8.init).filter { [0, 1, 2, 8, 9, 10, 11, 12, 13, 14, 15].contains($0 >> 4) }),
        ByteSet(0x3A...0x3F),                                  // : ; < = > ?
        ByteSet(ascii: "[\\]^_{|}~").union(ByteSet([0x7F])),    // [ \ ] ^ _ { | } ~ DEL
        ByteSet(ascii: "@`"),
    ]
    /// The numeric family at offsets 0 to 2: what the card, phone, SSN and IPv4 probes allow.
    /// (Offset 1 takes a separator too: phones such as `8 (495) 123-45-67` and `1-800-555-0199`.)
    static let numberSets: [ByteSet?] = [digits, ByteSet(0x20...0x39), ByteSet(0x20...0x39)]

    /// The buckets, in two groups of eight (bucket `k` is bit `k % 8` of group `k / 8`).
    static let buckets: [Bucket] = [
        Bucket(sets: [set("B"), set("Eea"), set("Gas")], check: .none),                // -----BEGIN at the B, Bearer, Basic
        Bucket(sets: [set(":"), set(":/"), nil], check: .none),                         // ://, IPv6 ::
        Bucket(sets: [set("@"), alnum, nil], check: .alnumAfter),                       // @ and the domain's first byte
        Bucket(sets: [set("A"), set("KSI"), set("Iz")], check: .none),                  // AKIA, ASIA, AIza
        Bucket(sets: [set("ex"), set("yo"), set("Jx")], check: .none),                  // eyJ, xox
        Bucket(sets: [set("g"), set("h"), set("opqrstu")], check: .none),               // gh?_
        Bucket(sets: [set("rs"), set("k"), set("_")], check: .none),                    // sk_, rk_
        Bucket(sets: [set("g"), set("i"), set("t")], check: .none),                     // github_pat_
        Bucket(sets: [ByteSet(0x41...0x5A), ByteSet(0x41...0x5A), digits], check: .none),  // IBAN
        Bucket(sets: [hexDigitish, set(":"), hexDigitish.union(set(":"))], check: .colons),  // IPv6 h:h, h::
        Bucket(sets: [set("+("), digits, nil], check: .short),                          // +1 555, (555)
        Bucket(sets: [hexish, hexish, set(":-")], check: .mac),                         // MAC
    ] + numberBefore.map { Bucket(sets: numberSets, before: $0, check: .numeric) }      // cards, phones, SSNs, IPv4

    /// `lo[offset * 2 + group]`, `hi[...]`: the nibble tables for offsets 0 to 2; `lo[6]`,
    /// `hi[6]`: group 1's tables for the byte before (offset -1); `lo[7 + 3 * g + offset]`,
    /// `hi[...]`: operator group `g`'s tables (`g` is 0 or 1), when there is one.
    @usableFromInline let lo: [SIMD16<UInt8>]
    @usableFromInline let hi: [SIMD16<UInt8>]
    /// The operator groups' buckets: up to sixteen, built from the keys the built-in groups
    /// do not cover (their byte sets at offsets 0 to 2), eight per group, run beside the
    /// built-in groups when not empty.
    @usableFromInline let extra: [[ByteSet]]
    /// How many operator groups run: 0, 1 (up to eight buckets) or 2.
    @usableFromInline var extraGroups: Int { (extra.count + 7) / 8 }
    /// The group-1 bits of the buckets with each check: literals, so the vector code splats
    /// them for free (`init` checks them against ``buckets``).
    @usableFromInline static var numericBits: UInt8 { 0xF0 }
    @usableFromInline static var macBit: UInt8 { 0x08 }
    @usableFromInline static var shortBit: UInt8 { 0x04 }
    @usableFromInline static var colonsBit: UInt8 { 0x02 }
    /// The group-0 bit of the bucket checked for a letter or digit after it.
    @usableFromInline static var alnumAfterBit: UInt8 { 0x04 }

    /// The kernel for the built-in buckets, plus `extra` buckets (at most sixteen, each three
    /// byte sets at offsets 0 to 2) in one or two more groups.
    init(extra: [[ByteSet]] = []) {
        precondition(extra.count <= 16 && extra.allSatisfy { $0.count == 3 }, "at most sixteen operator buckets of three sets")
        var lo = Array(repeating: SIMD16<UInt8>(repeating: 0), count: 13)
        var hi = Array(repeating: SIMD16<UInt8>(repeating: 0), count: 13)
        for (k, sets) in extra.enumerated() {
            let bit = UInt8(1) << UInt8(k % 8)
            for offset in 0..<3 {
                for b in 0...255 where sets[offset].contains(UInt8(b)) {
                    lo[7 + 3 * (k / 8) + offset][b & 15] |= bit
                    hi[7 + 3 * (k / 8) + offset][b >> 4] |= bit
                }
            }
        }
        self.extra = extra
        var bits: [Check: UInt8] = [:]
        precondition(NibbleKernel.buckets.count <= 16, "two groups of eight buckets")
        for (k, bucket) in NibbleKernel.buckets.enumerated() {
            let group = k / 8, bit = UInt8(1) << UInt8(k % 8)
            for offset in 0..<3 {
                let set = bucket.sets[offset] ?? ByteSet(0...255)
                for b in 0...255 where set.contains(UInt8(b)) {
                    lo[offset * 2 + group][b & 15] |= bit
                    hi[offset * 2 + group][b >> 4] |= bit
                }
            }
            precondition(bucket.before == nil || group == 1, "only group 1 tests the byte before")
            if group == 1 {
                let before = bucket.before ?? ByteSet(0...255)
                for b in 0...255 where before.contains(UInt8(b)) {
                    lo[6][b & 15] |= bit
                    hi[6][b >> 4] |= bit
                }
            }
            precondition(bucket.check == .none || group == (bucket.check == .alnumAfter ? 0 : 1), "checked buckets live in group 1, the alnumAfter bucket in group 0")
            bits[bucket.check, default: 0] |= bit
        }
        self.lo = lo
        self.hi = hi
        precondition(bits[.numeric] == NibbleKernel.numericBits && bits[.mac] == NibbleKernel.macBit
                     && bits[.short] == NibbleKernel.shortBit && bits[.colons] == NibbleKernel.colonsBit
                     && bits[.alnumAfter] == NibbleKernel.alnumAfterBit, "the check bits follow the bucket order")
    }

    /// The buckets of `group` that fire at a position, by the kernel's own definition.
    func firing(_ group: Int, _ byteAt: (Int) -> UInt8) -> UInt8 {
        var bits: UInt8 = 0xFF
        for offset in 0..<3 {
            let b = Int(byteAt(offset))
            bits &= lo[offset * 2 + group][b & 15] & hi[offset * 2 + group][b >> 4]
        }
        func within(_ b: UInt8, _ lo: UInt8, _ hi: UInt8) -> Bool { b >= lo && b <= hi }
        guard group == 1 else {
            if !(within(byteAt(1), 0x30, 0x39) || within(byteAt(1) | 0x20, 0x61, 0x7A)) { bits &= ~NibbleKernel.alnumAfterBit }
            return bits
        }
        let before = byteAt(-1)
        bits &= lo[6][Int(before & 15)] & hi[6][Int(before >> 4)]
        let digit = within(before, 0x30, 0x39)
        let hexLetter = within(before | 0x20, 0x61, 0x66)
        let dash = before == 0x2D, dot = before == 0x2E, colon = before == 0x3A
        let numberRun = (2...6).allSatisfy { within(byteAt($0), 0x20, 0x39) }
        let addressRun = (2...6).allSatisfy { within(byteAt($0), 0x2E, 0x39) }
        let d1 = within(byteAt(1), 0x30, 0x39), d2 = within(byteAt(2), 0x30, 0x39)
        let number = !dash && !dot && numberRun
        let ssn = !dash && d1 && d2 && numberRun && within(byteAt(3), 0x20, 0x2D)
        let ipv4 = !dot && addressRun
        if !(number || ssn || ipv4) { bits &= ~NibbleKernel.numericBits }
        let macShape = within(byteAt(0) | 0x20, 0x30, 0x66) && within(byteAt(1) | 0x20, 0x30, 0x66)
            && byteAt(5) == byteAt(2) && byteAt(8) == byteAt(2)
        if digit || hexLetter || colon || dash || !macShape { bits &= ~NibbleKernel.macBit }
        if !numberRun { bits &= ~NibbleKernel.shortBit }
        var colons = 0, pair = false
        for k in 0...11 where byteAt(k) == 0x3A {
            colons += 1
            if k < 11, byteAt(k + 1) == 0x3A { pair = true }
        }
        if colons < 3 && !pair { bits &= ~NibbleKernel.colonsBit }
        return bits
    }

    /// The buckets of operator group `g` (0 or 1) that fire at a position.
    func firingExtra(_ g: Int, _ byteAt: (Int) -> UInt8) -> UInt8 {
        var bits: UInt8 = extraGroups > g ? 0xFF : 0
        for offset in 0..<3 {
            let b = Int(byteAt(offset))
            bits &= lo[7 + 3 * g + offset][b & 15] & hi[7 + 3 * g + offset][b >> 4]
        }
        return bits
    }

    /// Whether any bucket fires at a position (the scalar definition of
    /// ``blockMask(_:_:_:extra:)``).
    @usableFromInline
    func passes(_ byteAt: (Int) -> UInt8) -> Bool {
        firing(0, byteAt) | firing(1, byteAt) | firingExtra(0, byteAt) | firingExtra(1, byteAt) != 0
    }

    @inlinable @inline(__always)
    static func shuffle(_ table: SIMD16<UInt8>, _ index: SIMD16<UInt8>) -> SIMD16<UInt8> {
        unsafeBitCast(_mm_shuffle_epi8(unsafeBitCast(table, to: __m128i.self), unsafeBitCast(index, to: __m128i.self)),
                      to: SIMD16<UInt8>.self)
    }

    /// The lane-wise unsigned minimum and maximum (`pminub`, `pmaxub`).
    @inlinable @inline(__always)
    static func minimum(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>) -> SIMD16<UInt8> {
        unsafeBitCast(_mm_min_epu8(unsafeBitCast(a, to: __m128i.self), unsafeBitCast(b, to: __m128i.self)), to: SIMD16<UInt8>.self)
    }

    @inlinable @inline(__always)
    static func maximum(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>) -> SIMD16<UInt8> {
        unsafeBitCast(_mm_max_epu8(unsafeBitCast(a, to: __m128i.self), unsafeBitCast(b, to: __m128i.self)), to: SIMD16<UInt8>.self)
    }

    /// The hit mask of the 16 positions at `p`, one bit each (reads `p - 1 ..< p + 27`). With
    /// `extra` operator groups (0, 1 or 2: a literal at every call site, so the compiler drops
    /// the unused ones), their buckets are looked up from the same loads and nibbles.
    @inlinable @inline(__always)
    func blockMask(_ p: UnsafeRawPointer, _ lo: UnsafePointer<SIMD16<UInt8>>, _ hi: UnsafePointer<SIMD16<UInt8>>,
                   extra: Int) -> UInt64 {
        let low = SIMD16<UInt8>(repeating: 0x0F)
        let before = VectorMask.load(p, -1)
        var a = SIMD16<UInt8>(repeating: 0xFF)
        var b = NibbleKernel.shuffle(lo[6], before & low) & NibbleKernel.shuffle(hi[6], (before &>> 4) & low)
        var c = SIMD16<UInt8>(repeating: extra > 0 ? 0xFF : 0)
        var d = SIMD16<UInt8>(repeating: extra > 1 ? 0xFF : 0)
        for offset in 0..<3 {
            let v = VectorMask.load(p, offset)
            let l = v & low
            let h = (v &>> 4) & low
            a &= NibbleKernel.shuffle(lo[offset * 2], l) & NibbleKernel.shuffle(hi[offset * 2], h)
            b &= NibbleKernel.shuffle(lo[offset * 2 + 1], l) & NibbleKernel.shuffle(hi[offset * 2 + 1], h)
            if extra > 0 { c &= NibbleKernel.shuffle(lo[7 + offset], l) & NibbleKernel.shuffle(hi[7 + offset], h) }
            if extra > 1 { d &= NibbleKernel.shuffle(lo[10 + offset], l) & NibbleKernel.shuffle(hi[10 + offset], h) }
        }
        c |= d
        // Most blocks have no candidate: skip the checks and the narrowing then.
        if !VectorMask.any(a | b | c) { return 0 }
        // The exact checks, each computed only when a bucket that needs it fired.
        if VectorMask.any(a & SIMD16(repeating: NibbleKernel.alnumAfterBit)) {
            let v1 = VectorMask.load(p, 1)
            let alnum1 = VectorMask.within(v1, 0x30, 0x39) | VectorMask.within(v1 | SIMD16(repeating: 0x20), 0x61, 0x7A)
            a &= ~(~alnum1 & SIMD16(repeating: NibbleKernel.alnumAfterBit))
        }
        if VectorMask.any(b & SIMD16(repeating: NibbleKernel.numericBits | NibbleKernel.macBit | NibbleKernel.shortBit | NibbleKernel.colonsBit)) {
            var refused = SIMD16<UInt8>(repeating: 0)
            let dash = VectorMask.eq(before, SIMD16(repeating: 0x2D))
            let dot = VectorMask.eq(before, SIMD16(repeating: 0x2E))
            // Numbers and IPv4 both read bytes 2 to 6: one pass over them serves both, the
            // smallest byte and the largest (a number's bytes lie in 0x20...0x39, an address's
            // in 0x2E...0x39). The tables already refused a digit or a letter before.
            do {
                var low = VectorMask.load(p, 2), high = low
                let d2 = VectorMask.within(low, 0x30, 0x39)
                for k in 3...6 {
                    let v = VectorMask.load(p, k)
                    low = NibbleKernel.minimum(low, v)
                    high = NibbleKernel.maximum(high, v)
                }
                let aboveNine = VectorMask.within(high, 0x3A, 0xFF)
                let numberRun = ~(aboveNine | VectorMask.within(low, 0x00, 0x1F))
                let addressRun = ~(aboveNine | VectorMask.within(low, 0x00, 0x2D))
                let v1 = VectorMask.load(p, 1)
                let d1 = VectorMask.within(v1, 0x30, 0x39)
                let ssnSeparator = VectorMask.within(VectorMask.load(p, 3), 0x20, 0x2D)
                // Byte 1 is whatever the tables let through at offset 1 (`0x20...0x3F`): the
                // checks do not narrow it further for numbers and addresses.
                let number = ~(dash | dot) & numberRun
                let ssn = ~dash & d1 & d2 & numberRun & ssnSeparator
                let ipv4 = ~dot & addressRun
                refused |= ~(number | ssn | ipv4) & SIMD16(repeating: NibbleKernel.numericBits)
                refused |= ~numberRun & SIMD16(repeating: NibbleKernel.shortBit)
            }
            if VectorMask.any(b & SIMD16(repeating: NibbleKernel.macBit)) {
                let fold = SIMD16<UInt8>(repeating: 0x20)
                let digit = VectorMask.within(before, 0x30, 0x39)
                let hexLetter = VectorMask.within(before | fold, 0x61, 0x66)
                let colon = VectorMask.eq(before, SIMD16(repeating: 0x3A))
                let v2 = VectorMask.load(p, 2)
                let macShape = VectorMask.within(VectorMask.load(p, 0) | fold, 0x30, 0x66) & VectorMask.within(VectorMask.load(p, 1) | fold, 0x30, 0x66)
                    & VectorMask.eq(v2, VectorMask.load(p, 5)) & VectorMask.eq(v2, VectorMask.load(p, 8))
                refused |= (digit | hexLetter | colon | dash | ~macShape) & SIMD16(repeating: NibbleKernel.macBit)
            }
            if VectorMask.any(b & SIMD16(repeating: NibbleKernel.colonsBit)) {
                // Colons at 0...11: three of them, or two in a row. Each compare is 0 or -1,
                // so the negated sum counts them.
                let colon = SIMD16<UInt8>(repeating: 0x3A)
                var previous = VectorMask.eq(VectorMask.load(p, 0), colon)
                var count = SIMD16<UInt8>(repeating: 0) &- previous
                var pair = SIMD16<UInt8>(repeating: 0)
                for k in 1...11 {
                    let c = VectorMask.eq(VectorMask.load(p, k), colon)
                    count &-= c
                    pair |= c & previous
                    previous = c
                }
                let enough = unsafeBitCast(count .>= SIMD16<UInt8>(repeating: 3), to: SIMD16<UInt8>.self) | pair
                refused |= ~enough & SIMD16(repeating: NibbleKernel.colonsBit)
            }
            b &= ~refused
        }
        let none = VectorMask.eq(a | b | c, SIMD16<UInt8>(repeating: 0))
        return ~VectorMask.bits(none) & 0xFFFF
    }
}
#endif
