import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ScanCore

extension ProxyServer {
    typealias Outbound = NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>

    /// One request, through every stage after the gate.
    func handle(_ request: GatedRequest, _ outbound: Outbound) async throws {
        let head = request.head
        if head.method == .GET, head.uri == "/healthz" {
            return try await respond(outbound, contentType: "application/json", body: Array(#"{"status":"ok"}"#.utf8))
        }
        if head.method == .GET, head.uri == "/metrics" {
            return try await respond(outbound, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.exposition())
        }
        let body = request.body
        let summary = MessageSummary(prefix: Array(body.readableBytesView.prefix(MessageSummary.prefixLimit)))
        if let refusal = request.refusal {
            metrics.error(refusal.kind)
            logger.warning("refused a request", metadata: ["reason": "\(refusal.message)", "method": "\(summary.method ?? "-")"])
            return try await reply(outbound, status: refusal.status, rpcError: refusal.code, refusal.message + " (veil)", id: summary.id)
        }
        guard let route = route(for: head.uri) else {
            metrics.error(.noRoute)
            return try await reply(outbound, status: .notFound, rpcError: -32601, "no upstream serves this path (veil)", id: summary.id)
        }
        metrics.request(method: summary.method, upstream: route.upstream.name)
        // Authenticate, authorize, approve: everything passes as anonymous for now.
        let identity = Identity.anonymous
        let sessionID = head.headers.first(name: "Mcp-Session-Id")
        let session = auditSession(sessionID, identity: identity)

        // Record the request masked; it is forwarded unchanged. A request in a session is
        // recorded before it is forwarded; one without (initialize) once the answer names
        // the session it starts, so the whole session is in one place.
        func record(into session: AuditSession) throws {
            guard body.readableBytes > 0 else { return }
            let recorder = MessageRecorder(live: engine, direction: .clientToServer, session: session, framing: .whole,
                                           metrics: metrics, output: nil)
            try body.withUnsafeReadableBytes { raw in try recorder.feed(raw) }
            try recorder.finish(complete: true)
        }
        if sessionID != nil { try record(into: session) }

        var upstreamRequest = HTTPClientRequest(url: route.url(for: head.uri))
        upstreamRequest.method = head.method
        upstreamRequest.headers = HeaderPolicy.upstreamRequest(head.headers, upstreamHost: route.host)
        upstreamRequest.tlsConfiguration = route.tls
        if body.readableBytes > 0 { upstreamRequest.body = .bytes(body) }
        let response: HTTPClientResponse
        let started = ContinuousClock.now
        do {
            response = try await client.execute(upstreamRequest, timeout: .hours(1))
        } catch {
            if sessionID == nil { try record(into: session) }
            metrics.error(.upstreamUnreachable)
            logger.warning("upstream unreachable", metadata: ["upstream": "\(route.upstream.name)", "method": "\(summary.method ?? "-")"])
            return try await reply(outbound, status: .badGateway, rpcError: -32603, "the MCP server could not be reached (veil)", id: summary.id)
        }
        metrics.upstreamLatency(ContinuousClock.now - started, upstream: route.upstream.name)
        // A new session is named by the upstream's answer to initialize.
        let answerSession = response.headers.first(name: "Mcp-Session-Id").map { auditSession($0, identity: identity) } ?? session
        if sessionID == nil { try record(into: answerSession) }
        if head.method == .DELETE, let sessionID { _ = sessions.withLock { $0.removeValue(forKey: sessionID) } }

        let kind = ResponseMasker.ContentKind.of(contentType: response.headers.first(name: "Content-Type"),
                                                contentEncoding: response.headers.first(name: "Content-Encoding"),
                                                status: Int(response.status.code))
        if case .blocked(let unscannable) = kind {
            guard !unscannable.refused(by: route.upstream.failClosed) else {
                metrics.error(.unscannable)
                logger.warning("blocked an unscannable response", metadata: ["upstream": "\(route.upstream.name)", "reason": "\(unscannable.reason)"])
                return try await reply(outbound, status: .badGateway, rpcError: -32603, unscannable.reason + " (veil)", id: summary.id)
            }
            return try await passUnscanned(response, head: head, unscannable, route: route, session: answerSession, request: summary, outbound)
        }
        var writer = ResponseWriter(outbound)
        try await writer.head(HTTPResponseHead(version: head.version, status: response.status, headers: HeaderPolicy.clientResponse(response.headers)),
                              now: kind == .eventStream)
        let pending = PendingOutput()
        let masker = ResponseMasker(kind: kind, engine: engine, session: answerSession, metrics: metrics) { pending.append($0) }
        do {
            for try await chunk in response.body {
                try chunk.withUnsafeReadableBytes { raw in try masker.feed(raw) }
                try await writer.body(pending.take())
            }
            try masker.finish(complete: true)
        } catch let failure as AuditLog.Failure {
            metrics.error(.auditFailure)
            logger.error("stopping: the audit log failed")
            throw failure
        } catch {
            // The upstream died mid-response: end what was open, then tell the client. An
            // event stream gets a JSON-RPC error event; a JSON body cannot be mended once
            // begun, so the connection is dropped without the final chunk (the client sees a
            // failed response, never a silently shortened one).
            try? masker.finish(complete: false)
            metrics.error(.upstreamFailedMidStream)
            logger.warning("upstream failed mid-response", metadata: ["upstream": "\(route.upstream.name)", "method": "\(summary.method ?? "-")"])
            if kind != .eventStream {
                try await writer.body(pending.take())
                recordFailure(answerSession, summary, outcome: "error")
                throw error
            }
            if let id = summary.id {
                let event = "event: message\ndata: " + GatewayError.json(id: id, code: -32603, message: "the MCP server failed mid-response (veil)") + "\n\n"
                pending.append(Array(event.utf8))
            }
            recordFailure(answerSession, summary, outcome: "error")
        }
        try await writer.end(last: pending.take())
    }

    /// An unscannable response an upstream's fail-closed switch lets through: the bytes pass
    /// unchanged, and the audit log records that they did, why, and how many (never them).
    func passUnscanned(_ response: HTTPClientResponse, head: HTTPRequestHead, _ unscannable: ResponseMasker.Unscannable,
                       route: UpstreamRoute, session: AuditSession, request: MessageSummary, _ outbound: Outbound) async throws {
        let switchName = unscannable.encoded ? "content_encoding" : "unknown_content_type"
        logger.warning("passing an unscannable response unmasked", metadata: ["upstream": "\(route.upstream.name)",
                                                                           "reason": "\(unscannable.reason)", "switch": "fail_closed.\(switchName)"])
        var writer = ResponseWriter(outbound)
        try await writer.head(HTTPResponseHead(version: head.version, status: response.status, headers: HeaderPolicy.clientResponse(response.headers)),
                              now: false)
        var bytes: Int64 = 0
        var outcome = "unscanned"
        do {
            for try await chunk in response.body {
                bytes += Int64(chunk.readableBytes)
                try await writer.body(chunk)
            }
        } catch {
            outcome = "unscanned, incomplete"
        }
        metrics.message(direction: .serverToClient, bytes: bytes, masked: [:])
        try session.log?.append(AuditEntry(kind: .message, session: session.id, message: session.nextMessage(), direction: .serverToClient,
                                           identity: session.identity, method: request.method, tool: request.tool, rpcID: request.id,
                                           outcome: "\(outcome): \(unscannable.reason); passed by upstream '\(route.upstream.name)' fail_closed.\(switchName): false",
                                           bytesIn: bytes, bytesOut: bytes))
        try await writer.end(last: nil)
    }

    /// Records that the upstream failed while answering `request`. The client is already
    /// being told; a log that cannot take the entry is reported, not retried.
    func recordFailure(_ session: AuditSession, _ request: MessageSummary, outcome: String) {
        do {
            try session.log?.append(AuditEntry(kind: .message, session: session.id, message: session.nextMessage(), direction: .serverToClient,
                                               identity: session.identity, method: request.method, tool: request.tool,
                                               rpcID: request.id, outcome: outcome))
        } catch {
            metrics.error(.auditFailure)
            logger.error("the audit log failed", metadata: ["reason": "\(error.description)"])
        }
    }

    /// A JSON-RPC error answer from the gateway itself.
    func reply(_ outbound: Outbound, status: HTTPResponseStatus, rpcError code: Int, _ message: String, id: String?) async throws {
        let body = GatewayError.json(id: id, code: code, message: message)
        try await respond(outbound, status: status, contentType: "application/json", body: Array(body.utf8))
    }

    /// A whole response from the gateway itself.
    func respond(_ outbound: Outbound, status: HTTPResponseStatus = .ok, contentType: String, body: [UInt8]) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: "\(body.count)")
        try await outbound.write(contentsOf: [.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)),
                                              .body(.byteBuffer(ByteBuffer(bytes: body))), .end(nil)])
    }
}
