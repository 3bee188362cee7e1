/// A value put into generated text, with the bytes a masker must replace.
public struct PlantedValue: Sendable, Hashable {
    /// The full text to insert, such as `Authorization: Bearer abc…` or `john@example.com`.
    public var text: String
    /// The byte range of `text` that must be masked (the secret part; often all of it).
    public var masked: Range<Int>
    /// The finding type, such as `EMAIL`.
    public var type: String

    /// A value whose whole text is masked.
    public init(_ text: String, type: String) {
        self.text = text; self.masked = 0..<text.utf8.count; self.type = type
    }

    /// A value whose `secret` part, following `prefix`, is masked.
    public init(prefix: String, secret: String, suffix: String = "", type: String) {
        self.text = prefix + secret + suffix
        let start = prefix.utf8.count
        self.masked = start..<(start + secret.utf8.count)
        self.type = type
    }

    /// The masked bytes, which must never appear in masked output.
    public var secret: Substring { Substring(String(decoding: Array(text.utf8)[masked], as: UTF8.self)) }
}
