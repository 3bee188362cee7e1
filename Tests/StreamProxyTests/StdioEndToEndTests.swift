import Foundation
import Testing
@testable import StreamProxy

/// `veil wrap` between the official Python MCP SDK's client and a stdio server of the same
/// SDK (`Peers/`), both real: masking in results, structured content and progress; the audit
/// log holds no raw value and verifies; a server dying mid-response and `kill -9` of Veil.
/// `make test` installs the SDK (`pip install mcp`) in a virtual environment under `.build/peers`.
@Suite(.serialized) struct StdioEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let peers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers")
    static let canaries = ["canary.person@example.org", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "+1 415 555 2671",
                           "078-05-1120", "caller.secret@example.net"]

    static var veil: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] where FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("veil").path) {
            return candidate.appendingPathComponent("veil").path
        }
        return root.appendingPathComponent(".build/debug/veil").path
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // stderr is read on another thread so neither pipe fills up and blocks the child.
        let stderrBox = Box()
        let reader = Thread { stderrBox.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderrData = stderrBox.wait()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: stderrData, as: UTF8.self))
    }

    static func python(_ arguments: [String]) throws -> Run {
        try run(try pythonPath(), arguments)
    }

    /// The Python with the MCP SDK: `make test` puts it in a virtual environment under
    /// `.build/peers` (system Pythons refuse global installs); else `VEIL_TEST_PYTHON`, else
    /// `python3` on PATH.
    static func pythonPath() throws -> String {
        let venv = root.appendingPathComponent(".build/peers/bin/python3").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        if let configured = ProcessInfo.processInfo.environment["VEIL_TEST_PYTHON"] { return configured }
        guard let python = StdioBridge.resolve("python3") else { throw Failure("python3 is not on PATH; run make test") }
        return python
    }

    /// Data handed from the stderr reader thread.
    final class Box: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var data = Data()
        func set(_ d: Data) { data = d; done.signal() }
        func wait() -> Data { done.wait(); return data }
    }

    struct Failure: Error, CustomStringConvertible { var description: String; init(_ d: String) { description = d } }

    static func temporaryDB() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("veil-e2e-\(UUID().uuidString).db").path
    }

    static func fileBytes(_ db: String) -> Data {
        [db, db + "-wal", db + "-shm"].reduce(Data()) { $0 + ((try? Data(contentsOf: URL(fileURLWithPath: $1))) ?? Data()) }
    }

    /// `veil wrap` around the PII server, driven directly through its pipes.
    static func startWrap(db: String) throws -> (Process, Pipe, Pipe) {
        let python = try Self.pythonPath()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.veil)
        process.arguments = ["wrap", "--audit-db", db, "--", python, Self.peers.appendingPathComponent("pii_server.py").path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, input, output)
    }

    @Test func theDemoServerIsMaskedThroughWrap() throws {
        let db = Self.temporaryDB()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.veil)
        process.arguments = ["wrap", "--audit-db", db, "--", Self.veil, "demo-server"]
        process.standardInput = try FileHandle(forReadingFrom: Self.root.appendingPathComponent("corpus/samples/demo_session.jsonl"))
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for raw in ["maria.garcia@example.com", "4111 1111 1111 1111", "AKIAIOSFODNN7EXAMPLE", "078-05-1120", "ops.lead@example.org"] {
            #expect(!text.contains(raw), "\(raw) reached the client")
            #expect(Self.fileBytes(db).range(of: Data(raw.utf8)) == nil, "\(raw) is in the log")
        }
        #expect(text.contains(#""email":"[EMAIL]""#) && text.contains("found [EMAIL]") && text.contains("[AWS_ACCESS_KEY]"))
        #expect(try Self.run(Self.veil, ["audit", "verify", "--audit-db", db]).status == 0)
    }

    @Test func theSDKIsInstalled() throws {
        let check = try Self.python(["-c", "import mcp.client.stdio, mcp.server.mcpserver"])
        #expect(check.status == 0, "the Python MCP SDK is missing (make test installs it): \(check.stderr)")
    }

    @Test func aSessionReachesTheClientMaskedAndIsRecordedMasked() throws {
        let db = Self.temporaryDB()
        let client = try Self.python([Self.peers.appendingPathComponent("client.py").path, "stdio", Self.veil, db,
                                      Self.peers.appendingPathComponent("pii_server.py").path])
        #expect(client.status == 0, "client failed: \(client.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(client.stdout.utf8)) as? [String: Any] ?? [:]
        let structured = result["structured"] as? [String: Any] ?? [:]
        // structuredContent stays schema-valid: every field is still a string.
        #expect(structured["email"] as? String == "[EMAIL]")
        #expect(structured["card"] as? String == "[CREDIT_CARD:****1111]")
        #expect(structured["phone"] as? String == "[PHONE]")
        // The customer's name is masked by its key (person_key), in structuredContent and in the text.
        #expect(structured["name"] as? String == "[PERSON]")
        #expect((result["text"] as? [String])?.first?.contains("[EMAIL]") == true)
        #expect(result["progress"] as? [String] == ["found [EMAIL] for C-1", "card on file [CREDIT_CARD:****1111]"])
        #expect(result["events"] as? [String] == ["progress", "progress", "result"], "progress must arrive before the result")
        // 3,000 report lines came through whole, each masked.
        #expect((result["report_chars"] as? Int ?? 0) > 100_000)
        for canary in Self.canaries {
            #expect(!client.stdout.contains(canary), "\(canary) reached the client")
            #expect(!client.stderr.contains(canary), "\(canary) reached stderr")
            #expect(Self.fileBytes(db).range(of: Data(canary.utf8)) == nil, "\(canary) is in the audit database file")
        }
        let verify = try Self.run(Self.veil, ["audit", "verify", "--audit-db", db])
        #expect(verify.status == 0 && verify.stdout.hasPrefix("intact"), "\(verify.stderr)")
        let list = try Self.run(Self.veil, ["audit", "list", "--audit-db", db])
        let session = list.stdout.split(separator: "\n").dropFirst().first.map { String($0.split(separator: "\t")[0]) } ?? ""
        let show = try Self.run(Self.veil, ["audit", "show", "--audit-db", db, session])
        #expect(show.status == 0)
        #expect(show.stdout.contains("client -> server anonymous tools/call lookup_customer"))
        #expect(show.stdout.contains("server -> client anonymous tools/call lookup_customer id=2 ok"))
        #expect(show.stdout.contains(#"masked={"CREDIT_CARD":2,"EMAIL":2,"PERSON":2,"PHONE":2}"#))
        #expect(show.stdout.contains(#""contact":"[EMAIL]""#), "tool arguments are recorded masked")
    }

    @Test func aServerDyingMidResponseGivesTheClientAnErrorAndIsRecorded() throws {
        let db = Self.temporaryDB()
        let client = try Self.python([Self.peers.appendingPathComponent("client.py").path, "stdio", Self.veil, db,
                                      Self.peers.appendingPathComponent("pii_server.py").path, "crash"])
        let result = try JSONSerialization.jsonObject(with: Data(client.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((result["error"] as? String)?.contains("closed its output before answering (veil)") == true, "\(client.stdout)")
        #expect(!client.stderr.contains("canary.person@example.org"))
        let list = try Self.run(Self.veil, ["audit", "list", "--audit-db", db])
        let session = list.stdout.split(separator: "\n").dropFirst().first.map { String($0.split(separator: "\t")[0]) } ?? ""
        let show = try Self.run(Self.veil, ["audit", "show", "--audit-db", db, session])
        #expect(show.stdout.contains("tools/call crash_midway id=2 error"))
        #expect(show.stdout.contains("incomplete"))
        #expect(Self.fileBytes(db).range(of: Data("canary.person@example.org".utf8)) == nil)
        #expect(try Self.run(Self.veil, ["audit", "verify", "--audit-db", db]).status == 0)
    }

    @Test func killingVeilMidStreamLeavesALogThatVerifies() throws {
        let db = Self.temporaryDB()
        let (process, input, output) = try Self.startWrap(db: db)
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"big_report","arguments":{"lines":200000}}}"#,
        ]
        input.fileHandleForWriting.write(Data((requests.joined(separator: "\n") + "\n").utf8))
        // Read until the big response is well under way, then kill -9.
        var received = 0
        while received < 2 << 20 {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            received += data.count
        }
        #expect(received >= 2 << 20, "the response did not stream (got \(received) bytes)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        let verify = try Self.run(Self.veil, ["audit", "verify", "--audit-db", db])
        #expect(verify.status == 0, "after kill -9: \(verify.stdout) \(verify.stderr)")
        // A restart appends to the same log, which still verifies.
        let again = try Self.python([Self.peers.appendingPathComponent("client.py").path, "stdio", Self.veil, db,
                                     Self.peers.appendingPathComponent("pii_server.py").path])
        #expect(again.status == 0)
        #expect(try Self.run(Self.veil, ["audit", "verify", "--audit-db", db]).status == 0)
    }

    @Test func sigtermStopsTheServerAndDrainsIntoTheLog() throws {
        let db = Self.temporaryDB()
        let (process, input, output) = try Self.startWrap(db: db)
        let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
        input.fileHandleForWriting.write(Data((initialize + "\n").utf8))
        let answer = output.fileHandleForReading.availableData
        #expect(String(decoding: answer, as: UTF8.self).contains(#""id":1"#))
        let started = Date()
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(started) < 8, "veil wrap did not stop on SIGTERM")
        #expect(process.terminationReason == .exit, "veil wrap itself was killed by the signal")
        try? input.fileHandleForWriting.close()
        let verify = try Self.run(Self.veil, ["audit", "verify", "--audit-db", db])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        let list = try Self.run(Self.veil, ["audit", "list", "--audit-db", db])
        #expect(list.stdout.split(separator: "\n").count == 2, "one session recorded: \(list.stdout)")
    }
}
