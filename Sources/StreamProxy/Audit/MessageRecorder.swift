import Foundation
import ScanCore

/// Masks one direction of a message stream, message by message, and records each message
/// in the audit log as it goes.
///
/// Each message gets its own ``StreamMasker``, fed as bytes arrive and finished at the
/// message's end, so a message is never held back waiting for the next one (a stdio client
/// waits for its response before it sends anything more) and never buffered whole. Masked
/// bytes go to `output` (when the direction forwards masked bytes) and, in chunks of at
/// most ``chunkLimit``, to the audit log; the summary follows when the message ends.
///
/// Not thread-safe: one recorder per direction, fed from one thread.
public final class MessageRecorder {
    /// The most masked bytes an audit chunk holds: large enough that recording keeps up with
    /// masking (one transaction per chunk), small enough to bound memory per stream.
    public static let chunkLimit = 1 << 20

    /// The rules; each message takes the engine current when it starts (SIGHUP reloads).
    let engine: LiveEngine
    let direction: AuditEntry.Direction
    let session: AuditSession
    let output: ((UnsafeRawBufferPointer) -> Void)?
    let format: StreamMasker.Format
    let metrics: GatewayMetrics?
    let framing: Framing

    /// Where a message ends.
    public enum Framing: Sendable {
        /// At each newline: stdio messages, SSE data lines, log lines.
        case lines
        /// At the end of the stream (``finish(complete:)``): an HTTP body is one message,
        /// however its JSON is laid out.
        case whole
    }

    /// Whether a message is open (bytes fed since the last message ended).
    var inMessage = false
    /// Whether messages are masked at all: not when nothing reads the masked bytes (no
    /// output and no log, as for requests when recording is off); they are then only counted
    /// and summarised.
    let masks: Bool
    var masker: StreamMasker?
    /// The engine of the message in progress (its findings are counted by its rules).
    var messageEngine: MaskingEngine?
    var message: Int64 = 0
    var sink: RecordingSink
    /// The message's first bytes, for its summary: raw for requests (they hold method and
    /// tool names only at the start), masked for responses.
    var prefix: [UInt8] = []

    /// A recorder for `direction` of `session`. `output` receives masked bytes; pass nil when
    /// the direction forwards the raw bytes itself and only the record is masked.
    /// `format` is how each message is read (JSON for MCP messages, text for log lines).
    /// `metrics`, when given, counts each message's bytes and masked values.
    public convenience init(engine: MaskingEngine, direction: AuditEntry.Direction, session: AuditSession,
                            format: StreamMasker.Format = .json, framing: Framing = .lines, metrics: GatewayMetrics? = nil,
                            output: ((UnsafeRawBufferPointer) -> Void)?) {
        self.init(live: LiveEngine(fixed: engine), direction: direction, session: session, format: format, framing: framing,
                  metrics: metrics, output: output)
    }

    /// A recorder whose messages each take the rules in force in `live` when they start.
    public init(live engine: LiveEngine, direction: AuditEntry.Direction, session: AuditSession,
                format: StreamMasker.Format = .json, framing: Framing = .lines, metrics: GatewayMetrics? = nil,
                output: ((UnsafeRawBufferPointer) -> Void)?) {
        self.metrics = metrics
        self.framing = framing
        self.engine = engine
        self.format = format
        self.direction = direction
        self.session = session
        self.output = output
        self.sink = RecordingSink(output: output, recording: session.log != nil)
        self.masks = output != nil || session.log != nil
    }

    /// Feeds bytes of the stream; with ``Framing/lines`` a newline ends a message.
    public func feed(_ bytes: UnsafeRawBufferPointer) throws(AuditLog.Failure) {
        if framing == .whole { return try feedMessage(bytes) }
        var start = 0
        while start < bytes.count {
            let newline = Newline.next(in: bytes, from: start)
            let piece = UnsafeRawBufferPointer(rebasing: bytes[start..<(newline ?? bytes.count)])
            try feedMessage(piece)
            if newline != nil {
                try endMessage(outcome: nil, newline: true)
            }
            start = newline.map { $0 + 1 } ?? bytes.count
        }
    }

    /// Whether the stream ended inside a message (set by ``finish()``).
    public private(set) var cutOff = false

    /// Ends the stream. A message still open is finished and recorded as `incomplete`, or,
    /// when `complete` (an HTTP body, whose end is its message's end), as a whole message.
    public func finish(complete: Bool = false) throws(AuditLog.Failure) {
        if inMessage {
            cutOff = !complete
            try endMessage(outcome: complete ? nil : "incomplete", newline: false)
        }
    }

