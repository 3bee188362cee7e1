import ArgumentParser
import ScanCore
#if canImport(Glibc)
import Glibc
#endif

/// `veil mask`: stream a file or stdin to stdout, masked.
struct MaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mask",
        abstract: "Stream FILE (or stdin) to stdout with personal data and secrets masked.",
        discussion: "Memory stays constant whatever the input size. Exit status: 0 on success, 1 if reading or writing failed, 2 on a usage or configuration error."
    )

    @OptionGroup var rules: RuleOptions

    @Flag(name: .customLong("stats"), help: "Print the number of masked values per type to stderr at the end.")
    var stats = false

    @Option(name: .customLong("input"), help: "How to read the input: json (a masked value outside any string becomes a quoted label, keeping JSON valid), text, or auto (json when it starts with '{' or '[').")
    var inputFormat: InputFormat = .auto

    @OptionGroup var input: StreamInputOptions

    func run() throws {
        let engine = try rules.engine()
        let writer = OutputWriter(fd: 1)
        var sink = WriterSink(writer: writer, counting: stats)
        let masker = engine.makeMasker(format: inputFormat.masker)
        try input.stream(through: masker, into: &sink, writer: writer, what: "the masked output")
        if stats {
            for (type, count) in sink.counts.byType(engine).sorted(by: { $0.key < $1.key }) { Console.error("\(type)\t\(count)") }
            let mib = max(Double(masker.bytesIn) / 1_048_576, 1e-9)
            func perMiB(_ n: Int) -> String { String(Int((Double(n) / mib).rounded())) }
            for rule in engine.rules where masker.confirmsByRule[rule.index] > 0 {
                Console.error("confirms\t\(rule.name)\t\(perMiB(masker.confirmsByRule[rule.index])) per MiB")
            }
            Console.error("prefilter: \(masker.bytesIn) bytes, \(perMiB(masker.prefilterHits)) hits, \(perMiB(masker.windowsOpened)) windows, \(perMiB(masker.confirmCalls)) confirms per MiB")
            Console.error("held back after each read: mean \(masker.heldBackSum / max(1, masker.feeds)) bytes, peak \(masker.heldBackPeak) bytes, over \(masker.feeds) reads")
        }
    }
}

/// Writes masked output through an ``OutputWriter`` and, when `counting`, counts findings per type.
struct WriterSink: MaskingSink, ChunkAware {
    let writer: OutputWriter
    let counting: Bool
    var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
    var counts = FindingCounter()

    init(writer: OutputWriter, counting: Bool) {
        self.writer = writer
        self.counting = counting
    }

    mutating func passThrough(_ range: Range<Int>) {
        writer.write(UnsafeRawBufferPointer(rebasing: chunk[range]))
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) { writer.write(bytes) }

    mutating func found(_ finding: Finding) {
        if counting { counts.add(finding) }
    }
}
