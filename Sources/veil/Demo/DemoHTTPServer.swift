import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The demo MCP server over HTTP: every POST carries one JSON-RPC message and gets its
/// response as `application/json` (stateless, no sessions), or 202 for a notification. Enough
/// for `veil proxy` to be tried with one `curl` (`make demo`); not a full Streamable HTTP server.
enum DemoHTTPServer {
    static func run(host: String, port: Int) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                }
            }
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { try? await serve(connection) }
                }
            }
        }
    }

    static func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head: body.clear()
                case .body(var chunk): body.writeBuffer(&chunk)
                case .end:
                    let message = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
                    // Over HTTP the response alone is sent (a JSON answer carries no progress).
                    let response = DemoServer.answer(message).last { $0["id"] != nil }
                    var headers = HTTPHeaders()
                    let bytes = response.map(DemoServer.encode) ?? Data()
                    if response != nil { headers.add(name: "Content-Type", value: "application/json") }
                    headers.add(name: "Content-Length", value: "\(bytes.count)")
                    try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: response == nil ? .accepted : .ok, headers: headers)))
                    if !bytes.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes)))) }
                    try await outbound.write(.end(nil))
                }
            }
        }
    }
}
