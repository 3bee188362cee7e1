import ArgumentParser
import ScanCore
import StreamProxy
#if canImport(Glibc)
import Glibc
#endif

/// Reading inputs: whole small files (rule files, keys) and chunked streams.
enum InputFile {
    /// Opens `path` for reading (`-` or nil is stdin).
    static func open(_ path: String?) throws -> Int32 {
        guard let path, path != "-" else { return 0 }
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw CLIError.config("cannot open input file '\(path)': \(CLIError.systemReason).") }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw CLIError.config("input '\(path)' is a directory; give a file, or '-' for stdin.")
        }
        return fd
    }

    /// Reads a small text file whole, naming it as `what` in errors.
    static func readText(_ path: String, what: String, limit: Int = 16 << 20) throws -> String {
        do { return try SmallFile.readText(path, what: what, limit: limit) } catch { throw CLIError.config(error.description) }
    }

    /// Reads a file whole (up to `limit` bytes), naming it as `what` in errors.
    static func readBytes(_ path: String, what: String, limit: Int = 16 << 20) throws -> [UInt8] {
        do { return try SmallFile.readBytes(path, what: what, limit: limit) } catch { throw CLIError.config(error.description) }
    }

    /// Feeds `fd` to `masker` in reads of `chunkSize` bytes, then finishes the stream.
    static func pump<S: MaskingSink & ChunkAware>(_ fd: Int32, chunkSize: Int, masker: StreamMasker, sink: inout S, name: String) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError.runtime("cannot read '\(name)': \(CLIError.systemReason).")
            }
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            sink.chunk = chunk
            masker.feed(chunk, into: &sink)
        }
        sink.chunk = UnsafeRawBufferPointer(start: nil, count: 0)
        masker.finish(into: &sink)
    }
}

/// A sink that is told the chunk its `passThrough` ranges refer to.
protocol ChunkAware {
    var chunk: UnsafeRawBufferPointer { get set }
}

/// Buffered writes to a file descriptor, failing loudly on errors (a closed pipe included).
final class OutputWriter {
    let fd: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private(set) var failure: String?

    init(fd: Int32, capacity: Int = 256 * 1024) {
        self.fd = fd
        self.buffer = .allocate(byteCount: capacity, alignment: 64)
    }

    deinit { buffer.deallocate() }

    func write(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count > buffer.count - used {
            flush()
            if bytes.count >= buffer.count { writeAll(bytes); return }
        }
        UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + bytes.count)]).copyMemory(from: bytes)
        used += bytes.count
    }

    func write(_ text: String) {
        var t = text
        t.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    func flush() {
        if used > 0 { writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<used])); used = 0 }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = CLIError.systemReason
                return
            }
            offset += n
        }
    }
}

/// The `--input` option.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case auto, json, text

    var masker: StreamMasker.Format {
        switch self {
        case .auto: return .auto
        case .json: return .json
        case .text: return .text
        }
    }
}
