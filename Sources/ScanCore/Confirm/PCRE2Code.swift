import CPCRE2

/// A compiled, JIT-compiled PCRE2 pattern in 8-bit, byte (non-UTF) mode.
///
/// Thread safety: the compiled code is immutable once `pcre2_jit_compile` has returned, and
/// PCRE2 documents compiled code as shareable between threads; per-call state lives in a
/// ``MatchScratch`` owned by one thread. Hence `@unchecked Sendable`.
public final class PCRE2Code: @unchecked Sendable {
    @usableFromInline let code: OpaquePointer
    /// Whether JIT compilation succeeded for complete and hard-partial matching.
    @usableFromInline let jitted: Bool

    /// A compile error, with PCRE2's own message and the byte offset in the pattern.
    public struct CompileError: Error, Sendable {
        /// PCRE2's message.
        public var message: String
        /// The byte offset in the pattern where PCRE2 stopped.
        public var offset: Int
    }

    /// Compiles `pattern`. `anchored` compiles the variant used to confirm at a known offset
    /// (JIT ignores `PCRE2_ANCHORED` at match time, so it must be set at compile time).
    public init(_ pattern: String, anchored: Bool) throws(CompileError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        var options: UInt32 = 0
        if anchored { options |= veil_pcre2_anchored() }
        let compiled: OpaquePointer? = pattern.utf8CString.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: buf.count) { p in
                pcre2_compile_8(p, buf.count - 1, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw CompileError(message: PCRE2Code.message(for: errorCode), offset: errorOffset)
        }
        self.code = compiled
        let jitOptions = UInt32(PCRE2_JIT_COMPLETE) | UInt32(PCRE2_JIT_PARTIAL_HARD)
        self.jitted = pcre2_jit_compile_8(compiled, jitOptions) == 0
    }

    deinit { pcre2_code_free_8(code) }

    /// PCRE2's text for an error code.
    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer.prefix(Int(n)), as: UTF8.self) : "PCRE2 error \(errorCode)"
    }

    /// A 32-bit `pcre2_pattern_info` value.
    func info32(_ what: Int32) -> UInt32 {
        var value: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(what), &value)
        return value
    }

    /// The number of capture groups.
    var captureCount: Int { Int(info32(PCRE2_INFO_CAPTURECOUNT)) }
    /// The longest lookbehind, in characters (`\b` counts as 1).
    var maxLookbehind: Int { Int(info32(PCRE2_INFO_MAXLOOKBEHIND)) }
    /// A lower bound on the length of any match.
    var minLength: Int { Int(info32(PCRE2_INFO_MINLENGTH)) }

    /// The set of bytes that can start a match, when PCRE2 knows one.
    var firstBytes: ByteSet? {
        switch info32(PCRE2_INFO_FIRSTCODETYPE) {
        case 1:
            let unit = UInt8(truncatingIfNeeded: info32(PCRE2_INFO_FIRSTCODEUNIT))
            var set = ByteSet([unit])
            // PCRE2 reports a first code unit it matches caselessly without saying so: under
            // `(?i)`, and also when alternatives start with the same letter in two cases
            // (`gl…|GR…` reports `G`). So a letter always brings its other case (a superset is
            // safe: the set only filters starts before PCRE2 decides).
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(unit | 0x20) {
                set.insert(unit ^ 0x20)
            }
            return set
        default:
            var bitmap: UnsafePointer<UInt8>? = nil
            guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap) == 0, let bitmap else { return nil }
            var set = ByteSet()
            for b in 0..<256 where bitmap[b >> 3] & (1 << (b & 7)) != 0 { set.insert(UInt8(b)) }
            return set
        }
    }

    /// The number of the capture group named `name`, if any.
    func groupNumber(named name: String) -> Int? {
        let n = name.utf8CString.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: buf.count) { pcre2_substring_number_from_name_8(code, $0) }
        }
        return n > 0 ? Int(n) : nil
    }
}
