/// Derives a ``PrefilterHint`` from a pattern when a rule gives none.
///
/// In order of preference: a literal prefix of two or more bytes (a probe on up to eight of
/// them); else the set of first bytes PCRE2 reports (`PCRE2_INFO_FIRSTBITMAP`), one probe per
/// range; else every position. A leading `\b` before word-character first bytes gives `notAfter`.
enum PrefilterDerivation {
    static func hint(pattern: String, firstBytes: ByteSet?) -> PrefilterHint {
        var bytes = Array(pattern.utf8)
        var notAfter = ByteSet()
        var hasBoundary = false
        if bytes.starts(with: Array(#"\b"#.utf8)) { bytes.removeFirst(2); hasBoundary = true }
        // `\b` binds the first alternative only, so a top-level `|` voids the inference.
        if hasBoundary, !hasTopLevelAlternation(bytes), let f = firstBytes, f.isSubset(of: .word) { notAfter = .word }
        let caseless = bytes.starts(with: Array("(?i)".utf8))
        if caseless { bytes.removeFirst(4) }
        // A literal prefix holds only when no top-level alternative could start differently.
        let prefix = hasTopLevelAlternation(bytes) ? [] : literalPrefix(bytes)
        if prefix.count >= 2 {
            return PrefilterHint(probes: [Probe.literal(String(decoding: prefix, as: UTF8.self), foldCase: caseless)], notAfter: notAfter)
        }
        if let f = firstBytes, f.count < 256 {
            let ranges = f.ranges
            if ranges.count <= 6 {
                return PrefilterHint(probes: ranges.map { Probe([LaneTest(offset: 0, $0.lowerBound, $0.upperBound)]) }, notAfter: notAfter)
            }
        }
        return PrefilterHint(probes: [Probe([LaneTest(offset: 0, 0x00, 0xFF)])], notAfter: notAfter)
    }

    /// Whether `|` occurs outside every group and character class.
    static func hasTopLevelAlternation(_ p: [UInt8]) -> Bool {
        var depth = 0, inClass = false, i = 0
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\\") { i += 2; continue }
            if inClass { if c == UInt8(ascii: "]") { inClass = false } }
            else if c == UInt8(ascii: "[") { inClass = true; if i + 1 < p.count, p[i + 1] == UInt8(ascii: "]") { i += 1 } }
            else if c == UInt8(ascii: "(") { depth += 1 }
            else if c == UInt8(ascii: ")") { depth -= 1 }
            else if c == UInt8(ascii: "|"), depth == 0 { return true }
            i += 1
        }
        return false
    }

    /// The literal bytes a pattern must start with (escaped punctuation included), stopping
    /// before anything that is not a plain literal or that a quantifier applies to.
    static func literalPrefix(_ p: [UInt8]) -> [UInt8] {
        let special = Set("\\^$.|?*+()[]{}".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < p.count, out.count < 8 {
            var literal: UInt8
            var width = 1
            if p[i] == UInt8(ascii: "\\") {
                guard i + 1 < p.count, special.contains(p[i + 1]) || p[i + 1] == UInt8(ascii: "-") || p[i + 1] == UInt8(ascii: "/") else { break }
                literal = p[i + 1]; width = 2
            } else if special.contains(p[i]) || p[i] >= 0x80 {
                break
            } else {
                literal = p[i]
            }
            let next = i + width
            if next < p.count, Set("?*{".utf8).contains(p[next]) { break }
            out.append(literal)
            i = next
            if next < p.count, p[next] == UInt8(ascii: "+") { break }
        }
        return out
    }
}
