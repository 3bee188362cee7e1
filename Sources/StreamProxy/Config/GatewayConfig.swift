import Foundation
import ScanCore

/// Everything `veil proxy` runs with: listeners, upstreams, masking, the audit store and the
/// operational limits. It comes from the command line, from a YAML file
/// (``GatewayConfig/load(file:)``, docs/CONFIG.md), or both, the flags overriding the file.
public struct GatewayConfig: Sendable {
    /// One address the gateway accepts clients on, in plain HTTP or over TLS.
    public struct Listener: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var tls: TLSFiles?

        public init(host: String, port: Int, tls: TLSFiles? = nil) {
            self.host = host; self.port = port; self.tls = tls
        }

        /// Parses `HOST:PORT` (`[::1]:8080` for IPv6; an empty host means every address).
        public init?(address: String, tls: TLSFiles? = nil) {
            guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
                  (0...65535).contains(port) else { return nil }
            let host = String(address[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            self.init(host: host.isEmpty ? "0.0.0.0" : host, port: port, tls: tls)
        }
    }

    /// A PEM certificate chain and its private key.
    public struct TLSFiles: Sendable, Equatable {
        public var certificate: String
        public var key: String
        public init(certificate: String, key: String) { self.certificate = certificate; self.key = key }
    }

    /// What the gateway does with a response it cannot scan. `true` (the default) refuses it
    /// with a JSON-RPC error; `false` passes it through unmasked, and the audit log records
    /// each such response as `unscanned` with the reason.
    public struct FailClosed: Sendable, Equatable {
        /// Refuse a `Content-Encoding` other than identity.
        public var contentEncoding = true
        /// Refuse a content type Veil cannot scan (binary, unknown, or none).
        public var unknownContentType = true
        public init(contentEncoding: Bool = true, unknownContentType: Bool = true) {
            self.contentEncoding = contentEncoding; self.unknownContentType = unknownContentType
        }
    }

    /// An MCP server the gateway fronts, and the client-facing paths routed to it.
    public struct Upstream: Sendable {
        /// The name used in logs, metrics and the audit log.
        public var name: String
        /// The MCP endpoint, `http://` or `https://`.
        public var url: URL
        /// Requests whose path starts with this prefix go here (`/` takes every path). The
        /// longest matching prefix wins.
        public var path: String
        public var failClosed: FailClosed
        /// A PEM file of certificates to trust for an `https://` upstream, instead of the
        /// system's trust store (a private CA).
        public var caCertificate: String?

        public init(name: String = "default", url: URL, path: String = "/", failClosed: FailClosed = FailClosed(), caCertificate: String? = nil) {
            self.name = name; self.url = url; self.path = path; self.failClosed = failClosed; self.caCertificate = caCertificate
        }

        /// Whether this upstream serves the request path `requestPath` (without the query).
        func serves(_ requestPath: Substring) -> Bool {
            if path == "/" { return true }
            guard requestPath.hasPrefix(path) else { return false }
            let rest = requestPath.dropFirst(path.count)
            return rest.isEmpty || rest.first == "/" || path.hasSuffix("/")
        }
    }

    public var listeners: [Listener]
    public var upstreams: [Upstream]
    public var masking: MaskingSetup
    /// The SQLite audit log; nil records nothing.
    public var auditDatabase: String?
    /// How long SIGTERM waits for streams in flight.
    public var drainSeconds: Double
    /// The largest request body accepted (the SDK servers refuse more than 4 MiB).
    public var maxRequestBody: Int

    public init(listeners: [Listener] = [], upstreams: [Upstream] = [], masking: MaskingSetup = MaskingSetup(),
                auditDatabase: String? = nil, drainSeconds: Double = 10, maxRequestBody: Int = 4 << 20) {
        self.listeners = listeners
        self.upstreams = upstreams
        self.masking = masking
        self.auditDatabase = auditDatabase
        self.drainSeconds = drainSeconds
        self.maxRequestBody = maxRequestBody
    }

    /// The upstream for a request target, by the longest matching path prefix.
    public func upstream(for uri: String) -> Upstream? {
        upstreamIndex(for: uri).map { upstreams[$0] }
    }

    /// The index in ``upstreams`` of the upstream for a request target.
    func upstreamIndex(for uri: String) -> Int? {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        var best: Int?
        for (k, upstream) in upstreams.enumerated() where upstream.serves(path) {
            if best.map({ upstreams[$0].path.count < upstream.path.count }) ?? true { best = k }
        }
        return best
    }

    /// Checks what the file and the flags together must give: at least one listener and one
    /// upstream, and no two upstreams on the same path.
    public func validate(file: String?) throws(ConfigError) {
        func orIn(_ key: String) -> String { file.map { " or '\(key)' in \($0)" } ?? "" }
        if listeners.isEmpty { throw ConfigError("no listener: give --listen HOST:PORT\(orIn("listeners")).") }
        if upstreams.isEmpty { throw ConfigError("no upstream: give --upstream URL\(orIn("upstreams")).") }
        var paths = Set<String>()
        for (k, upstream) in upstreams.enumerated() where !paths.insert(upstream.path).inserted {
            throw ConfigError("'upstreams[\(k)].path': another upstream already serves '\(upstream.path)'.")
        }
    }
}
