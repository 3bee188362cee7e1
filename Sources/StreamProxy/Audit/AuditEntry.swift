import Foundation

/// One entry of the audit log: a message's summary, or one chunk of its masked payload.
///
/// A message is recorded as its payload chunks, appended as the bytes stream through (so a
/// large payload is never held in memory), then one summary with what is known only at the
/// end: the outcome, byte counts and masked values per type. Every entry is hash-chained
/// (``AuditChain``). Payloads are always masked output; raw bytes never reach the log.
public struct AuditEntry: Sendable, Equatable {
    /// What an entry holds.
    public enum Kind: String, Sendable {
        /// A message's summary, appended when the message ends.
        case message
        /// A chunk of a message's masked payload, in order.
        case chunk
    }

    /// Which way a message went.
    public enum Direction: String, Sendable {
        /// From the MCP client to the server (requests, tool arguments).
        case clientToServer = "client"
        /// From the MCP server to the client (results, notifications).
        case serverToClient = "server"
    }

    /// The position in the log, from 1, assigned on append.
    public var id: Int64
    public var kind: Kind
    /// The session the message belongs to (one per `veil wrap` run or HTTP session).
    public var session: String
    /// The message's number within its session, from 1.
    public var message: Int64
    /// When the entry was appended, ISO 8601 in UTC with milliseconds.
    public var time: String
    public var direction: Direction
    /// The caller's identity: `anonymous` until authentication is configured.
    public var identity: Identity
    /// The JSON-RPC method, when known (for a response, the request's).
    public var method: String?
    /// The tool, prompt or resource name, when the method names one.
    public var tool: String?
    /// The JSON-RPC id, as written in the message.
    public var rpcID: String?
    /// `ok`, `error` (a JSON-RPC error), `blocked` or `incomplete` (the stream ended mid-message).
    public var outcome: String?
    /// Bytes received and bytes forwarded.
    public var bytesIn: Int64
    public var bytesOut: Int64
    /// Masked values per finding type, as a JSON object with sorted keys.
    public var masked: String?
    /// A chunk's masked bytes.
    public var payload: Data?

    /// An entry with every field given; `id` is assigned when it is appended.
    public init(kind: Kind, session: String, message: Int64, time: String = AuditEntry.now(), direction: Direction,
                identity: Identity = .anonymous, method: String? = nil, tool: String? = nil, rpcID: String? = nil,
                outcome: String? = nil, bytesIn: Int64 = 0, bytesOut: Int64 = 0, masked: String? = nil, payload: Data? = nil) {
        self.id = 0
        self.kind = kind; self.session = session; self.message = message; self.time = time; self.direction = direction
        self.identity = identity; self.method = method; self.tool = tool; self.rpcID = rpcID; self.outcome = outcome
        self.bytesIn = bytesIn; self.bytesOut = bytesOut; self.masked = masked; self.payload = payload
    }

    /// The current time in the log's format: RFC 3339 in UTC with milliseconds, such as
    /// `2026-11-25T21:23:54.741Z`. Formatted by hand from the system clock: a Foundation
    /// date formatter costs more than masking a small message (it was a quarter of the
    /// gateway's CPU time on 1 KiB round trips).
    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(spec.tv_nsec / 1_000_000), 3))Z"
    }

    /// Masked counts per type as the JSON object stored in ``masked`` (sorted keys, so the
    /// hash input is canonical).
    public static func maskedJSON(_ counts: [String: Int]) -> String? {
        guard !counts.isEmpty else { return nil }
        return "{" + counts.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }
}

/// Who made a request. Until authentication lands this is always ``anonymous``; the log
/// already has room for the subject, groups and token id an identity provider will supply.
public struct Identity: Sendable, Equatable {
    public var subject: String
    /// Group names, comma-separated, when known.
    public var groups: String?
    /// The token's id (`jti`), when known; never the token.
    public var tokenID: String?

    /// An identity with every field given.
    public init(subject: String, groups: String? = nil, tokenID: String? = nil) {
        self.subject = subject; self.groups = groups; self.tokenID = tokenID
    }

    /// No verified identity.
    public static let anonymous = Identity(subject: "anonymous")
}
