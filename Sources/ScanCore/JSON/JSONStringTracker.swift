/// Follows whether the stream is inside a JSON string, byte by byte, as output is emitted.
///
/// In JSON mode a masked value outside any string (a bare number such as a card number
/// written as an integer) is replaced by a quoted label, so the document stays valid JSON;
/// inside a string the label goes in as it is. The state is two bits: inside a string, and
/// whether the next byte is escaped.
struct JSONStringTracker {
    /// The offset up to which the state is known.
    var position = 0
    var inString = false
    var escaped = false

    /// Advances the state over bytes `position ..< target`.
    ///
    /// A 16-byte block of the chunk with no backslash changes the state only by the parity
    /// of its quotes, so such blocks cost one load, two compares and a popcount; blocks with
    /// a backslash, and bytes of the carry, go byte by byte.
    mutating func advance(to target: Int, _ view: ByteView) {
        var q = position
        while q < target {
            if !escaped, q >= view.chunkStart, q + 16 <= target, let base = view.chunk.baseAddress {
                let v = VectorMask.load(base, q - view.chunkStart)
                let quotes = VectorMask.bits(unsafeBitCast(v .== SIMD16<UInt8>(repeating: UInt8(ascii: "\"")), to: SIMD16<UInt8>.self))
                let backslashes = VectorMask.bits(unsafeBitCast(v .== SIMD16<UInt8>(repeating: UInt8(ascii: "\\")), to: SIMD16<UInt8>.self))
                if backslashes == 0 {
                    if quotes.nonzeroBitCount & 1 == 1 { inString.toggle() }
                    q += 16
                    continue
                }
                // Up to the first backslash, only quotes matter.
                let clean = backslashes.trailingZeroBitCount
                if (quotes & ((1 << UInt64(clean)) - 1)).nonzeroBitCount & 1 == 1 { inString.toggle() }
                q += clean
            }
            let b = view.byte(q)
            if escaped {
                escaped = false
            } else if b == UInt8(ascii: "\\") {
                escaped = true
            } else if b == UInt8(ascii: "\"") {
                inString.toggle()
            }
            q += 1
        }
        position = max(position, target)
    }

    /// Moves past a masked span, which holds no unescaped quote and ends on a whole escape.
    mutating func skip(to target: Int) {
        position = target
        escaped = false
    }
}
