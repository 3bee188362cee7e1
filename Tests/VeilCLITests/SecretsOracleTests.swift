import Foundation
import Testing

/// The secrets pack scored on tokens this project did not write: gitleaks' own true and
/// false positives (`corpus/oracle/gitleaks_cases.jsonl`) and, with a seed chosen at run
/// time, generated tokens of every family (`corpus/oracle/secrets_oracle.py`), through the
/// built `veil scan`. The pack's patterns are checked against their harness too
/// (`corpus/tools/check_secret_patterns.py`: PCRE2 JIT, lookbehind, bounds, samples, hard
/// negatives, the engine's sources holding the same patterns).
@Suite struct SecretsOracleTests {
    static func python(_ arguments: [String]) throws -> (status: Int32, stdout: Data) {
        try IndependentOracleTests.runPython(arguments)
    }

    static func path(_ relative: String) -> String { IndependentOracleTests.root.appendingPathComponent(relative).path }

    @Test func theHarnessPassesAndTheEngineHoldsItsPatterns() throws {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000_007
        print("secrets harness seed \(seed): python3 corpus/tools/check_secret_patterns.py -n 50 --seed \(seed)")
        #expect(try Self.python([Self.path("corpus/tools/check_secret_patterns.py"), "--check-swift"]).status == 0)
        let run = try Self.python([Self.path("corpus/tools/check_secret_patterns.py"), "-n", "50", "--seed", String(seed)])
        #expect(run.status == 0, "\(String(decoding: run.stdout, as: UTF8.self).suffix(2000))")
    }

    @Test func everyGitleaksCaseAndEveryGeneratedTokenIsMasked() throws {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000_007
        print("secrets oracle seed \(seed): python3 corpus/oracle/secrets_oracle.py --veil .build/debug/veil --seed \(seed)")
        let run = try Self.python([Self.path("corpus/oracle/secrets_oracle.py"), "--veil", CLITests.binary.path, "--seed", String(seed)])
        try #require(run.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        let rules = try #require(report["gitleaks"] as? [String: [String: Int]])
        var found = 0
        for (rule, row) in rules.sorted(by: { $0.key < $1.key }) {
            print("gitleaks \(rule): \(row)")
            // Every true positive is found, but for the exclusions by decision (placeholders,
            // "JWTs" that are not, the two families not shipped: docs/RULES.md, "Secrets").
            #expect(row["missed", default: 0] == 0, "seed \(seed): \(rule) missed \(report["gitleaks_missed"] ?? "")")
            found += row["found", default: 0]
        }
        #expect(found > 2000)
        let samples = try #require(report["samples"] as? [String: Int])
        #expect(samples["total", default: 0] > 800)
        #expect(samples["found"] == samples["total"], "seed \(seed): \(report["samples_missed"] ?? "")")
        let flagged = try #require(report["negatives_flagged"] as? [String])
        #expect(flagged.isEmpty, "hard negatives flagged: \(flagged)")
    }
}
