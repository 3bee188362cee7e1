import Crypto
import Foundation

/// The audit log's hash chain: each entry's hash is SHA-256 over the previous entry's hash
/// and the entry's canonical encoding, so editing, deleting or reordering any entry breaks
/// every hash after it.
///
/// The canonical encoding is every field in a fixed order, each as a one-byte tag, a
/// presence byte and, when present, an 8-byte little-endian length and the bytes. The id is
/// included, so moving an entry is detected even when its content is copied intact.
///
/// Decision: the chain has no secret key. Anyone who can write the database file can rebuild
/// a consistent chain from scratch; what the chain proves is that the log was not changed
/// after the fact without rewriting everything after the change. Deleting the newest entries
/// is caught by the `head` row (the count and last hash, written in the same transaction as
/// each entry); publishing the head elsewhere is what makes truncation provable.
public enum AuditChain {
    /// The hash before the first entry.
    public static let genesis = Data(repeating: 0, count: 32)

    /// The hash of `entry` after `previous`.
    public static func hash(_ entry: AuditEntry, after previous: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        var buffer = Data()
        func field(_ tag: UInt8, _ bytes: Data?) {
            buffer.append(tag)
            guard let bytes else { buffer.append(0); return }
            buffer.append(1)
            var length = UInt64(bytes.count).littleEndian
            withUnsafeBytes(of: &length) { buffer.append(contentsOf: $0) }
            buffer.append(bytes)
        }
        func text(_ tag: UInt8, _ s: String?) { field(tag, s.map { Data($0.utf8) }) }
        text(1, String(entry.id))
        text(2, entry.kind.rawValue)
        text(3, entry.session)
        text(4, String(entry.message))
        text(5, entry.time)
        text(6, entry.direction.rawValue)
        text(7, entry.identity.subject)
        text(8, entry.identity.groups)
        text(9, entry.identity.tokenID)
        text(10, entry.method)
        text(11, entry.tool)
        text(12, entry.rpcID)
        text(13, entry.outcome)
        text(14, String(entry.bytesIn))
        text(15, String(entry.bytesOut))
        text(16, entry.masked)
        field(17, entry.payload)
        hasher.update(data: buffer)
        return Data(hasher.finalize())
    }
}