    func feedMessage(_ piece: UnsafeRawBufferPointer) throws(AuditLog.Failure) {
        guard !piece.isEmpty else { return }
        if !inMessage {
            inMessage = true
            messageEngine = engine.current
            masker = masks ? messageEngine!.makeMasker(format: format) : nil
            message = session.nextMessage()
            sink.reset()
            prefix.removeAll(keepingCapacity: true)
        }
        if direction == .clientToServer, prefix.count < MessageSummary.prefixLimit {
            prefix.append(contentsOf: piece.prefix(MessageSummary.prefixLimit - prefix.count))
        }
        sink.bytesIn += Int64(piece.count)
        guard let masker else { return }
        sink.chunk = piece
        masker.feed(piece, into: &sink)
        try flushFullChunks()
    }

    func endMessage(outcome: String?, newline: Bool) throws(AuditLog.Failure) {
        guard inMessage else {
            // An empty line: forward it, record nothing.
            if newline { forwardNewline() }
            return
        }
        masker?.finish(into: &sink)
        if newline { forwardNewline(); sink.bytesIn += 1 }
        // Full chunks go now; the rest goes with the summary, in one transaction.
        try flushFullChunks()
        let counts = messageEngine.map { sink.counts.byType($0) } ?? [:]
        metrics?.message(direction: direction, bytes: sink.bytesIn, masked: counts)
        self.masker = nil
        inMessage = false
        // The summary also pairs requests with answers, which the stdio bridge needs for
        // requests left unanswered, with or without a log.
        let summary = MessageSummary(prefix: direction == .clientToServer ? prefix : sink.maskedPrefix)
        let correlated = session.correlate(summary, direction: direction)
        guard let log = session.log else { return }
        var entries: [AuditEntry] = []
        if !sink.record.isEmpty {
            entries.append(AuditEntry(kind: .chunk, session: session.id, message: message, direction: direction,
                                      identity: session.identity, payload: Data(sink.record)))
            sink.record.removeAll(keepingCapacity: true)
        }
        entries.append(AuditEntry(kind: .message, session: session.id, message: message, direction: direction,
                               identity: session.identity, method: correlated.method, tool: correlated.tool, rpcID: summary.id,
                               outcome: outcome ?? (summary.isError ? "error" : "ok"),
                               bytesIn: sink.bytesIn, bytesOut: sink.bytesOut, masked: AuditEntry.maskedJSON(counts)))
        try log.append(contentsOf: entries)
    }

    func forwardNewline() {
        withUnsafeBytes(of: UInt8(ascii: "\n")) { output?($0) }
        sink.bytesOut += 1
    }

    /// Appends the buffered masked bytes as full chunks (the rest goes with the summary).
    func flushFullChunks() throws(AuditLog.Failure) {
        while sink.record.count >= MessageRecorder.chunkLimit {
            let count = min(sink.record.count, MessageRecorder.chunkLimit)
            let chunk = Data(sink.record.prefix(count))
            sink.record.removeFirst(count)
            try session.log?.append(AuditEntry(kind: .chunk, session: session.id, message: message, direction: direction,
                                               identity: session.identity, payload: chunk))
        }
    }
}

/// Where a masker's output goes while recording: forwarded (when the direction forwards
/// masked bytes) and kept for the audit log, with findings counted per type.
struct RecordingSink: MaskingSink {
    let output: ((UnsafeRawBufferPointer) -> Void)?
    /// Whether masked bytes are kept for the log (false when recording is off).
    let recording: Bool
    var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
    /// Masked bytes not yet appended to the log (at most one chunk's worth plus one write).
    var record: [UInt8] = []
    /// The first masked bytes of the message, for its summary.
    var maskedPrefix: [UInt8] = []
    var counts = FindingCounter()
    var bytesIn: Int64 = 0
    var bytesOut: Int64 = 0

    init(output: ((UnsafeRawBufferPointer) -> Void)?, recording: Bool) {
        self.output = output
        self.recording = recording
    }

    mutating func reset() {
        record.removeAll(keepingCapacity: true)
        maskedPrefix.removeAll(keepingCapacity: true)
        counts.removeAll()
        bytesIn = 0
        bytesOut = 0
    }

    mutating func passThrough(_ range: Range<Int>) { write(UnsafeRawBufferPointer(rebasing: chunk[range])) }

    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        output?(bytes)
        bytesOut += Int64(bytes.count)
        if recording { record.append(contentsOf: bytes) }
        if maskedPrefix.count < MessageSummary.prefixLimit {
            maskedPrefix.append(contentsOf: bytes.prefix(MessageSummary.prefixLimit - maskedPrefix.count))
        }
    }

    mutating func found(_ finding: Finding) { counts.add(finding) }
}
