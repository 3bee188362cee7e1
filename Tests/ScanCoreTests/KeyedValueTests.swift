import Foundation
import Testing
@testable import ScanCore
import VeilCorpus

/// Keyed rules: values under telling JSON keys are masked as their type, in plain JSON and in
/// JSON inside a JSON string, whatever the key's case and separators, and JSON stays valid.
@Suite struct KeyedValueTests {
    func mask(_ text: String, engine: MaskingEngine = Engines.builtin, format: StreamMasker.Format = .auto) -> String {
        String(decoding: Documents.stream(Array(text.utf8), engine: engine, chunks: []).output, as: UTF8.self)
    }

    @Test func keysSplitIntoWordsWhateverTheirSpelling() {
        #expect(KeyedValues.words("first_name") == ["first", "name"])
        #expect(KeyedValues.words("firstName") == ["first", "name"])
        #expect(KeyedValues.words("First-Name") == ["first", "name"])
        #expect(KeyedValues.words("FIRST NAME") == ["first", "name"])
        #expect(KeyedValues.words("addressLine1") == ["address", "line", "1"])
        #expect(KeyedValues.words("address_line_1") == ["address", "line", "1"])
        #expect(KeyedValues.words("HTTPServer") == ["http", "server"])
        #expect(KeyedValues.words("naïve") == nil)
        #expect(KeyedValues.problem(with: "") != nil)
        #expect(KeyedValues.problem(with: "__") != nil)
        #expect(KeyedValues.problem(with: "customer_name") == nil)
    }

    @Test func plainJSONValuesAreMaskedByKey() {
        let input = #"{"first_name": "María", "LastName":"García", "full-name" : "Jörg Müller", "zip": 75001, "dob":"1984-03-03", "street":"12 rue \"A\" \\ B", "city": "Paris"}"#
        let expected = #"{"first_name": "[PERSON]", "LastName":"[PERSON]", "full-name" : "[PERSON]", "zip": "[ADDRESS]", "dob":"[DATE_OF_BIRTH]", "street":"[ADDRESS]", "city": "Paris"}"#
        #expect(mask(input) == expected)
    }

    @Test func phonesUnderPhoneKeysAreMaskedWhateverTheirShape() {
        // A bare digit run or a short number is left alone in free text, not under a phone key.
        let input = #"{"phone": "5551234567", "Phone_Number": "62889", "photo": "x.png", "note": "ref 5551234567"}"#
        #expect(mask(input) == #"{"phone": "[PHONE]", "Phone_Number": "[PHONE]", "photo": "x.png", "note": "ref 5551234567"}"#)
    }

    @Test func theBareNameKeyKeepsIdentifiers() {
        // MCP tools, prompts and servers are named by identifiers under "name".
        let input = #"{"tools":[{"name":"lookup_customer","description":"x"}],"serverInfo":{"name":"demo-server","version":"1.0"},"owner":{"name":"Maria Garcia"},"n":{"name":"李伟"}}"#
        let expected = #"{"tools":[{"name":"lookup_customer","description":"x"}],"serverInfo":{"name":"demo-server","version":"1.0"},"owner":{"name":"[PERSON]"},"n":{"name":"[PERSON]"}}"#
        #expect(mask(input) == expected)
    }

    @Test func keysThatOnlyContainAKeyAreLeft() {
        let input = #"{"username": "mgarcia", "filename": "a.txt", "email_address": "x", "ip_address": "10.1.2.3", "zipper": "y", "named": "z"}"#
        let output = mask(input)
        #expect(output.contains(#""username": "mgarcia""#) && output.contains(#""filename": "a.txt""#))
        #expect(output.contains(#""zipper": "y""#) && output.contains(#""named": "z""#) && output.contains(#""email_address": "x""#))
    }

