import ScanCore
import VeilCorpus

/// Builds test documents from a list of fragment codes, so that property tests can shrink a
/// failing document by dropping fragments.
enum Documents {
    /// The number of fragment kinds `build` understands.
    static let kinds = 25

    /// A document made of `codes` fragments, with values drawn from `seed`.
    static func build(_ codes: [Int], seed: UInt64) -> (bytes: [UInt8], planted: [(range: Range<Int>, type: String)]) {
        var factory = PIIFactory(seed: seed)
        var out: [UInt8] = []
        var planted: [(Range<Int>, String)] = []
        for code in codes {
            switch code % kinds {
            case 0..<14:
                let value = factory.value(of: PIIFactory.types[code % kinds])
                // Planted values sit between neutral separators, so the leak check asks about
                // recall in plain context; adjacency to other fragments is covered by the
                // reference comparison instead.
                let start = out.count + 3
                out.append(contentsOf: " ; ".utf8)
                planted.append(((start + value.masked.lowerBound)..<(start + value.masked.upperBound), value.type))
                out.append(contentsOf: value.text.utf8)
                out.append(contentsOf: " ; ".utf8)
            case 14: out.append(contentsOf: (" " + factory.hardNegative() + " ").utf8)
            case 15: out.append(contentsOf: factory.rng.pick(["lorem ipsum ", "the order shipped ", "Contact: ", "see ", "id=", "at "]).utf8)
            case 16: out.append(contentsOf: factory.rng.pick(["{\"text\": \"", "\", \"", "\"}", "[", "]", ": ", ",", "\":\""]).utf8)
            case 17: out.append(contentsOf: factory.rng.pick(["\\n", "\\\"", "\\\\", "\\u00e9", "\\/", "\\t", "\\\\\\"]).utf8)
            case 18: out.append(contentsOf: factory.rng.pick(["Jörg ", "中文", "😀", "é", "Ñandú "]).utf8)
            case 19: out.append(contentsOf: factory.rng.digits(Int.random(in: 1...20, using: &factory.rng)).utf8)
            case 20:
                let value = factory.value(of: factory.rng.pick(PIIFactory.types))
                let bytes = Array(value.text.utf8)
                out.append(contentsOf: bytes.prefix(Int.random(in: 1...max(1, bytes.count - 1), using: &factory.rng)))
            case 21: out.append(contentsOf: factory.rng.pick([[0xff], [0xc3], [0xe2, 0x82], [0x80, 0x80]]))
            case 22: out.append(contentsOf: String(repeating: factory.rng.pick(["@", ":", "-", "0", "A", "::", "eyJ"]), count: Int.random(in: 1...40, using: &factory.rng)).utf8)
            case 24:
                // A keyed member, in plain JSON or escaped inside a JSON string.
                let member = keyedMember(&factory.rng)
                let start = out.count + 3 + member.value.lowerBound
                out.append(contentsOf: " ; ".utf8)
                planted.append((start..<(start + member.value.count), member.type))
                out.append(contentsOf: member.bytes)
                out.append(contentsOf: " ; ".utf8)
            default: out.append(contentsOf: factory.rng.pick([" ", "\n", "\t", "  "]).utf8)
            }
        }
        return (out, planted)
    }

