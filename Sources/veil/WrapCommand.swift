import ArgumentParser
import Logging
import ScanCore
import StreamProxy
#if canImport(Glibc)
import Glibc
#endif

/// `veil wrap`: run a stdio MCP server behind Veil.
struct WrapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wrap",
        abstract: "Run a stdio MCP server as a child process, masking what it returns and recording the session.",
        discussion: """
            Newline-delimited JSON-RPC on this process's stdin goes to the server unchanged and is recorded masked; \
            the server's stdout is masked message by message, written to stdout and recorded. The server's stderr passes \
            through. SIGHUP reloads the rule files for the messages that start after it (a bad new set is refused and the old one kept). Exit status: the server's, or 1 if the audit log failed, or 2 on a usage or configuration error (including a server command that cannot be found).
            """
    )

    @OptionGroup var rules: RuleOptions

    @OptionGroup var audit: AuditOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The server command and its arguments, after '--'.", valueName: "CMD"))
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("give the server command after '--', as in: veil wrap -- python3 server.py") }
    }

    func run() throws {
        // A server that cannot be found is a usage error, found before anything starts.
        if StdioBridge.resolve(command[0]) == nil { throw CLIError.config(StdioBridge.notFound(command[0]).description) }
        AuditOptions.bootstrapLogging(level: .warning)
        let engine: LiveEngine
        do { engine = try LiveEngine(setup: rules.setup) } catch { throw CLIError.config(error.description) }
        let log = try audit.open()
        let logger = Logger(label: "veil.wrap")
        let reload = SignalWatch(SignalWatch.reload) { _ in
            do { try engine.reload() } catch {
                logger.error("rule reload refused; the rules in force stay", metadata: ["reason": "\(error)"])
            }
        }
        defer { reload.cancel() }
        let session = AuditSession(log: log)
        let bridge = StdioBridge(command: command, engine: engine, session: session, logger: logger)
        let status: Int32
        do {
            status = try bridge.run()
        } catch {
            throw CLIError.runtime(error.description)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
