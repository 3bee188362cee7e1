import Foundation
import Synchronization

/// One recorded session: its id, the caller's identity, the log, the message counter shared
/// by both directions, and which request each response answers (so a response is recorded
/// with its request's method and tool). Thread-safe.
public final class AuditSession: Sendable {
    /// The session id: a random UUID per `veil wrap` run.
    public let id: String
    public let identity: Identity
    /// The log, or nil when recording is off.
    public let log: AuditLog?

    struct State {
        var messages: Int64 = 0
        /// Open requests by JSON-RPC id: their method and tool, and who sent them.
        var requests: [String: (method: String?, tool: String?, direction: AuditEntry.Direction)] = [:]
    }
    let state = Mutex(State())

    /// A new session recording into `log`.
    public init(log: AuditLog?, identity: Identity = .anonymous, id: String = UUID().uuidString.lowercased()) {
        self.id = id
        self.identity = identity
        self.log = log
    }

    /// The next message number.
    func nextMessage() -> Int64 {
        state.withLock { $0.messages += 1; return $0.messages }
    }

    /// The client's requests that have no response yet, by id (as written), with their method and tool.
    func unanswered() -> [(id: String, method: String?, tool: String?)] {
        state.withLock { state in
            state.requests.filter { $0.value.direction == .clientToServer }.map { ($0.key, $0.value.method, $0.value.tool) }
                .sorted { $0.0 < $1.0 }
        }
    }

    /// The method and tool to record for a message: its own for requests and
    /// notifications; for a response, those of the request with the same id (once).
    func correlate(_ summary: MessageSummary, direction: AuditEntry.Direction) -> (method: String?, tool: String?) {
        state.withLock { state in
            if let method = summary.method {
                if let id = summary.id, state.requests.count < 10_000 { state.requests[id] = (method, summary.tool, direction) }
                return (method, summary.tool)
            }
            if let id = summary.id, let request = state.requests.removeValue(forKey: id) { return (request.method, request.tool) }
            return (nil, nil)
        }
    }
}