    @Test func jsonInsideAJSONStringIsMaskedAndStaysValid() throws {
        let inner = #"{"firstName": "Zoë \"Z\" Dupont", "address": "221B Baker Street\nLondon", "postal_code": "10115", "birthday": "03/04/1990", "note": "ok"}"#
        let outer = try String(decoding: JSONSerialization.data(withJSONObject: ["text": inner]), as: UTF8.self)
        let output = mask(outer)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String])
        let text = try #require(parsed["text"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(record["firstName"] as? String == "[PERSON]")
        #expect(record["address"] as? String == "[ADDRESS]")
        #expect(record["postal_code"] as? String == "[ADDRESS]")
        #expect(record["birthday"] as? String == "[DATE_OF_BIRTH]")
        #expect(record["note"] as? String == "ok")
        // A bare number inside the text is masked too; its label cannot be quoted there.
        #expect(mask(#"{"text":"{\"zip\": 10115}"}"#) == #"{"text":"{\"zip\": [ADDRESS]}"}"#)
    }

    @Test func findingsNameTheTypeAndTheValuesBytes() {
        let input = Array(#"{"surname":"Nowak"}"#.utf8)
        let findings = Documents.stream(input, engine: Engines.builtin, chunks: [1]).findings
        #expect(findings.map(\.type) == ["PERSON"])
        #expect(findings.first.map { $0.start..<$0.end } == 12..<17)
    }

    @Test func everyChunkingGivesTheReferenceOutput() {
        var rng = SeededRandom(seed: 77)
        let reference = ReferenceMasker(engine: Engines.builtin)
        for _ in 0..<200 {
            var doc: [UInt8] = []
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                doc += Array(rng.pick(["{\"a\": 1, ", "\\n", " text ", "\"name\": \"x_y\", "]).utf8)
                doc += Documents.keyedMember(&rng).bytes
            }
            let whole = Documents.stream(doc, engine: Engines.builtin, chunks: []).output
            #expect(whole == reference.mask(doc, format: .auto).output)
            let sizes = (0..<8).map { _ in Int.random(in: 1...40, using: &rng) }
            #expect(Documents.stream(doc, engine: Engines.builtin, chunks: sizes).output == whole)
        }
    }

    @Test func theSIMDStageFiresAtEveryProbeOutsideTheKernel() {
        // The probes the hand-written kernels do not cover (the keyed rules', the secrets
        // pack's, a few of the core secrets') run in the nibble kernel's third group (or the
        // generic program): wherever one passes, the engine's SIMD stage fires.
        let engine = Engines.builtin
        var rng = SeededRandom(seed: 5)
        // A rule that reuses the core rules' probes (`phone_label` takes the phone starts) has
        // the kernel's keys already; whether the kernel fires on its matches (a phone start with
        // seven bytes of number) is proved end to end by CandidateScreenTests and `make fuzz`.
        let outside = engine.rules.flatMap { $0.hint.probes }.filter { !BuiltinRules.kernelProbes.contains($0) }
        #expect(outside.count > 40)
        var alphabet = Array("nameNAMEaddrDDRstreetzipZIPposdobDOBbirth_\" \\-.:=~/0123456789abcdef".utf8)
        for probe in outside { for t in probe.tests where !t.negated { alphabet += [t.lo, t.hi, t.lo & 0xDF] } }
        var fired = 0
        var planted = Set<Int>()
        for round in 0..<200_000 {
            var bytes = (0..<24).map { _ in rng.pick(alphabet) }
            // Plant a probe's own bytes (the low or high end of each range, in random case
            // where folded) at the tested position, most of the time.
            let k = round % outside.count
            let probe = outside[k]
            let at = 1   // position 0 of byteAt
            if (round / outside.count) % 4 != 0 {   // by pass, not by round: every probe gets planted rounds
                for t in probe.tests where !t.negated {
                    let b = Bool.random(using: &rng) ? t.lo : t.hi
                    bytes[at + t.offset] = t.foldCase && Bool.random(using: &rng) ? b & 0xDF : b
                }
            }
            let byteAt: (Int) -> UInt8 = { $0 + 1 < bytes.count ? bytes[$0 + 1] : 0 }
            if probe.passes(byteAt) { planted.insert(k) }
            if outside.contains(where: { $0.passes(byteAt) }) {
                fired += 1
                #expect(engine.prefilter.keys.anyKeyPasses(byteAt), "bytes \(bytes)")
            }
        }
        #expect(fired > 1000)
        // Every probe passed at least once (so every bucket was exercised).
        #expect(planted.count == outside.count, "probes never planted: \(outside.indices.filter { !planted.contains($0) }.map { outside[$0] })")
    }
}

/// Rule files add and remove keys, and define keyed rules of their own.
@Suite struct KeyedRuleFileTests {
    func engine(_ yaml: String) throws -> MaskingEngine {
        var set = RuleSet.builtin
        try set.apply(yaml: yaml, file: "keys.yaml")
        return try set.compile()
    }

    func mask(_ engine: MaskingEngine, _ text: String) -> String {
        String(decoding: Documents.stream(Array(text.utf8), engine: engine, chunks: [3]).output, as: UTF8.self)
    }

    @Test func addedKeysAreMaskedAndRemovedKeysAreNot() throws {
        let engine = try engine("""
            rules:
              - name: person_key
                add_keys: [account_owner]
                remove_keys: [surname]
              - name: employee_key
                type: EMPLOYEE
                keys: [employeeId, badge]
            """)
        let output = mask(engine, #"{"accountOwner": "Ada Lovelace", "surname": "Nowak", "first_name": "Ada", "employee_id": 4711, "BADGE": "B-7"}"#)
        #expect(output == #"{"accountOwner": "[PERSON]", "surname": "Nowak", "first_name": "[PERSON]", "employee_id": "[EMPLOYEE]", "BADGE": "[EMPLOYEE]"}"#)
    }

    @Test func badKeyEntriesNameTheKeyAndTheReason() {
        func message(_ yaml: String) -> String {
            var set = RuleSet.builtin
            do { try set.apply(yaml: yaml, file: "keys.yaml"); return "accepted" } catch { return error.description }
        }
        #expect(message("rules:\n  - name: person_key\n    remove_keys: [nickname]\n")
                == "keys.yaml: rule 'person_key': key 'remove_keys': 'nickname' is not one of the rule's keys.")
        #expect(message("rules:\n  - name: email\n    add_keys: [mail]\n").contains("'email' is not a keyed rule"))
        #expect(message("rules:\n  - name: x_key\n    type: X\n    keys: ['naïve']\n").contains("key 'keys': 'naïve': keys use ASCII letters"))
        #expect(message("rules:\n  - name: dob_key\n    keys: [dob]\n    pattern: 'x'\n").contains("give keys or a pattern, not both"))
        #expect(message("rules:\n  - name: dob_key\n    remove_keys: [dob, date_of_birth, birth_date, birthdate, birthday, birth_day]\n")
                .contains("no key would be left; disable the rule instead"))
    }
}
