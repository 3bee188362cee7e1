import CPCRE2

/// What masking with plain PCRE2 JIT looks like, for benchmarks: the same rules, no
/// prefilter, no streaming. Two forms: one alternation of every rule, and every rule in turn
/// over the whole buffer (with its validator on each match, as a masker would need). The
/// alternation runs without validators, which only flatters it. When the whole rule set is
/// larger than one PCRE2 pattern may be (64 KiB compiled), the alternation is split into the
/// fewest consecutive groups that compile, each scanned once.
public final class BaselineScanner {
    /// How the rules are run.
    public enum Mode: String, Sendable, CaseIterable {
        /// One pattern `(?:r1)|(?:r2)|…`, scanned once (or as few as PCRE2 can compile).
        case alternation
        /// Each rule's own pattern, scanned over the whole buffer in turn.
        case perRule = "per-rule"
    }

    let mode: Mode
    let codes: [PCRE2Code]
    let validators: [[Validator?]]
    let matchData: OpaquePointer

    /// A baseline over `engine`'s rules.
    public init(engine: MaskingEngine, mode: Mode) throws {
        self.mode = mode
        switch mode {
        case .alternation:
            // Group numbers shift inside an alternation, so each rule's back-references are
            // rewritten as relative ones.
            let parts = engine.rules.map {
                "(?:\(BaselineScanner.relativeBackreferences($0.rule.pattern)))".replacingOccurrences(of: "(?<mask>", with: "(")
            }
            var codes: [PCRE2Code] = []
            var group: [String] = []
            var compiled: PCRE2Code? = nil
            for part in parts {
                if let code = try? PCRE2Code((group + [part]).joined(separator: "|"), anchored: false) {
                    group.append(part); compiled = code
                } else if let done = compiled {
                    codes.append(done)
                    group = [part]; compiled = try PCRE2Code(part, anchored: false)
                } else {
                    compiled = try PCRE2Code(part, anchored: false)   // throws the rule's own error
                }
            }
            if let last = compiled { codes.append(last) }
            self.codes = codes
            validators = codes.map { _ in [] }
        case .perRule:
            codes = engine.rules.map(\.unanchored)
            validators = engine.rules.map { [$0.rule.validator] }
        }
        matchData = pcre2_match_data_create_8(1024, nil)!
    }

    deinit { pcre2_match_data_free_8(matchData) }

    /// Rewrites `\1`…`\9` as relative references (`\g{-n}`) so a pattern can sit inside an
    /// alternation after other rules' groups.
    static func relativeBackreferences(_ pattern: String) -> String {
        var out = ""
        var groupsSoFar = 0
        var chars = Array(pattern)
        var i = 0
        var inClass = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                if !inClass, let n = chars[i + 1].wholeNumberValue, n > 0 {
                    out += "\\g{-\(groupsSoFar - n + 1)}"
                } else {
                    out.append(c); out.append(chars[i + 1])
                }
                i += 2
                continue
            }
            if c == "[" { inClass = true } else if c == "]" { inClass = false }
            if c == "(", !inClass {
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                if next != "?" || (i + 2 < chars.count && chars[i + 2] == "<" && i + 3 < chars.count && chars[i + 3] != "=" && chars[i + 3] != "!") {
                    groupsSoFar += 1
                }
            }
            out.append(c)
            i += 1
        }
        chars = []
        return out
    }

    /// Scans `buffer` and returns the number of validated matches.
    public func count(_ buffer: UnsafeRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var found = 0
        for (k, code) in codes.enumerated() {
            var offset = 0
            while offset < buffer.count {
                let rc = code.jitted
                    ? pcre2_jit_match_8(code.code, base, buffer.count, offset, 0, matchData, nil)
                    : pcre2_match_8(code.code, base, buffer.count, offset, 0, matchData, nil)
                if rc <= 0 { break }
                let ovector = pcre2_get_ovector_pointer_8(matchData)!
                let start = ovector[0], end = ovector[1]
                var valid = true
                if mode == .perRule, let v = validators[k].first ?? nil {
                    valid = v.accepts(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                }
                if valid { found += 1 }
                offset = end > start ? end : start + 1
            }
        }
        return found
    }
}
