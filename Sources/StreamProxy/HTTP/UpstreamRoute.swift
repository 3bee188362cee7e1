import AsyncHTTPClient
import Foundation
import NIOSSL

/// An upstream as the proxy uses it: the config entry, the `Host` it is sent with, and the
/// TLS trust for its connections.
struct UpstreamRoute: Sendable {
    let upstream: GatewayConfig.Upstream
    /// The upstream's own `host[:port]`: MCP servers check `Host` (DNS-rebinding protection).
    let host: String
    /// TLS trust for an `https://` upstream with its own CA; nil uses the system's.
    let tls: TLSConfiguration?
    /// The upstream URL's parts, and the URL for a request target without a query.
    let components: URLComponents
    let plainURL: String

    init(_ upstream: GatewayConfig.Upstream, index: Int) throws(ConfigError) {
        self.upstream = upstream
        let host = upstream.url.host ?? "127.0.0.1"
        self.host = upstream.url.port.map { "\(host):\($0)" } ?? host
        self.tls = try TLSSetup.upstreamTrust(upstream.caCertificate, key: "upstreams[\(index)]")
        self.components = URLComponents(url: upstream.url, resolvingAgainstBaseURL: false)!
        self.plainURL = components.string ?? upstream.url.absoluteString
    }

    /// The upstream URL for a client's request target: the upstream's path replaces the
    /// client's, and the client's query is kept.
    func url(for uri: String) -> String {
        guard let q = uri.firstIndex(of: "?") else { return plainURL }
        var components = components
        components.percentEncodedQuery = String(uri[uri.index(after: q)...])
        return components.string ?? upstream.url.absoluteString
    }
}
