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
        var probes: [Probe] = []
        for rule in BuiltinRules.all { for p in rule.prefilter?.probes ?? [] where !probes.contains(p) { probes.append(p) } }
        return KeyProgram(probes: probes, allowBuiltinKernel: false).keys
    }()

    @inlinable @inline(__always)
    static func eq(_ v: SIMD16<UInt8>, _ c: UInt8) -> SIMD16<UInt8> {
        unsafeBitCast(v .== SIMD16<UInt8>(repeating: c), to: SIMD16<UInt8>.self)
    }

    @inlinable @inline(__always)
    static func within(_ v: SIMD16<UInt8>, _ lo: UInt8, _ hi: UInt8) -> SIMD16<UInt8> {
        unsafeBitCast((v &- SIMD16<UInt8>(repeating: lo)) .<= SIMD16<UInt8>(repeating: hi &- lo), to: SIMD16<UInt8>.self)
    }

    /// The hit mask of the 16 positions at `p`, one bit each (reads `p - 1 ..< p + 21`).
    @inlinable @inline(__always)
    static func blockMask(_ p: UnsafeRawPointer) -> UInt64 {
        let fold = SIMD16<UInt8>(repeating: 0x20)
        let vm1 = VectorMask.load(p, -1), v0 = VectorMask.load(p, 0), v1 = VectorMask.load(p, 1)
        let v2 = VectorMask.load(p, 2), v3 = VectorMask.load(p, 3)
        let v5 = VectorMask.load(p, 5)
        let f0 = v0 | fold, fm1 = vm1 | fold
        let d0 = within(v0, 0x30, 0x39), d1 = within(v1, 0x30, 0x39)
        let dm1 = within(vm1, 0x30, 0x39)
        let colon0 = eq(v0, 0x3A), colon1 = eq(v1, 0x3A), colon2 = eq(v2, 0x3A)
        let dashM1 = eq(vm1, 0x2D), dotM1 = eq(vm1, 0x2E)
        let hex0 = within(f0, 0x30, 0x66)

        // Literal secrets.
        var any = dashM1 & eq(v0, 0x42) & eq(v1, 0x45)                          // -----BEGIN, at the B
        any |= eq(v2, 0x4A) & eq(v1, 0x79)                                      // eyJ
        any |= eq(v0, 0x41) & (eq(v1, 0x4B) | eq(v1, 0x53))                     // AKIA, ASIA
        any |= eq(v0, 0x67) & (eq(v3, 0x5F) | eq(v3, 0x68))                     // gh?_, gith
        any |= eq(v0, 0x78) & eq(v2, 0x78)                                      // xox
        any |= eq(v1, 0x6B) & eq(v2, 0x5F)                                      // sk_, rk_
        any |= eq(v2, 0x7A)                                                     // AIza
        any |= eq(v0, 0x42) & (eq(v3, 0x72) | eq(v2, 0x73))                     // Bearer, Basic
        any |= colon0 & eq(v1, 0x2F)                                            // ://
        any |= eq(v0, 0x40) & within(v1, 0x30, 0x7A) & ~within(v1, 0x3A, 0x40) & ~within(v1, 0x5B, 0x60)  // @, then a letter or digit
        // IBAN: two capitals and two digits.
        any |= within(v2, 0x30, 0x39) & within(v3, 0x30, 0x39) & within(v0, 0x41, 0x5A) & within(v1, 0x41, 0x5A)
        // Numbers after neither a digit nor a letter: cards, phones, SSNs, IPv4.
        let boundary = ~(dm1 | within(fm1, 0x61, 0x7A))
        let twoDigits = boundary & d0 & d1
        let d2 = within(v2, 0x30, 0x39), d3 = within(v3, 0x30, 0x39)
        any |= boundary & ~(dashM1 | dotM1)                                                             // cards, phones
            & ((twoDigits & d2 & (d3 | (within(v0, 0x32, 0x39) & within(v3, 0x20, 0x2E))))
               | (eq(v0, 0x30) & within(v1, 0x31, 0x39) & within(v2, 0x20, 0x39) & within(v3, 0x20, 0x39)))
        any |= twoDigits & ~dashM1 & d2 & within(VectorMask.load(p, 4), 0x30, 0x39)                      // SSNs
        any |= boundary & ~dotM1 & d0 & ((eq(v1, 0x2E) & d2) | (d1 & (eq(v2, 0x2E) | eq(v3, 0x2E))))
        // MAC addresses (the separator at 2 and 5) and IPv6.
        any |= ~(dm1 | within(fm1, 0x61, 0x66) | dashM1) & ((colon2 & eq(v5, 0x3A)) | (eq(v2, 0x2D) & eq(v5, 0x2D)))
        any |= colon0 & colon1
        any |= colon1 & colon2
        any |= colon1 & hex0 & ~within(v0, 0x3A, 0x40) & ~within(v2, 0x3A, 0x40)
        // Phone numbers starting with + or (.
        any |= (eq(v0, 0x2B) | eq(v0, 0x28)) & d1

        let halves = unsafeBitCast(any, to: SIMD2<UInt64>.self)
        if halves[0] | halves[1] == 0 { return 0 }
        return VectorMask.bits(any)
    }
}
