#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// SIMD helpers on concrete `SIMD16<UInt8>` vectors, written so that they compile to a handful
/// of instructions with no calls (see docs/ARCHITECTURE.md, "Reading the hot loop").
@usableFromInline
enum VectorMask {
    /// A movemask: bit `k` is set when lane `k` of the byte mask `m` (0x00 or 0xFF) is set.
    ///
    /// On x86-64 this is SSE2's `pmovmskb` through Clang's intrinsics module. Elsewhere, Swift
    /// has no movemask and its narrowing conversions may not inline, so this works on
    /// the two 64-bit halves: keep each byte's top bit, then one multiply gathers the eight
    /// bits of a half into its top byte (`0x0002040810204081` places byte `k`'s bit 7 at bit
    /// 56 + k, with no carries between them).
    @inlinable @inline(__always)
    static func bits(_ m: SIMD16<UInt8>) -> UInt64 {
        #if arch(x86_64)
        // SSE2's pmovmskb is part of the x86-64 baseline.
        return UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(unsafeBitCast(m, to: __m128i.self))))
        #else
        let halves = unsafeBitCast(m, to: SIMD2<UInt64>.self)
        let magic: UInt64 = 0x0002_0408_1020_4081
        let lo = ((halves[0] & 0x8080_8080_8080_8080) &* magic) &>> 56
        let hi = ((halves[1] & 0x8080_8080_8080_8080) &* magic) &>> 56
        return lo | hi &<< 8
        #endif
    }

    /// 0xFF in the lanes of `v` equal to `c`.
    @inlinable @inline(__always)
    static func eq(_ v: SIMD16<UInt8>, _ c: UInt8) -> SIMD16<UInt8> {
        unsafeBitCast(v .== SIMD16<UInt8>(repeating: c), to: SIMD16<UInt8>.self)
    }

    /// 0xFF in the lanes where `a` and `b` are equal.
    @inlinable @inline(__always)
    static func eq(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>) -> SIMD16<UInt8> {
        unsafeBitCast(a .== b, to: SIMD16<UInt8>.self)
    }

    /// 0xFF in the lanes where `lo <= v <= hi` (one subtract and one unsigned compare).
    @inlinable @inline(__always)
    static func within(_ v: SIMD16<UInt8>, _ lo: UInt8, _ hi: UInt8) -> SIMD16<UInt8> {
        unsafeBitCast((v &- SIMD16<UInt8>(repeating: lo)) .<= SIMD16<UInt8>(repeating: hi &- lo), to: SIMD16<UInt8>.self)
    }

    /// Whether any lane of `v` is non-zero.
    @inlinable @inline(__always)
    static func any(_ v: SIMD16<UInt8>) -> Bool {
        let halves = unsafeBitCast(v, to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] != 0
    }

    /// An unaligned 16-byte load.
    @inlinable @inline(__always)
    static func load(_ p: UnsafeRawPointer, _ offset: Int) -> SIMD16<UInt8> {
        p.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
    }
}
