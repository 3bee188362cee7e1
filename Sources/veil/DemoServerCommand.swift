import ArgumentParser
import Foundation

/// `veil demo-server`: a small stdio MCP server whose one tool answers with personal data,
/// so that `veil wrap` can be tried without installing anything (`make demo` runs it).
struct DemoServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-server",
        abstract: "A demo stdio MCP server whose tool returns personal data (for trying `veil wrap`; not for production).",
        discussion: "Answers initialize, tools/list and tools/call (tool 'lookup_customer', with a progress notification when asked) as newline-delimited JSON-RPC on stdin and stdout."
    )

    /// The customer record the tool returns: synthetic values of several types.
    static let customer: [String: String] = [
        "name": "Maria Garcia", "email": "maria.garcia@example.com", "phone": "+1 415 555 2671",
        "card": "4111 1111 1111 1111", "iban": "DE89 3704 0044 0532 0130 00", "ssn": "078-05-1120",
        "notes": "ships from 192.168.10.24; API key AKIAIOSFODNN7EXAMPLE",
    ]

    func run() throws {
        while let line = readLine(strippingNewline: true) {
            guard let data = line.data(using: .utf8), !data.isEmpty,
                  let message = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            guard let id = message["id"] else { continue }   // notifications need no answer
            let method = message["method"] as? String ?? ""
            let params = message["params"] as? [String: Any] ?? [:]
            switch method {
            case "initialize":
                send(["jsonrpc": "2.0", "id": id, "result": [
                    "protocolVersion": params["protocolVersion"] as? String ?? "2025-11-25",
                    "capabilities": ["tools": [String: Any]()],
                    "serverInfo": ["name": "veil-demo", "version": "1.0"],
                ]])
            case "tools/list":
                send(["jsonrpc": "2.0", "id": id, "result": ["tools": [[
                    "name": "lookup_customer", "description": "Looks up a customer record.",
                    "inputSchema": ["type": "object", "properties": ["customer_id": ["type": "string"]]],
                ]]]])
            case "tools/call":
                if let token = (params["_meta"] as? [String: Any])?["progressToken"] {
                    send(["jsonrpc": "2.0", "method": "notifications/progress",
                          "params": ["progressToken": token, "progress": 1, "total": 1, "message": "found \(Self.customer["email"] ?? "")"]])
                }
                let text = String(decoding: try JSONSerialization.data(withJSONObject: Self.customer, options: [.sortedKeys]), as: UTF8.self)
                send(["jsonrpc": "2.0", "id": id, "result": [
                    "content": [["type": "text", "text": text]], "structuredContent": Self.customer, "isError": false,
                ]])
            default:
                send(["jsonrpc": "2.0", "id": id, "error": ["code": -32601, "message": "method not found: \(method)"]])
            }
        }
    }

    func send(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
