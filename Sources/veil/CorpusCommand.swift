import ArgumentParser
import VeilCorpus
#if canImport(Glibc)
import Glibc
#endif

/// `veil corpus generate`: write labelled corpora for rule-set scoring and benchmarks.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Generate labelled corpora.",
        subcommands: [Generate.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write SHAPE.data and SHAPE.truth.jsonl ({\"start\":S,\"end\":E,\"type\":T} per value) into DIR.",
            discussion: "Shapes: \(CorpusShape.allCases.map(\.rawValue).joined(separator: ", ")). The same shape, size and seed always give the same bytes; all values are synthetic."
        )

        @Option(name: .customLong("out"), help: ArgumentHelp("The directory to write into (created if missing).", valueName: "DIR"))
        var directory: String

        @Option(name: .customLong("shape"), help: ArgumentHelp("A shape to generate (repeatable); all shapes when absent.", valueName: "SHAPE"))
        var shapes: [String] = []

        @Option(help: ArgumentHelp("Approximate size of each data file, with an optional K, M or G suffix.", valueName: "BYTES"))
        var size: String = "1M"

        @Option(help: "The seed.")
        var seed: UInt64 = 1

        func run() throws {
            guard let bytes = Self.parseSize(size) else {
                throw CLIError.config("--size must be a number of bytes with an optional K, M or G suffix, such as 64M (got '\(size)').")
            }
            var chosen: [CorpusShape] = []
            for name in shapes {
                guard let shape = CorpusShape(rawValue: name) else {
                    throw CLIError.config("unknown corpus shape '\(name)'; known shapes are \(CorpusShape.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                chosen.append(shape)
            }
            if chosen.isEmpty { chosen = CorpusShape.allCases }
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw CLIError.config("cannot create directory '\(directory)': \(CLIError.systemReason).")
            }
            for shape in chosen {
                let corpus = shape.generate(size: bytes, seed: seed)
                try Self.write(corpus.bytes, to: "\(directory)/\(shape.rawValue).data")
                var truth = ""
                for span in corpus.truth { truth += span.jsonLine + "\n" }
                try Self.write(Array(truth.utf8), to: "\(directory)/\(shape.rawValue).truth.jsonl")
                print("\(shape.rawValue): \(corpus.bytes.count) bytes, \(corpus.truth.count) labelled values")
            }
        }

        static func parseSize(_ s: String) -> Int? {
            var digits = s
            var factor = 1
            if let last = s.last, let f = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30][String(last).uppercased()] {
                factor = f; digits = String(s.dropLast())
            }
            guard let n = Int(digits), n > 0, n <= (16 << 30) / factor else { return nil }
            return n * factor
        }

        static func write(_ bytes: [UInt8], to path: String) throws {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw CLIError.config("cannot write '\(path)': \(CLIError.systemReason).") }
            defer { close(fd) }
            let writer = OutputWriter(fd: fd)
            bytes.withUnsafeBytes { writer.write($0) }
            writer.flush()
            if let failure = writer.failure { throw CLIError.runtime("cannot write '\(path)': \(failure).") }
        }
    }
}
