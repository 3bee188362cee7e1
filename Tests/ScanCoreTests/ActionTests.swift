import Testing
import ScanCore
import VeilCorpus

@Suite struct ActionTests {
    static let key = Array("an example key of 32 bytes......".utf8)

    static func engine(_ action: String) throws -> MaskingEngine {
        var set = RuleSet.builtin
        try set.apply(yaml: "rules:\n  - name: email\n    action: \(action)\n  - name: credit_card\n    action: \(action)", file: "t.yaml")
        return try set.compile(pseudonymKey: key)
    }

    @Test func pseudonymsAreDeterministicKeyedAndNormalised() throws {
        let engine = try Self.engine("pseudonymize")
        let a = String(decoding: engine.mask(Array("x Ann.Lee@Example.com y".utf8), format: .text).output, as: UTF8.self)
        let b = String(decoding: engine.mask(Array("ann.lee@example.com".utf8), format: .text).output, as: UTF8.self)
        #expect(a.hasPrefix("x [EMAIL:") && a.hasSuffix("] y"))
        #expect(a.dropFirst(2).dropLast(2) == Substring(b), "case-insensitive e-mail normalisation gives one token")
        let token = b.dropFirst("[EMAIL:".count).dropLast()
        #expect(token.count == 10 && token.allSatisfy(\.isHexDigit))
        let c = String(decoding: engine.mask(Array("4111 1111 1111 1111".utf8), format: .text).output, as: UTF8.self)
        let d = String(decoding: engine.mask(Array("4111-1111-1111-1111".utf8), format: .text).output, as: UTF8.self)
        #expect(c == d, "card numbers are normalised to digits")
        var other = RuleSet.builtin
        try other.apply(yaml: "rules:\n  - name: email\n    action: pseudonymize", file: "t.yaml")
        let e = String(decoding: try other.compile(pseudonymKey: Array("a different key, also 32 bytes..".utf8)).mask(Array("ann.lee@example.com".utf8), format: .text).output, as: UTF8.self)
        #expect(e != b, "another key gives another token")
    }

    @Test func partialKeepsTheLastCharacters() throws {
        let engine = try Self.engine("partial")
        let out = String(decoding: engine.mask(Array("5500-0000-0000-0004 and bo@example.org".utf8), format: .text).output, as: UTF8.self)
        #expect(out == "[CREDIT_CARD:****0004] and [EMAIL:****eorg]")
    }

    @Test func redactUsesTheLabel() throws {
        var set = RuleSet.builtin
        try set.apply(yaml: "rules:\n  - name: email\n    label: '<email removed>'", file: "t.yaml")
        let out = String(decoding: try set.compile().mask(Array("hi bo@example.org".utf8), format: .text).output, as: UTF8.self)
        #expect(out == "hi <email removed>")
    }
}
