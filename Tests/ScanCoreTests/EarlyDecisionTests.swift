import Testing
import ScanCore

/// A candidate whose rule allows long matches (a bearer token up to 4,120 bytes, a private key
/// up to 8,192) is decided as soon as the bytes seen settle it, not once its maximum length
/// has arrived: output lags input by about the scan's look-ahead, not by `maxLength`.
@Suite struct EarlyDecisionTests {
    static let filler = Array(String(repeating: "and then the log goes on. ", count: 16).utf8)

    @Test(arguments: [
        "Authorization: Bearer abcdefghijklmnopqrstuvwx",
        "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end",
        "mail ada.lovelace@example.org now",
        "key -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY----- done",
    ])
    func aValueIsDecidedOnceItsEndIsSeen(text: String) {
        let doc = Array(text.utf8) + Self.filler
        let engine = Engines.builtin
        let masker = engine.makeMasker(format: .text)
        var sink = CollectingSink()
        doc.withUnsafeBytes { all in
            sink.chunk = all
            masker.feed(all, into: &sink)
        }
        // Everything up to the scan's look-ahead is out, the value masked, after one feed.
        #expect(masker.heldBack <= 200, "held back \(masker.heldBack) of \(doc.count) bytes")
        #expect(sink.findings.count == 1)
        sink.chunk = UnsafeRawBufferPointer(start: nil, count: 0)
        masker.finish(into: &sink)
        let whole = engine.mask(doc, format: .text)
        #expect(sink.output == whole.output && sink.findings == whole.findings)
    }

    @Test func anEarlyTryNeverReadsPastTheWholeSubject() {
        // An address whose domain labels run to the rule's maximum length (254): on its whole
        // subject the greedy labels reach the end and the match is partial (no match). An
        // early try that could see bytes beyond that subject would backtrack to `a@b.com`
        // instead. Every split of the input must give the whole-input result.
        let label = "." + String(repeating: "x", count: 63)
        let doc = Array(("a@b.com" + label + label + label + "." + String(repeating: "x", count: 56) + " and more text after it").utf8)
        let engine = Engines.builtin
        let whole = engine.mask(doc, format: .text)
        #expect(whole.findings.isEmpty, "the reference semantics: the whole subject is partial")
        for split in 240...275 {
            let streamed = Documents.stream(doc, engine: engine, chunks: [split, doc.count], format: .text)
            let same = streamed.output == whole.output && streamed.findings == whole.findings
            #expect(same, "split at \(split)")
        }
    }

    @Test func anUnsettledStartIsRetriedOnlyAsItsVisibleBytesDouble() throws {
        // A key block that never ends, fed a byte at a time: the start stays undecided until
        // its whole subject (8 KiB) is visible, and is tried again only when the bytes seen
        // past it have doubled, so a few dozen tries in all, not one per byte.
        let engine = Engines.builtin
        let rule = try #require(engine.rules.first { $0.name == "private_key" })
        let doc = Array("-----BEGIN PRIVATE KEY-----\n".utf8) + Array(String(repeating: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY\n", count: 300).utf8)
        let streamed = Documents.stream(doc, engine: engine, chunks: [1], format: .text)
        let masker = engine.makeMasker(format: .text)
        var sink = CollectingSink()
        doc.withUnsafeBytes { all in
            for k in all.indices {
                sink.chunk = UnsafeRawBufferPointer(rebasing: all[k..<(k + 1)])
                masker.feed(sink.chunk, into: &sink)
            }
        }
        sink.chunk = UnsafeRawBufferPointer(start: nil, count: 0)
        masker.finish(into: &sink)
        #expect(masker.confirmsByRule[rule.index] <= 16, "\(masker.confirmsByRule[rule.index]) tries")
        #expect(sink.findings.isEmpty && streamed.findings.isEmpty)
        #expect(sink.output == doc && streamed.output == doc)
    }
}
