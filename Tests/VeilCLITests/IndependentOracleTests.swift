import Foundation
import Testing

/// Masking quality scored against data this project did not generate: Faker in 54 locales
/// and python-phonenumbers for every region (`corpus/oracle/independent_corpus.py`), with a
/// seed chosen at run time, through the built `veil rules test`.
///
/// Asserted here are the types whose targets (issue 10) hold: zero leaks and recall of at
/// least 99.9% for EMAIL, CREDIT_CARD, IBAN, IPV4 and IPV6, at least 99.5% for the keyed
/// types in structured JSON, precision of at least 99% for CREDIT_CARD, IBAN and US_SSN and
/// 97% for IPV4 and PHONE. PHONE recall is asserted at 99%, short of the 99.9% target:
/// what still leaks are numbers the phone rules refuse by decision (docs/RULES.md, `phone`
/// and `phone_label`): bare 8- to 10-digit runs and numbers of 4 to 6 bytes in free text,
/// even after a label.
@Suite struct IndependentOracleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Python with Faker and phonenumbers: `make test` installs them under `.build/peers`.
    static func python() throws -> String {
        let venv = root.appendingPathComponent(".build/peers/bin/python3").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        if let configured = ProcessInfo.processInfo.environment["VEIL_TEST_PYTHON"] { return configured }
        return "/usr/bin/env"
    }

    /// Runs that Python with `arguments` (paths relative to the repository are the caller's
    /// business) and returns its exit status and standard output.
    static func runPython(_ arguments: [String]) throws -> (status: Int32, stdout: Data) {
        let python = try python()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = (python == "/usr/bin/env" ? ["python3"] : []) + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    @Test func independentCorporaMeetTheQualityTargets() throws {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000_007
        print("independent oracle seed \(seed): python3 corpus/oracle/independent_corpus.py --out DIR --seed \(seed) --size-kb 512")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("veil-oracle-\(seed)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let generator = try Self.runPython([Self.root.appendingPathComponent("corpus/oracle/independent_corpus.py").path,
                                            "--out", dir.path, "--seed", String(seed), "--size-kb", "512"])
        try #require(generator.status == 0, "the generator failed; run make test-peers (Faker and phonenumbers)")

        let run = try CLITests.run(["rules", "test", "--corpus", dir.path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout)) as? [String: Any])
        let types = try #require(report["types"] as? [String: [String: Any]])
        func figure(_ type: String, _ key: String) throws -> Double {
            let row = try #require(types[type], "no \(type) values in the corpus")
            return try #require((row[key] as? NSNumber)?.doubleValue)
        }
        for (type, row) in types.sorted(by: { $0.key < $1.key }) {
            print("seed \(seed) \(type): precision \(row["precision"]!) recall \(row["recall"]!) leaks \(row["leaks"]!) of \(row["values"]!)")
        }
        for type in ["EMAIL", "CREDIT_CARD", "IBAN", "IPV4", "IPV6"] {
            #expect(try figure(type, "recall") >= 0.999, "seed \(seed): \(type) recall")
            #expect(try figure(type, "leaks") == 0, "seed \(seed): \(type) leaks")
        }
        for type in ["PERSON", "ADDRESS", "DATE_OF_BIRTH"] {
            #expect(try figure(type, "recall") >= 0.995, "seed \(seed): \(type) recall")
        }
        for type in ["CREDIT_CARD", "IBAN", "US_SSN"] { #expect(try figure(type, "precision") >= 0.99, "seed \(seed): \(type) precision") }
        for type in ["IPV4", "PHONE"] { #expect(try figure(type, "precision") >= 0.97, "seed \(seed): \(type) precision") }
        #expect(try figure("PHONE", "recall") >= 0.99, "seed \(seed): PHONE recall")
    }
}
