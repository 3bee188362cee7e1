import ArgumentParser
import ScanCore
#if canImport(Glibc)
import Glibc
#endif

/// `veil rules test`: score a rule set on labelled corpora — precision, recall and leaks per
/// type, and each rule's share of scan time.
struct RuleTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Score the rules on labelled corpora: precision, recall and leaks per type, and each rule's share of scan time.",
        discussion: """
        DIR holds SHAPE.data files with SHAPE.truth.jsonl ground truth, as written by `veil corpus generate`.
        A finding is correct when it overlaps a labelled value of its type; a labelled value is recalled when a finding \
        of its type overlaps it, and leaks when findings do not cover all of its bytes (some of it would appear verbatim \
        in the masked output). Exit status: 0 when nothing leaks, 1 when any value leaks, 2 on a usage or configuration error.
        """
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("corpus"), help: ArgumentHelp("A directory of labelled corpora.", valueName: "DIR"))
    var corpus: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let engine = try rules.engine(needsKey: false)
        let shapes = try Self.shapes(in: corpus)
        var score = QualityScore(rules: engine.rules.map(\.name))
        for shape in shapes {
            let data = try InputFile.readBytes("\(corpus)/\(shape).data", what: "corpus file", limit: 4 << 30)
            let truth = try Self.truth(corpus, shape)
            let masker = engine.makeMasker(format: .text)
            masker.profilesConfirms = true
            var sink = CollectingFindings()
            let clock = ContinuousClock()
            let start = clock.now
            data.withUnsafeBytes { masker.feed($0, chunkSize: 65536, into: &sink) }
            masker.finish(into: &sink)
            let elapsed = clock.now - start
            score.add(shape: shape, bytes: data.count, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      findings: sink.findings, truth: truth, confirms: masker.confirmsByRule, confirmNanos: masker.confirmNanosByRule)
        }
        print(format == .json ? score.json() : score.text())
        if score.totalLeaks > 0 { throw ExitCode(1) }
    }

    static func shapes(in dir: String) throws -> [String] {
        guard let handle = opendir(dir) else { throw CLIError.config("cannot open corpus directory '\(dir)': \(CLIError.systemReason).") }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".data") { names.append(String(name.dropLast(5))) }
        }
        guard !names.isEmpty else { throw CLIError.config("corpus directory '\(dir)' holds no .data files; write some with `veil corpus generate --out \(dir)`.") }
        return names.sorted()
    }

    static func truth(_ dir: String, _ shape: String) throws -> [TruthSpan] {
        let path = "\(dir)/\(shape).truth.jsonl"
        let text = try InputFile.readText(path, what: "ground-truth file", limit: 1 << 30)
        var spans: [TruthSpan] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            guard let span = TruthSpan(line) else {
                throw CLIError.config("\(path):\(n + 1): expected {\"start\":S,\"end\":E,\"type\":\"T\"} with 0 <= S < E.")
            }
            spans.append(span)
        }
        return spans.sorted { $0.start < $1.start }
    }
}

/// One labelled value of a corpus.
struct TruthSpan {
    var start: Int
    var end: Int
    var type: String

    /// Parses the fixed JSON shape `veil corpus generate` writes.
    init?(_ line: Substring) {
        func field(_ key: String) -> Substring? {
            guard let r = line.range(of: "\"\(key)\":") else { return nil }
            let rest = line[r.upperBound...]
            return rest.prefix { $0 != "," && $0 != "}" }
        }
        guard let s = field("start").flatMap({ Int($0) }), let e = field("end").flatMap({ Int($0) }),
              let t = field("type"), t.count >= 2, t.first == "\"", t.last == "\"", s >= 0, s < e else { return nil }
        start = s; end = e; type = String(t.dropFirst().dropLast())
    }
}

/// Collects findings only.
struct CollectingFindings: MaskingSink {
    var findings: [Finding] = []
    mutating func passThrough(_ range: Range<Int>) {}
    mutating func write(_ bytes: UnsafeRawBufferPointer) {}
    mutating func found(_ finding: Finding) { findings.append(finding) }
}
