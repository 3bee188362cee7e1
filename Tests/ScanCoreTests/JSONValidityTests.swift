import Foundation
import Testing
import ScanCore
import VeilCorpus

/// Masking valid JSON yields valid JSON of the same shape: strings stay strings.
@Suite struct JSONValidityTests {
    /// A random JSON value whose strings hold planted values, escapes and non-ASCII text.
    static func value(_ f: inout PIIFactory, depth: Int) -> Any {
        switch Int.random(in: 0..<(depth > 3 ? 3 : 6), using: &f.rng) {
        case 0: return string(&f)
        case 1: return Int.random(in: -1_000_000...1_000_000_000, using: &f.rng)
        case 2: return f.rng.pick([true, false, 3.25, "plain"] as [Any])
        case 3: return (0..<Int.random(in: 0...4, using: &f.rng)).map { _ in value(&f, depth: depth + 1) }
        default:
            var object: [String: Any] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &f.rng) { object[f.rng.pick(["id", "text", "email", "note", "nested", "ü"]) + f.rng.digits(1)] = value(&f, depth: depth + 1) }
            return object
        }
    }

    static func string(_ f: inout PIIFactory) -> String {
        var parts: [String] = []
        for _ in 0..<Int.random(in: 1...6, using: &f.rng) {
            switch Int.random(in: 0..<6, using: &f.rng) {
            case 0, 1: parts.append(f.value(of: f.rng.pick(PIIFactory.types.filter { $0 != "PRIVATE_KEY" })).text)
            case 2: parts.append(f.rng.pick(["line\nbreak", "quote \" inside", "back\\slash", "tab\there", "Jörg Müller", "東京都", "emoji 😀"]))
            case 3: parts.append(f.privateKey().text)
            case 4: parts.append("{\"inner\": \"\(f.email().text)\"}")   // JSON inside a string
            default: parts.append(f.hardNegative())
            }
        }
        return parts.joined(separator: f.rng.pick([" ", "\n", ", ", "\"", "\\"]))
    }

    /// Whether two parsed JSON values have the same shape, with strings where strings were.
    static func sameShape(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { sameShape(x[$0]!, y[$0]!) }
        case let (x as [Any], y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { sameShape($0, $1) }
        case (is String, is String): return true
        case let (x as NSNumber, y as NSNumber): return x == y
        default: return false
        }
    }

    @Test func randomDocumentsStayValidJSONOfTheSameShape() throws {
        var factory = PIIFactory(seed: 2024)
        for round in 0..<150 {
            let document: Any = ["jsonrpc": "2.0", "id": round, "result": ["content": [["type": "text", "text": Self.string(&factory)]],
                                                                            "structuredContent": Self.value(&factory, depth: 0)]]
            let options: JSONSerialization.WritingOptions = round % 2 == 0 ? [] : [.withoutEscapingSlashes]
            let input = Array(try JSONSerialization.data(withJSONObject: document, options: options))
            let chunks = [1 + round % 13, 64, 4096]
            let (output, _) = Documents.stream(input, engine: Engines.builtin, chunks: chunks)
            let parsed = try JSONSerialization.jsonObject(with: Data(output))
            #expect(Self.sameShape(document, parsed), "round \(round): shape changed")
        }
    }

    @Test func bareNumbersThatMatchBecomeQuotedLabels() throws {
        let input = Array(#"{"card": 4111111111111111, "list": [5555555555554444, 7], "s": "4111111111111111"}"#.utf8)
        let (output, findings) = Engines.builtin.mask(input)
        #expect(findings.count == 3)
        let parsed = try JSONSerialization.jsonObject(with: Data(output)) as! [String: Any]
        #expect(parsed["card"] as? String == "[CREDIT_CARD:****1111]")
        #expect(parsed["s"] as? String == "[CREDIT_CARD:****1111]")
    }

    @Test func escapesAreNeverSplit() throws {
        // A value right after an escape starts after it; a value ending in an escape takes it whole.
        let cases = [#"{"t":"\njohn.doe@example.com"}"#, #"{"t":"\u00e9john.doe@example.com"}"#,
                     #"{"t":"a\\\"john.doe@example.com\\\"b"}"#, #"{"t":"Bearer abcdefghijk\\"}"#]
        for text in cases {
            let (output, findings) = Engines.builtin.mask(Array(text.utf8))
            #expect(findings.count == 1, "\(text)")
            _ = try JSONSerialization.jsonObject(with: Data(output))
        }
    }
}
