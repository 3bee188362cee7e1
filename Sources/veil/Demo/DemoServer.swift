import Foundation

/// The demo MCP server's behaviour, shared by its stdio and HTTP transports: one tool,
/// `lookup_customer`, whose answer is full of synthetic personal data. For trying Veil; not
/// for production.
enum DemoServer {
    /// The customer record the tool returns: synthetic values of several types.
    static let customer: [String: String] = [
        "name": "Maria Garcia", "email": "maria.garcia@example.com", "phone": "+1 415 555 2671",
        "card": "4111 1111 1111 1111", "iban": "DE89 3704 0044 0532 0130 00", "ssn": "078-05-1120",
        "notes": "ships from 192.168.10.24; API key AKIAIOSFODNN7EXAMPLE",
    ]

    /// The messages that answer one client message, in order: a progress notification when
    /// the call asks for one, then the response. A notification gets none.
    static func answer(_ message: [String: Any]) -> [[String: Any]] {
        guard let id = message["id"] else { return [] }
        let method = message["method"] as? String ?? ""
        let params = message["params"] as? [String: Any] ?? [:]
        switch method {
        case "initialize":
            return [["jsonrpc": "2.0", "id": id, "result": [
                "protocolVersion": params["protocolVersion"] as? String ?? "2025-11-25",
                "capabilities": ["tools": [String: Any]()],
                "serverInfo": ["name": "veil-demo", "version": "1.0"],
            ]]]
        case "tools/list":
            return [["jsonrpc": "2.0", "id": id, "result": ["tools": [[
                "name": "lookup_customer", "description": "Looks up a customer record.",
                "inputSchema": ["type": "object", "properties": ["customer_id": ["type": "string"]]],
            ]]]]]
        case "tools/call":
            var out: [[String: Any]] = []
            if let token = (params["_meta"] as? [String: Any])?["progressToken"] {
                out.append(["jsonrpc": "2.0", "method": "notifications/progress",
                            "params": ["progressToken": token, "progress": 1, "total": 1, "message": "found \(customer["email"] ?? "")"]])
            }
            let text = String(decoding: (try? JSONSerialization.data(withJSONObject: customer, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
            out.append(["jsonrpc": "2.0", "id": id, "result": [
                "content": [["type": "text", "text": text]], "structuredContent": customer, "isError": false,
            ]])
            return out
        default:
            return [["jsonrpc": "2.0", "id": id, "error": ["code": -32601, "message": "method not found: \(method)"]]]
        }
    }

    /// One message as a line of JSON (keys sorted, so the demo's output is stable).
    static func encode(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
