import NIOCore

/// Masked bytes gathered while a chunk is masked, written out after it: one write per chunk
/// read, rather than one per piece the masker emits, and after the chunk's records are in
/// the log. One per response or per stdio stream, used from one task or thread only.
final class PendingOutput: @unchecked Sendable {
    var buffer: ByteBuffer?

    func append(_ bytes: UnsafeRawBufferPointer) {
        if buffer == nil { buffer = ByteBufferAllocator().buffer(capacity: max(bytes.count, 16 << 10)) }
        buffer!.writeBytes(bytes)
    }

    func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

    func take() -> ByteBuffer? {
        defer { buffer = nil }
        return buffer.flatMap { $0.readableBytes > 0 ? $0 : nil }
    }
}
