import ArgumentParser
import Foundation
import StreamProxy

/// `veil audit`: check and read the audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify and read the hash-chained audit log.",
        subcommands: [Verify.self, List.self, Show.self]
    )

    struct Database: ParsableArguments {
        @Option(name: .customLong("audit-db"), help: ArgumentHelp("The SQLite audit log.", valueName: "PATH"))
        var path: String

        func open() throws -> AuditLog {
            guard FileManager.default.fileExists(atPath: path) else { throw CLIError.config("no audit database at '\(path)'.") }
            do { return try AuditLog(path: path) } catch { throw CLIError.config(error.description) }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain: exit 0 when intact, 1 naming the first bad entry after any edit, deletion or reordering.")
        @OptionGroup var database: Database

        func run() throws {
            let log = try database.open()
            let verdict: AuditLog.Verdict
            do { verdict = try log.verify() } catch { throw CLIError.runtime(error.description) }
            switch verdict {
            case .intact(let entries, let head):
                print("intact: \(entries) entries, head \(head.map { String(format: "%02x", $0) }.joined())")
            case .broken(let entry, let reason):
                throw CLIError.runtime("broken at entry \(entry): \(reason).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the recorded sessions, oldest first.")
        @OptionGroup var database: Database

        func run() throws {
            let log = try database.open()
            let sessions: [AuditLog.SessionSummary]
            do { sessions = try log.sessions() } catch { throw CLIError.runtime(error.description) }
            print("SESSION\tSTARTED\tENDED\tMESSAGES\tSUBJECT")
            for s in sessions { print("\(s.session)\t\(s.started)\t\(s.ended)\t\(s.messages)\t\(s.subject)") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replay one session: each message's summary and its masked payload.")
        @OptionGroup var database: Database
        @Argument(help: ArgumentHelp("The session id, as `veil audit list` prints it.", valueName: "SESSION"))
        var session: String

        func run() throws {
            let log = try database.open()
            let entries: [AuditEntry]
            do { entries = try log.entries(session: session) } catch { throw CLIError.runtime(error.description) }
            guard !entries.isEmpty else { throw CLIError.config("no session '\(session)' in '\(database.path)'.") }
            var payloads: [Int64: Data] = [:]
            for entry in entries {
                switch entry.kind {
                case .chunk:
                    payloads[entry.message, default: Data()].append(entry.payload ?? Data())
                case .message:
                    let arrow = entry.direction == .clientToServer ? "client -> server" : "server -> client"
                    var line = "#\(entry.message) \(entry.time) \(arrow) \(entry.identity.subject)"
                    if let method = entry.method { line += " \(method)" }
                    if let tool = entry.tool { line += " \(tool)" }
                    if let id = entry.rpcID { line += " id=\(id)" }
                    line += " \(entry.outcome ?? "-") in=\(entry.bytesIn) out=\(entry.bytesOut)"
                    if let masked = entry.masked { line += " masked=\(masked)" }
                    print(line)
                    if let payload = payloads.removeValue(forKey: entry.message) {
                        print(String(decoding: payload, as: UTF8.self))
                    }
                }
            }
        }
    }
}
