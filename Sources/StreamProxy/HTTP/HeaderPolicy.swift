import Foundation
import NIOHTTP1

/// Which headers cross the proxy, in each direction.
///
/// - Hop-by-hop headers (RFC 9110 §7.6.1) never cross.
/// - Requests: `Host` is rewritten to the upstream's own host and port (MCP servers check it
///   against DNS rebinding), and `Accept-Encoding` becomes `identity`, so the gateway sees the
///   plain bytes it must scan. Everything else, including `Mcp-Session-Id`,
///   `MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`, `Last-Event-ID`, `Accept` and
///   `Content-Type`, passes unchanged.
/// - Responses: `Content-Length` is dropped (masking changes lengths; the body goes out with
///   chunked transfer encoding); the rest passes unchanged.
public enum HeaderPolicy {
    static let hopByHop: Set<String> = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
                                        "upgrade", "proxy-authenticate", "proxy-authorization"]

    /// The headers to send upstream for a client request's `headers`.
    public static func upstreamRequest(_ headers: HTTPHeaders, upstreamHost: String) -> HTTPHeaders {
        var out = HTTPHeaders()
        let named = connectionNamed(headers)
        for (name, value) in headers {
            let lower = name.lowercased()
            if hopByHop.contains(lower) || named.contains(lower) || lower == "host" || lower == "accept-encoding" || lower == "content-length" { continue }
            out.add(name: name, value: value)
        }
        out.add(name: "Host", value: upstreamHost)
        out.add(name: "Accept-Encoding", value: "identity")
        return out
    }

    /// The headers to send the client for an upstream response's `headers`.
    public static func clientResponse(_ headers: HTTPHeaders) -> HTTPHeaders {
        var out = HTTPHeaders()
        let named = connectionNamed(headers)
        for (name, value) in headers {
            let lower = name.lowercased()
            if hopByHop.contains(lower) || named.contains(lower) || lower == "content-length" { continue }
            out.add(name: name, value: value)
        }
        return out
    }

    /// Headers that `Connection` names as hop-by-hop.
    static func connectionNamed(_ headers: HTTPHeaders) -> Set<String> {
        Set(headers["connection"].flatMap { $0.split(separator: ",") }.map { trim($0).lowercased() })
    }

    /// `value` without leading and trailing spaces and tabs (header list syntax).
    static func trim(_ value: Substring) -> String { value.trimmingCharacters(in: .whitespaces) }
}

