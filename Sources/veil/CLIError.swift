#if canImport(Glibc)
import Glibc
#endif

/// An error the CLI reports as one sentence on stderr, with an exit status.
struct CLIError: Error {
    var message: String
    var status: Int32 = 2

    /// A usage or configuration error (exit status 2).
    static func config(_ message: String) -> CLIError { CLIError(message: message, status: 2) }
    /// A failure while running (exit status 1).
    static func runtime(_ message: String) -> CLIError { CLIError(message: message, status: 1) }

    /// The system's text for the current `errno`.
    static var systemReason: String { String(cString: strerror(errno)) }
}

/// Writes to stderr without buffering.
enum Console {
    static func error(_ line: String) {
        var text = line
        if !text.hasSuffix("\n") { text += "\n" }
        _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    }
}
