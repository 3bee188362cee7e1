/// Keeps replacements from breaking JSON escapes or UTF-8 sequences.
///
/// Veil matches raw bytes, so a match can begin on the letter of an escape such as `\n` or
/// inside `\u00e9`, or end halfway through one, or cut a multi-byte UTF-8 character. The rules:
/// - A span that starts on an escape's letters starts after the escape instead (the escape is
///   kept; what follows a `\n` is a new line, not part of the value).
/// - A span that ends inside an escape is extended to the escape's end (masking more, never less).
/// - A span never starts or ends on a UTF-8 continuation byte: the start moves back to the lead
///   byte, the end forward past the continuation bytes.
/// - A span that still contains an unescaped `"` is not a match: strings stay strings.
///
/// Escapes are recognised everywhere, not only inside JSON strings, so plain text with
/// backslashes is treated the same way; the result is still exact and chunk-independent.
enum SpanBoundaries {
    /// The adjusted span, or nil when nothing is left to mask or it would cross a quote.
    /// `scratch` holds a copy of the span when it straddles the carry and the chunk.
    static func adjust(_ span: Range<Int>, floor: Int, in view: ByteView, scratch: UnsafeMutableRawBufferPointer) -> Range<Int>? {
        var s = span.lowerBound
        var e = span.upperBound
        // The common case: no backslash, quote or non-ASCII byte anywhere near the span, so
        // none of the rules below moves it.
        if s - 6 >= view.chunkStart, e + 6 <= view.available, s < e, let base = view.chunk.baseAddress {
            if isPlain(base + (s - 6 - view.chunkStart), count: e - s + 12) { return s..<e }
        }
        // Start: skip an escape whose letters we start on.
        if view.isEscaped(s) {
            s += view.byte(s) == UInt8(ascii: "u") ? 5 : 1
        } else {
            for k in 2...5 {
                let q = s - k
                if isUnicodeEscape(at: q, view) { s = q + 6; break }
            }
        }
        var back = 0
        while back < 3, s > floor, isContinuation(view.byte(s)) { s -= 1; back += 1 }
        // End: finish an escape we stop inside.
        let last = e - 1
        if view.byte(last) == UInt8(ascii: "\\") && !view.isEscaped(last) {
            e += view.byte(e) == UInt8(ascii: "u") ? 5 : 1
        } else {
            for q in stride(from: e - 2, through: e - 5, by: -1) where isUnicodeEscape(at: q, view) {
                if e < q + 6 { e = q + 6 }
                break
            }
        }
        var forward = 0
        while forward < 3, e < view.available, isContinuation(view.byte(e)) { e += 1; forward += 1 }
        e = min(e, view.available)
        guard s < e else { return nil }
        let span = view.contiguous(s, e, scratch: scratch)
        if let base = span.baseAddress {
            let bytes = base.assumingMemoryBound(to: UInt8.self)
            for k in 0..<span.count where bytes[k] == UInt8(ascii: "\"") {
                if !view.isEscaped(s + k) { return nil }
            }
        }
        return s..<e
    }

    /// Whether `count` bytes at `p` hold no backslash, quote or non-ASCII byte: 16 at a time
    /// (the last load overlapping the one before), byte by byte below 16.
    @inline(__always)
    static func isPlain(_ p: UnsafeRawPointer, count: Int) -> Bool {
        if count < 16 {
            let bytes = p.assumingMemoryBound(to: UInt8.self)
            for k in 0..<count {
                let b = bytes[k]
                if b == UInt8(ascii: "\\") || b >= 0x80 || b == UInt8(ascii: "\"") { return false }
            }
            return true
        }
        var k = 0
        while k + 16 <= count {
            if !isClean(VectorMask.load(p, k)) { return false }
            k += 16
        }
        return k == count || isClean(VectorMask.load(p, count - 16))
    }

    /// Whether no lane of `v` is a backslash, a quote or non-ASCII.
    @inline(__always)
    static func isClean(_ v: SIMD16<UInt8>) -> Bool {
        // Non-ASCII bytes have their top bit set, which the movemask reads directly.
        return VectorMask.bits(VectorMask.eq(v, UInt8(ascii: "\\")) | VectorMask.eq(v, UInt8(ascii: "\"")) | v) == 0
    }

    @inline(__always)
    static func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }

    /// Whether a `\u` escape (an unescaped backslash followed by `u`) starts at `q`.
    static func isUnicodeEscape(at q: Int, _ view: ByteView) -> Bool {
        q >= 0 && view.byte(q) == UInt8(ascii: "\\") && view.byte(q + 1) == UInt8(ascii: "u") && !view.isEscaped(q)
    }
}
