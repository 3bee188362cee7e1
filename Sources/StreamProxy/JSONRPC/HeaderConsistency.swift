import Foundation

/// The 2026-07-28 protocol's request headers must agree with the body they travel with.
///
/// That protocol mirrors the JSON-RPC `method` in `Mcp-Method`, the named tool, prompt or
/// resource in `Mcp-Name` (for `tools/call`, `prompts/get` and `resources/read`), and the
/// envelope's protocol version in `MCP-Protocol-Version`, so that load balancers and gateways
/// can route without parsing bodies. A gateway that checks policy on the body while the server
/// routes on a header could be steered past its policy, so Veil refuses any disagreement
/// itself (HTTP 400, JSON-RPC error -32020, as the SDK servers answer), before the request is
/// forwarded or authorized.
///
/// The rule, decided here: a header that is present must match the body; `Mcp-Name` must be
/// present when `Mcp-Method` is and the method names something; `Mcp-Name` on a method that
/// names nothing is refused. Requests without these headers (the 2025-11-25 era) pass, and
/// their server checks what it requires.
///
/// Known limit: the body is parsed with Foundation, which keeps the last of duplicated keys,
/// as Python's `json` does; a server whose parser keeps the first could read a different
/// `method` or `name` from a body with duplicated keys.
public enum HeaderConsistency {
    /// JSON-RPC error code for a header that disagrees with the body.
    public static let errorCode = -32020

    /// The params key each name-bearing method mirrors in `Mcp-Name`.
    public static let nameKeys = ["tools/call": "name", "prompts/get": "name", "resources/read": "uri"]

    /// The envelope key holding the request's protocol version (`params._meta`).
    static let protocolVersionKey = "io.modelcontextprotocol/protocolVersion"

    /// Checks a request's headers (every value each was given) against its body. Returns why
    /// they disagree (naming headers and keys, never values), or nil when they agree or the
    /// request has none of them. A header given twice is refused: a gateway reading the first
    /// and a server reading the last would disagree.
    public static func mismatch(method methodValues: [String], name nameValues: [String], protocolVersion versionValues: [String],
                                body: some Collection<UInt8>) -> String? {
        for (header, values) in [("Mcp-Method", methodValues), ("Mcp-Name", nameValues), ("MCP-Protocol-Version", versionValues)]
        where values.count > 1 {
            return "the \(header) header is given more than once"
        }
        let methodHeader = methodValues.first, nameHeader = nameValues.first, protocolVersion = versionValues.first
        guard methodHeader != nil || nameHeader != nil else { return nil }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            return "Mcp-Method or Mcp-Name came with a body that is not one JSON-RPC request object"
        }
        let method = object["method"] as? String
        let params = object["params"] as? [String: Any]
        if let methodHeader, methodHeader != method {
            return "the Mcp-Method header does not match the request body's method"
        }
        if let method, let key = nameKeys[method] {
            if methodHeader != nil || nameHeader != nil {
                guard let nameHeader else { return "the Mcp-Name header is missing for \(method)" }
                guard let decoded = decode(nameHeader), decoded == params?[key] as? String else {
                    return "the Mcp-Name header does not match the request body's '\(key)'"
                }
            }
        } else if nameHeader != nil {
            return "the Mcp-Name header was sent for a method that names no tool, prompt or resource"
        }
        if let protocolVersion, let meta = params?["_meta"] as? [String: Any],
           let envelope = meta[protocolVersionKey] as? String, envelope != protocolVersion {
            return "the MCP-Protocol-Version header does not match the request envelope's protocol version"
        }
        return nil
    }

    /// A header value as sent: verbatim, or `=?base64?…?=` for names that are not plain
    /// ASCII (canonical base64 of UTF-8). A malformed encoding decodes to nil, which never
    /// matches.
    public static func decode(_ value: String) -> String? {
        guard value.hasPrefix("=?base64?"), value.hasSuffix("?="), value.count >= 11 else { return value }
        let payload = String(value.dropFirst(9).dropLast(2))
        guard let data = Data(base64Encoded: payload), data.base64EncodedString() == payload else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
