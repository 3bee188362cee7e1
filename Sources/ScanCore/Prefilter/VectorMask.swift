/// SIMD helpers on concrete `SIMD16<UInt8>` vectors, written so that they compile to a handful
/// of vector instructions with no calls (see docs/ARCHITECTURE.md, "Reading the hot loop").
@usableFromInline
enum VectorMask {
    /// A 64-bit "nibble mask" of a byte mask: lane `k` set (0xFF) sets bit `4k + 3`.
    ///
    /// Swift has no movemask; this is the portable idiom: reinterpret as eight 16-bit lanes,
    /// shift right by 4, narrow to bytes, reinterpret as one `UInt64`.
    /// The byte offset of the first set lane is `trailingZeroBitCount / 4`.
    @inlinable @inline(__always)
    static func nibbles(_ m: SIMD16<UInt8>) -> UInt64 {
        let wide = unsafeBitCast(m, to: SIMD8<UInt16>.self) &>> 4
        let narrow = SIMD8<UInt8>(truncatingIfNeeded: wide)
        return unsafeBitCast(narrow, to: UInt64.self) & 0x8888_8888_8888_8888
    }

    /// An unaligned 16-byte load.
    @inlinable @inline(__always)
    static func load(_ p: UnsafeRawPointer, _ offset: Int) -> SIMD16<UInt8> {
        p.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
    }
}
