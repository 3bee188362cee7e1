/// The SIMD stage for the built-in rule pack, written out: the same keys as the generic
/// ``KeyProgram`` builds from the built-in probes, as straight-line vector code with every
/// constant in a register. The engine uses it when its keys are exactly those
/// (``builtinKeys``); the tests check it against the generic program on random input.
@usableFromInline
enum BuiltinKernel {
    /// The keys this kernel computes: those the generic program builds from the built-in
    /// probes. A program whose keys are all among them can use this kernel instead (it
    /// reports a superset of its hits, and the scalar stage checks the full probes).
    static let keys: [[LaneTest]] = {
        KeyProgram(probes: BuiltinRules.kernelProbes, allowBuiltinKernel: false).keys
    }()

    /// The hit mask of the 16 positions at `p`, one bit each (reads `p - 1 ..< p + 21`).
    @inlinable @inline(__always)
    static func blockMask(_ p: UnsafeRawPointer) -> UInt64 {
        let fold = SIMD16<UInt8>(repeating: 0x20)
        let vm1 = VectorMask.load(p, -1), v0 = VectorMask.load(p, 0), v1 = VectorMask.load(p, 1)
        let v2 = VectorMask.load(p, 2), v3 = VectorMask.load(p, 3)
        let v5 = VectorMask.load(p, 5)
        let f0 = v0 | fold, fm1 = vm1 | fold
        let d0 = VectorMask.within(v0, 0x30, 0x39), d1 = VectorMask.within(v1, 0x30, 0x39)
        let dm1 = VectorMask.within(vm1, 0x30, 0x39)
        let colon0 = VectorMask.eq(v0, 0x3A), colon1 = VectorMask.eq(v1, 0x3A), colon2 = VectorMask.eq(v2, 0x3A)
        let dashM1 = VectorMask.eq(vm1, 0x2D), dotM1 = VectorMask.eq(vm1, 0x2E)
        let hex0 = VectorMask.within(f0, 0x30, 0x66)

        // Literal secrets.
        var any = dashM1 & VectorMask.eq(v0, 0x42) & VectorMask.eq(v1, 0x45)                          // -----BEGIN, at the B
        any |= VectorMask.eq(v2, 0x4A) & VectorMask.eq(v1, 0x79)                                      // eyJ
        any |= VectorMask.eq(v0, 0x41) & (VectorMask.eq(v1, 0x4B) | VectorMask.eq(v1, 0x53))                     // AKIA, ASIA
        any |= VectorMask.eq(v0, 0x67) & (VectorMask.eq(v3, 0x5F) | VectorMask.eq(v3, 0x68))                     // gh?_, gith
        any |= VectorMask.eq(v0, 0x78) & VectorMask.eq(v2, 0x78)                                      // xox
        any |= VectorMask.eq(v1, 0x6B) & VectorMask.eq(v2, 0x5F)                                      // sk_, rk_
        any |= VectorMask.eq(v2, 0x7A)                                                     // AIza
        any |= VectorMask.eq(v0, 0x42) & (VectorMask.eq(v3, 0x72) | VectorMask.eq(v2, 0x73))                     // Bearer, Basic
        any |= colon0 & VectorMask.eq(v1, 0x2F)                                            // ://
        any |= VectorMask.eq(v0, 0x40) & VectorMask.within(v1, 0x30, 0x7A) & ~VectorMask.within(v1, 0x3A, 0x40) & ~VectorMask.within(v1, 0x5B, 0x60)  // @, then a letter or digit
        // IBAN: two capitals and two digits.
        any |= VectorMask.within(v2, 0x30, 0x39) & VectorMask.within(v3, 0x30, 0x39) & VectorMask.within(v0, 0x41, 0x5A) & VectorMask.within(v1, 0x41, 0x5A)
        // Numbers after neither a digit nor a letter: cards, phones, SSNs, IPv4.
        let boundary = ~(dm1 | VectorMask.within(fm1, 0x61, 0x7A))
        let twoDigits = boundary & d0 & d1
        let d2 = VectorMask.within(v2, 0x30, 0x39)
        // Cards and phones: a digit, then a digit or a separator, then a byte of a number.
        any |= boundary & ~(dashM1 | dotM1) & d0 & (d1 | VectorMask.within(v1, 0x20, 0x2F)) & VectorMask.within(v2, 0x20, 0x39)
        any |= twoDigits & ~dashM1 & d2 & VectorMask.within(VectorMask.load(p, 4), 0x30, 0x39)                      // SSNs
        any |= boundary & ~dotM1 & d0 & ((VectorMask.eq(v1, 0x2E) & d2) | (d1 & (VectorMask.eq(v2, 0x2E) | VectorMask.eq(v3, 0x2E))))
        // MAC addresses (the separator at 2 and 5) and IPv6.
        any |= ~(dm1 | VectorMask.within(fm1, 0x61, 0x66) | dashM1) & ((colon2 & VectorMask.eq(v5, 0x3A)) | (VectorMask.eq(v2, 0x2D) & VectorMask.eq(v5, 0x2D)))
        any |= colon0 & colon1
        any |= colon1 & colon2
        any |= colon1 & hex0 & ~VectorMask.within(v0, 0x3A, 0x40) & ~VectorMask.within(v2, 0x3A, 0x40)
        // Phone numbers starting with + or (.
        any |= (VectorMask.eq(v0, 0x2B) | VectorMask.eq(v0, 0x28)) & d1

        if !VectorMask.any(any) { return 0 }
        return VectorMask.bits(any)
    }
}
