import Foundation
import Logging
import ScanCore
#if canImport(Glibc)
import Glibc
#endif

/// `veil wrap`: runs a stdio MCP server as a child process and stands between it and the
/// client on this process's stdin and stdout.
///
/// - Client to server: bytes are forwarded unchanged (the server needs the real arguments)
///   and each message is recorded masked.
/// - Server to client: each message is masked as it streams (``MessageRecorder``: one masker
///   per newline-delimited message, finished at the newline so nothing waits for the next
///   message), written to stdout and recorded.
/// - The child's stderr passes through to this process's stderr, masked line by line as
///   text (a server's log lines are no place for raw personal data either), not recorded.
///
/// Fail closed: when the audit log cannot be written, the bridge stops forwarding, ends the
/// child and reports the failure; no unrecorded message is forwarded after it.
public final class StdioBridge: @unchecked Sendable {
    // Unchecked Sendable: each recorder and each pipe end is used by exactly one of the two
    // pump threads; `failure` is guarded by a lock.
    let command: [String]
    let engine: LiveEngine
    let session: AuditSession
    let logger: Logger
    let lock = NSLock()
    var failure: String?
    var child: Process?

    /// Why the child could not be started, or the session had to stop.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A bridge running `command` (the program and its arguments; the program is looked up
    /// on `PATH` when it has no slash).
    public init(command: [String], engine: LiveEngine, session: AuditSession, logger: Logger) {
        self.command = command
        self.engine = engine
        self.session = session
        self.logger = logger
    }

    /// Runs the child until it exits and both streams are drained; returns its exit status
    /// (128 + the signal number when a signal ended it).
    public func run() throws(Failure) -> Int32 {
        guard let program = command.first else { throw Failure(description: "no command to run after '--'.") }
        guard let executable = StdioBridge.resolve(program) else { throw StdioBridge.notFound(program) }
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        let toChild = Pipe(), fromChild = Pipe()
        process.standardInput = toChild
        process.standardOutput = fromChild
        let childErrors = Pipe()
        process.standardError = childErrors
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run '\(program)': \(error.localizedDescription)")
        }
        logger.info("wrapped server started", metadata: ["session": "\(session.id)", "pid": "\(process.processIdentifier)"])

        lock.withLock { child = process }
        let childIn = toChild.fileHandleForWriting.fileDescriptor
        let childOut = fromChild.fileHandleForReading.fileDescriptor
        let responsesDone = DispatchSemaphore(value: 0)
        Thread { [self] in
            let pending = PendingOutput()
            let recorder = MessageRecorder(live: engine, direction: .serverToClient, session: session) { pending.append($0) }
            pump(from: childOut, recorder: recorder, output: (pending, 1)) {}
            answerUnanswered(recorder)
            StdioBridge.flush(pending, to: 1)
            responsesDone.signal()
        }.start()
        Thread { [self] in
            let pending = PendingOutput()
            let recorder = MessageRecorder(live: engine, direction: .serverToClient, session: AuditSession(log: nil),
                                           format: .text) { pending.append($0) }
            pump(from: childErrors.fileHandleForReading.fileDescriptor, recorder: recorder, output: (pending, 2)) {}
        }.start()
        // Requests: when the client closes stdin, the child's stdin is closed too. This
        // thread may still be blocked reading stdin when the child exits; the process ends then.
        Thread { [self] in
            let recorder = MessageRecorder(live: engine, direction: .clientToServer, session: session, output: nil)
            pump(from: 0, recorder: recorder, forward: childIn) { try? toChild.fileHandleForWriting.close() }
        }.start()
        // SIGTERM or SIGINT: pass it to the server and let its last output drain through the
        // masker and into the log; a server still running 3 seconds later is killed.
        let signals = SignalWatch(SignalWatch.stop) { [logger, session] number in
            logger.info("stopping on a signal", metadata: ["session": "\(session.id)", "signal": "\(number)"])
            kill(process.processIdentifier, number)
            DispatchQueue.global().asyncAfter(deadline: .now() + 3) {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
        }
        defer { signals.cancel() }
        process.waitUntilExit()
        responsesDone.wait()
        if let failure = lock.withLock({ failure }) {
            throw Failure(description: failure)
        }
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        logger.info("wrapped server exited", metadata: ["session": "\(session.id)", "status": "\(status)"])
        return status
    }

    /// Reads `fd` to its end, forwarding raw bytes to `forward` (when given) and feeding the
    /// recorder, whose masked bytes (gathered in `output`'s buffer) go to `output`'s
    /// descriptor once per read; stops everything when recording fails.
    func pump(from fd: Int32, recorder: MessageRecorder, forward: Int32? = nil, output: (PendingOutput, Int32)? = nil,
              atEnd: () -> Void) {
        func flush() {
            if let (pending, fd) = output { StdioBridge.flush(pending, to: fd) }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            do {
                // Record first: a message is forwarded only once its bytes are in the log.
                try recorder.feed(bytes)
            } catch {
                stop(error.description)
                break
            }
            flush()
            if let forward { StdioBridge.writeAll(forward, bytes) }
        }
        do {
            try recorder.finish()
            flush()
        } catch {
            stop(error.description)
        }
        atEnd()
    }

    /// When the server's output ends, every request it left unanswered gets a JSON-RPC error,
    /// so the client does not wait forever; a message cut off mid-line is ended with a newline
    /// first (its client sees one unparseable line). Each error is recorded like any message.
    func answerUnanswered(_ recorder: MessageRecorder) {
        if recorder.cutOff { [UInt8(ascii: "\n")].withUnsafeBytes { StdioBridge.writeAll(1, $0) } }
        for request in session.unanswered() {
            let line = GatewayError.json(id: request.id, code: -32603, message: "the MCP server closed its output before answering (veil)") + "\n"
            let bytes = Array(line.utf8)
            var failure: AuditLog.Failure?
            bytes.withUnsafeBytes { raw in
                do throws(AuditLog.Failure) { try recorder.feed(raw) } catch { failure = error }
            }
            if let failure {
                stop(failure.description)
                return
            }
            logger.warning("server ended before answering", metadata: ["session": "\(session.id)", "method": "\(request.method ?? "-")"])
        }
    }

    /// Records the first failure and ends the child, so nothing more is forwarded.
    func stop(_ reason: String) {
        let process = lock.withLock { () -> Process? in
            if failure == nil { failure = reason }
            return child
        }
        logger.error("stopping: the audit log failed", metadata: ["session": "\(session.id)"])
        if let process, process.isRunning { process.terminate() }
    }

    /// Writes what `pending` gathered to `fd`.
    static func flush(_ pending: PendingOutput, to fd: Int32) {
        pending.take()?.withUnsafeReadableBytes { writeAll(fd, $0) }
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    /// The error for a program ``resolve(_:)`` cannot find.
    public static func notFound(_ program: String) -> Failure {
        Failure(description: program.contains("/") ? "cannot run '\(program)': no such executable file."
                                                    : "cannot run '\(program)': no such executable on PATH.")
    }

    /// The executable for `program`: itself when it holds a slash, else the first match on PATH.
    public static func resolve(_ program: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
