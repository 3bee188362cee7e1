import ArgumentParser
import Foundation
import Logging
import ScanCore
import StreamProxy

/// `veil proxy`: the Streamable HTTP gateway in front of one MCP server.
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Serve MCP over Streamable HTTP in front of an upstream MCP server, masking every response and recording the session.",
        discussion: "Responses Veil cannot scan are replaced by a JSON-RPC error. GET /healthz answers {\"status\":\"ok\"}. Exit status: 2 on a usage or configuration error."
    )

    @Option(name: .customLong("listen"), help: ArgumentHelp("Where to listen, HOST:PORT.", valueName: "HOST:PORT"))
    var listen: String

    @Option(name: .customLong("upstream"), help: ArgumentHelp("The upstream MCP endpoint, such as http://127.0.0.1:8000/mcp.", valueName: "URL"))
    var upstream: String

    @OptionGroup var audit: AuditOptions

    @OptionGroup var rules: RuleOptions

    func run() async throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
            throw CLIError.config("--listen '\(listen)' is not HOST:PORT with a port from 0 to 65535.")
        }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard let url = URL(string: upstream), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw CLIError.config("--upstream '\(upstream)' is not an http:// or https:// URL with a host.")
        }
        let engine = try rules.engine()
        let log = try audit.open()
        AuditOptions.bootstrapLogging(level: .info)
        let server = ProxyServer(configuration: .init(host: host.isEmpty ? "0.0.0.0" : host, port: port, upstream: url),
                                 engine: engine, log: log, logger: Logger(label: "veil.proxy"))
        let serving = Task {
            try await server.run { bound in Console.error("veil proxy listening on \(host):\(bound), upstream \(url.absoluteString)") }
        }
        // SIGTERM or SIGINT: stop accepting, let streams in flight finish, and give up on
        // them after 10 seconds.
        let signals = StopSignals { _ in
            Console.error("veil proxy: stopping; draining the streams in flight (at most 10 s).")
            server.stopAccepting()
            DispatchQueue.global().asyncAfter(deadline: .now() + 10) { serving.cancel() }
        }
        defer { signals.cancel() }
        do {
            try await serving.value
        } catch is CancellationError {
        } catch let failure as ProxyServer.ListenFailure {
            await server.shutdown()
            throw CLIError.config(failure.description)
        } catch {
            await server.shutdown()
            throw CLIError.runtime("the proxy stopped: \(error).")
        }
        await server.shutdown()
    }
}
