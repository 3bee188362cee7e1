import Foundation
import Testing
@testable import StreamProxy

/// `veil proxy` between the official Python MCP SDK's Streamable HTTP client and server
/// (`Peers/`): sessions, SSE with progress before the result, masking of results, structured
/// content and progress, an upstream dying mid-stream, unscannable responses refused, and
/// `kill -9` of the gateway mid-stream.
@Suite(.serialized) struct HTTPEndToEndTests {
    typealias E2E = StdioEndToEndTests

    /// A running child process and its stderr so far.
    final class Child: @unchecked Sendable {
        let process: Process
        let stderr = Pipe()
        init(_ executable: String, _ arguments: [String]) throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        /// What the child wrote to stderr so far (read without blocking).
        var stderrText: String {
            let fd = stderr.fileHandleForReading.fileDescriptor
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while case let n = read(fd, &buffer, buffer.count), n > 0 { collected.append(contentsOf: buffer[0..<n]) }
            return String(decoding: collected, as: UTF8.self)
        }
        var collected: [UInt8] = []
    }

    /// A port free right now: the system picks it (binding port 0), and the socket is closed.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits up to 30 s (the Python peers import slowly on a busy machine).
    static func waitForPort(_ port: Int) -> Bool {
        for _ in 0..<300 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            close(fd)
            if connected == 0 { return true }
            usleep(100_000)
        }
        return false
    }

    /// The Python server on a port, and `veil proxy` in front of it; returns both and the proxy URL.
    static func start(db: String, upstream: (Int) throws -> Child = { port in
        let python = try E2E.pythonPath()
        return try Child(python, [E2E.peers.appendingPathComponent("pii_server.py").path, "--http", "\(port)"])
    }, upstreamPath: String = "/mcp") throws -> (server: Child, proxy: Child, url: String) {
        let serverPort = freePort()
        let server = try upstream(serverPort)
        guard waitForPort(serverPort) else { server.stop(); throw E2E.Failure("the upstream did not start") }
        let proxyPort = freePort()
        let proxy = try Child(E2E.veil, ["proxy", "--listen", "127.0.0.1:\(proxyPort)", "--upstream", "http://127.0.0.1:\(serverPort)\(upstreamPath)", "--audit-db", db])
        guard waitForPort(proxyPort) else { server.stop(); proxy.stop(); throw E2E.Failure("veil proxy did not start") }
        return (server, proxy, "http://127.0.0.1:\(proxyPort)/mcp")
    }

    @Test func aSessionOverStreamableHTTPReachesTheClientMasked() throws {
        let db = E2E.temporaryDB()
        let (server, proxy, url) = try Self.start(db: db)
        defer { proxy.stop(); server.stop() }
        let client = try E2E.python([E2E.peers.appendingPathComponent("client.py").path, "http", url])
        #expect(client.status == 0, "client failed: \(client.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(client.stdout.utf8)) as? [String: Any] ?? [:]
        let structured = result["structured"] as? [String: Any] ?? [:]
        #expect(structured["email"] as? String == "[EMAIL]")
        #expect(structured["card"] as? String == "[CREDIT_CARD:****1111]")
        #expect(result["progress"] as? [String] == ["found [EMAIL] for C-1", "card on file [CREDIT_CARD:****1111]"])
        #expect(result["events"] as? [String] == ["progress", "progress", "result"], "progress must arrive before the result")
        #expect((result["report_chars"] as? Int ?? 0) > 100_000)
        for canary in E2E.canaries {
            #expect(!client.stdout.contains(canary), "\(canary) reached the client")
            #expect(E2E.fileBytes(db).range(of: Data(canary.utf8)) == nil, "\(canary) is in the audit database file")
        }
        proxy.stop()
        #expect(try E2E.run(E2E.veil, ["audit", "verify", "--audit-db", db]).status == 0)
        let list = try E2E.run(E2E.veil, ["audit", "list", "--audit-db", db])
        let sessions = list.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
        let show = try E2E.run(E2E.veil, ["audit", "show", "--audit-db", db, sessions.last ?? ""])
        // One session, from initialize to the last call, under the upstream's Mcp-Session-Id.
        #expect(show.stdout.contains("client -> server anonymous initialize id=1 ok"))
        #expect(show.stdout.contains("server -> client anonymous tools/call lookup_customer id=2 ok"))
        #expect(show.stdout.contains(#""contact":"[EMAIL]""#))
    }

    @Test func aStatelessServerAnsweringInJSONIsMaskedAndStaysJSON() throws {
        let db = E2E.temporaryDB()
        let (server, proxy, url) = try Self.start(db: db, upstream: { port in
            let python = try E2E.pythonPath()
            return try Child(python, [E2E.peers.appendingPathComponent("pii_server.py").path, "--http", "\(port)", "--stateless"])
        })
        defer { proxy.stop(); server.stop() }
        let client = try E2E.python([E2E.peers.appendingPathComponent("client.py").path, "http", url])
        #expect(client.status == 0, "client failed: \(client.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(client.stdout.utf8)) as? [String: Any] ?? [:]
        let structured = result["structured"] as? [String: Any] ?? [:]
        #expect(structured["email"] as? String == "[EMAIL]" && structured["phone"] as? String == "[PHONE]")
        #expect((result["report_chars"] as? Int ?? 0) > 100_000, "a large JSON answer came through whole")
        for canary in E2E.canaries {
            #expect(!client.stdout.contains(canary))
            #expect(E2E.fileBytes(db).range(of: Data(canary.utf8)) == nil)
        }
        proxy.stop()
        #expect(try E2E.run(E2E.veil, ["audit", "verify", "--audit-db", db]).status == 0)
    }

    @Test func anUpstreamDyingMidStreamGivesTheClientAJSONRPCError() throws {
        let db = E2E.temporaryDB()
        let (server, proxy, url) = try Self.start(db: db)
        defer { proxy.stop(); server.stop() }
        let client = try E2E.python([E2E.peers.appendingPathComponent("client.py").path, "http", url, "crash"])
        let result = try JSONSerialization.jsonObject(with: Data(client.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((result["error"] as? String)?.contains("failed mid-response (veil)") == true, "\(client.stdout)")
        proxy.stop()
        let list = try E2E.run(E2E.veil, ["audit", "list", "--audit-db", db])
        let session = list.stdout.split(separator: "\n").dropFirst().last.map { String($0.split(separator: "\t")[0]) } ?? ""
        let show = try E2E.run(E2E.veil, ["audit", "show", "--audit-db", db, session])
        #expect(show.stdout.contains("tools/call crash_midway id=2 error"))
        #expect(try E2E.run(E2E.veil, ["audit", "verify", "--audit-db", db]).status == 0)
    }

    @Test(arguments: [("application/octet-stream", ""), ("application/json", "gzip")])
    func unscannableResponsesAreRefused(contentType: String, encoding: String) throws {
        let db = E2E.temporaryDB()
        let script = """
            import http.server, sys
            class H(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    self.rfile.read(int(self.headers.get("Content-Length", "0")))
                    body = b'{"jsonrpc":"2.0","id":1,"result":{"email":"canary.person@example.org"}}'
                    self.send_response(200)
                    self.send_header("Content-Type", "\(contentType)")
                    if "\(encoding)": self.send_header("Content-Encoding", "\(encoding)")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args): pass
            http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
            """
        let (server, proxy, url) = try Self.start(db: db, upstream: { port in
            let python = try E2E.pythonPath()
            return try Child(python, ["-c", script, "\(port)"])
        })
        defer { proxy.stop(); server.stop() }
        guard let curl = StdioBridge.resolve("curl") else { throw E2E.Failure("curl is not on PATH") }
        let answer = try E2E.run(curl, ["-s", "-w", "\n%{http_code}", "-X", "POST", "-H", "Content-Type: application/json",
                                        "-H", "Accept: application/json, text/event-stream", "--data", #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x"}}"#, url])
        #expect(answer.stdout.hasSuffix("\n502"), "\(answer.stdout)")
        #expect(answer.stdout.contains(#""error":{"code":-32603"#) && answer.stdout.contains("cannot scan"))
        #expect(!answer.stdout.contains("canary.person@example.org"))
    }

    @Test func healthz() throws {
        let db = E2E.temporaryDB()
        let (server, proxy, url) = try Self.start(db: db)
        defer { proxy.stop(); server.stop() }
        guard let curl = StdioBridge.resolve("curl") else { throw E2E.Failure("curl is not on PATH") }
        let health = try E2E.run(curl, ["-s", url.replacingOccurrences(of: "/mcp", with: "/healthz")])
        #expect(health.stdout == #"{"status":"ok"}"#)
    }

    @Test func sigtermStopsAcceptingAndExits() throws {
        let db = E2E.temporaryDB()
        let (server, proxy, url) = try Self.start(db: db)
        defer { proxy.stop(); server.stop() }
        let client = try E2E.python([E2E.peers.appendingPathComponent("client.py").path, "http", url])
        #expect(client.status == 0)
        let started = Date()
        kill(proxy.process.processIdentifier, SIGTERM)
        proxy.process.waitUntilExit()
        #expect(Date().timeIntervalSince(started) < 12, "veil proxy did not stop on SIGTERM")
        #expect(proxy.process.terminationReason == .exit && proxy.process.terminationStatus == 0)
        #expect(try E2E.run(E2E.veil, ["audit", "verify", "--audit-db", db]).status == 0)
    }
}
