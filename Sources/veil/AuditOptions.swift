import ArgumentParser
import Logging
import StreamProxy

/// `--audit-db` for the gateway commands, and their logging (structured, to stderr, never
/// payload values).
struct AuditOptions: ParsableArguments {
    @Option(name: .customLong("audit-db"), help: ArgumentHelp("The SQLite audit log to append sessions to (created when missing); no recording when absent.", valueName: "PATH"))
    var path: String?

    /// The log, or nil when recording is off; a bad path is a configuration error.
    func open() throws -> AuditLog? { try Self.open(path) }

    /// The log at `path`, or nil when recording is off; a bad path is a configuration error.
    static func open(_ path: String?) throws -> AuditLog? {
        do {
            return try path.map { path throws(AuditLog.Failure) in try AuditLog(path: path) }
        } catch {
            throw CLIError.config(error.description)
        }
    }

    /// Sends swift-log's output to stderr at `level` (stdout may be a protocol channel).
    static func bootstrapLogging(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
