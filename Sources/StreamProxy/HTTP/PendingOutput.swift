import NIOCore

/// Masked bytes gathered while a chunk is masked, written out after it. One per response,
/// used from that response's task only.
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
