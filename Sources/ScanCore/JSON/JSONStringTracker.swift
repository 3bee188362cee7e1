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
    /// Whole blocks go by masks, in the chunk and in the carry alike (with small chunks most
    /// of the bytes walked can sit in the carry): the escaped bytes follow from the
    /// backslashes (each unescaped backslash escapes the next byte, so a run of them
    /// alternates; ``block(_:width:)`` finds them in constant time), and the state toggles
    /// once per unescaped quote. Bytes too few
    /// for a block go one by one.
    mutating func advance(to target: Int, _ view: ByteView) {
        var q = position
        while q < target {
            // The contiguous bytes from q: the rest of the carry, or of the chunk.
            let inCarry = q < view.chunkStart
            let regionEnd = min(target, inCarry ? view.chunkStart : view.available)
            let regionBase = inCarry ? view.carry.baseAddress.map { $0 + (q - view.carryStart) }
                                     : view.chunk.baseAddress.map { $0 + (q - view.chunkStart) }
            if q + 16 <= regionEnd, q >= view.carryStart, let base = regionBase {
                // 64 bytes at a time where they fit, else 16.
                let width = q + 64 <= regionEnd ? 64 : 16
                block(base, width: width)
                q += width
                continue
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

    /// Advances the state over `width` (16 or 64) bytes at `p`.
    @inline(__always)
    mutating func block(_ p: UnsafeRawPointer, width: Int) {
        var quotes: UInt64 = 0, backslashes: UInt64 = 0
        var k = 0
        while k < width {
            let v = VectorMask.load(p, k)
            quotes |= VectorMask.bits(VectorMask.eq(v, UInt8(ascii: "\""))) &<< UInt64(k)
            backslashes |= VectorMask.bits(VectorMask.eq(v, UInt8(ascii: "\\"))) &<< UInt64(k)
            k &+= 16
        }
        // The escaped bytes in constant time (simdjson's method). In a run of backslashes,
        // those at even distances from its start escape the byte after them: the odd bits
        // when the run starts on an even bit, the even bits when it starts on an odd one.
        // Adding the odd starts to the backslashes carries each such start to just past its
        // run, which marks the runs whose bits flip.
        if backslashes == 0 && !escaped {
            // Most blocks: no backslash, nothing escaped.
            if quotes.nonzeroBitCount & 1 == 1 { inString.toggle() }
            return
        }
        let evenBits: UInt64 = 0x5555_5555_5555_5555
        let previous: UInt64 = escaped ? 1 : 0
        let backslash = backslashes & ~previous
        let followsEscape = backslash &<< 1 | previous
        let oddStarts = backslash & ~evenBits & ~followsEscape
        let (evenStarts, overflow) = oddStarts.addingReportingOverflow(backslash)
        let escapedBits = (evenBits ^ (evenStarts &<< 1)) & followsEscape
        // Whether the byte after the block is escaped: the carry out of bit 63, or bit 16.
        let carry = width == 64 ? overflow : escapedBits & (1 << 16) != 0
        if (quotes & ~escapedBits).nonzeroBitCount & 1 == 1 { inString.toggle() }
        escaped = carry
    }

    /// Moves past a masked span, which holds no unescaped quote and ends on a whole escape.
    mutating func skip(to target: Int) {
        position = target
        escaped = false
    }
}
