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
/// the buckets that may fire. Two buckets also refuse some bytes just before the position (a
/// number or a MAC address never starts right after a letter or a digit), by compares.
///
/// The buckets cover every probe of the built-in rules: wherever one of those passes, a
/// bucket fires (the tests check it on random input), and the scalar stage (``ProbeMatrix``)
/// checks the full probes at each hit as before.
/// ``passes(_:)`` is the kernel's own scalar definition, used for the last bytes of a buffer.
@usableFromInline
struct NibbleKernel: Sendable {
    /// One bucket: the bytes allowed at offsets 0, 1 and 2 (nil allows every byte), and what
    /// the byte before must not be.
    struct Bucket {
        var sets: [ByteSet?]
        var before: Before
    }

    /// Bytes a bucket refuses just before its position.
    enum Before {
        case anything
        /// Not a letter or a digit (numbers).
        case notAlphanumeric
        /// Not a hex digit, `:` or `-` (MAC addresses).
        case notHexOrSeparator
    }

    static let digits = ByteSet(0x30...0x39)
    /// The bytes ``BuiltinRules/hexish(_:)`` accepts: hex digits and a few more.
    static let hexish = ByteSet((0...255).map(UInt8.init).filter { ($0 | 0x20) >= 0x30 && ($0 | 0x20) <= 0x66 })
    static func set(_ s: String) -> ByteSet { ByteSet(ascii: s) }

    /// The buckets, in two groups of eight (bucket `k` is bit `k % 8` of group `k / 8`).
    static let buckets: [Bucket] = [
        Bucket(sets: [set("-"), set("-"), set("-")], before: .anything),                 // -----BEGIN
        Bucket(sets: [set(":"), set("/"), set("/")], before: .anything),                 // ://
        Bucket(sets: [set("@"), nil, nil], before: .anything),                           // @
        Bucket(sets: [set("A"), set("KSI"), set("Iz")], before: .anything),              // AKIA, ASIA, AIza
        Bucket(sets: [set("B"), set("ea"), set("as")], before: .anything),               // Bearer, Basic
        Bucket(sets: [set("ex"), set("yo"), set("Jx")], before: .anything),              // eyJ, xox
        Bucket(sets: [set("g"), set("hi"), set("opqrstu")], before: .anything),          // gh?_, gith
        Bucket(sets: [set("rs"), set("k"), set("_")], before: .anything),                // sk_, rk_
        Bucket(sets: [ByteSet(0x41...0x5A), ByteSet(0x41...0x5A), digits], before: .anything),   // IBAN
        Bucket(sets: [digits, digits.union(set(".")), digits.union(set(" -./"))], before: .notAlphanumeric), // numbers
        Bucket(sets: [hexish, hexish, set(":-")], before: .notHexOrSeparator),           // MAC
        Bucket(sets: [set(":"), set(":"), nil], before: .anything),                      // IPv6 ::
        Bucket(sets: [hexish, set(":"), hexish], before: .anything),                     // IPv6 h:h
        Bucket(sets: [set("+("), digits, nil], before: .anything),                       // +1 555, (555)
        Bucket(sets: [digits, set("."), nil], before: .notAlphanumeric),                 // IPv4 1.
    ]

    /// `lo[offset * 2 + group]`, `hi[...]`: the nibble tables.
    @usableFromInline let lo: [SIMD16<UInt8>]
    @usableFromInline let hi: [SIMD16<UInt8>]
    /// The bucket bits (group 1) that refuse a letter or digit before, and a hex digit, `:` or `-`.
    @usableFromInline let numberBit: UInt8
    @usableFromInline let macBit: UInt8

    init() {
        var lo = Array(repeating: SIMD16<UInt8>(repeating: 0), count: 6)
        var hi = Array(repeating: SIMD16<UInt8>(repeating: 0), count: 6)
        var numberBit: UInt8 = 0, macBit: UInt8 = 0
        for (k, bucket) in NibbleKernel.buckets.enumerated() {
            let group = k / 8, bit = UInt8(1) << UInt8(k % 8)
            for offset in 0..<3 {
                let set = bucket.sets[offset] ?? ByteSet(0...255)
                for b in 0...255 where set.contains(UInt8(b)) {
                    lo[offset * 2 + group][b & 15] |= bit
                    hi[offset * 2 + group][b >> 4] |= bit
                }
            }
            precondition(bucket.before == .anything || group == 1, "refusing buckets live in group 1")
            if bucket.before == .notAlphanumeric { numberBit |= bit }
            if bucket.before == .notHexOrSeparator { macBit |= bit }
        }
        self.lo = lo
        self.hi = hi
        self.numberBit = numberBit
        self.macBit = macBit
    }

