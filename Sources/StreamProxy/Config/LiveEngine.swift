import ScanCore
import Synchronization

/// The masking engine in force, replaceable while the gateway runs (SIGHUP).
///
/// Each message takes the engine current when it starts and keeps it to its end, so a
/// reload never changes the rules under a message half masked, and never drops a connection.
/// A setup that fails to load is refused whole, and the engine in force stays.
public final class LiveEngine: Sendable {
    /// How the engine is built again on reload.
    public let setup: MaskingSetup
    let engine: Mutex<MaskingEngine>

    /// An engine built from `setup` now; a bad setup throws.
    public init(setup: MaskingSetup) throws(ConfigError) {
        self.setup = setup
        self.engine = Mutex(try setup.engine())
    }

    /// An engine that is never reloaded from files (tests, fixed setups).
    public init(fixed engine: MaskingEngine) {
        self.setup = MaskingSetup()
        self.engine = Mutex(engine)
    }

    /// The engine in force.
    public var current: MaskingEngine { engine.withLock { $0 } }

    /// Builds the engine again from the setup's files and puts it in force. On error the
    /// engine in force stays, and the error says why.
    @discardableResult
    public func reload() throws(ConfigError) -> MaskingEngine {
        let next = try setup.engine()
        engine.withLock { $0 = next }
        return next
    }
}
