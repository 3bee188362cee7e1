/// Accumulates a corpus document and the ground truth of what in it must be masked.
///
/// Values can be written raw, inside a JSON string (escaped once), or inside a JSON string
/// that itself holds JSON (escaped twice); the truth spans follow the escaping, so they are
/// byte offsets into the document as written.
public struct CorpusWriter {
    /// How a value is embedded.
    public enum Escaping: Int, Sendable {
        case raw = 0, jsonString = 1, jsonInJSONString = 2
    }

    /// One labelled span: `start ..< end` must be masked as `type`.
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var type: String

        /// `{"start":S,"end":E,"type":"T"}`.
        public var jsonLine: String { "{\"start\":\(start),\"end\":\(end),\"type\":\"\(type)\"}" }
    }

    /// The document so far.
    public private(set) var bytes: [UInt8] = []
    /// The labelled spans so far, in order.
    public private(set) var truth: [Span] = []
    /// The byte offset where the next write lands.
    public var count: Int { bytes.count }

    /// An empty writer.
    public init() {}

    /// Appends text that holds no value to mask, escaped as given.
    public mutating func text(_ s: String, _ escaping: Escaping = .raw) {
        bytes.append(contentsOf: CorpusWriter.escape(Array(s.utf8), escaping))
    }

    /// Appends raw bytes (for invalid UTF-8 and other adversarial input).
    public mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    /// Appends a planted value, escaped as given, and records its masked part.
    public mutating func value(_ v: PlantedValue, _ escaping: Escaping = .raw) {
        let all = Array(v.text.utf8)
        let prefix = CorpusWriter.escape(Array(all[..<v.masked.lowerBound]), escaping)
        let secret = CorpusWriter.escape(Array(all[v.masked]), escaping)
        let suffix = CorpusWriter.escape(Array(all[v.masked.upperBound...]), escaping)
        bytes.append(contentsOf: prefix)
        truth.append(Span(start: bytes.count, end: bytes.count + secret.count, type: v.type))
        bytes.append(contentsOf: secret)
        bytes.append(contentsOf: suffix)
    }

    /// JSON string escaping, applied `level` times.
    static func escape(_ input: [UInt8], _ level: Escaping) -> [UInt8] {
        var out = input
        for _ in 0..<level.rawValue {
            var next: [UInt8] = []
            next.reserveCapacity(out.count + 8)
            for b in out {
                switch b {
                case UInt8(ascii: "\""): next += [0x5C, 0x22]
                case UInt8(ascii: "\\"): next += [0x5C, 0x5C]
                case 0x0A: next += [0x5C, UInt8(ascii: "n")]
                case 0x09: next += [0x5C, UInt8(ascii: "t")]
                case 0x0D: next += [0x5C, UInt8(ascii: "r")]
                default: next.append(b)
                }
            }
            out = next
        }
        return out
    }
}
