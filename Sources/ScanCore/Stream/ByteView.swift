/// The bytes a masker can see: the carried tail of earlier chunks and the current chunk,
/// addressed by absolute stream offset.
///
/// Bytes outside `carryStart ..< available` read as 0x00, which no rule's probe accepts.
@usableFromInline
struct ByteView {
    var carry: UnsafeRawBufferPointer
    var carryStart: Int
    var chunk: UnsafeRawBufferPointer
    var chunkStart: Int
    /// Whether the backslash run ending just before `carryStart` has odd length.
    var leadParity: Bool
    /// Whether the stream ends at `available`.
    var atEnd: Bool

    /// One past the last visible byte.
    var available: Int { chunkStart &+ chunk.count }

    /// The byte at absolute offset `i`, or 0 outside the visible bytes.
    @inline(__always)
    func byte(_ i: Int) -> UInt8 {
        if i >= chunkStart {
            return i < available ? chunk[i &- chunkStart] : 0
        }
        return i >= carryStart ? carry[i &- carryStart] : 0
    }

    /// A pointer to offset `i` in the chunk when bytes `i - before ..< i + after` all lie in
    /// it, so a hot path can read them without `byte(_:)`'s range checks; nil otherwise.
    @inline(__always)
    func chunkPointer(at i: Int, before: Int, after: Int) -> UnsafePointer<UInt8>? {
        guard i &- before >= chunkStart, i &+ after <= available, let base = chunk.baseAddress else { return nil }
        return base.assumingMemoryBound(to: UInt8.self) + (i &- chunkStart)
    }

    /// Whether the byte at `q` is escaped: an odd run of backslashes ends just before it.
    func isEscaped(_ q: Int) -> Bool {
        var odd = false
        var k = q - 1
        while k >= carryStart, k >= 0, byte(k) == UInt8(ascii: "\\") { odd.toggle(); k -= 1 }
        if k < carryStart, k >= 0, leadParity { odd.toggle() }
        return odd
    }

    /// Bytes `a ..< b` as one contiguous buffer: a slice of the carry or the chunk when one
    /// holds them all, otherwise a copy in `scratch` (which must hold `b - a` bytes).
    func contiguous(_ a: Int, _ b: Int, scratch: UnsafeMutableRawBufferPointer) -> UnsafeRawBufferPointer {
        if a >= chunkStart {
            return UnsafeRawBufferPointer(rebasing: chunk[(a - chunkStart)..<(b - chunkStart)])
        }
        if b <= chunkStart {
            return UnsafeRawBufferPointer(rebasing: carry[(a - carryStart)..<(b - carryStart)])
        }
        let head = chunkStart - a
        scratch.copyMemory(from: UnsafeRawBufferPointer(rebasing: carry[(a - carryStart)...]))
        UnsafeMutableRawBufferPointer(rebasing: scratch[head...]).copyMemory(from: UnsafeRawBufferPointer(rebasing: chunk[..<(b - chunkStart)]))
        return UnsafeRawBufferPointer(rebasing: scratch[..<(b - a)])
    }
}
