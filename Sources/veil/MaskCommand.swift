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

    @Option(name: .customLong("chunk-size"), help: ArgumentHelp("Read size in bytes (1 to 67108864).", valueName: "N"))
    var chunkSize: Int = 65536

    @Flag(name: .customLong("stats"), help: "Print the number of masked values per type to stderr at the end.")
    var stats = false

    @Option(name: .customLong("input"), help: "How to read the input: json (a masked value outside any string becomes a quoted label, keeping JSON valid), text, or auto (json when it starts with '{' or '[').")
    var inputFormat: InputFormat = .auto

    @Argument(help: ArgumentHelp("The input file; stdin when absent or '-'.", valueName: "FILE"))
    var file: String?

    func validate() throws {
        guard (1...(64 << 20)).contains(chunkSize) else {
            throw ValidationError("--chunk-size must be between 1 and 67108864 bytes (got \(chunkSize)).")
        }
    }

    func run() throws {
        let engine = try rules.engine()
        let fd = try InputFile.open(file)
        defer { if fd != 0 { close(fd) } }
        let writer = OutputWriter(fd: 1)
        var sink = WriterSink(writer: writer)
        let masker = engine.makeMasker(format: inputFormat.masker)
        try InputFile.pump(fd, chunkSize: chunkSize, masker: masker, sink: &sink, name: file ?? "stdin")
        writer.flush()
        if let failure = writer.failure { throw CLIError.runtime("cannot write the masked output: \(failure).") }
        if stats {
            for (type, count) in sink.counts.sorted(by: { $0.key < $1.key }) { Console.error("\(type)\t\(count)") }
            let mib = max(Double(masker.bytesIn) / 1_048_576, 1e-9)
            func perMiB(_ n: Int) -> String { String(Int((Double(n) / mib).rounded())) }
            for rule in engine.rules where masker.confirmsByRule[rule.index] > 0 {
                Console.error("confirms\t\(rule.name)\t\(perMiB(masker.confirmsByRule[rule.index])) per MiB")
            }
            Console.error("prefilter: \(masker.bytesIn) bytes, \(perMiB(masker.prefilterHits)) hits, \(perMiB(masker.windowsOpened)) windows, \(perMiB(masker.confirmCalls)) confirms per MiB")
        }
    }
}

/// Writes masked output through an ``OutputWriter`` and counts findings per type.
struct WriterSink: MaskingSink, ChunkAware {
    let writer: OutputWriter
    var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
    var counts: [String: Int] = [:]

    mutating func passThrough(_ range: Range<Int>) {
        writer.write(UnsafeRawBufferPointer(rebasing: chunk[range]))
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) { writer.write(bytes) }

    mutating func found(_ finding: Finding) { counts[finding.type, default: 0] += 1 }
}
