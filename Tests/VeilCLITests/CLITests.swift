import Foundation
import Testing
import VeilCorpus

/// The `veil` command-line contract, exercised on the built binary: output, exit statuses
/// and error messages.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static var binary: URL {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("veil")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/veil")
    }

    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpus/samples")

    static func run(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "VEIL_PSEUDONYM_KEY")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input; process.standardOutput = output; process.standardError = error
        try process.run()
        let writer = Thread { input.fileHandleForWriting.write(Data(stdin)); try? input.fileHandleForWriting.close() }
        writer.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: Array(out), stderr: String(decoding: err, as: UTF8.self))
    }

    static func temporaryFile(_ contents: String, name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("veil-cli-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func maskMasksTheSampleAndEveryChunkSizeAgrees() throws {
        let sample = Self.samples.appendingPathComponent("mcp_session.jsonl").path
        let reference = try Self.run(["mask", sample])
        #expect(reference.status == 0)
        for secret in ["maria.garcia@example.com", "4111 1111 1111 1111", "078-05-1120", "AKIAIOSFODNN7EXAMPLE", "Sup3rS3cret!", "ES91 2100 0418 4502 0005 1332"] {
            #expect(!reference.text.contains(secret))
        }
        for line in reference.text.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "masked output stays valid JSON")
        }
        for size in ["1", "7", "4096"] {
            let run = try Self.run(["mask", "--chunk-size", size, sample])
            #expect(run.status == 0)
            #expect(run.stdout == reference.stdout, "chunk size \(size)")
        }
    }

    @Test func maskReadsStdin() throws {
        let run = try Self.run(["mask"], stdin: Array("mail bo@example.org now\n".utf8))
        #expect(run.status == 0)
        #expect(run.text == "mail [EMAIL] now\n")
    }

    @Test func scanPrintsOffsetsAndTypesOnly() throws {
        var factory = PIIFactory(seed: 11)
        let email = factory.email().text, card = factory.creditCard().text
        let input = "a \(email) b \(card) c"
        let run = try Self.run(["scan", "--format", "jsonl"], stdin: Array(input.utf8))
        #expect(run.status == 0)
        let lines = run.text.split(separator: "\n")
        #expect(lines.count == 2)
        let bytes = Array(input.utf8)
        var types: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["start", "end", "type", "rule"])
            let start = try #require(object["start"] as? Int), end = try #require(object["end"] as? Int)
            let value = String(decoding: bytes[start..<end], as: UTF8.self)
            #expect(value == email || value == card)
            #expect(!line.contains(value), "scan output never holds the value")
            types.append(object["type"] as! String)
        }
        #expect(types == ["EMAIL", "CREDIT_CARD"])
    }

    @Test func rulesListShowsEveryBuiltinType() throws {
        let run = try Self.run(["rules", "list"])
        #expect(run.status == 0)
        for type in PIIFactory.types { #expect(run.text.contains("\t\(type)\t"), "\(type)") }
    }

    @Test(arguments: [
        ("rules:\n  - name: x\n    type: X\n    pattern: '(abc'\n", "rule 'x': invalid regex at pattern offset 4"),
        ("rules:\n  - name: x\n    type: X\n    pattern: 'a+'\n", "rule 'x': the pattern can match without bound"),
        ("rules:\n  - name: x\n    type: X\n    pattern: '(?<=abcdefghij)k'\n", "rule 'x': the pattern looks back 10 characters"),
        ("rules:\n  - name: x\n    type: X\n    pattern: 'ab'\n    validator: crc32\n", "rule 'x': unknown validator 'crc32'"),
        ("rules:\n  - name: x\n    type: X\n    pattern: 'ab'\n    action: shred\n", "rule 'x': unknown action 'shred'"),
        ("rules: [\n", "not valid YAML"),
    ])
    func badRuleFilesExitTwoWithTheReason(yaml: String, message: String) throws {
        let file = try Self.temporaryFile(yaml, name: "bad.yaml")
        for arguments in [["rules", "check", file], ["mask", "--rules", file]] {
            let run = try Self.run(arguments, stdin: Array("x".utf8))
            #expect(run.status == 2)
            #expect(run.stderr.contains(file) && run.stderr.contains(message), "stderr: \(run.stderr)")
            #expect(run.stdout.isEmpty, "nothing is masked with a half-loaded rule set")
        }
    }

    @Test func goodRuleFilesCheckAndApply() throws {
        let file = try Self.temporaryFile("rules:\n  - name: employee_id\n    type: EMPLOYEE_ID\n    pattern: '\\bEMP-[0-9]{6}\\b'\n", name: "good.yaml")
        let check = try Self.run(["rules", "check", file])
        #expect(check.status == 0)
        let run = try Self.run(["mask", "--rules", file], stdin: Array("id EMP-004211.".utf8))
        #expect(run.text == "id [EMPLOYEE_ID].")
    }

    @Test func usageErrorsExitTwo() throws {
        let missing = try Self.run(["mask", "/nonexistent/input.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot open input file '/nonexistent/input.json'"))
        let directory = try Self.run(["mask", FileManager.default.temporaryDirectory.path])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("is a directory"))
        let chunk = try Self.run(["mask", "--chunk-size", "0"])
        #expect(chunk.status == 2)
        #expect(chunk.stderr.contains("--chunk-size"))
        let unknown = try Self.run(["mask", "--frobnicate"])
        #expect(unknown.status == 2)
    }

    @Test func pseudonymizationNeedsAKeyAndUsesIt() throws {
        let file = try Self.temporaryFile("rules:\n  - name: email\n    action: pseudonymize\n", name: "pseudo.yaml")
        let noKey = try Self.run(["mask", "--rules", file], stdin: Array("bo@example.org".utf8))
        #expect(noKey.status == 2)
        #expect(noKey.stderr.contains("pseudonymization key"))
        let shortKey = try Self.run(["mask", "--rules", file], stdin: [], environment: ["VEIL_PSEUDONYM_KEY": "short"])
        #expect(shortKey.status == 2)
        let a = try Self.run(["mask", "--rules", file], stdin: Array("bo@example.org".utf8), environment: ["VEIL_PSEUDONYM_KEY": "0123456789abcdef0123"])
        let b = try Self.run(["mask", "--rules", file], stdin: Array("BO@example.org".utf8), environment: ["VEIL_PSEUDONYM_KEY": "0123456789abcdef0123"])
        #expect(a.status == 0 && a.text.hasPrefix("[EMAIL:") && a.text == b.text)
    }

    @Test func gatewayUsageErrorsSayWhatAndExit2() throws {
        let cases: [([String], String)] = [
            (["wrap"], "give the server command after '--'"),
            (["wrap", "--", "/nonexistent/server"], "cannot run '/nonexistent/server': no such executable file."),
            (["wrap", "--", "no-such-server-program"], "no such executable on PATH."),
            (["wrap", "--audit-db", "/nonexistent/dir/a.db", "--", "cat"], "cannot open the audit database '/nonexistent/dir/a.db'"),
            (["proxy", "--listen", "nope", "--upstream", "http://127.0.0.1/mcp"], "--listen 'nope' is not HOST:PORT"),
            (["proxy", "--listen", "127.0.0.1:8080", "--upstream", "ftp://x"], "--upstream 'ftp://x' is not an http:// or https:// URL"),
            (["audit", "verify", "--audit-db", "/nonexistent/a.db"], "no audit database at '/nonexistent/a.db'."),
        ]
        for (arguments, message) in cases {
            let run = try Self.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        // A config file: its errors name the file, line and key; flags still win over it.
        let badKey = try Self.temporaryFile("listeners:\n  - listen: 127.0.0.1:0\nupstreams:\n  - url: http://127.0.0.1:1/mcp\n    fail_closed: {content_encodng: false}\n", name: "veil.yaml")
        let noTLSKey = try Self.temporaryFile("listeners:\n  - listen: 127.0.0.1:0\n    tls: {certificate: /nonexistent/cert.pem, key: /nonexistent/key.pem}\nupstreams:\n  - url: http://127.0.0.1:1/mcp\n", name: "tls.yaml")
        let configCases: [([String], String)] = [
            (["proxy", "--config", "/nonexistent/veil.yaml"], "cannot open config file '/nonexistent/veil.yaml'"),
            (["proxy", "--config", badKey], "veil.yaml:5: 'upstreams[0].fail_closed.content_encodng': unknown key"),
            (["proxy", "--config", noTLSKey], "cannot open certificate file ('listeners[0].tls.certificate') '/nonexistent/cert.pem'"),
            (["proxy", "--upstream", "http://127.0.0.1:1/mcp"], "no listener: give --listen HOST:PORT."),
            (["proxy", "--config", noTLSKey, "--listen", "127.0.0.1:0", "--upstream", "ftp://x"], "--upstream 'ftp://x' is not"),
        ]
        for (arguments, message) in configCases {
            let run = try Self.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        let notADatabase = try Self.temporaryFile("not sqlite", name: "bad.db")
        let verify = try Self.run(["audit", "verify", "--audit-db", notADatabase])
        #expect(verify.status == 2 && verify.stderr.contains("file is not a database"))
    }

    @Test func aProxyThatCannotListenSaysWhereAndWhy() throws {
        // Take a port, then ask the proxy for it.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = listen(fd, 1)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let run = try Self.run(["proxy", "--listen", "127.0.0.1:\(port)", "--upstream", "http://127.0.0.1:1/mcp"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot listen on 127.0.0.1:\(port): address already in use."), "\(run.stderr)")
    }
}
