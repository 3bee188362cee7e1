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

    @OptionGroup var input: StreamInputOptions

    func run() throws {
        let engine = try rules.engine(needsKey: false)
        let writer = OutputWriter(fd: 1)
        var sink = FindingSink(writer: writer)
        try input.stream(through: engine.makeMasker(format: .text), into: &sink, writer: writer, what: "the findings")
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
