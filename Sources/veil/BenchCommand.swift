import ArgumentParser
import ScanCore
import VeilCorpus

/// `veil bench`: ScanCore throughput per corpus shape and chunk size, with plain PCRE2 JIT
/// measured in the same run as the baseline. Medians of several runs; nothing is gated on
/// these numbers (shared machines are noisy), they are printed.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure masking throughput per corpus shape and chunk size against plain PCRE2 JIT, in one run.",
        discussion: "Corpora are generated in memory (same generator and seed as `veil corpus generate`). Figures are medians of --runs runs on one core."
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("Corpus size per shape for Veil, with K, M or G.", valueName: "BYTES"))
    var size: String = "64M"

    @Option(name: .customLong("baseline-size"), help: ArgumentHelp("The prefix of each corpus the (much slower) PCRE2 baselines scan.", valueName: "BYTES"))
    var baselineSize: String = "4M"

    @Option(name: .customLong("shape"), help: ArgumentHelp("A shape to measure (repeatable); all when absent.", valueName: "SHAPE"))
    var shapes: [String] = []

    @Option(name: .customLong("chunk-size"), help: ArgumentHelp("Chunk sizes to feed (repeatable).", valueName: "BYTES"))
    var chunkSizes: [String] = ["4K", "64K", "1M"]

    @Option(help: "Runs per measurement; the median is reported.")
    var runs: Int = 5

    @Flag(name: .customLong("no-baseline"), help: "Skip the PCRE2 baselines.")
    var noBaseline = false

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    static let targets: [String: Double] = ["mcp_json": 2000, "clean": 4000, "logs": 1000, "dense": 400, "adversarial": 200]

    struct Row {
        var shape: String
        var veil: [(chunk: Int, mbps: Double)]
        var alternation: Double?
        var perRule: Double?
        /// The SIMD stage alone over the whole corpus (``MaskingEngine/prefilterHits(in:)``):
        /// the ceiling of masking this shape with this engine.
        var simdStage: Double = 0
    }

    func run() throws {
        guard let bytes = CorpusCommand.Generate.parseSize(size), let baselineBytes = CorpusCommand.Generate.parseSize(baselineSize) else {
            throw CLIError.config("--size and --baseline-size take a number of bytes with an optional K, M or G suffix.")
        }
        let chunks = try chunkSizes.map { s -> Int in
            guard let n = CorpusCommand.Generate.parseSize(s), n <= 64 << 20 else { throw CLIError.config("--chunk-size '\(s)' is not a size from 1 byte to 64M.") }
            return n
        }
        guard (1...101).contains(runs) else { throw CLIError.config("--runs must be between 1 and 101.") }
        var chosen: [CorpusShape] = []
        for name in shapes {
            guard let shape = CorpusShape(rawValue: name) else { throw CLIError.config("unknown corpus shape '\(name)'.") }
            chosen.append(shape)
        }
        if chosen.isEmpty { chosen = CorpusShape.allCases }
        let engine = try rules.engine(needsKey: false)
        let alternation = noBaseline ? nil : try BaselineScanner(engine: engine, mode: .alternation)
        let perRule = noBaseline ? nil : try BaselineScanner(engine: engine, mode: .perRule)
        var rows: [Row] = []
        for shape in chosen {
            let data = shape.generate(size: bytes, seed: 1).bytes
            var row = Row(shape: shape.rawValue, veil: [])
            data.withUnsafeBytes { buffer in
                for chunk in chunks {
                    let seconds = Self.median((0..<runs).map { _ in Self.time { Self.mask(buffer, engine: engine, chunk: chunk) } })
                    row.veil.append((chunk, Double(buffer.count) / 1e6 / seconds))
                }
                row.simdStage = Double(buffer.count) / 1e6 / Self.median((0..<runs).map { _ in Self.time { _ = engine.prefilterHits(in: buffer) } })
                let prefix = UnsafeRawBufferPointer(rebasing: buffer[0..<min(buffer.count, baselineBytes)])
                let baselineRuns = max(1, min(runs, 3))
                if let alternation {
                    row.alternation = Double(prefix.count) / 1e6 / Self.median((0..<baselineRuns).map { _ in Self.time { _ = alternation.count(prefix) } })
                }
                if let perRule {
                    row.perRule = Double(prefix.count) / 1e6 / Self.median((0..<baselineRuns).map { _ in Self.time { _ = perRule.count(prefix) } })
                }
            }
            rows.append(row)
            if format == .text { Console.error("measured \(shape.rawValue)") }
        }
        print(format == .json ? Self.json(rows, bytes: bytes) : Self.table(rows, bytes: bytes, baselineBytes: baselineBytes, runs: runs))
    }

    /// Masks `buffer` in chunks into a sink that only counts, returning the output size.
    @discardableResult
    static func mask(_ buffer: UnsafeRawBufferPointer, engine: MaskingEngine, chunk: Int) -> Int {
        let masker = engine.makeMasker(format: .auto)
        var sink = CountingSink()
        masker.feed(buffer, chunkSize: chunk, into: &sink)
        masker.finish(into: &sink)
        return sink.bytes
    }

    static func time(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func label(_ chunk: Int) -> String {
        chunk >= 1 << 20 && chunk % (1 << 20) == 0 ? "\(chunk >> 20)MiB" : chunk >= 1024 && chunk % 1024 == 0 ? "\(chunk >> 10)KiB" : "\(chunk)B"
    }

    static func table(_ rows: [Row], bytes: Int, baselineBytes: Int, runs: Int) -> String {
        let f = QualityScore.fixed, pad = QualityScore.pad
        var header = pad("SHAPE", 13)
        for (chunk, _) in rows.first?.veil ?? [] { header += pad("VEIL \(label(chunk))", 14) }
        header += pad("SIMD STAGE", 12) + pad("PCRE2 ALT", 11) + pad("PCRE2 RULES", 13) + pad("RATIO", 8) + "TARGET"
        var out = "MB/s, median of \(runs) runs, \(bytes >> 20) MiB per shape (PCRE2 baselines on the first \(baselineBytes >> 20) MiB)\n" + header + "\n"
        for row in rows {
            var line = pad(row.shape, 13)
            for (_, mbps) in row.veil { line += pad(f(mbps, 1), 14) }
            line += pad(f(row.simdStage, 1), 12)
            line += pad(row.alternation.map { f($0, 1) } ?? "-", 11) + pad(row.perRule.map { f($0, 1) } ?? "-", 13)
            let main = row.veil.first { $0.chunk == 65536 }?.mbps ?? row.veil.first?.mbps ?? 0
            let best = max(row.alternation ?? 0, row.perRule ?? 0)
            line += pad(best > 0 ? f(main / best, 1) + "x" : "-", 8)
            if let target = targets[row.shape] { line += "\(Int(target)) \(main >= target ? "met" : "not met")" }
            out += line + "\n"
        }
        out += "SIMD STAGE is the prefilter's first stage alone, the ceiling of this engine on the shape.\n"
        out += "RATIO is Veil at 64 KiB chunks over the faster PCRE2 baseline."
        return out
    }

    static func json(_ rows: [Row], bytes: Int) -> String {
        let items = rows.map { row in
            let veil = row.veil.map { "{\"chunk\":\($0.chunk),\"mbps\":\($0.mbps)}" }.joined(separator: ",")
            return "{\"shape\":\"\(row.shape)\",\"bytes\":\(bytes),\"veil\":[\(veil)],\"simd_stage_mbps\":\(row.simdStage),\"pcre2_alternation_mbps\":\(row.alternation.map { "\($0)" } ?? "null"),\"pcre2_per_rule_mbps\":\(row.perRule.map { "\($0)" } ?? "null")}"
        }
        return "{\"results\":[\(items.joined(separator: ","))]}"
    }
}

/// A sink that counts output bytes and discards them.
struct CountingSink: MaskingSink {
    var bytes = 0
    mutating func passThrough(_ range: Range<Int>) { bytes += range.count }
    mutating func write(_ b: UnsafeRawBufferPointer) { bytes += b.count }
    mutating func found(_ finding: Finding) {}
}
