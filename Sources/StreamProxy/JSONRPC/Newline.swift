#if canImport(Glibc)
import Glibc
#endif

/// Finding message boundaries fast: `memchr`, not a generic element search.
enum Newline {
    /// The index in `bytes` of the first newline at or after `from`, if any.
    @inline(__always)
    static func next(in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + from, 0x0A, bytes.count - from) else { return nil }
        return UnsafeRawPointer(hit) - base
    }
}
