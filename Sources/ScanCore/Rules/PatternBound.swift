/// Proves an upper bound on the length of any match of a pattern, by reading its syntax.
///
/// PCRE2 reports a minimum length but no maximum, and the streaming masker must know how much
/// to hold back. This reader understands the syntax rules use (literals, escapes, classes,
/// groups, alternation, lookaround and bounded quantifiers); anything it cannot bound gives nil,
/// and the rule must then state `max_length`.
enum PatternBound {
    /// The longest possible match in bytes, or nil when unbounded or not understood.
    static func maxLength(of pattern: String) -> Int? {
        var reader = Reader(bytes: Array(pattern.utf8))
        guard let n = reader.alternation(), reader.atEnd else { return nil }
        return n
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0
        var groupMax: [Int: Int] = [:]
        var groupCount = 0
        var atEnd: Bool { i >= bytes.count }

        func peek(_ k: Int = 0) -> UInt8? { i + k < bytes.count ? bytes[i + k] : nil }

        mutating func alternation() -> Int? {
            var best = 0
            while true {
                guard let n = sequence() else { return nil }
                best = max(best, n)
                if peek() == UInt8(ascii: "|") { i += 1; continue }
                return best
            }
        }

        mutating func sequence() -> Int? {
            var total = 0
            while let c = peek(), c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
                guard let atom = atom() else { return nil }
                guard let q = quantifier() else { return nil }
                total += atom * q
                if total > 1 << 24 { return nil }
            }
            return total
        }

        /// The multiplier of a following quantifier (1 when none); nil when unbounded.
        mutating func quantifier() -> Int? {
            guard let c = peek() else { return 1 }
            var factor = 1
            switch c {
            case UInt8(ascii: "*"), UInt8(ascii: "+"): return nil
            case UInt8(ascii: "?"): i += 1; factor = 1
            case UInt8(ascii: "{"):
                var j = i + 1
                var lo = "", hi = "", sawComma = false
                while j < bytes.count, bytes[j] != UInt8(ascii: "}") {
                    let d = bytes[j]
                    if d == UInt8(ascii: ",") { sawComma = true }
                    else if isDigit(d) { if sawComma { hi.append(Character(UnicodeScalar(d))) } else { lo.append(Character(UnicodeScalar(d))) } }
                    else { return 1 } // not a quantifier: a literal '{'
                    j += 1
                }
                guard j < bytes.count, !lo.isEmpty || sawComma else { return 1 }
                if sawComma && hi.isEmpty { return nil }
                factor = Int(sawComma ? hi : lo) ?? 0
                i = j + 1
            default: return 1
            }
            if let m = peek(), m == UInt8(ascii: "?") || m == UInt8(ascii: "+") { i += 1 }
            return factor
        }

        mutating func atom() -> Int? {
            guard let c = peek() else { return nil }
            switch c {
            case UInt8(ascii: "("): return group()
            case UInt8(ascii: "["): return characterClass()
            case UInt8(ascii: "\\"): return escape()
            case UInt8(ascii: "^"), UInt8(ascii: "$"): i += 1; return 0
            default: i += 1; return 1
            }
        }

        mutating func group() -> Int? {
            i += 1 // (
            var captures = true
            var zeroWidth = false
            if peek() == UInt8(ascii: "?") {
                i += 1
                captures = false
                switch peek() {
                case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "|"): i += 1
                case UInt8(ascii: "="), UInt8(ascii: "!"): i += 1; zeroWidth = true
                case UInt8(ascii: "<"):
                    if peek(1) == UInt8(ascii: "=") || peek(1) == UInt8(ascii: "!") { i += 2; zeroWidth = true }
                    else { captures = true; skipName(until: UInt8(ascii: ">")) }
                case UInt8(ascii: "P"):
                    guard peek(1) == UInt8(ascii: "<") else { return nil }
                    i += 1; captures = true; skipName(until: UInt8(ascii: ">"))
                case UInt8(ascii: "'"):
                    captures = true; skipName(until: UInt8(ascii: "'"))
                default:
                    // Inline options such as (?i) or (?i:...).
                    while let d = peek(), d != UInt8(ascii: ")"), d != UInt8(ascii: ":") {
                        guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(d) || d == UInt8(ascii: "-") || d == UInt8(ascii: "^") else { return nil }
                        i += 1
                    }
                    if peek() == UInt8(ascii: ")") { i += 1; return 0 }
                    i += 1
                }
            }
            var number = 0
            if captures { groupCount += 1; number = groupCount }
            guard let inner = alternation(), peek() == UInt8(ascii: ")") else { return nil }
            i += 1
            if captures { groupMax[number] = inner }
            return zeroWidth ? 0 : inner
        }

        mutating func skipName(until end: UInt8) {
            i += 1
            while let d = peek(), d != end { i += 1 }
            i += 1
        }

        mutating func characterClass() -> Int? {
            i += 1
            if peek() == UInt8(ascii: "^") { i += 1 }
            if peek() == UInt8(ascii: "]") { i += 1 }
            while let c = peek() {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "["), peek(1) == UInt8(ascii: ":") {
                    while let d = peek(), !(d == UInt8(ascii: "]") && bytes[i - 1] == UInt8(ascii: ":")) { i += 1 }
                    i += 1; continue
                }
                i += 1
                if c == UInt8(ascii: "]") { return 1 }
            }
            return nil
        }

        mutating func escape() -> Int? {
            i += 1
            guard let c = peek() else { return nil }
            i += 1
            switch c {
            case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"), UInt8(ascii: "G"):
                return 0
            case UInt8(ascii: "Q"), UInt8(ascii: "E"), UInt8(ascii: "K"), UInt8(ascii: "R"), UInt8(ascii: "X"), UInt8(ascii: "C"):
                return nil
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                let n = Int(c - UInt8(ascii: "0"))
                return groupMax[n]
            case UInt8(ascii: "x"):
                if peek() == UInt8(ascii: "{") { while let d = peek(), d != UInt8(ascii: "}") { i += 1 }; i += 1 }
                else { var k = 0; while k < 2, let d = peek(), ByteSet.hex.contains(d) { i += 1; k += 1 } }
                return 1
            case UInt8(ascii: "p"), UInt8(ascii: "P"):
                if peek() == UInt8(ascii: "{") { while let d = peek(), d != UInt8(ascii: "}") { i += 1 }; i += 1 } else { i += 1 }
                return 1
            case UInt8(ascii: "g"), UInt8(ascii: "k"):
                return nil
            default:
                return 1
            }
        }
    }
}