    /// A member whose key a keyed rule masks (`"firstName": "Zoë"`, `\"zip\": 75001`), the
    /// range of its value, and the type.
    static func keyedMember(_ rng: inout SeededRandom) -> (bytes: [UInt8], value: Range<Int>, type: String) {
        let (key, type) = rng.pick([("first_name", "PERSON"), ("firstName", "PERSON"), ("Last-Name", "PERSON"), ("SURNAME", "PERSON"),
                                    ("customer name", "PERSON"), ("address", "ADDRESS"), ("addressLine1", "ADDRESS"),
                                    ("postal_code", "ADDRESS"), ("zip", "ADDRESS"), ("dob", "DATE_OF_BIRTH"),
                                    ("dateOfBirth", "DATE_OF_BIRTH"), ("Birthday", "DATE_OF_BIRTH")])
        let value = rng.pick(["María García", "Ólafur", "12 rue de Rivoli, 75001 Paris", "1984-03-03", "O'Brien", "李伟",
                              "221B Baker Street\\nLondon", "line \\\"one\\\"", "03/04/1990"])
        let escaped = rng.pick([false, true])
        let numeric = type == "ADDRESS" && rng.pick([false, false, true])
        let q = escaped ? "\\\"" : "\""
        let space = rng.pick(["", " ", "  "])
        var text = q + key + q + space + ":" + rng.pick(["", " "])
        let body: String
        if numeric { body = String(Int.random(in: 1000...99999, using: &rng)) }
        else if escaped { body = String(value.flatMap { $0 == "\\" ? "\\\\" : $0 == "\"" ? "\\\"" : String($0) }) }
        else { body = value }
        if !numeric { text += q }
        let start = text.utf8.count
        text += body
        let end = text.utf8.count
        if !numeric { text += q }
        return (Array(text.utf8), start..<end, type)
    }

    /// Streams `input` through `engine` in chunks of the given sizes (cycled).
    static func stream(_ input: [UInt8], engine: MaskingEngine, chunks: [Int], format: StreamMasker.Format = .auto) -> (output: [UInt8], findings: [Finding]) {
        let masker = engine.makeMasker(format: format)
        var sink = CollectingSink()
        var offset = 0
        var k = 0
        let sizes = chunks.isEmpty ? [input.count + 1] : chunks
        input.withUnsafeBytes { all in
            while offset < input.count {
                let n = min(max(1, sizes[k % sizes.count]), input.count - offset)
                let chunk = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + n)])
                sink.chunk = chunk
                masker.feed(chunk, into: &sink)
                // The masker never holds back more than it promises.
                precondition(masker.heldBack <= engine.holdBack, "held back \(masker.heldBack) > \(engine.holdBack)")
                precondition(masker.retainedBytes <= engine.holdBack + 16, "retained \(masker.retainedBytes) > \(engine.holdBack + 16)")
                offset += n
                k += 1
            }
        }
        sink.chunk = UnsafeRawBufferPointer(start: nil, count: 0)
        masker.finish(into: &sink)
        return (sink.output, sink.findings)
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: some Collection<UInt8>) -> Bool {
        let n = Array(needle)
        guard !n.isEmpty, n.count <= haystack.count else { return false }
        for i in 0...(haystack.count - n.count) where haystack[i] == n[0] && Array(haystack[i..<(i + n.count)]) == n { return true }
        return false
    }
}

/// Engines shared by the tests (compiling PCRE2 patterns once).
enum Engines {
    nonisolated(unsafe) static let builtin: MaskingEngine = try! MaskingEngine.builtin()
    /// The built-in rules whose maximum length is at most 600 bytes, so that small documents
    /// exercise mid-stream emission (the hold-back is then under a kilobyte).
    /// Short rules again, with every action in use: pseudonyms for e-mail, phone and IBAN, and
    /// the default partial for cards.
    nonisolated(unsafe) static let pseudonymizing: MaskingEngine = {
        let rules = BuiltinRules.all.filter { rule in (try? MaskingEngine(rules: [rule]))!.maxLength <= 600 }.map { rule -> Rule in
            var r = rule
            if ["email", "phone", "iban"].contains(r.name) { r.action = .pseudonymize }
            return r
        }
        return try! MaskingEngine(rules: rules, pseudonymKey: Array("property-test-key-0123456789abcdef".utf8))
    }()
    nonisolated(unsafe) static let short: MaskingEngine = try! MaskingEngine(rules: BuiltinRules.all.filter { rule in
        (try? MaskingEngine(rules: [rule]))!.maxLength <= 600
    })
}
