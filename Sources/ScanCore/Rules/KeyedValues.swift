/// Rules that mask a JSON member's value by its key. A name, a street or a birth date has no
/// pattern of its own, but in structured data it sits under a telling key: `"first_name"`,
/// `"address"`, `"dob"`.
///
/// A keyed rule is an ordinary rule with a generated PCRE2 pattern and prefilter hint, so it
/// streams, confirms and decides exactly like every other rule:
///
/// - **Keys are matched case- and separator-insensitively.** A key is split into words at
///   `_`, `-`, `.`, spaces, camelCase humps and letter–digit changes (`addressLine1` is
///   *address*, *line*, *1*); the pattern allows any case and zero or one of `_`, `-`, `.` or a
///   space between words. So `first_name`, `firstName`, `First-Name` and `FIRST NAME` are one key.
/// - **The value is masked, the key is kept.** The match runs from the key's opening quote to
///   the end of the value; the `mask` group is the string's content (between its quotes) or a
///   bare JSON number, so the document stays valid JSON and strings stay strings.
/// - **Plain JSON and JSON inside a JSON string.** Both `"name": "Maria"` and the escaped form
///   inside a text field, `\"name\": \"Maria\"`, are matched, with each form's own escapes.
/// - **The bare key `name`** also names MCP tools, prompts, resources and servers. Its value is
///   masked unless it is an identifier (only letters, digits, `_`, `.` and `-`, as MCP tool
///   names are), so `"name": "lookup_customer"` passes and `"name": "Maria Garcia"` does not.
///   Decision: a single-word name under the bare `name` key (`"name": "Maria"`) is therefore
///   not masked; the specific keys (`first_name`, `given_name`, …) mask every value.
/// - **Values up to ``maxValue`` bytes** as written (escapes included) are masked. Decision:
///   a longer value under such a key is not a name, an address or a date; it is left to the
///   other rules, as any text is.
///
/// The prefilter probes three letters of each key (the rarest by ``LaneTest/frequency(of:)``,
/// preferring letters several keys share, so `name` serves every PERSON key) and walks back
/// over key bytes to the opening quote.
public enum KeyedValues {
    /// The longest value masked, in bytes as written (escapes included).
    public static let maxValue = 4096
    /// The longest key accepted, in bytes.
    public static let maxKey = 48

    /// The built-in keys of each keyed type (docs/RULES.md lists them).
    public static let builtinKeys: [(name: String, type: String, keys: [String])] = [
        ("person_key", "PERSON", ["name", "first_name", "last_name", "full_name", "given_name", "family_name", "surname",
                                  "customer_name", "middle_name", "maiden_name", "contact_name", "account_holder_name",
                                  "cardholder_name", "holder_name", "display_name", "legal_name", "patient_name"]),
        ("address_key", "ADDRESS", ["address", "street", "street_address", "address_line1", "address_line2", "address_line3",
                                    "address1", "address2", "home_address", "billing_address", "shipping_address",
                                    "mailing_address", "postal_address", "postal_code", "postcode", "post_code", "zip",
                                    "zip_code", "zipcode"]),
        ("dob_key", "DATE_OF_BIRTH", ["dob", "date_of_birth", "birth_date", "birthdate", "birthday", "birth_day"]),
        // A phone number under a phone key is masked whatever its shape: bare digit runs and
        // short numbers, which the phone pattern leaves alone in free text, are phones here.
        ("phone_key", "PHONE", ["phone", "phone_number", "telephone", "telephone_number", "mobile_phone", "cell_phone",
                                "home_phone", "work_phone", "contact_phone", "phone_no"]),
    ]

    /// The built-in keyed rules, in the order of ``builtinKeys``.
    public static var builtinRules: [Rule] {
        builtinKeys.map { rule(name: $0.name, type: $0.type, keys: $0.keys) }
    }

    /// A keyed rule masking the values of `keys` as `type`. The keys must be valid
    /// (``problem(with:)`` returns nil for each) and not empty.
    public static func rule(name: String, type: String, keys: [String], action: Action = .redact) -> Rule {
        let split = keys.compactMap(words)
        precondition(!split.isEmpty && split.count == keys.count, "keyed rules need valid keys")
        var rule = Rule(name: name, type: type, pattern: pattern(split), maxLength: maxLength,
                        prefilter: hint(split), action: action)
        rule.keys = keys
        return rule
    }

