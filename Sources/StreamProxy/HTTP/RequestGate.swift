import NIOCore
import NIOHTTP1

/// A whole client request as the gateway handles it: its head and body, or why Veil refuses
/// it before anything else sees it.
public struct GatedRequest: Sendable {
    /// Why a request is refused: the HTTP status, the JSON-RPC error and the metric.
    public struct Refusal: Sendable, Equatable {
        public var status: HTTPResponseStatus
        public var code: Int
        public var message: String
        public var kind: GatewayMetrics.ErrorKind
    }

    public var head: HTTPRequestHead
    public var body: ByteBuffer
    public var refusal: Refusal?
}

/// The first stage of every request, as a channel handler after the HTTP decoder: it gathers
/// the request body (MCP requests are small; the SDK servers refuse more than 4 MiB) up to
/// `maxBody`, checks the protocol headers against the body (``HeaderConsistency``), and passes
/// one ``GatedRequest`` on. A body over the limit is dropped as it arrives, never held, and
/// the request is refused with 413.
public final class RequestGate: ChannelInboundHandler {
    public typealias InboundIn = HTTPServerRequestPart
    public typealias InboundOut = GatedRequest

    let maxBody: Int
    var head: HTTPRequestHead?
    var body = ByteBuffer()
    var tooLarge = false

    public init(maxBody: Int) { self.maxBody = maxBody }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body = context.channel.allocator.buffer(capacity: 0)
            tooLarge = false
        case .body(var chunk):
            if tooLarge { return }
            if body.readableBytes + chunk.readableBytes > maxBody {
                tooLarge = true
                body = ByteBuffer()
            } else {
                body.writeBuffer(&chunk)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            var request = GatedRequest(head: head, body: body, refusal: nil)
            body = ByteBuffer()
            if tooLarge {
                request.refusal = .init(status: .payloadTooLarge, code: -32600,
                                        message: "the request body is over \(maxBody) bytes", kind: .requestTooLarge)
            } else if let reason = HeaderConsistency.mismatch(method: head.headers["Mcp-Method"],
                                                              name: head.headers["Mcp-Name"],
                                                              protocolVersion: head.headers["MCP-Protocol-Version"],
                                                              body: request.body.readableBytesView) {
                request.refusal = .init(status: .badRequest, code: HeaderConsistency.errorCode, message: reason, kind: .headerMismatch)
            }
            context.fireChannelRead(wrapInboundOut(request))
        }
    }
}
