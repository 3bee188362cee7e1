/// A configuration Veil refuses, as one sentence saying where (file, line, key) and why.
///
/// It names keys and paths, never a value that could be a secret (a key's bytes, a token).
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String

    public init(_ description: String) { self.description = description }

    /// An error at `key` of `file`, with the line when the YAML parser knows it.
    static func at(_ file: String, line: Int?, key: String, _ reason: String) -> ConfigError {
        ConfigError("\(file)\(line.map { ":\($0)" } ?? ""): '\(key)': \(reason)")
    }
}
