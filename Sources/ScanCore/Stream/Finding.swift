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
    /// The rule's position in its engine (``CompiledRule/index``), or -1 when not known:
    /// lets a sink count findings without hashing a string per finding (``FindingCounter``).
    public var ruleIndex: Int

    /// A finding with every field given.
    public init(start: Int, end: Int, type: String, rule: String, ruleIndex: Int = -1) {
        self.start = start; self.end = end; self.type = type; self.rule = rule; self.ruleIndex = ruleIndex
    }

    /// The JSON line `veil scan` prints, such as `{"start":5,"end":21,"type":"EMAIL","rule":"email"}`.
    public var jsonLine: String {
        "{\"start\":\(start),\"end\":\(end),\"type\":\"\(type)\",\"rule\":\"\(rule)\"}"
    }

    /// The same as ``jsonLine``.
    public var description: String { jsonLine }

    /// Findings are equal when they mark the same bytes with the same rule and type; the
    /// index is an engine's own numbering, not part of what was found.
    public static func == (a: Finding, b: Finding) -> Bool {
        a.start == b.start && a.end == b.end && a.type == b.type && a.rule == b.rule
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(start); hasher.combine(end); hasher.combine(type); hasher.combine(rule)
    }
}

/// Counts findings per type, by rule index: an array increment per finding rather than a
/// string hash (which cost about 400 instructions per finding on dense data).
public struct FindingCounter: Sendable {
    var perRule: [Int] = []
    var others: [String: Int] = [:]

    public init() {}

    /// Counts one finding.
    public mutating func add(_ finding: Finding) {
        let r = finding.ruleIndex
        guard r >= 0 else { others[finding.type, default: 0] += 1; return }
        if r >= perRule.count { perRule.append(contentsOf: repeatElement(0, count: r + 1 - perRule.count)) }
        perRule[r] += 1
    }

    /// Forgets every count, keeping the storage.
    public mutating func removeAll() {
        for k in perRule.indices { perRule[k] = 0 }
        others.removeAll(keepingCapacity: true)
    }

    /// The counts per type, for findings of `engine`'s rules.
    public func byType(_ engine: MaskingEngine) -> [String: Int] {
        var counts = others
        for (r, n) in perRule.enumerated() where n > 0 && r < engine.rules.count {
            counts[engine.rules[r].type, default: 0] += n
        }
        return counts
    }
}
