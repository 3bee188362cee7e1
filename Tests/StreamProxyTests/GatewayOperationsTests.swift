import Foundation
import Testing
@testable import StreamProxy

/// `veil proxy` as operators run it, end to end with real peers: the stateless 2026-07-28
/// protocol, TLS on both sides, a config file, Prometheus metrics, SIGHUP rule reload on a
/// live connection, and a fail-closed switch turned off for one upstream.
@Suite(.serialized) struct GatewayOperationsTests {
    typealias E2E = StdioEndToEndTests
    typealias HTTP = HTTPEndToEndTests
    typealias Child = HTTPEndToEndTests.Child

    static func curl(_ arguments: [String]) throws -> E2E.Run {
        guard let curl = StdioBridge.resolve("curl") else { throw E2E.Failure("curl is not on PATH") }
        return try E2E.run(curl, ["-s"] + arguments)
    }

    /// `veil proxy` with `arguments`, once its port answers.
    static func proxy(_ arguments: [String], port: Int) throws -> Child {
        let proxy = try Child(E2E.veil, ["proxy"] + arguments)
        guard HTTP.waitForPort(port) else { proxy.stop(); throw E2E.Failure("veil proxy did not start: \(proxy.stderrText)") }
        return proxy
    }

    /// A Python HTTP/1.1 upstream (keep-alive) answering every POST with `body` as JSON.
    static func fixedUpstream(_ body: String, contentType: String = "application/json", encoding: String = "") throws -> (Child, Int) {
        let script = """
            import http.server, sys
            BODY = sys.argv[2].encode()
            class H(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_POST(self):
                    self.rfile.read(int(self.headers.get("Content-Length", "0")))
                    self.send_response(200)
                    self.send_header("Content-Type", sys.argv[3])
                    if sys.argv[4]: self.send_header("Content-Encoding", sys.argv[4])
                    self.send_header("Content-Length", str(len(BODY)))
                    self.end_headers()
                    self.wfile.write(BODY)
                def log_message(self, *args): pass
            http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
            """
        let port = HTTP.freePort()
        let server = try Child(try E2E.pythonPath(), ["-c", script, "\(port)", body, contentType, encoding])
        guard HTTP.waitForPort(port) else { server.stop(); throw E2E.Failure("the upstream did not start") }
        return (server, port)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("veil-ops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theStatelessProtocolEraReachesTheClientMaskedAndIsCounted() throws {
        let db = E2E.temporaryDB()
        let (server, proxy, url) = try HTTP.start(db: db)
        defer { proxy.stop(); server.stop() }
        let client = try E2E.python([E2E.peers.appendingPathComponent("client.py").path, "http", url, "modern"])
        #expect(client.status == 0, "client failed: \(client.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(client.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(result["protocol"] as? String == "2026-07-28", "the client and server must agree on the stateless protocol through Veil")
        let structured = result["structured"] as? [String: Any] ?? [:]
        #expect(structured["email"] as? String == "[EMAIL]" && structured["card"] as? String == "[CREDIT_CARD:****1111]")
        #expect(result["progress"] as? [String] == ["found [EMAIL] for C-1", "card on file [CREDIT_CARD:****1111]"])
        #expect(result["events"] as? [String] == ["progress", "progress", "result"])
        #expect((result["report_chars"] as? Int ?? 0) > 100_000)
        for canary in E2E.canaries {
            #expect(!client.stdout.contains(canary), "\(canary) reached the client")
            #expect(E2E.fileBytes(db).range(of: Data(canary.utf8)) == nil, "\(canary) is in the audit database file")
        }
        let metrics = try Self.curl([url.replacingOccurrences(of: "/mcp", with: "/metrics")]).stdout
        #expect(metrics.contains(#"veil_requests_total{method="server/discover",upstream="default"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"veil_requests_total{method="tools/call",upstream="default"} 2"#))
        #expect(metrics.contains(#"veil_masked_values_total{type="EMAIL",direction="server"}"#))
        #expect(metrics.contains(#"veil_upstream_latency_seconds_count{upstream="default"} "#))
        #expect(metrics.contains(#"veil_errors_total{kind="header_mismatch"} 0"#))
        for canary in E2E.canaries { #expect(!metrics.contains(canary)) }
        proxy.stop()
        let show = try E2E.run(E2E.veil, ["audit", "list", "--audit-db", db])
        #expect(show.status == 0)
        #expect(try E2E.run(E2E.veil, ["audit", "verify", "--audit-db", db]).status == 0)
    }

    @Test func tlsOnTheListenerAndToTheUpstream() throws {
        let dir = try Self.temporaryDirectory()
        guard let openssl = StdioBridge.resolve("openssl") else { throw E2E.Failure("openssl is not on PATH") }
        let made = try E2E.run(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                                         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.appendingPathComponent("key.pem").path,
                                         "-out", dir.appendingPathComponent("cert.pem").path])
        #expect(made.status == 0, "\(made.stderr)")
        let serverPort = HTTP.freePort()
        let server = try Child(try E2E.pythonPath(), [E2E.peers.appendingPathComponent("pii_server.py").path, "--http", "\(serverPort)"])
        defer { server.stop() }
        #expect(HTTP.waitForPort(serverPort))
        // Veil A serves TLS in front of the server; Veil B serves plain HTTP and reaches A over
        // HTTPS, trusting A's certificate through its config. The client talks to B.
        let tlsPort = HTTP.freePort(), plainPort = HTTP.freePort()
        try """
            listeners:
              - listen: 127.0.0.1:\(tlsPort)
                tls: {certificate: cert.pem, key: key.pem}
            upstreams:
              - url: http://127.0.0.1:\(serverPort)/mcp
            """.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try """
            listeners:
              - listen: 127.0.0.1:\(plainPort)
            upstreams:
              - url: https://127.0.0.1:\(tlsPort)/mcp
                ca_certificate: cert.pem
            """.write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        let a = try Self.proxy(["--config", dir.appendingPathComponent("a.yaml").path], port: tlsPort)
        defer { a.stop() }
        let b = try Self.proxy(["--config", dir.appendingPathComponent("b.yaml").path], port: plainPort)
        defer { b.stop() }
        let health = try Self.curl(["--cacert", dir.appendingPathComponent("cert.pem").path, "https://127.0.0.1:\(tlsPort)/healthz"])
        #expect(health.stdout == #"{"status":"ok"}"#, "\(health.stderr)")
        let plain = try Self.curl(["-w", "%{http_code}", "http://127.0.0.1:\(tlsPort)/healthz"])
        #expect(plain.stdout != #"{"status":"ok"}"#, "the TLS listener must not answer plain HTTP")
        let client = try E2E.python([E2E.peers.appendingPathComponent("client.py").path, "http", "http://127.0.0.1:\(plainPort)/mcp"])
        #expect(client.status == 0, "client failed: \(client.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(client.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((result["structured"] as? [String: Any])?["email"] as? String == "[EMAIL]")
        for canary in E2E.canaries { #expect(!client.stdout.contains(canary)) }
    }

    @Test func sighupReloadsTheRulesOnALiveConnectionAndRefusesABadSet() throws {
        let dir = try Self.temporaryDirectory()
        let rules = dir.appendingPathComponent("rules.yaml")
        try "rules: []\n".write(to: rules, atomically: true, encoding: .utf8)
        let (server, serverPort) = try Self.fixedUpstream(#"{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"order ORD-987654 for ann@example.com"}]}}"#)
        defer { server.stop() }
        let port = HTTP.freePort()
        let proxy = try Self.proxy(["--listen", "127.0.0.1:\(port)", "--upstream", "http://127.0.0.1:\(serverPort)/mcp", "--rules", rules.path], port: port)
        defer { proxy.stop() }
        // One keep-alive connection throughout: a request before the reload, one after a good
        // rule set, one after a bad rule set.
        let good = "rules:\n  - name: order_number\n    type: ORDER\n    pattern: 'ORD-[0-9]{6}'\n"
        let bad = "rules:\n  - name: order_number\n    type: ORDER\n    pattern: 'ORD-([0-9]{6}'\n"
        let script = """
            import http.client, json, os, signal, sys, time
            port, pid, rules = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
            conn = http.client.HTTPConnection("127.0.0.1", port)
            def call():
                conn.request("POST", "/mcp", body='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x"}}',
                             headers={"Content-Type": "application/json", "Accept": "application/json, text/event-stream"})
                return conn.getresponse().read().decode()
            answers = [call()]
            for text in sys.argv[4:6]:
                open(rules, "w").write(text)
                os.kill(pid, signal.SIGHUP)
                time.sleep(1.0)
                answers.append(call())
            print(json.dumps(answers))
            """
        let run = try E2E.python(["-c", script, "\(port)", "\(proxy.process.processIdentifier)", rules.path, good, bad])
        #expect(run.status == 0, "\(run.stderr)")
        let answers = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String]) ?? []
        #expect(answers.count == 3)
        #expect(answers.first?.contains("order ORD-987654 for [EMAIL]") == true, "before the reload: \(answers)")
        #expect(answers.dropFirst().first?.contains("order [ORDER] for [EMAIL]") == true, "after a good reload: \(answers)")
        #expect(answers.last?.contains("order [ORDER] for [EMAIL]") == true, "a bad rule set must leave the rules in force: \(answers)")
        #expect(proxy.process.isRunning)
        let metrics = try Self.curl(["http://127.0.0.1:\(port)/metrics"]).stdout
        #expect(metrics.contains(#"veil_rule_reloads_total{outcome="ok"} 1"#) && metrics.contains(#"veil_rule_reloads_total{outcome="refused"} 1"#))
        proxy.stop()
        #expect(proxy.stderrText.contains("rule reload refused; the rules in force stay"))
        #expect(proxy.stderrText.contains("rule 'order_number'"), "the refusal names the rule")
    }

    @Test func anUpstreamsFailClosedSwitchPassesUnscannedContentAndTheAuditLogSaysSo() throws {
        let dir = try Self.temporaryDirectory()
        let db = dir.appendingPathComponent("audit.db").path
        let (server, serverPort) = try Self.fixedUpstream("not really gzip", encoding: "gzip")
        defer { server.stop() }
        let (binary, binaryPort) = try Self.fixedUpstream("binary", contentType: "application/octet-stream")
        defer { binary.stop() }
        let port = HTTP.freePort()
        try """
            listeners:
              - listen: 127.0.0.1:\(port)
            upstreams:
              - name: archive
                url: http://127.0.0.1:\(serverPort)/mcp
                path: /archive
                fail_closed: {content_encoding: false}
              - name: files
                url: http://127.0.0.1:\(binaryPort)/mcp
                path: /files
                fail_closed: {content_encoding: false}
            audit:
              database: \(db)
            """.write(to: dir.appendingPathComponent("veil.yaml"), atomically: true, encoding: .utf8)
        let proxy = try Self.proxy(["--config", dir.appendingPathComponent("veil.yaml").path], port: port)
        defer { proxy.stop() }
        let request = ["-w", "\n%{http_code}", "-X", "POST", "-H", "Content-Type: application/json", "-H", "Mcp-Session-Id: s-1",
                       "--data", #"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"fetch"}}"#]
        let passed = try Self.curl(request + ["http://127.0.0.1:\(port)/archive"])
        #expect(passed.stdout == "not really gzip\n200", "the opted-out upstream's encoded answer passes unchanged")
        let refused = try Self.curl(request + ["http://127.0.0.1:\(port)/files"])
        #expect(refused.stdout.hasSuffix("\n502") && refused.stdout.contains("cannot scan"), "the other switch stays closed")
        let unrouted = try Self.curl(request + ["http://127.0.0.1:\(port)/elsewhere"])
        #expect(unrouted.stdout.hasSuffix("\n404") && unrouted.stdout.contains("no upstream serves this path"))
        proxy.stop()
        let show = try E2E.run(E2E.veil, ["audit", "show", "--audit-db", db, "s-1"])
        #expect(show.stdout.contains("unscanned: the upstream answered with Content-Encoding 'gzip'"), "\(show.stdout)")
        #expect(show.stdout.contains("passed by upstream 'archive' fail_closed.content_encoding: false"))
        #expect(try E2E.run(E2E.veil, ["audit", "verify", "--audit-db", db]).status == 0)
    }

    @Test func theDemoServerOverHTTPThroughTheProxyIsMasked() throws {
        let serverPort = HTTP.freePort(), port = HTTP.freePort()
        let server = try Child(E2E.veil, ["demo-server", "--http", "127.0.0.1:\(serverPort)"])
        defer { server.stop() }
        #expect(HTTP.waitForPort(serverPort))
        let proxy = try Self.proxy(["--listen", "127.0.0.1:\(port)", "--upstream", "http://127.0.0.1:\(serverPort)/mcp"], port: port)
        defer { proxy.stop() }
        let call = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lookup_customer","arguments":{"customer_id":"C-1042"}}}"#
        let direct = try Self.curl(["http://127.0.0.1:\(serverPort)/mcp", "-H", "Content-Type: application/json", "-d", call]).stdout
        let masked = try Self.curl(["http://127.0.0.1:\(port)/mcp", "-H", "Content-Type: application/json", "-d", call]).stdout
        #expect(direct.contains("maria.garcia@example.com"), "the demo server answers with its planted values")
        let object = try JSONSerialization.jsonObject(with: Data(masked.utf8)) as? [String: Any]
        let structured = (object?["result"] as? [String: Any])?["structuredContent"] as? [String: String]
        #expect(structured?["email"] == "[EMAIL]" && structured?["iban"] == "[IBAN]" && structured?["ssn"] == "[US_SSN]")
        for value in ["maria.garcia@example.com", "4111 1111 1111 1111", "078-05-1120", "AKIAIOSFODNN7EXAMPLE"] {
            #expect(!masked.contains(value))
        }
    }

    @Test func sseEventIdsAndLastEventIDResumptionPassThroughMasked() throws {
        // An upstream whose GET stream echoes the Last-Event-ID it was sent, in an event with
        // an id and a planted value.
        let script = """
            import http.server, json, sys
            class H(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_GET(self):
                    last = self.headers.get("Last-Event-ID", "")
                    message = {"jsonrpc": "2.0", "method": "notifications/message",
                               "params": {"resumed_after": last, "contact": "canary.person@example.org"}}
                    body = ("id: 43\\nevent: message\\ndata: " + json.dumps(message) + "\\n\\n").encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args): pass
            http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
            """
        let serverPort = HTTP.freePort(), port = HTTP.freePort()
        let server = try Child(try E2E.pythonPath(), ["-c", script, "\(serverPort)"])
        defer { server.stop() }
        #expect(HTTP.waitForPort(serverPort))
        let proxy = try Self.proxy(["--listen", "127.0.0.1:\(port)", "--upstream", "http://127.0.0.1:\(serverPort)/mcp"], port: port)
        defer { proxy.stop() }
        let stream = try Self.curl(["-N", "-H", "Accept: text/event-stream", "-H", "Last-Event-ID: 42", "-H", "Mcp-Session-Id: s-9",
                                    "http://127.0.0.1:\(port)/mcp"]).stdout
        #expect(stream.hasPrefix("id: 43\nevent: message\ndata: "), "event ids and event lines pass unchanged: \(stream)")
        #expect(stream.contains(#""resumed_after": "42""#), "Last-Event-ID reaches the upstream")
        #expect(stream.contains(#""contact": "[EMAIL]""#) && !stream.contains("canary.person@example.org"))
    }

    @Test func aPrettyPrintedJSONAnswerIsOneRecordedMessage() throws {
        let dir = try Self.temporaryDirectory()
        let db = dir.appendingPathComponent("audit.db").path
        let pretty = "{\n  \"jsonrpc\": \"2.0\",\n  \"id\": 4,\n  \"result\": {\n    \"content\": [{\"type\": \"text\", \"text\": \"mail canary.person@example.org\"}]\n  }\n}\n"
        let (server, serverPort) = try Self.fixedUpstream(pretty)
        defer { server.stop() }
        let port = HTTP.freePort()
        let proxy = try Self.proxy(["--listen", "127.0.0.1:\(port)", "--upstream", "http://127.0.0.1:\(serverPort)/mcp", "--audit-db", db], port: port)
        defer { proxy.stop() }
        let answer = try Self.curl(["-X", "POST", "-H", "Content-Type: application/json", "-H", "Mcp-Session-Id: s-7",
                                    "--data", "{\"jsonrpc\":\"2.0\",\"id\":4,\n \"method\":\"tools/call\",\"params\":{\"name\":\"fetch\"}}",
                                    "http://127.0.0.1:\(port)/mcp"]).stdout
        #expect(answer == pretty.replacingOccurrences(of: "canary.person@example.org", with: "[EMAIL]"), "the layout is kept, the value masked")
        proxy.stop()
        let show = try E2E.run(E2E.veil, ["audit", "show", "--audit-db", db, "s-7"]).stdout
        let summaries = show.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(summaries.count == 2, "one request and one answer, however their JSON is laid out: \(summaries)")
        #expect(show.contains("client -> server anonymous tools/call fetch id=4 ok"))
        #expect(show.contains(#"server -> client anonymous tools/call fetch id=4 ok"#) && show.contains(#"masked={"EMAIL":1}"#))
    }
}
