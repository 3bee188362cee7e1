import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
@testable import StreamProxy

/// The gate every request passes first, as a channel handler on NIO's `EmbeddedChannel`: body
/// gathering up to the limit, and the 2026-07-28 headers checked against the body.
@Suite struct RequestGateTests {
    static let call = #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"lookup_customer","arguments":{"q":"x"},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}"#

    /// Sends one request through a gate in pieces of `piece` bytes and returns what it passed on.
    func gate(_ headers: [(String, String)], body: String, maxBody: Int = 1 << 20, piece: Int = 7) throws -> [GatedRequest] {
        let channel = EmbeddedChannel(handler: RequestGate(maxBody: maxBody))
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/mcp")
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        try channel.writeInbound(HTTPServerRequestPart.head(head))
        let bytes = Array(body.utf8)
        for start in stride(from: 0, to: bytes.count, by: piece) {
            try channel.writeInbound(HTTPServerRequestPart.body(ByteBuffer(bytes: bytes[start..<min(start + piece, bytes.count)])))
        }
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        var passed: [GatedRequest] = []
        while let request = try channel.readInbound(as: GatedRequest.self) { passed.append(request) }
        _ = try channel.finish()
        return passed
    }

    @Test func aRequestPassesWholeWithItsBody() throws {
        let passed = try gate([("Content-Type", "application/json")], body: Self.call)
        #expect(passed.count == 1)
        #expect(passed.first?.refusal == nil)
        #expect(passed.first.map { String(buffer: $0.body) } == Self.call)
        #expect(passed.first?.head.uri == "/mcp")
    }

    @Test func matchingModernHeadersPass() throws {
        let headers = [("Mcp-Method", "tools/call"), ("Mcp-Name", "lookup_customer"), ("MCP-Protocol-Version", "2026-07-28")]
        #expect(try gate(headers, body: Self.call).first?.refusal == nil)
    }

    @Test(arguments: [
        [("Mcp-Method", "tools/list"), ("Mcp-Name", "lookup_customer")],
        [("Mcp-Method", "tools/call")],
        [("Mcp-Method", "tools/call"), ("Mcp-Name", "delete_everything")],
        [("Mcp-Name", "lookup_customer"), ("Mcp-Method", "tools/call"), ("Mcp-Method", "tools/call")],
        [("Mcp-Method", "tools/call"), ("Mcp-Name", "lookup_customer"), ("MCP-Protocol-Version", "2025-11-25")],
        [("Mcp-Method", "tools/call"), ("Mcp-Name", "=?base64?bm90IGl0?=")],
    ])
    func disagreeingHeadersAreRefusedWith400(headers: [(String, String)]) throws {
        let refusal = try gate(headers, body: Self.call).first?.refusal
        #expect(refusal?.status == .badRequest)
        #expect(refusal?.code == -32020)
        #expect(refusal?.kind == .headerMismatch)
        #expect(refusal.map { !$0.message.contains("delete_everything") && !$0.message.contains("lookup_customer") } == true,
                "a refusal names headers and keys, never values")
    }

    @Test func aBodyOverTheLimitIsRefusedWith413AndNotHeld() throws {
        let passed = try gate([], body: Self.call, maxBody: 64)
        #expect(passed.first?.refusal?.status == .payloadTooLarge)
        #expect(passed.first?.body.readableBytes == 0)
    }

    @Test func twoRequestsOnOneConnectionPassSeparately() throws {
        let channel = EmbeddedChannel(handler: RequestGate(maxBody: 1 << 20))
        for body in ["{\"a\":1}", "{\"b\":2}"] {
            try channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/mcp")))
            try channel.writeInbound(HTTPServerRequestPart.body(ByteBuffer(string: body)))
            try channel.writeInbound(HTTPServerRequestPart.end(nil))
        }
        let first = try channel.readInbound(as: GatedRequest.self), second = try channel.readInbound(as: GatedRequest.self)
        #expect(first.map { String(buffer: $0.body) } == "{\"a\":1}")
        #expect(second.map { String(buffer: $0.body) } == "{\"b\":2}")
        _ = try channel.finish()
    }
}

/// ``HeaderConsistency`` on its own: which header and body pairs agree.
@Suite struct HeaderConsistencyTests {
    func check(_ method: [String], _ name: [String] = [], version: [String] = [], body: String) -> String? {
        HeaderConsistency.mismatch(method: method, name: name, protocolVersion: version, body: Array(body.utf8))
    }

    @Test func requestsWithoutTheHeadersAreNotChecked() {
        #expect(check([], body: "not json at all") == nil)
    }

    @Test func nameBearingMethodsCompareTheirKey() {
        let read = #"{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"file:///a b"}}"#
        #expect(check(["resources/read"], ["file:///a b"], body: read) == nil)
        #expect(check(["resources/read"], ["file:///other"], body: read) != nil)
        let prompt = #"{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"résumé"}}"#
        // Non-ASCII names travel base64-encoded.
        #expect(check(["prompts/get"], ["=?base64?csOpc3Vtw6k=?="], body: prompt) == nil)
        #expect(check(["prompts/get"], ["=?base64?not base64?="], body: prompt) != nil)
    }

    @Test func aNameOnAMethodThatNamesNothingIsRefused() {
        let list = #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#
        #expect(check(["tools/list"], body: list) == nil)
        #expect(check(["tools/list"], ["x"], body: list) != nil)
    }

    @Test func aBodyThatIsNotOneObjectIsRefusedWhenHeadersArePresent() {
        #expect(check(["tools/call"], body: #"[{"jsonrpc":"2.0","id":1,"method":"tools/call"}]"#) != nil)
        #expect(check(["tools/call"], body: "{") != nil)
    }

    @Test func escapedNamesAreComparedDecoded() {
        let body = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a\"b"}}"#
        #expect(check(["tools/call"], [#"a"b"#], body: body) == nil)
    }
}
