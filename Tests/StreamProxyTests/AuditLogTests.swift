import Foundation
import GRDB
import Testing
@testable import StreamProxy

/// The hash-chained audit log: intact logs verify, and every kind of tampering is caught
/// and named at the first entry it breaks.
@Suite struct AuditLogTests {
    static func temporaryLog() throws -> AuditLog {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("veil-audit-\(UUID().uuidString).db").path
        return try AuditLog(path: path)
    }

    static func fill(_ log: AuditLog, count: Int) throws {
        for k in 1...count {
            let kind: AuditEntry.Kind = k % 3 == 0 ? .chunk : .message
            try log.append(AuditEntry(kind: kind, session: "s\(k % 2)", message: Int64(k), direction: k % 2 == 0 ? .clientToServer : .serverToClient,
                                      method: "tools/call", tool: "t\(k)", rpcID: "\(k)", outcome: "ok",
                                      bytesIn: Int64(k * 10), bytesOut: Int64(k * 9), masked: AuditEntry.maskedJSON(["EMAIL": k]),
                                      payload: kind == .chunk ? Data("masked payload \(k)".utf8) : nil))
        }
    }

    @Test func anAppendedLogVerifiesAndReopensWhereItStopped() throws {
        let log = try Self.temporaryLog()
        try Self.fill(log, count: 12)
        guard case .intact(let n, _) = try log.verify() else { Issue.record("not intact"); return }
        #expect(n == 12)
        let reopened = try AuditLog(path: log.path)
        try Self.fill(reopened, count: 3)
        guard case .intact(let m, _) = try reopened.verify() else { Issue.record("not intact after reopening"); return }
        #expect(m == 15)
    }

    @Test(arguments: [
        ("edit a summary", "UPDATE entry SET outcome = 'error' WHERE id = 5", Int64(5)),
        ("edit a payload", "UPDATE entry SET payload = X'00' WHERE id = 6", Int64(6)),
        ("edit the identity", "UPDATE entry SET subject = 'root' WHERE id = 2", Int64(2)),
        ("delete from the middle", "DELETE FROM entry WHERE id = 7", Int64(7)),
        ("delete the last entry", "DELETE FROM entry WHERE id = 12", Int64(12)),
        ("move an entry", "UPDATE entry SET id = 100 WHERE id = 3", Int64(3)),
        ("swap two entries", "UPDATE entry SET id = -1 WHERE id = 4; UPDATE entry SET id = 4 WHERE id = 8; UPDATE entry SET id = 8 WHERE id = -1", Int64(4)),
        ("overwrite a stored hash", "UPDATE entry SET hash = X'00' WHERE id = 9", Int64(9)),
    ])
    func tamperingIsNamed(what: String, sql: String, firstBad: Int64) throws {
        let log = try Self.temporaryLog()
        try Self.fill(log, count: 12)
        try log.pool.write { db in try db.execute(sql: sql) }
        let verdict = try log.verify()
        guard case .broken(let entry, let reason) = verdict else { Issue.record("\(what): still intact"); return }
        #expect(entry == firstBad, "\(what): \(reason)")
        #expect(reason.contains("\(entry)"))
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("veil-not-a-db-\(UUID().uuidString)").path
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: AuditLog.Failure.self) { try AuditLog(path: path) }
        do { _ = try AuditLog(path: path) } catch { #expect(error.description.contains(path)) }
    }
}
