import ScanCore

/// Precision, recall and leaks per type, and time per rule, accumulated over corpus shapes.
struct QualityScore {
    struct TypeCounts { var findings = 0, correct = 0, truth = 0, recalled = 0, leaks = 0 }
    struct ShapeRow { var shape: String; var bytes: Int; var seconds: Double; var truth: Int; var findings: Int; var leaks: Int }

    let rules: [String]
    var types: [String: TypeCounts] = [:]
    var shapes: [ShapeRow] = []
    var confirms: [Int]
    var confirmNanos: [Int]
    var totalSeconds = 0.0

    init(rules: [String]) {
        self.rules = rules
        confirms = Array(repeating: 0, count: rules.count)
        confirmNanos = Array(repeating: 0, count: rules.count)
    }

    var totalLeaks: Int { shapes.reduce(0) { $0 + $1.leaks } }

    /// Scores one shape. Findings and truth are sorted by start.
    mutating func add(shape: String, bytes: Int, seconds: Double, findings: [Finding], truth: [TruthSpan], confirms: [Int], confirmNanos: [Int]) {
        var leaks = 0
        // Findings are disjoint and in order, so one sweep matches them against the truth.
        var k = 0
        for t in truth {
            types[t.type, default: TypeCounts()].truth += 1
            while k < findings.count, findings[k].end <= t.start { k += 1 }
            var j = k, covered = t.start, recalled = false
            while j < findings.count, findings[j].start < t.end {
                if findings[j].type == t.type { recalled = true }
                if findings[j].start <= covered { covered = max(covered, findings[j].end) }
                j += 1
            }
            if recalled { types[t.type]!.recalled += 1 }
            if covered < t.end { types[t.type]!.leaks += 1; leaks += 1 }
        }
        var i = 0
        for f in findings {
            types[f.type, default: TypeCounts()].findings += 1
            while i < truth.count, truth[i].end <= f.start { i += 1 }
            var j = i
            while j < truth.count, truth[j].start < f.end {
                if truth[j].type == f.type { types[f.type]!.correct += 1; break }
                j += 1
            }
        }
        for r in rules.indices { self.confirms[r] += confirms[r]; self.confirmNanos[r] += confirmNanos[r] }
        totalSeconds += seconds
        shapes.append(ShapeRow(shape: shape, bytes: bytes, seconds: seconds, truth: truth.count, findings: findings.count, leaks: leaks))
    }

    static func percent(_ a: Int, _ b: Int) -> Double { b == 0 ? 100 : Double(a) * 100 / Double(b) }
    static func fixed(_ x: Double, _ digits: Int = 2) -> String {
        let scale = [1.0, 10, 100, 1000][digits]
        let v = (x * scale).rounded() / scale
        var s = String(v)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 { s += "." + String(repeating: "0", count: digits) }
        return s
    }
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }

    var overallRecall: Double {
        let t = types.values.reduce(0) { $0 + $1.truth }, r = types.values.reduce(0) { $0 + $1.recalled }
        return Self.percent(r, t)
    }

    func text() -> String {
        var out = Self.pad("SHAPE", 14) + Self.pad("BYTES", 12) + Self.pad("MB/s", 10) + Self.pad("VALUES", 9) + Self.pad("FINDINGS", 10) + "LEAKS\n"
        for s in shapes {
            out += Self.pad(s.shape, 14) + Self.pad(String(s.bytes), 12) + Self.pad(Self.fixed(Double(s.bytes) / 1e6 / max(s.seconds, 1e-9), 1), 10)
                + Self.pad(String(s.truth), 9) + Self.pad(String(s.findings), 10) + String(s.leaks) + "\n"
        }
        out += "\n" + Self.pad("TYPE", 18) + Self.pad("PRECISION", 11) + Self.pad("RECALL", 10) + Self.pad("LEAKS", 7) + Self.pad("FINDINGS", 10) + "VALUES\n"
        for (type, c) in types.sorted(by: { $0.key < $1.key }) {
            out += Self.pad(type, 18) + Self.pad(Self.fixed(Self.percent(c.correct, c.findings)) + "%", 11)
                + Self.pad(Self.fixed(Self.percent(c.recalled, c.truth)) + "%", 10) + Self.pad(String(c.leaks), 7)
                + Self.pad(String(c.findings), 10) + String(c.truth) + "\n"
        }
        out += "overall recall \(Self.fixed(overallRecall))%, \(totalLeaks) leaks\n"
        out += "\n" + Self.pad("RULE", 18) + Self.pad("CONFIRMS", 11) + Self.pad("TIME ms", 10) + "SHARE OF SCAN TIME\n"
        let total = max(totalSeconds * 1e9, 1)
        for r in rules.indices where confirms[r] > 0 {
            out += Self.pad(rules[r], 18) + Self.pad(String(confirms[r]), 11) + Self.pad(Self.fixed(Double(confirmNanos[r]) / 1e6, 1), 10)
                + Self.fixed(Double(confirmNanos[r]) * 100 / total, 1) + "%\n"
        }
        let rest = total - Double(confirmNanos.reduce(0, +))
        out += Self.pad("(prefilter, streaming, output)", 39) + Self.pad(Self.fixed(rest / 1e6, 1), 10) + Self.fixed(rest * 100 / total, 1) + "%"
        return out
    }

    func json() -> String {
        let shapeItems = shapes.map { s in
            "{\"shape\":\"\(s.shape)\",\"bytes\":\(s.bytes),\"seconds\":\(s.seconds),\"values\":\(s.truth),\"findings\":\(s.findings),\"leaks\":\(s.leaks)}"
        }
        let typeItems = types.sorted(by: { $0.key < $1.key }).map { type, c in
            "\"\(type)\":{\"precision\":\(Self.percent(c.correct, c.findings) / 100),\"recall\":\(Self.percent(c.recalled, c.truth) / 100),\"leaks\":\(c.leaks),\"findings\":\(c.findings),\"values\":\(c.truth)}"
        }
        let total = max(totalSeconds * 1e9, 1)
        let ruleItems = rules.indices.map { r in
            "{\"rule\":\"\(rules[r])\",\"confirms\":\(confirms[r]),\"nanoseconds\":\(confirmNanos[r]),\"share\":\(Double(confirmNanos[r]) / total)}"
        }
        return "{\"shapes\":[\(shapeItems.joined(separator: ","))],\"types\":{\(typeItems.joined(separator: ","))},\"rules\":[\(ruleItems.joined(separator: ","))],\"overall\":{\"recall\":\(overallRecall / 100),\"leaks\":\(totalLeaks)}}"
    }
}
