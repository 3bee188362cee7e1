import ArgumentParser
import ScanCore
#if canImport(Glibc)
import Glibc
#endif

/// `veil scan`: report findings (offsets and types, never values) as JSON lines.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Report each finding in FILE (or stdin) as a JSON line: {\"start\":S,\"end\":E,\"type\":T,\"rule\":R}.",
        discussion: "Offsets are bytes into the input; values are never printed. Exit status: 0 on success, 1 if reading failed, 2 on a usage or configuration error."
    )

    enum Format: String, ExpressibleByArgument { case jsonl }

    @OptionGroup var rules: RuleOptions

    @Option(help: "Output format (jsonl).")
    var format: Format = .jsonl

    @Option(name: .customLong("chunk-size"), help: ArgumentHelp("Read size in bytes (1 to 67108864).", valueName: "N"))
    var chunkSize: Int = 65536

    @Argument(help: ArgumentHelp("The input file; stdin when absent or '-'.", valueName: "FILE"))
    var file: String?

    func validate() throws {
        guard (1...(64 << 20)).contains(chunkSize) else {
            throw ValidationError("--chunk-size must be between 1 and 67108864 bytes (got \(chunkSize)).")
        }
    }

    func run() throws {
        let engine = try rules.engine(needsKey: false)
        let fd = try InputFile.open(file)
        defer { if fd != 0 { close(fd) } }
        let writer = OutputWriter(fd: 1)
        var sink = FindingSink(writer: writer)
        try InputFile.pump(fd, chunkSize: chunkSize, masker: engine.makeMasker(format: .text), sink: &sink, name: file ?? "stdin")
        writer.flush()
        if let failure = writer.failure { throw CLIError.runtime("cannot write the findings: \(failure).") }
    }
}

/// Prints each finding as a JSON line and discards the masked bytes.
struct FindingSink: MaskingSink, ChunkAware {
    let writer: OutputWriter
    var chunk = UnsafeRawBufferPointer(start: nil, count: 0)

    mutating func passThrough(_ range: Range<Int>) {}
    mutating func write(_ bytes: UnsafeRawBufferPointer) {}
    mutating func found(_ finding: Finding) { writer.write(finding.jsonLine + "\n") }
}
