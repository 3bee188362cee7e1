import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ScanCore
import Synchronization

/// `veil proxy`: a Streamable HTTP gateway in front of one MCP server.
///
/// Each client request goes through the stages in order:
/// authenticate → authorize → approve → forward → mask → record. Today the first three pass
/// every request as `anonymous` (identity, policy and approvals slot in there); forwarding
/// sends the request upstream unchanged (recording it masked); the response streams back
/// masked (``ResponseMasker``) and recorded, chunk by chunk, never buffered whole.
///
/// Fail closed: a response Veil cannot scan (a `Content-Encoding` other than identity, or an
/// unknown content type) is replaced by a JSON-RPC error (HTTP 502), and so is an upstream
/// that cannot be reached. `GET /healthz` answers `{"status":"ok"}`.
public final class ProxyServer: Sendable {
    /// Where the proxy listens and what it fronts.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// The upstream MCP endpoint, such as `http://127.0.0.1:8000/mcp`.
        public var upstream: URL
        /// The largest request body accepted (the SDK servers refuse more than 4 MiB).
        public var maxRequestBody = 4 << 20

        public init(host: String, port: Int, upstream: URL) {
            self.host = host; self.port = port; self.upstream = upstream
        }
    }

    let configuration: Configuration
    let engine: MaskingEngine
    let log: AuditLog?
    let logger: Logger
    let client: HTTPClient
    /// Audit sessions by `Mcp-Session-Id`.
    let sessions = Mutex([String: AuditSession]())
    /// The listening channel, once bound (closed by ``stopAccepting()``).
    let listener = Mutex<Channel?>(nil)

    /// A proxy for `configuration`, masking with `engine` and recording into `log`.
    public init(configuration: Configuration, engine: MaskingEngine, log: AuditLog?, logger: Logger) {
        self.configuration = configuration
        self.engine = engine
        self.log = log
        self.logger = logger
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow
        clientConfiguration.decompression = .disabled
        self.client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: clientConfiguration)
    }

    /// Binds and serves until the task is cancelled. `onBound` receives the bound port (useful
    /// with port 0).
    /// Why the proxy could not listen: the address and the system's reason.
    public struct ListenFailure: Error, CustomStringConvertible {
        public var description: String
    }

    public func run(onBound: @Sendable (Int) -> Void = { _ in }) async throws {
        let server: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)).lowercased() } ?? "\(error)"
            throw ListenFailure(description: "cannot listen on \(configuration.host):\(configuration.port): \(reason).")
        }
        listener.withLock { $0 = server.channel }
        onBound(server.channel.localAddress?.port ?? configuration.port)
        logger.info("listening", metadata: ["address": "\(configuration.host):\(configuration.port)", "upstream": "\(configuration.upstream.absoluteString)"])
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await self.serve(connection) }
                }
            }
        }
    }

    /// Stops accepting connections; ``run(onBound:)`` returns once the connections in flight
    /// have finished (the caller bounds how long it waits by cancelling its task).
    public func stopAccepting() {
        listener.withLock { $0?.close(promise: nil) }
    }

    /// Shuts the upstream client down.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// One client connection: requests in order (HTTP/1.1 keep-alive).
    func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                var tooLarge = false
                for try await part in inbound {
                    switch part {
                    case .head(let h):
                        head = h
                        body.clear()
                        tooLarge = false
                    case .body(var chunk):
                        if body.readableBytes + chunk.readableBytes > configuration.maxRequestBody { tooLarge = true } else { body.writeBuffer(&chunk) }
                    case .end:
                        guard let request = head else { continue }
                        if tooLarge {
                            try await reply(outbound, status: .payloadTooLarge, rpcError: -32600, "the request body is over \(configuration.maxRequestBody) bytes", id: nil)
                        } else {
                            try await handle(request, body: body, outbound)
                        }
                        head = nil
                    }
                }
            }
        } catch {
            logger.debug("connection ended", metadata: ["reason": "\(error)"])
        }
    }

    func handle(_ request: HTTPRequestHead, body: ByteBuffer, _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws {
        if request.method == .GET, request.uri == "/healthz" {
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            try await outbound.write(.head(HTTPResponseHead(version: request.version, status: .ok, headers: headers)))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: #"{"status":"ok"}"#))))
            try await outbound.write(.end(nil))
            return
        }
        // Stages before forwarding: identity, policy and approval pass everything for now.
        let identity = Identity.anonymous
        let sessionID = request.headers.first(name: "Mcp-Session-Id")
        let session = auditSession(sessionID, identity: identity)

        // Record the request masked; it is forwarded unchanged. A request in a session is
        // recorded before it is forwarded; one without (initialize) once the answer names
        // the session it starts, so the whole session is in one place.
        let requestSummary = MessageSummary(prefix: Array(body.readableBytesView.prefix(MessageSummary.prefixLimit)))
        func record(into session: AuditSession) throws {
            guard body.readableBytes > 0 else { return }
            let recorder = MessageRecorder(engine: engine, direction: .clientToServer, session: session, output: nil)
            try body.withUnsafeReadableBytes { raw in try recorder.feed(raw) }
            try recorder.finish(complete: true)
        }
        if sessionID != nil { try record(into: session) }

        var upstreamRequest = HTTPClientRequest(url: upstreamURL(for: request.uri))
        upstreamRequest.method = request.method
        upstreamRequest.headers = HeaderPolicy.upstreamRequest(request.headers, upstreamHost: upstreamHost)
        if body.readableBytes > 0 { upstreamRequest.body = .bytes(body) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(upstreamRequest, timeout: .hours(1))
        } catch {
            if sessionID == nil { try record(into: session) }
            logger.warning("upstream unreachable", metadata: ["method": "\(requestSummary.method ?? "-")"])
            try await reply(outbound, status: .badGateway, rpcError: -32603, "the MCP server could not be reached (veil)", id: requestSummary.id)
            return
        }
        // A new session is named by the upstream's answer to initialize.
        let answerSession = response.headers.first(name: "Mcp-Session-Id").map { auditSession($0, identity: identity) } ?? session
        if sessionID == nil { try record(into: answerSession) }
        if request.method == .DELETE, let sessionID { _ = sessions.withLock { $0.removeValue(forKey: sessionID) } }

        let kind = ResponseMasker.ContentKind.of(contentType: response.headers.first(name: "Content-Type"),
                                                contentEncoding: response.headers.first(name: "Content-Encoding"),
                                                status: Int(response.status.code))
        if case .blocked(let reason) = kind {
            logger.warning("blocked an unscannable response", metadata: ["reason": "\(reason)"])
            try await reply(outbound, status: .badGateway, rpcError: -32603, reason + " (veil)", id: requestSummary.id)
            return
        }
        try await outbound.write(.head(HTTPResponseHead(version: request.version, status: response.status,
                                                        headers: HeaderPolicy.clientResponse(response.headers))))
        let pending = PendingOutput()
        let masker = ResponseMasker(kind: kind, engine: engine, session: answerSession) { pending.append($0) }
        do {
            for try await var chunk in response.body {
                try chunk.withUnsafeReadableBytes { raw in try masker.feed(raw) }
                if let out = pending.take() { try await outbound.write(.body(.byteBuffer(out))) }
                chunk.clear()
            }
            try masker.finish(complete: true)
        } catch let failure as AuditLog.Failure {
            logger.error("stopping: the audit log failed")
            throw failure
        } catch {
            // The upstream died mid-response: end what was open, then tell the client. An
            // event stream gets a JSON-RPC error event; a JSON body cannot be mended once
            // begun, so the connection is dropped without the final chunk (the client sees a
            // failed response, never a silently shortened one).
            try? masker.finish(complete: false)
            if kind != .eventStream {
                if let out = pending.take() { try await outbound.write(.body(.byteBuffer(out))) }
                recordFailure(answerSession, requestSummary)
                throw error
            }
            if kind == .eventStream, let id = requestSummary.id {
                let event = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":\(id),\"error\":{\"code\":-32603,\"message\":\"the MCP server failed mid-response (veil)\"}}\n\n"
                pending.append(Array(event.utf8))
                recordFailure(answerSession, requestSummary)
            }
            logger.warning("upstream failed mid-response", metadata: ["method": "\(requestSummary.method ?? "-")"])
        }
        if let out = pending.take() { try await outbound.write(.body(.byteBuffer(out))) }
        try await outbound.write(.end(nil))
    }

    /// Records that the upstream failed while answering `request`. The client is already
    /// being told; a log that cannot take the entry is reported, not retried.
    func recordFailure(_ session: AuditSession, _ request: MessageSummary) {
        do {
            try session.log?.append(AuditEntry(kind: .message, session: session.id, message: session.nextMessage(), direction: .serverToClient,
                                               identity: session.identity, method: request.method, tool: request.tool,
                                               rpcID: request.id, outcome: "error"))
        } catch {
            logger.error("the audit log failed", metadata: ["reason": "\(error.description)"])
        }
    }

    /// A JSON-RPC error answer from the gateway itself.
    func reply(_ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, status: HTTPResponseStatus, rpcError code: Int,
               _ message: String, id: String?) async throws {
        let body = "{\"jsonrpc\":\"2.0\",\"id\":\(id ?? "null"),\"error\":{\"code\":\(code),\"message\":\"\(message.replacingOccurrences(of: "\"", with: "'"))\"}}"
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: "\(body.utf8.count)")
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: body))))
        try await outbound.write(.end(nil))
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

    var upstreamHost: String {
        let host = configuration.upstream.host ?? "127.0.0.1"
        return configuration.upstream.port.map { "\(host):\($0)" } ?? host
    }

    /// The upstream URL for a request target: the upstream's path replaces the client's,
    /// and the client's query is kept.
    func upstreamURL(for uri: String) -> String {
        var components = URLComponents(url: configuration.upstream, resolvingAgainstBaseURL: false)!
        if let q = uri.firstIndex(of: "?") { components.percentEncodedQuery = String(uri[uri.index(after: q)...]) }
        return components.string ?? configuration.upstream.absoluteString
    }
}

/// Masked bytes gathered while a chunk is masked, written out after it. One per response,
/// used from that response's task only.
final class PendingOutput: @unchecked Sendable {
    var buffer: ByteBuffer?

    func append(_ bytes: UnsafeRawBufferPointer) {
        if buffer == nil { buffer = ByteBufferAllocator().buffer(capacity: max(bytes.count, 16 << 10)) }
        buffer!.writeBytes(bytes)
    }

    func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

    func take() -> ByteBuffer? {
        defer { buffer = nil }
        return buffer.flatMap { $0.readableBytes > 0 ? $0 : nil }
    }
}
