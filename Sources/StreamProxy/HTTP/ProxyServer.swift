import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ScanCore
import Synchronization

/// `veil proxy`: a Streamable HTTP gateway in front of MCP servers.
///
/// Each client request goes through the stages in order:
/// gate → authenticate → authorize → approve → forward → mask → record.
/// - The gate (``RequestGate``, a channel handler) gathers the body up to the limit and
///   checks the 2026-07-28 protocol headers against it.
/// - Identity, policy and approval pass every request as `anonymous` today; they slot in
///   before forwarding.
/// - Forwarding sends the request to the upstream whose path prefix matches, unchanged, and
///   records it masked.
/// - The response streams back masked (``ResponseMasker``) and recorded, chunk by chunk,
///   never buffered whole.
///
/// Fail closed: a response Veil cannot scan (a `Content-Encoding` other than identity, or an
/// unknown content type) is replaced by a JSON-RPC error (HTTP 502) unless the upstream's
/// ``GatewayConfig/FailClosed`` switch passes it (recorded as `unscanned`), and so is an
/// upstream that cannot be reached. `GET /healthz` answers `{"status":"ok"}`; `GET /metrics`
/// serves ``GatewayMetrics``.
public final class ProxyServer: Sendable {
    let config: GatewayConfig
    let routes: [UpstreamRoute]
    /// Each listener's TLS context, when it serves TLS.
    let tlsContexts: [NIOSSLContext?]
    let engine: LiveEngine
    let log: AuditLog?
    let metrics: GatewayMetrics
    let logger: Logger
    let client: HTTPClient
    /// Audit sessions by `Mcp-Session-Id`.
    let sessions = Mutex([String: AuditSession]())
    /// The listening channels, once bound (closed by ``stopAccepting()``).
    let listeners = Mutex<[Channel]>([])

    /// A proxy for `config`, masking with `engine`'s current rules and recording into `log`.
    /// TLS certificates, keys and CA files are loaded now: a bad one throws.
    public init(config: GatewayConfig, engine: LiveEngine, log: AuditLog?, metrics: GatewayMetrics = GatewayMetrics(),
                logger: Logger) throws(ConfigError) {
        self.config = config
        self.engine = engine
        self.log = log
        self.metrics = metrics
        self.logger = logger
        var routes: [UpstreamRoute] = []
        for (k, upstream) in config.upstreams.enumerated() { routes.append(try UpstreamRoute(upstream, index: k)) }
        self.routes = routes
        var contexts: [NIOSSLContext?] = []
        for (k, listener) in config.listeners.enumerated() {
            contexts.append(try listener.tls.map { files throws(ConfigError) in try TLSSetup.serverContext(files, key: "listeners[\(k)].tls") })
        }
        self.tlsContexts = contexts
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow
        clientConfiguration.decompression = .disabled
        self.client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: clientConfiguration)
    }

    /// Why the proxy could not listen: the address and the system's reason.
    public struct ListenFailure: Error, CustomStringConvertible {
        public var description: String
    }

    typealias Connection = NIOAsyncChannel<GatedRequest, HTTPServerResponsePart>

    /// Binds every listener and serves until the task is cancelled or ``stopAccepting()`` is
    /// called and the connections in flight end. `onBound` receives the bound ports, in the
    /// order of the listeners (useful with port 0).
    public func run(onBound: @Sendable ([Int]) -> Void = { _ in }) async throws {
        var servers: [NIOAsyncChannel<Connection, Never>] = []
        for (k, listener) in config.listeners.enumerated() {
            servers.append(try await bind(listener, tls: tlsContexts[k]))
        }
        listeners.withLock { $0 = servers.map(\.channel) }
        onBound(servers.map { $0.channel.localAddress?.port ?? 0 })
        for (k, server) in servers.enumerated() {
            logger.info("listening", metadata: ["address": "\(config.listeners[k].host):\(server.channel.localAddress?.port ?? 0)",
                                                "tls": "\(tlsContexts[k] != nil)"])
        }
        try await withThrowingDiscardingTaskGroup { group in
            for server in servers {
                group.addTask {
                    try await withThrowingDiscardingTaskGroup { connections in
                        try await server.executeThenClose { inbound in
                            for try await connection in inbound {
                                connections.addTask { await self.serve(connection) }
                            }
                        }
                    }
                }
            }
        }
    }

    func bind(_ listener: GatewayConfig.Listener, tls: NIOSSLContext?) async throws -> NIOAsyncChannel<Connection, Never> {
        let maxBody = config.maxRequestBody
        do {
            return try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: listener.host, port: listener.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(RequestGate(maxBody: maxBody))
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)).lowercased() } ?? "\(error)"
            throw ListenFailure(description: "cannot listen on \(listener.host):\(listener.port): \(reason).")
        }
    }

    /// Stops accepting connections; ``run(onBound:)`` returns once the connections in flight
    /// have finished (the caller bounds how long it waits by cancelling its task).
    public func stopAccepting() {
        listeners.withLock { $0.forEach { $0.close(promise: nil) } }
    }

    /// Builds the rules again from their files (SIGHUP) and puts them in force for the
    /// messages that start from now on; connections stay up. A set that fails to load is
    /// refused, the rules in force stay, and the error is logged and returned.
    @discardableResult
    public func reloadRules() -> ConfigError? {
        do {
            let next = try engine.reload()
            metrics.reload(succeeded: true)
            logger.notice("rules reloaded", metadata: ["rules": "\(next.rules.count)"])
            return nil
        } catch {
            metrics.reload(succeeded: false)
            logger.error("rule reload refused; the rules in force stay", metadata: ["reason": "\(error.description)"])
            return error
        }
    }

    /// Shuts the upstream client down.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// One client connection: requests in order (HTTP/1.1 keep-alive).
    func serve(_ connection: Connection) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                for try await request in inbound {
                    try await handle(request, outbound)
                }
            }
        } catch {
            logger.debug("connection ended", metadata: ["reason": "\(error)"])
        }
    }

    /// The audit session for an MCP session id, or a new one for a request without.
    func auditSession(_ id: String?, identity: Identity) -> AuditSession {
        guard let id else { return AuditSession(log: log, identity: identity) }
        return sessions.withLock { sessions in
            if let s = sessions[id] { return s }
            let s = AuditSession(log: log, identity: identity, id: id)
            sessions[id] = s
            return s
        }
    }

    /// The route for a request target, by the longest matching path prefix.
    func route(for uri: String) -> UpstreamRoute? {
        config.upstreamIndex(for: uri).map { routes[$0] }
    }
}
