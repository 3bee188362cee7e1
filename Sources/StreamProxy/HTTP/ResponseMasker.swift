import ScanCore

/// Masks one HTTP response body as it streams, by its content type.
///
/// - `application/json`: the body is one JSON-RPC message (or a batch), masked as it arrives
///   and recorded (``MessageRecorder``). It stays JSON: a large JSON answer is never turned
///   into SSE (stock clients cap an SSE event at 1 MiB).
/// - `text/event-stream`: each `data:` line is one message, masked and recorded and
///   finished at its line end, so every event reaches the client as soon as it is complete
///   (progress notifications before the result); `id:`, `event:`, `retry:` and comment lines
///   pass unchanged, so event ids and resumption keep working.
///
/// - `text/plain`: masked as text.
///
/// Anything else is not scannable (see ``ContentKind``) and never gets here.
final class ResponseMasker {
    /// How a response body is handled.
    enum ContentKind: Equatable {
        case json
        case eventStream
        /// Plain text (an upstream's error page), masked as text.
        case text
        /// Not scannable: why, for the client's error, the log and the audit record.
        case blocked(Unscannable)
        /// No body is expected.
        case empty

        /// The kind for a response's `Content-Type` and `Content-Encoding`.
        static func of(contentType: String?, contentEncoding: String?, status: Int) -> ContentKind {
            if let encoding = contentEncoding?.lowercased(), !encoding.isEmpty, encoding != "identity" {
                return .blocked(.init(reason: "the upstream answered with Content-Encoding '\(encoding)', which Veil cannot scan", encoded: true))
            }
            guard let type = contentType?.split(separator: ";").first.map({ HeaderPolicy.trim($0).lowercased() }), !type.isEmpty else {
                return status == 202 || status == 204 || status == 304 || status >= 400 ? .empty : .blocked(.init(reason: "the upstream answered without a Content-Type", encoded: false))
            }
            switch type {
            case "application/json", "application/json-rpc": return .json
            case "text/event-stream": return .eventStream
            case "text/plain": return .text
            default: return .blocked(.init(reason: "the upstream answered with Content-Type '\(type)', which Veil cannot scan", encoded: false))
            }
        }
    }

    /// Why a response cannot be scanned, and which fail-closed switch governs it: a content
    /// encoding (``GatewayConfig/FailClosed/contentEncoding``) or a content type
    /// (``GatewayConfig/FailClosed/unknownContentType``).
    struct Unscannable: Equatable {
        var reason: String
        var encoded: Bool

        /// Whether `failClosed` refuses this response (the default), rather than passing it.
        func refused(by failClosed: GatewayConfig.FailClosed) -> Bool {
            encoded ? failClosed.contentEncoding : failClosed.unknownContentType
        }
    }

    let recorder: MessageRecorder
    let kind: ContentKind
    /// SSE: how many bytes of `data:` the current line has matched so far (held back until
    /// the line is known to be a data line or not).
    var matched = 0
    static let dataField = Array("data:".utf8)
    /// SSE: whether the current line's rest goes to the recorder (a data line) or passes.
    var inData = false
    var atLineStart = true
    let output: (UnsafeRawBufferPointer) -> Void

    init(kind: ContentKind, engine: LiveEngine, session: AuditSession, metrics: GatewayMetrics?,
         output: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.kind = kind
        self.output = output
        self.recorder = MessageRecorder(live: engine, direction: .serverToClient, session: session,
                                        format: kind == .text ? .text : .json, framing: kind == .eventStream ? .lines : .whole,
                                        metrics: metrics, output: output)
    }

    /// Masks the next bytes of the body.
    func feed(_ bytes: UnsafeRawBufferPointer) throws(AuditLog.Failure) {
        switch kind {
        case .json, .text: try recorder.feed(bytes)
        case .eventStream: try feedEvents(bytes)
        case .blocked, .empty: break
        }
    }

    /// Ends the body. `complete` says the body ended normally: a JSON body's message is then
    /// whole; an event stream's open data line is always `incomplete`.
    func finish(complete: Bool) throws(AuditLog.Failure) {
        if kind == .eventStream, matched > 0 {
            emitMatched()
        }
        try recorder.finish(complete: complete && kind != .eventStream)
    }

    /// Passes on the bytes of `data:` matched so far.
    func emitMatched() {
        guard matched > 0 else { return }
        ResponseMasker.dataField.withUnsafeBytes { output(UnsafeRawBufferPointer(rebasing: $0[0..<matched])) }
        matched = 0
    }

    func feedEvents(_ bytes: UnsafeRawBufferPointer) throws(AuditLog.Failure) {
        var i = 0
        while i < bytes.count {
            if inData {
                // The rest of a data line, newline included, goes to the recorder.
                let newline = Newline.next(in: bytes, from: i)
                let end = newline.map { $0 + 1 } ?? bytes.count
                try recorder.feed(UnsafeRawBufferPointer(rebasing: bytes[i..<end]))
                if newline != nil { inData = false; atLineStart = true }
                i = end
                continue
            }
            if atLineStart {
                // Match up to five bytes to tell a data line from the others.
                let b = bytes[i]
                i += 1
                if b == ResponseMasker.dataField[matched] {
                    matched += 1
                    if matched == ResponseMasker.dataField.count {
                        emitMatched()
                        inData = true
                        atLineStart = false
                    }
                } else {
                    emitMatched()
                    withUnsafeBytes(of: b) { output($0) }
                    atLineStart = b == UInt8(ascii: "\n")
                }
                continue
            }
            // Another kind of line: unchanged up to its end.
            let newline = Newline.next(in: bytes, from: i)
            let end = newline.map { $0 + 1 } ?? bytes.count
            output(UnsafeRawBufferPointer(rebasing: bytes[i..<end]))
            if newline != nil { atLineStart = true }
            i = end
        }
    }
}
