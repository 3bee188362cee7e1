import ArgumentParser
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// `veil`: the command-line tool. Exit status: 0 success, 1 a runtime failure (reading or
/// writing), 2 a usage or configuration error (a bad option, rule file, key or input path).
struct Veil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veil",
        abstract: "Veil masks personal data and secrets in streams, inline.",
        discussion: "Exit status: 0 on success, 2 on a usage or configuration error.",
        subcommands: [MaskCommand.self, ScanCommand.self, ProxyCommand.self, WrapCommand.self, AuditCommand.self, DemoServerCommand.self, RulesCommand.self, CorpusCommand.self, BenchCommand.self]
    )
}

/// Runs the parsed command and maps errors to Veil's exit statuses: argument errors and
/// ``CLIError``s print one actionable sentence to stderr and exit 2.
@main
enum VeilMain {
    static func main() async {
        do {
            var command = try Veil.parseAsRoot()
            // The HTTP gateway runs its tasks on NIO's event loops rather than Swift's global
            // pool: a small MCP round trip otherwise pays several thread hops between the two
            // (measured: most of the proxy's CPU time on 1 KiB calls). Installed before any
            // task runs, and for `proxy` only.
            if command is ProxyCommand || command is DemoServerCommand {
                NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
            }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            Console.error(error.message)
            exit(error.status)
        } catch {
            let code = Veil.exitCode(for: error)
            if code == .success {
                print(Veil.fullMessage(for: error))
                exit(0)
            }
            Console.error(Veil.fullMessage(for: error))
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
