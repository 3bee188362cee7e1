import Foundation
import ScanCore
import Testing
@testable import StreamProxy

/// One direction of a message stream, masked message by message and recorded: in any
/// chunking, the output is each message masked on its own, the log holds exactly that
/// output, and no planted value reaches either.
@Suite struct MessageRecorderTests {
    static let secrets = ["ann.smith@example.com", "4111 1111 1111 1111", "078-05-1120", "+1 415 555 2671", "DE89 3704 0044 0532 0130 00"]

    static func messages(_ rng: inout SystemRandomNumberGenerator, count: Int) -> [String] {
        (0..<count).map { k in
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                Bool.random(using: &rng) ? secrets.randomElement(using: &rng)! : "word\(Int.random(in: 0...999, using: &rng))"
            }.joined(separator: " ")
            return #"{"jsonrpc":"2.0","id":\#(k),"result":{"content":[{"type":"text","text":"\#(text)"}],"structuredContent":{"note":"\#(text)"}}}"#
        }
    }

    @Test func anyChunkingGivesEachMessageMaskedAloneAndRecordsExactlyTheOutput() throws {
        let engine = try MaskingEngine.builtin()
        var rng = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let messages = Self.messages(&rng, count: Int.random(in: 1...12, using: &rng))
            let stream = Array(messages.joined(separator: "\n").utf8) + (round % 2 == 0 ? [0x0A] : [])
            let expected = messages.map { engine.mask(Array($0.utf8), format: .json).output }
            let log = try AuditLogTests.temporaryLog()
            let session = AuditSession(log: log)
            var output: [UInt8] = []
            let recorder = MessageRecorder(engine: engine, direction: .serverToClient, session: session) { output.append(contentsOf: $0) }
            var at = 0
            while at < stream.count {
                let n = min(stream.count - at, Int.random(in: 1...300, using: &rng))
                try stream[at..<(at + n)].withUnsafeBytes { try recorder.feed($0) }
                at += n
            }
            try recorder.finish()
            var joined: [UInt8] = []
            for (k, masked) in expected.enumerated() {
                joined += masked
                if k < expected.count - 1 || round % 2 == 0 { joined.append(0x0A) }
            }
            #expect(output == joined, "round \(round)")
            for secret in Self.secrets { #expect(!String(decoding: output, as: UTF8.self).contains(secret)) }

            // The log: one summary per message, and the chunks of each hold its masked bytes.
            let entries = try log.entries(session: session.id)
            let summaries = entries.filter { $0.kind == .message }
            #expect(summaries.count == messages.count)
            for (k, summary) in summaries.enumerated() {
                let payload = entries.filter { $0.kind == .chunk && $0.message == summary.message }.reduce(Data()) { $0 + ($1.payload ?? Data()) }
                #expect(Array(payload) == expected[k])
                #expect(summary.rpcID == "\(k)")
                #expect(summary.outcome == (k == messages.count - 1 && round % 2 == 1 ? "incomplete" : "ok"))
            }
            guard case .intact = try log.verify() else { Issue.record("log not intact"); return }
            let file = try Data(contentsOf: URL(fileURLWithPath: log.path)) + ((try? Data(contentsOf: URL(fileURLWithPath: log.path + "-wal"))) ?? Data())
            for secret in Self.secrets { #expect(file.range(of: Data(secret.utf8)) == nil, "\(secret) in the log file") }
        }
    }

    @Test func aLargeMessageIsRecordedInBoundedChunks() throws {
        let engine = try MaskingEngine.builtin()
        let log = try AuditLogTests.temporaryLog()
        let session = AuditSession(log: log)
        var forwarded = 0
        let recorder = MessageRecorder(engine: engine, direction: .serverToClient, session: session) { forwarded += $0.count }
        let line = Array(#"{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":""#.utf8)
            + Array(repeating: Array("row ann.smith@example.com ok; ".utf8), count: 150_000).flatMap { $0 } + Array(#""}]}}"#.utf8) + [0x0A]
        try line.withUnsafeBytes { raw in
            var at = 0
            while at < raw.count {
                let n = min(raw.count - at, 65_536)
                try recorder.feed(UnsafeRawBufferPointer(rebasing: raw[at..<(at + n)]))
                at += n
            }
        }
        let chunks = try log.entries(session: session.id).filter { $0.kind == .chunk }
        #expect(chunks.count >= 3)
        #expect(chunks.allSatisfy { ($0.payload?.count ?? 0) <= MessageRecorder.chunkLimit })
        #expect(chunks.reduce(0) { $0 + ($1.payload?.count ?? 0) } == forwarded - 1)
        #expect(forwarded > 0)
    }
}
