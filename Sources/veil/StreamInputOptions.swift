import ArgumentParser
import ScanCore
#if canImport(Glibc)
import Glibc
#endif

/// The input that `mask` and `scan` stream: a file or stdin, read in chunks of a chosen size.
struct StreamInputOptions: ParsableArguments {
    @Option(name: .customLong("chunk-size"), help: ArgumentHelp("Read size in bytes, with K or M (1 to 64M).", valueName: "BYTES"))
    var chunkSizeOption: ByteCount = ByteCount(bytes: 65536)

    /// The read size in bytes.
    var chunkSize: Int { chunkSizeOption.bytes }

    @Argument(help: ArgumentHelp("The input file; stdin when absent or '-'.", valueName: "FILE"))
    var file: String?

    func validate() throws {
        guard (1...(64 << 20)).contains(chunkSize) else {
            throw ValidationError("--chunk-size must be between 1 byte and 64M (got \(chunkSize) bytes).")
        }
    }

    /// Streams the input through `masker` into `sink`, then flushes `writer`; `what` names
    /// the output in the error when writing failed.
    func stream<S: MaskingSink & ChunkAware>(through masker: StreamMasker, into sink: inout S, writer: OutputWriter, what: String) throws {
        let fd = try InputFile.open(file)
        defer { if fd != 0 { close(fd) } }
        try InputFile.pump(fd, chunkSize: chunkSize, masker: masker, sink: &sink, name: file ?? "stdin")
        writer.flush()
        if let failure = writer.failure { throw CLIError.runtime("cannot write \(what): \(failure).") }
    }
}

/// A byte count on the command line: a whole number, optionally with K, M or G (powers of 1024).
struct ByteCount: ExpressibleByArgument {
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        guard let n = CorpusCommand.Generate.parseSize(argument) else { return nil }
        bytes = n
    }

    var defaultValueDescription: String { bytes % (1 << 10) == 0 ? "\(bytes >> 10)K" : "\(bytes)" }
}
