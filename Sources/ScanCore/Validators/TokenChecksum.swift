/// Checks on API tokens for the secrets rules (corpus/tools/SECRETS_PACK.md). Like
/// ``Checksums``, they run inside PCRE2 callouts on every candidate, so none allocates: they
/// read the match's bytes in place and keep their state in a few integers.
///
/// ``Validator/token`` runs ``accepts(_:)``. The Python twin in
/// corpus/tools/check_secret_patterns.py (`token_validator`) gives the figures quoted there.
enum TokenChecksum {
    /// The validator of the secrets rules: a token with a valid checksum
    /// (``isGitHubToken(_:)``) is accepted whatever its bytes; any other value, a checksummed
    /// shape whose checksum fails included, must not look like a placeholder
    /// (``looksRandom(_:)``). Failing closed: a mistyped or truncated GitHub token is still a
    /// secret, and the prefixes are specific enough that a random-looking `ghp_…` is one.
    static func accepts(_ value: UnsafeRawBufferPointer) -> Bool {
        // The cheap test first: it settles almost every token after a few bytes, and the
        // checksum only matters for a valid token that looks like a placeholder.
        looksRandom(value) || (hasChecksumShape(value) && isGitHubToken(value))
    }

    /// Whether `value` is shaped like a checksummed token: `ghp_`, `gho_`, `ghu_`, `ghs_`,
    /// `ghr_` or `npm_`, then 36 to 251 ASCII letters and digits (the payload and the
    /// checksum). `github_pat_` tokens have no public checksum and are not of this shape.
    static func hasChecksumShape(_ value: UnsafeRawBufferPointer) -> Bool {
        let n = value.count
        guard n >= 40, n <= 255, value[3] == UInt8(ascii: "_") else { return false }
        let gh = value[0] == UInt8(ascii: "g") && value[1] == UInt8(ascii: "h")
            && (value[2] == UInt8(ascii: "p") || value[2] == UInt8(ascii: "o") || value[2] == UInt8(ascii: "u")
                || value[2] == UInt8(ascii: "s") || value[2] == UInt8(ascii: "r"))
        let npm = value[0] == UInt8(ascii: "n") && value[1] == UInt8(ascii: "p") && value[2] == UInt8(ascii: "m")
        guard gh || npm else { return false }
        for i in 4..<n where base62Digit(value[i]) < 0 { return false }
        return true
    }

    /// GitHub's token checksum (also npm's): a token is a 4-byte prefix (`ghp_`, `npm_`, …),
    /// a payload, and 6 characters that are the base62 form of the CRC-32 of the payload.
    ///
    /// - The payload is the bytes after the prefix and before the last 6 (30 for today's
    ///   40-byte tokens); the prefix is not in the checksum.
    /// - CRC-32 is the IEEE 802.3 one (reflected, polynomial `0xEDB88320`, initial value and
    ///   final XOR `0xFFFFFFFF`), as zlib's `crc32`.
    /// - base62 uses the digits `0-9`, then `A-Z`, then `a-z` (values 0 to 61), most
    ///   significant first, padded on the left with `0` to 6 characters
    ///   (62^6 > 2^32, so 6 always suffice).
    ///
    /// For example `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`: CRC-32 of
    /// `M7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq` in base62 is `11T4V4`.
    /// Returns false for anything else (too short, a byte outside base62).
    static func isGitHubToken(_ token: UnsafeRawBufferPointer) -> Bool {
        let n = token.count
        guard n >= 4 + 1 + 6 else { return false }
        // CRC-32 bit by bit: no table, so no shared state to set up; 30 bytes are 240 steps.
        var crc: UInt32 = 0xFFFF_FFFF
        for i in 4..<(n - 6) {
            guard base62Digit(token[i]) >= 0 else { return false }
            crc ^= UInt32(token[i])
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        crc ^= 0xFFFF_FFFF
        // Decode the 6 checksum characters rather than encode the CRC: no buffer needed.
        var sum: UInt64 = 0
        for i in (n - 6)..<n {
            let d = base62Digit(token[i])
            guard d >= 0 else { return false }
            sum = sum * 62 + UInt64(d)
        }
        return sum == UInt64(crc)
    }

    /// The value of `b` as a base62 digit in GitHub's order (`0-9` `A-Z` `a-z`), or -1.
    @inline(__always) static func base62Digit(_ b: UInt8) -> Int {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(b &- UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(b &- UInt8(ascii: "A")) + 10
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(b &- UInt8(ascii: "a")) + 36
        default: return -1
        }
    }

    /// Whether `value` is unlike a placeholder: at least 4 distinct bytes among its last 16
    /// (every secrets rule's match ends in its random part). Refuses `ghp_xxxx…`,
    /// `glpat-XXXXXXXXXXX-XXXXXXXX`, `GR134894112312312312312312312`, `sntryu_aaaa…`; a random
    /// 16-byte run of hex digits has 3 or fewer distinct bytes with probability below 2e-9.
    static func looksRandom(_ value: UnsafeRawBufferPointer) -> Bool {
        var seen: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var distinct = 0
        for i in max(0, value.count - 16)..<value.count {
            let b = value[i]
            let bit = UInt64(1) << UInt64(b & 63)
            let known: Bool
            switch b >> 6 {
            case 0: known = seen.0 & bit != 0; seen.0 |= bit
            case 1: known = seen.1 & bit != 0; seen.1 |= bit
            case 2: known = seen.2 & bit != 0; seen.2 |= bit
            default: known = seen.3 & bit != 0; seen.3 |= bit
            }
            if !known { distinct += 1; if distinct >= 4 { return true } }
        }
        return false
    }
}
