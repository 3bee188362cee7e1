import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM and SIGINT turned into a callback, for the gateways' graceful stop: the default
/// action (dying at once) is replaced while the returned handle is alive.
public final class StopSignals: @unchecked Sendable {
    // Unchecked Sendable: the sources are set once in init and only cancelled after.
    let sources: [DispatchSourceSignal]

    /// Calls `onStop` with the signal number on each SIGTERM or SIGINT.
    public init(_ onStop: @escaping @Sendable (Int32) -> Void) {
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { onStop(number) }
            source.resume()
            return source
        }
    }

    /// Stops listening.
    public func cancel() { sources.forEach { $0.cancel() } }
}
