import NIOCore
import NIOHTTP1

/// Writes one response to the client in as few writes as it can: each write on an async
/// channel is a hop to the event loop and a flush (a system call), which on small MCP round
/// trips cost more than masking. A JSON response's head waits for its first body bytes, and
/// the last bytes go out with the end. An event stream's head goes out at once, since its
/// first event may come much later.
struct ResponseWriter {
    let outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    var held: HTTPResponseHead?

    init(_ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) { self.outbound = outbound }

    /// Starts the response; `now` sends the head without waiting for body bytes.
    mutating func head(_ head: HTTPResponseHead, now: Bool) async throws {
        if now { try await outbound.write(.head(head)) } else { held = head }
    }

    /// Sends body bytes (with the head, when it was held).
    mutating func body(_ bytes: ByteBuffer?) async throws {
        guard let bytes else { return }
        try await send([.body(.byteBuffer(bytes))])
    }

    /// Ends the response, with its last bytes.
    mutating func end(last: ByteBuffer?) async throws {
        try await send((last.map { [HTTPServerResponsePart.body(.byteBuffer($0))] } ?? []) + [.end(nil)])
    }

    private mutating func send(_ parts: [HTTPServerResponsePart]) async throws {
        if let head = held {
            held = nil
            try await outbound.write(contentsOf: [.head(head)] + parts)
        } else {
            try await outbound.write(contentsOf: parts)
        }
    }
}
