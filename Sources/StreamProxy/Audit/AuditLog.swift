import Foundation
import GRDB

/// The embedded audit store: an append-only, hash-chained log in SQLite (through GRDB), in
/// WAL mode with `synchronous = NORMAL`, so readers (`veil audit`) never block the gateway and
/// a killed process leaves whole transactions only.
///
/// Each append is one transaction that inserts the entry and moves the `head` row (entry
/// count and last hash), so the chain is consistent after any crash. Thread-safe: GRDB
/// serialises writes, and the chain state is read inside each write.
public final class AuditLog: Sendable {
    let pool: DatabasePool
    /// The database file.
    public let path: String

    /// What ``verify()`` found.
    public enum Verdict: Sendable, Equatable {
        /// Every entry follows the previous one and matches its hash; `head` is the last hash.
        case intact(entries: Int64, head: Data)
        /// The first entry that breaks the chain, and why.
        case broken(entry: Int64, reason: String)
    }

    /// Why the log could not be opened or written, with the file and SQLite's reason.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Opens the log at `path`, creating it (and its schema) when missing.
    public init(path: String) throws(Failure) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            // WAL with synchronous=NORMAL: a commit is durable against the process dying
            // (kill -9 included); only a power loss can drop the newest transactions, never
            // tear one. Syncing every commit (FULL) would cap recording at a few MB/s.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            pool = try DatabasePool(path: path, configuration: configuration)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.execute(sql: """
                    CREATE TABLE entry (
                        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, session TEXT NOT NULL, message INTEGER NOT NULL,
                        time TEXT NOT NULL, direction TEXT NOT NULL, subject TEXT NOT NULL, groups TEXT, token_id TEXT,
                        method TEXT, tool TEXT, rpc_id TEXT, outcome TEXT, bytes_in INTEGER NOT NULL, bytes_out INTEGER NOT NULL,
                        masked TEXT, payload BLOB, prev_hash BLOB NOT NULL, hash BLOB NOT NULL);
                    CREATE INDEX entry_session ON entry(session, message);
                    CREATE TABLE head (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL, hash BLOB NOT NULL);
                    """)
            }
            try migrator.migrate(pool)
        } catch {
            throw Failure(description: "cannot open the audit database '\(path)': \(AuditLog.reason(error))")
        }
    }

    /// Appends `entry` at the end of the chain and returns it with its id.
    @discardableResult
    public func append(_ entry: AuditEntry) throws(Failure) -> AuditEntry {
        try append(contentsOf: [entry])[0]
    }

    /// Appends `entries` at the end of the chain, in order, in one transaction (a message's
    /// last chunk and its summary go together: half the commits of appending them apart), and
    /// returns them with their ids.
    @discardableResult
    public func append(contentsOf entries: [AuditEntry]) throws(Failure) -> [AuditEntry] {
        do {
            return try pool.write { db in
                let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT count, hash FROM head WHERE id = 1"))
                var count: Int64 = head?["count"] ?? 0
                var previous: Data = head?["hash"] ?? AuditChain.genesis
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO entry (id, kind, session, message, time, direction, subject, groups, token_id, method, tool,
                                       rpc_id, outcome, bytes_in, bytes_out, masked, payload, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                var written: [AuditEntry] = []
                for entry in entries {
                    var e = entry
                    count += 1
                    e.id = count
                    let hash = AuditChain.hash(e, after: previous)
                    try insert.execute(arguments: [e.id, e.kind.rawValue, e.session, e.message, e.time, e.direction.rawValue,
                                                   e.identity.subject, e.identity.groups, e.identity.tokenID, e.method, e.tool,
                                                   e.rpcID, e.outcome, e.bytesIn, e.bytesOut, e.masked, e.payload, previous, hash])
                    previous = hash
                    written.append(e)
                }
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO head (id, count, hash) VALUES (1, ?, ?)")
                    .execute(arguments: [count, previous])
                return written
            }
        } catch {
            throw Failure(description: "cannot write the audit database '\(path)': \(AuditLog.reason(error))")
        }
    }

    /// Walks the chain from the first entry and reports the first break: a missing or moved
    /// entry, an entry that does not follow its predecessor, changed content, or entries
    /// removed from the end.
    public func verify() throws(Failure) -> Verdict {
        do {
            return try pool.read { db in
                var previous = AuditChain.genesis
                var expected: Int64 = 1
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM entry ORDER BY id")
                while let row = try rows.next() {
                    let entry = try AuditLog.entry(row)
                    if entry.id != expected {
                        return .broken(entry: expected, reason: "entry \(expected) is missing (the next entry is \(entry.id))")
                    }
                    let storedPrevious: Data = row["prev_hash"]
                    let stored: Data = row["hash"]
                    if storedPrevious != previous {
                        return .broken(entry: entry.id, reason: "entry \(entry.id) does not follow entry \(entry.id - 1)")
                    }
                    if AuditChain.hash(entry, after: previous) != stored {
                        return .broken(entry: entry.id, reason: "entry \(entry.id) was changed after it was written")
                    }
                    previous = stored
                    expected += 1
                }
                let head = try Row.fetchOne(db, sql: "SELECT count, hash FROM head WHERE id = 1")
                let count: Int64 = head?["count"] ?? 0
                let headHash: Data = head?["hash"] ?? AuditChain.genesis
                if count != expected - 1 || headHash != previous {
                    return .broken(entry: min(count, expected), reason: "the log ends at entry \(expected - 1) but its head records \(count) entries")
                }
                return .intact(entries: count, head: headHash)
            }
        } catch {
            throw Failure(description: "cannot read the audit database '\(path)': \(AuditLog.reason(error))")
        }
    }

    /// One session's summary for `veil audit list`.
    public struct SessionSummary: Sendable {
        public var session: String
        public var started: String
        public var ended: String
        public var messages: Int64
        public var subject: String
        public var masked: Int64
    }

    /// Every session, oldest first.
    public func sessions() throws(Failure) -> [SessionSummary] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT session, MIN(time) AS started, MAX(time) AS ended, COUNT(*) AS messages, MIN(subject) AS subject,
                           MIN(id) AS first FROM entry WHERE kind = 'message' GROUP BY session ORDER BY first
                    """).map { row in
                    SessionSummary(session: row["session"], started: row["started"], ended: row["ended"],
                                   messages: row["messages"], subject: row["subject"], masked: 0)
                }
            }
        } catch {
            throw Failure(description: "cannot read the audit database '\(path)': \(AuditLog.reason(error))")
        }
    }

    /// A session's entries in order (summaries and payload chunks).
    public func entries(session: String) throws(Failure) -> [AuditEntry] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM entry WHERE session = ? ORDER BY id", arguments: [session]).map(AuditLog.entry)
            }
        } catch {
            throw Failure(description: "cannot read the audit database '\(path)': \(AuditLog.reason(error))")
        }
    }

    static func entry(_ row: Row) throws -> AuditEntry {
        guard let kind = AuditEntry.Kind(rawValue: row["kind"]), let direction = AuditEntry.Direction(rawValue: row["direction"]) else {
            throw DatabaseError(message: "entry \(row["id"] as Int64? ?? 0) has an unknown kind or direction")
        }
        var e = AuditEntry(kind: kind, session: row["session"], message: row["message"], time: row["time"], direction: direction,
                           identity: Identity(subject: row["subject"], groups: row["groups"], tokenID: row["token_id"]),
                           method: row["method"], tool: row["tool"], rpcID: row["rpc_id"], outcome: row["outcome"],
                           bytesIn: row["bytes_in"], bytesOut: row["bytes_out"], masked: row["masked"], payload: row["payload"])
        e.id = row["id"]
        return e
    }

    static func reason(_ error: Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? "SQLite error \(db.resultCode.rawValue)" }
        return "\(error)"
    }
}
