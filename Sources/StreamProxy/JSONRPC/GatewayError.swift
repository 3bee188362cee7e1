/// A JSON-RPC error response written by Veil itself (a refused request, an upstream that
/// failed), in one shape for every transport.
enum GatewayError {
    /// The response for the request whose `id` is given as written in it (nil: `null`).
    /// Messages are Veil's own sentences; a `"` in one becomes `'` so no escaping is needed.
    static func json(id: String?, code: Int, message: String) -> String {
        "{\"jsonrpc\":\"2.0\",\"id\":\(id ?? "null"),\"error\":{\"code\":\(code),\"message\":\"\(message.replacingOccurrences(of: "\"", with: "'"))\"}}"
    }
}
