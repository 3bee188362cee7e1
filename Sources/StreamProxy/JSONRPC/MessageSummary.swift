/// What the audit log records about a JSON-RPC message besides its masked payload: the
/// method, the tool (or prompt or resource) it names, the id, and whether it is an error.
///
/// Messages can be far larger than memory should hold, so the summary is read from the
/// first bytes only (``prefixLimit``), by a small scanner for top-level keys rather than a
/// full parse. The SDKs write `jsonrpc`, `id`, `method` and `params.name` (or `error`)
/// before any large value, so the prefix holds them. For messages from the server the
/// scanner reads the *masked* prefix, so a summary never holds a raw value.
public struct MessageSummary: Sendable, Equatable {
    public var method: String?
    public var tool: String?
    public var id: String?
    public var isError: Bool

    /// How many bytes of a message the summary reads.
    public static let prefixLimit = 16 << 10

    /// Scans the start of a message. Unknown shapes give an empty summary, never an error.
    public init(prefix: [UInt8]) {
        var scanner = Scanner(bytes: prefix)
        var method: String?, tool: String?, id: String?, isError = false
        scanner.walkObject(depth: 0) { key, depth, scanner in
            switch (key, depth) {
            case ("method", 0): method = scanner.string()
            case ("id", 0): id = scanner.scalar()
            case ("error", 0): isError = true; return false
            case ("params", 0): return true
            case ("name", 1), ("uri", 1): if tool == nil { tool = scanner.string() }
            default: break
            }
            return false
        }
        self.method = method; self.tool = tool; self.id = id; self.isError = isError
    }

    /// A hand-written scanner over JSON bytes: enough to find keys of the top-level object
    /// and of one nested object, skipping every other value without building it.
    struct Scanner {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        /// Reads a string value and returns it, or nil (leaving the value skipped) when the
        /// value is not a string or is cut off.
        mutating func string() -> String? {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { skipValue(); return nil }
            let start = i + 1
            i += 1
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                i += 1
            }
            guard i < bytes.count else { return nil }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            i += 1
            return text
        }

        /// Reads a string or number value as written, quotes included (for ids, which are
        /// echoed back in JSON).
        mutating func scalar() -> String? {
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                let start = i
                guard string() != nil else { return nil }
                return String(decoding: bytes[start..<i], as: UTF8.self)
            }
            let start = i
            while i < bytes.count, !",}] \n\r\t".utf8.contains(bytes[i]) { i += 1 }
            return i > start ? String(decoding: bytes[start..<i], as: UTF8.self) : nil
        }

        /// Skips one value of any kind.
        mutating func skipValue() {
            skipSpace()
            guard i < bytes.count else { return }
            switch bytes[i] {
            case UInt8(ascii: "\""): _ = string()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while i < bytes.count {
                    let b = bytes[i]
                    if b == UInt8(ascii: "\"") { _ = string(); continue }
                    if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
                    if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") { depth -= 1; if depth == 0 { i += 1; return } }
                    i += 1
                }
            default: _ = scalar()
            }
        }

        /// Walks the keys of the object at the cursor; `visit` reads the value itself, or
        /// returns true to descend into it (an object), or false to skip what it left.
        mutating func walkObject(depth: Int, _ visit: (String, Int, inout Scanner) -> Bool) {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return }
            i += 1
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] != UInt8(ascii: "}") else { return }
                guard let key = string() else { return }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return }
                i += 1
                let before = i
                if visit(key, depth, &self) {
                    walkObject(depth: depth + 1, visit)
                    skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1 }
                } else if i == before {
                    skipValue()
                }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return }
                i += 1
            }
        }
    }
}
