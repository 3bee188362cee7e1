import ArgumentParser
import Foundation
import StreamProxy

/// `veil demo-server`: a small MCP server whose one tool answers with personal data, so that
/// `veil wrap` and `veil proxy` can be tried without installing anything (`make demo`).
struct DemoServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-server",
        abstract: "A demo MCP server whose tool returns personal data (for trying `veil wrap` and `veil proxy`; not for production).",
        discussion: """
            Answers initialize, tools/list and tools/call (tool 'lookup_customer', with a progress notification when asked) as \
            newline-delimited JSON-RPC on stdin and stdout, or, with --http, one JSON-RPC message per POST, answered as application/json.
            """
    )

    @Option(name: .customLong("http"), help: ArgumentHelp("Serve HTTP on HOST:PORT instead of stdio.", valueName: "HOST:PORT"))
    var http: String?

    func run() async throws {
        if let http {
            guard let listener = GatewayConfig.Listener(address: http) else {
                throw CLIError.config("--http '\(http)' is not HOST:PORT with a port from 0 to 65535.")
            }
            do { try await DemoHTTPServer.run(host: listener.host, port: listener.port) } catch {
                throw CLIError.config("cannot serve on \(http): \(error).")
            }
            return
        }
        while let line = readLine(strippingNewline: true) {
            guard let data = line.data(using: .utf8), !data.isEmpty,
                  let message = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            for answer in DemoServer.answer(message) {
                FileHandle.standardOutput.write(DemoServer.encode(answer) + Data("\n".utf8))
            }
        }
    }
}
