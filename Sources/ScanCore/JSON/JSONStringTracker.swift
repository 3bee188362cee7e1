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
    mutating func advance(to target: Int, _ view: ByteView) {
        var q = position
        while q < target {
            // Skip quickly to the next byte that can change the state.
            if !escaped, q >= view.chunkStart, let base = view.chunk.baseAddress {
                let local = q - view.chunkStart
                let end = target - view.chunkStart
                var k = local
                while k + 16 <= end {
                    let v = VectorMask.load(base, k)
                    let m = (v .== SIMD16<UInt8>(repeating: UInt8(ascii: "\""))) .| (v .== SIMD16<UInt8>(repeating: UInt8(ascii: "\\")))
                    let bits = VectorMask.bits(unsafeBitCast(m, to: SIMD16<UInt8>.self))
                    if bits != 0 { k += bits.trailingZeroBitCount; break }
                    k += 16
                }
                q = k + view.chunkStart
                if q >= target { break }
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