    /// Why `key` cannot be a key, or nil: 1 to ``maxKey`` bytes of ASCII letters, digits and
    /// separators, with at least one letter or digit.
    public static func problem(with key: String) -> String? {
        let bytes = Array(key.utf8)
        if bytes.isEmpty || bytes.count > maxKey { return "keys are 1 to \(maxKey) characters long." }
        if !bytes.allSatisfy({ keyByte.contains($0) }) { return "keys use ASCII letters, digits, '_', '-', '.' and spaces only." }
        if words(key)?.isEmpty ?? true { return "a key needs at least one letter or digit." }
        return nil
    }

    /// Bytes a key may hold.
    static let keyByte = ByteSet(ascii: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. ")
    /// Bytes between a key's words.
    static let separators = ByteSet(ascii: "_-. ")

    /// `key` as lower-case words, or nil when it holds other bytes.
    static func words(_ key: String) -> [String]? {
        let bytes = Array(key.utf8)
        guard bytes.allSatisfy({ keyByte.contains($0) }) else { return nil }
        // 0: digit, 1: capital, 2: lower-case letter.
        func kind(_ b: UInt8) -> Int { isDigit(b) ? 0 : (b >= 0x41 && b <= 0x5A ? 1 : 2) }
        var words: [[UInt8]] = []
        var current: [UInt8] = []   // as written
        for b in bytes {
            if separators.contains(b) {
                if !current.isEmpty { words.append(current); current = [] }
                continue
            }
            if let last = current.last {
                let hump = kind(b) == 1 && kind(last) == 2
                let digitChange = (kind(b) == 0) != (kind(last) == 0)
                // `HTTPServer`: a capital followed by a lower-case letter starts a word.
                let acronymEnd = kind(b) == 2 && kind(last) == 1 && current.count > 1 && kind(current[current.count - 2]) == 1
                if acronymEnd { words.append(Array(current.dropLast())); current = [last] }
                else if hump || digitChange { words.append(current); current = [] }
            }
            current.append(b)
        }
        if !current.isEmpty { words.append(current) }
        return words.map { w in String(decoding: w.map { kind($0) == 1 ? $0 | 0x20 : $0 }, as: UTF8.self) }
    }

    /// The longest match: the key (and its escapes), the white space around the colon and
    /// the value.
    static let maxLength = 2 * maxKey + 8 + 2 * 32 + 8 + maxValue

    /// The pattern for keys given as words.
    static func pattern(_ keys: [[String]]) -> String {
        func alternation(_ keys: [[String]]) -> String {
            "(?i:" + keys.map { $0.joined(separator: "[ _.-]?") }.joined(separator: "|") + ")"
        }
        let bare = keys.filter { $0 == ["name"] }
        let other = keys.filter { $0 != ["name"] }
        // Plain JSON: white space around the colon; the value is a string's content or a number.
        let ws0 = "[ \\t\\r\\n]{0,16}"
        // Unbounded repeats (PCRE2 copies a group once per repeat of a bounded one, which
        // would make the pattern too large); the rule's maximum length bounds the match.
        let string0 = "(?<mask>(?:[^\"\\\\]++|\\\\[\\s\\S])++)"
        // Inside a JSON string: quotes are `\"`, the value's own escapes are doubled (`\\\"`,
        // `\\\\`, `\\n`), and the outer string may escape characters too (`\u00e9`, `\n`).
        let ws1 = "(?:[ \\t]|\\\\[nrt]){0,16}"
        let string1 = "(?<mask>(?:[^\"\\\\]++|\\\\\\\\\\\\\"|\\\\\\\\\\\\\\\\|\\\\\\\\(?=[^\"\\\\])|\\\\[^\"\\\\])++)"
        let number = "(?<mask>-?[0-9]{1,24}(?:\\.[0-9]{1,24})?(?:[eE][+-]?[0-9]{1,4})?)"
        let identifier = "[A-Za-z0-9_.-]{1,128}"
        var branches: [String] = []
        if !other.isEmpty {
            let k = alternation(other)
            branches.append("\"\(k)\"\(ws0):\(ws0)\"\(string0)")
            branches.append("\"\(k)\"\(ws0):\(ws0)\(number)")
            branches.append("\\\\\"\(k)\\\\\"\(ws1):\(ws1)\\\\\"\(string1)")
            branches.append("\\\\\"\(k)\\\\\"\(ws1):\(ws1)\(number)")
        }
        if !bare.isEmpty {
            branches.append("\"(?i:name)\"\(ws0):\(ws0)\"(?!\(identifier)\")\(string0)")
            branches.append("\\\\\"(?i:name)\\\\\"\(ws1):\(ws1)\\\\\"(?!\(identifier)\\\\\")\(string1)")
        }
        // A branch-reset group: every branch's `mask` is group 1.
        return "(?|" + branches.joined(separator: "|") + ")"
    }

    /// A probe for `window` (three letters at offsets 0 to 2, where the nibble kernel looks),
    /// extended with the letters every key it serves has after it in the same word, as far as
    /// the SIMD key of the probe stays within offsets 0 to 2: `str` for `street` probes
    /// `stre`…, so `structuredContent` is refused by the probe matrix, not by PCRE2.
    static func probe(_ window: [UInt8], keys: [[String]]) -> Probe {
        func tests(_ letters: [UInt8]) -> [LaneTest] {
            letters.enumerated().map { i, b in isDigit(b) ? LaneTest(offset: i, b, b) : LaneTest(offset: i, b, b, foldCase: true) }
        }
        // The letters after the window that every served key shares.
        var shared: [UInt8]? = nil
        for key in keys {
            for word in key {
                let w = Array(word.utf8)
                guard let at = (0...max(0, w.count - 3)).first(where: { w.count >= 3 && Array(w[$0..<($0 + 3)]) == window }) else { continue }
                let tail = Array(w[(at + 3)...])
                shared = shared.map { s in Array(zip(s, tail).prefix { $0 == $1 }.map(\.0)) } ?? tail
                break
            }
        }
        var letters = window + (shared ?? []).prefix(5)
        while letters.count > 3 && KeyProgram.key(of: Probe(tests(letters))).contains(where: { $0.offset > 2 }) { letters.removeLast() }
        return Probe(tests(letters))
    }

    /// Words common in JSON keys and MCP messages, which a probe avoids when it can.
    static let commonWords: Set<String> = ["code", "type", "text", "data", "date", "time", "user", "info", "list", "item",
                                           "count", "value", "status", "message", "content", "string", "result", "error", "line"]

    /// Three letters of each key to probe, and the walk back to its opening quote.
    static func hint(_ keys: [[String]]) -> PrefilterHint {
        // Every three-letter window inside one word of each key, with its cost.
        typealias Window = [UInt8]
        func rate(_ w: Window) -> Double { w.reduce(1.0) { $0 * LaneTest.frequency(of: $1) * 2 } }
        var candidates: [[Window: Int]] = []   // per key: window -> bytes before it in the longest spelling
        for key in keys {
            var here: [Window: Int] = [:]
            var before = 0
            // Words that are everywhere in JSON (`code`, `type`, `date`) make poor probes: use
            // them only for a key that has no other word to probe.
            let usable = key.filter { $0.utf8.count >= 3 && !commonWords.contains($0) }
            for word in key {
                let letters = Array(word.utf8)
                if letters.count >= 3 && (usable.isEmpty || usable.contains(word)) {
                    for s in 0...(letters.count - 3) {
                        let w = Array(letters[s..<(s + 3)])
                        here[w] = max(here[w] ?? 0, before + s)
                    }
                }
                before += letters.count + 1
            }
            candidates.append(here)
        }
        // Greedy cover: the window shared by the most uncovered keys, the rarest on ties.
        var uncovered = Set(keys.indices)
        var probes: [Probe] = []
        var maxBack = 0
        var fallback = false
        while !uncovered.isEmpty {
            var best: (Window, Int, Double)? = nil
            var counts: [Window: Int] = [:]
            for k in uncovered { for w in candidates[k].keys { counts[w, default: 0] += 1 } }
            for (w, n) in counts {
                let r = rate(w)
                if best == nil || n > best!.1 || (n == best!.1 && r < best!.2) || (n == best!.1 && r == best!.2 && w.lexicographicallyPrecedes(best!.0)) {
                    best = (w, n, r)
                }
            }
            guard let (window, _, _) = best else { fallback = true; break }
            probes.append(probe(window, keys: uncovered.filter { candidates[$0][window] != nil }.map { keys[$0] }))
            for k in uncovered where candidates[k][window] != nil {
                maxBack = max(maxBack, candidates[k][window]! + 2)
                uncovered.remove(k)
            }
        }
        if fallback {
            // Keys with no three-letter window (`id`, `ab-1`) are found at their opening quote.
            probes.append(Probe([.byte("\"", at: 0)]))
            maxBack = max(maxBack, 1)
        }
        // Walk back over the key's bytes, its opening quote and the escape before it.
        let back = keyByte.union(ByteSet(ascii: "\"\\"))
        return PrefilterHint(probes: probes, back: back, maxBack: maxBack)
    }
}
