#if canImport(Glibc)
import Glibc
#endif

/// Reads small files whole (rule files, keys, certificates), with errors that name the file,
/// what it was for, and the system's reason.
public enum SmallFile {
    /// Reads `path` whole, up to `limit` bytes. `what` names the file's role in errors, such
    /// as "rule file".
    public static func readBytes(_ path: String, what: String, limit: Int = 16 << 20) throws(ConfigError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ConfigError("cannot open \(what) '\(path)': \(systemReason).") }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw ConfigError("\(what) '\(path)' is a directory, not a file.")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw ConfigError("cannot read \(what) '\(path)': \(systemReason).")
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count > limit { throw ConfigError("\(what) '\(path)' is larger than \(limit >> 20) MiB.") }
        }
        return bytes
    }

    /// Reads `path` whole as UTF-8 text.
    public static func readText(_ path: String, what: String, limit: Int = 16 << 20) throws(ConfigError) -> String {
        let bytes = try readBytes(path, what: what, limit: limit)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError("\(what) '\(path)' is not valid UTF-8 text.")
        }
        return text
    }

    static var systemReason: String { String(cString: strerror(errno)).lowercased() }
}
