import Benchmark
import ScanCore
import VeilCorpus

/// ScanCore throughput per corpus shape and chunk size, and plain PCRE2 JIT over the same
/// corpus in the same run. Allocation counts are the CI gate (they must stay at zero in steady
/// state); throughput is printed, never gated, because shared machines are noisy.
/// `veil bench` (make bench) prints the MB/s table with ratios on 64 MiB corpora.
let benchmarks: @Sendable () -> Void = {
    let corpusBytes = 4 << 20
    let engine = try! MaskingEngine.builtin()
    let operatorEngine = try! ruleFileEngine((0..<10).map { k in
        "  - name: custom_\(k)\n    type: CUSTOM_\(k)\n    pattern: 'X\(k)K-[0-9]{6}'\n    prefilter:\n      literals: [\"X\(k)K-\"]\n"
    }.joined())
    let pseudonymizingEngine = try! ruleFileEngine(["email", "phone", "iban"].map { "  - name: \($0)\n    action: pseudonymize\n" }.joined(),
                                                   key: Array("benchmark-pseudonym-key-0123456789".utf8))
    let gated = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 20,
        thresholds: [.mallocCountTotal: .init(absolute: [.p90: 4])]
    )
    let informational = Benchmark.Configuration(
        metrics: [.throughput, .wallClock],
        timeUnits: .milliseconds,
        warmupIterations: 0,
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 5
    )
    for shape in CorpusShape.allCases {
        let corpus = shape.generate(size: corpusBytes, seed: 1).bytes
        for chunk in [4 << 10, 64 << 10, 1 << 20] {
            let label = chunk >= 1 << 20 ? "\(chunk >> 20)MiB" : "\(chunk >> 10)KiB"
            // One long stream: the masker is made once, outside the measured closure, so each
            // iteration is steady state and its allocation count should be zero.
            nonisolated(unsafe) let masker = engine.makeMasker(format: .auto)
            Benchmark("Veil-\(shape.rawValue)-\(label)", configuration: gated) { benchmark in
                var sink = NullSink()
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    corpus.withUnsafeBytes { masker.feed($0, chunkSize: chunk, into: &sink) }
                }
                benchmark.stopMeasurement()
                blackHole(sink.bytes)
            }
        }
        // Operators' paths, 64 KiB chunks: ten literal rules from a rule file (the nibble
        // kernel's operator group; zero allocations in steady state), and pseudonymization
        // of e-mail, phone and IBAN (a fixed count per token: swift-crypto's two hash-state
        // copies), so a change that allocates more per value shows in CI.
        for (name, variant) in [("operator-rules", operatorEngine), ("pseudonymize", pseudonymizingEngine)]
            where shape == .mcpJSON || shape == .logs || shape == .dense {
            nonisolated(unsafe) let masker = variant.makeMasker(format: .auto)
            Benchmark("Veil-\(name)-\(shape.rawValue)-64KiB", configuration: gated) { benchmark in
                var sink = NullSink()
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    corpus.withUnsafeBytes { masker.feed($0, chunkSize: 64 << 10, into: &sink) }
                }
                benchmark.stopMeasurement()
                blackHole(sink.bytes)
            }
        }
        let prefix = Array(corpus.prefix(1 << 20))
        for mode in BaselineScanner.Mode.allCases {
            let baseline = try! BaselineScanner(engine: engine, mode: mode)
            Benchmark("PCRE2-\(mode.rawValue)-\(shape.rawValue)", configuration: informational) { benchmark in
                for _ in benchmark.scaledIterations {
                    prefix.withUnsafeBytes { blackHole(baseline.count($0)) }
                }
            }
        }
    }
}

/// The built-in rules with a rule file's `rules:` entries applied.
func ruleFileEngine(_ entries: String, key: [UInt8]? = nil) throws -> MaskingEngine {
    var set = RuleSet.builtin
    try set.apply(yaml: "rules:\n" + entries, file: "benchmark.yaml")
    return try set.compile(pseudonymKey: key)
}

/// Counts output bytes and drops them.
struct NullSink: MaskingSink {
    var bytes = 0
    mutating func passThrough(_ range: Range<Int>) { bytes &+= range.count }
    mutating func write(_ b: UnsafeRawBufferPointer) { bytes &+= b.count }
    mutating func found(_ finding: Finding) {}
}