    /// The buckets of `group` that may fire at a position, by the kernel's own definition.
    func firing(_ group: Int, _ byteAt: (Int) -> UInt8) -> UInt8 {
        var bits: UInt8 = 0xFF
        for offset in 0..<3 {
            let b = Int(byteAt(offset))
            bits &= lo[offset * 2 + group][b & 15] & hi[offset * 2 + group][b >> 4]
        }
        if group == 1 {
            let before = byteAt(-1)
            let digit = before >= 0x30 && before <= 0x39
            let letter = (before | 0x20) >= 0x61 && (before | 0x20) <= 0x7A
            let hexLetter = (before | 0x20) >= 0x61 && (before | 0x20) <= 0x66
            if digit || letter { bits &= ~numberBit }
            if digit || hexLetter || before == 0x3A || before == 0x2D { bits &= ~macBit }
        }
        return bits
    }

    /// Whether any bucket fires at a position (the scalar definition of ``blockMask(_:)``).
    @usableFromInline
    func passes(_ byteAt: (Int) -> UInt8) -> Bool {
        firing(0, byteAt) | firing(1, byteAt) != 0
    }

    @inlinable @inline(__always)
    static func shuffle(_ table: SIMD16<UInt8>, _ index: SIMD16<UInt8>) -> SIMD16<UInt8> {
        unsafeBitCast(_mm_shuffle_epi8(unsafeBitCast(table, to: __m128i.self), unsafeBitCast(index, to: __m128i.self)),
                      to: SIMD16<UInt8>.self)
    }

    @inlinable @inline(__always)
    static func within(_ v: SIMD16<UInt8>, _ lo: UInt8, _ hi: UInt8) -> SIMD16<UInt8> {
        unsafeBitCast((v &- SIMD16<UInt8>(repeating: lo)) .<= SIMD16<UInt8>(repeating: hi &- lo), to: SIMD16<UInt8>.self)
    }

    /// The hit mask of the 16 positions at `p`, one bit each (reads `p - 1 ..< p + 18`).
    @inlinable @inline(__always)
    func blockMask(_ p: UnsafeRawPointer, _ lo: UnsafePointer<SIMD16<UInt8>>, _ hi: UnsafePointer<SIMD16<UInt8>>) -> UInt64 {
        let low = SIMD16<UInt8>(repeating: 0x0F)
        var a = SIMD16<UInt8>(repeating: 0xFF), b = SIMD16<UInt8>(repeating: 0xFF)
        for offset in 0..<3 {
            let v = VectorMask.load(p, offset)
            let l = v & low
            let h = (v &>> 4) & low
            a &= NibbleKernel.shuffle(lo[offset * 2], l) & NibbleKernel.shuffle(hi[offset * 2], h)
            b &= NibbleKernel.shuffle(lo[offset * 2 + 1], l) & NibbleKernel.shuffle(hi[offset * 2 + 1], h)
        }
        // Most blocks have no candidate: skip the checks before and the narrowing then.
        let any = a | b
        let halves = unsafeBitCast(any, to: SIMD2<UInt64>.self)
        if halves[0] | halves[1] == 0 { return 0 }
        let before = VectorMask.load(p, -1)
        let folded = before | SIMD16<UInt8>(repeating: 0x20)
        let digit = NibbleKernel.within(before, 0x30, 0x39)
        let letter = NibbleKernel.within(folded, 0x61, 0x7A)
        let hexLetter = NibbleKernel.within(folded, 0x61, 0x66)
        let separator = unsafeBitCast(before .== SIMD16<UInt8>(repeating: 0x3A), to: SIMD16<UInt8>.self)
            | unsafeBitCast(before .== SIMD16<UInt8>(repeating: 0x2D), to: SIMD16<UInt8>.self)
        let refused = ((digit | letter) & SIMD16<UInt8>(repeating: numberBit))
            | ((digit | hexLetter | separator) & SIMD16<UInt8>(repeating: macBit))
        let fired = a | (b & ~refused)
        let none = unsafeBitCast(fired .== SIMD16<UInt8>(repeating: 0), to: SIMD16<UInt8>.self)
        return ~VectorMask.bits(none) & 0xFFFF
    }
}
#endif
