import ScanCore
#if canImport(Glibc)
import Glibc
#endif

/// Where a masking engine comes from: the built-in rules, rule files applied on top, actions
/// set per type, and the pseudonymization key. The gateway keeps its setup so that SIGHUP
/// can build the engine again from the same files (``LiveEngine``).
public struct MaskingSetup: Sendable {
    /// Where the pseudonymization key is read from.
    public enum KeySource: Sendable, Equatable {
        /// An environment variable holding the key's text.
        case environment(String)
        /// A file holding the key (a trailing newline is dropped).
        case file(String)
    }

    /// An action for every rule of a type, as set in the config file.
    public struct TypeAction: Sendable, Equatable {
        public var type: String
        public var action: Action
        public init(type: String, action: Action) { self.type = type; self.action = action }
    }

    /// The shortest key accepted, in bytes.
    public static let minimumKeyLength = 16

    /// Rule files applied on top of the built-in rules, in order.
    public var ruleFiles: [String]
    /// Actions applied after the rule files, by type.
    public var actions: [TypeAction]
    /// The key source; the default is the `VEIL_PSEUDONYM_KEY` environment variable.
    public var key: KeySource
    /// What the actions are named as in errors (`masking.actions` of a config file).
    public var actionsOrigin: String

    public init(ruleFiles: [String] = [], actions: [TypeAction] = [], key: KeySource = .environment("VEIL_PSEUDONYM_KEY"),
                actionsOrigin: String = "masking.actions") {
        self.ruleFiles = ruleFiles
        self.actions = actions
        self.key = key
        self.actionsOrigin = actionsOrigin
    }

    /// The rule set: built-ins, every rule file in order, then the actions by type.
    public func ruleSet() throws(ConfigError) -> RuleSet {
        var set = RuleSet.builtin
        for file in ruleFiles {
            let text = try SmallFile.readText(file, what: "rule file")
            do { try set.apply(yaml: text, file: file) } catch { throw ConfigError(error.description) }
        }
        for entry in actions where set.setAction(entry.action, forType: entry.type, origin: actionsOrigin) == 0 {
            throw ConfigError("'\(actionsOrigin).\(entry.type)': no rule has type '\(entry.type)'; the types are \(set.types.joined(separator: ", ")).")
        }
        return set
    }

    /// The pseudonymization key, or nil when its source is an unset environment variable.
    public func pseudonymKey() throws(ConfigError) -> [UInt8]? {
        var key: [UInt8]
        let source: String
        switch self.key {
        case .file(let path):
            key = try SmallFile.readBytes(path, what: "pseudonymization key file")
            while let last = key.last, last == 10 || last == 13 { key.removeLast() }
            source = "the key file '\(path)'"
        case .environment(let name):
            guard let value = getenv(name) else { return nil }
            key = Array(String(cString: value).utf8)
            source = "the environment variable \(name)"
        }
        guard key.count >= Self.minimumKeyLength else {
            throw ConfigError("the pseudonymization key must be at least \(Self.minimumKeyLength) bytes long (\(source) has \(key.count)).")
        }
        return key
    }

    /// The compiled engine. With `needsKey` false (scanning, which renders no replacement),
    /// a placeholder key stands in when none was given.
    public func engine(needsKey: Bool = true) throws(ConfigError) -> MaskingEngine {
        let set = try ruleSet()
        let key = try pseudonymKey() ?? (needsKey ? nil : Array(repeating: 0, count: 32))
        do { return try set.compile(pseudonymKey: key) } catch { throw ConfigError(error.description) }
    }
}
