/// Where a ``StreamMasker`` puts its output.
///
/// The output is the concatenation of, in call order, the `passThrough` ranges (bytes of the
/// chunk given to the current `feed`, unchanged, so a proxy can forward slices of its own
/// buffer without copying) and the `write` buffers (bytes held back from earlier chunks, and
/// replacement text).
public protocol MaskingSink {
    /// Bytes `range` of the chunk passed to the current `feed` call are output unchanged.
    mutating func passThrough(_ range: Range<Int>)
    /// `bytes` are output. The buffer is only valid during the call.
    mutating func write(_ bytes: UnsafeRawBufferPointer)
    /// A value was masked; the replacement follows through `write`.
    mutating func found(_ finding: Finding)
}

/// Passes everything to `base`, with `passThrough` ranges moved by `offset`: lets one buffer
/// be fed as several chunks while the ranges still index the whole buffer.
struct OffsetSink<Base: MaskingSink>: MaskingSink {
    var base: Base
    var offset: Int

    mutating func passThrough(_ range: Range<Int>) { base.passThrough((range.lowerBound + offset)..<(range.upperBound + offset)) }
    mutating func write(_ bytes: UnsafeRawBufferPointer) { base.write(bytes) }
    mutating func found(_ finding: Finding) { base.found(finding) }
}

/// A sink that collects the output and findings in memory: for tests, and for callers with
/// small payloads.
public struct CollectingSink: MaskingSink {
    /// The output so far.
    public var output: [UInt8] = []
    /// The findings so far, in stream order.
    public var findings: [Finding] = []
    /// The current chunk; set it before each `feed`.
    public var chunk: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)

    /// An empty sink.
    public init() {}

    public mutating func passThrough(_ range: Range<Int>) {
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[range]))
    }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        output.append(contentsOf: bytes)
    }

    public mutating func found(_ finding: Finding) {
        findings.append(finding)
    }
}
