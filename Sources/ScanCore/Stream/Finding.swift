/// One masked value: where it was in the input and which rule matched it. Never the value.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// The byte offset of the first masked byte in the input stream.
    public var start: Int
    /// The byte offset just past the last masked byte.
    public var end: Int
    /// The finding type, such as `EMAIL`.
    public var type: String
    /// The rule's name, such as `email`.
    public var rule: String

    /// A finding with every field given.
    public init(start: Int, end: Int, type: String, rule: String) {
        self.start = start; self.end = end; self.type = type; self.rule = rule
    }

    /// The JSON line `veil scan` prints, such as `{"start":5,"end":21,"type":"EMAIL","rule":"email"}`.
    public var jsonLine: String {
        "{\"start\":\(start),\"end\":\(end),\"type\":\"\(type)\",\"rule\":\"\(rule)\"}"
    }

    /// The same as ``jsonLine``.
    public var description: String { jsonLine }
}
