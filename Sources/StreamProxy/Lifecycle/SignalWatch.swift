import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Signals turned into a callback: the gateways' graceful stop (SIGTERM, SIGINT) and rule
/// reload (SIGHUP). The signals' default action (dying at once) is replaced while the
/// returned handle is alive.
public final class SignalWatch: @unchecked Sendable {
    // Unchecked Sendable: the sources are set once in init and only cancelled after.
    let sources: [DispatchSourceSignal]

    /// The signals that stop a gateway gracefully.
    public static let stop = [SIGTERM, SIGINT]
    /// The signal that reloads a gateway's rule files.
    public static let reload = [SIGHUP]

    /// Calls `handler` with the signal number each time one of `signals` arrives.
    public init(_ signals: [Int32], _ handler: @escaping @Sendable (Int32) -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    /// Stops listening.
    public func cancel() { sources.forEach { $0.cancel() } }
}
