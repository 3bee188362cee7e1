import Testing
@testable import StreamProxy

/// The audit summary of a JSON-RPC message, read from its first bytes only.
@Suite struct MessageSummaryTests {
    static func summary(_ text: String) -> MessageSummary { MessageSummary(prefix: Array(text.utf8)) }

    @Test func requestsNotificationsResponsesAndErrors() {
        let call = Self.summary(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"lookup","arguments":{"name":"not this"}}}"#)
        #expect(call == MessageSummary(method: "tools/call", tool: "lookup", id: "7", isError: false))
        let read = Self.summary(#"{"method":"resources/read","params":{"_meta":{"name":"x"},"uri":"file:///a"},"id":"r-1","jsonrpc":"2.0"}"#)
        #expect(read.method == "resources/read" && read.tool == "file:///a" && read.id == "\"r-1\"")
        let progress = Self.summary(#"{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":2,"message":"m"}}"#)
        #expect(progress.method == "notifications/progress" && progress.id == nil && progress.tool == nil)
        let result = Self.summary(#"{"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"{\"error\":1}"}]}}"#)
        #expect(result.id == "7" && !result.isError && result.method == nil)
        let error = Self.summary(#"{"jsonrpc":"2.0","id":7,"error":{"code":-32603,"message":"boom"}}"#)
        #expect(error.isError && error.id == "7")
    }

    @Test func everyPrefixOfAMessageIsSafeToScan() {
        let text = Array(#"{"jsonrpc":"2.0","id":"a\"b","method":"tools/call","params":{"name":"t","arguments":{"q":[1,{"x":"\\"}]}}}"#.utf8)
        for n in 0...text.count {
            let s = MessageSummary(prefix: Array(text.prefix(n)))
            if n == text.count { #expect(s.method == "tools/call" && s.tool == "t" && s.id == #""a\"b""#) }
        }
    }
}

extension MessageSummary {
    init(method: String?, tool: String?, id: String?, isError: Bool) {
        self.init(prefix: [])
        self.method = method; self.tool = tool; self.id = id; self.isError = isError
    }
}
