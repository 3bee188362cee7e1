import Testing
import ScanCore

/// Each kind of bad rule file gets its own error, naming the file, the rule and the reason;
/// a good file adds, overrides and disables rules.
@Suite struct RuleFileTests {
    static func load(_ yaml: String) throws(RuleError) -> RuleSet {
        var set = RuleSet.builtin
        try set.apply(yaml: yaml, file: "ops.yaml")
        return set
    }

    static func error(_ yaml: String) -> RuleError? {
        do { _ = try load(yaml); return nil } catch { return error }
    }

    @Test func addsOverridesAndDisables() throws {
        let set = try Self.load("""
        version: 1
        rules:
          - name: employee_id
            type: EMPLOYEE_ID
            pattern: '\\bEMP-[0-9]{6}\\b'
            prefilter: {literals: ["EMP-"]}
          - name: email
            action: partial
            keep: 3
        disable: [phone, phone_label]
        """)
        let engine = try set.compile()
        #expect(engine.rules.last?.name == "employee_id")
        #expect(engine.rules.last?.maxLength == 10)
        #expect(!engine.rules.contains { $0.name == "phone" || $0.name == "phone_label" })
        let (output, _) = engine.mask(Array("id EMP-123456 mail ann@example.com tel +44 20 7946 0958".utf8), format: .text)
        #expect(String(decoding: output, as: UTF8.self) == "id [EMPLOYEE_ID] mail [EMAIL:****com] tel +44 20 7946 0958")
    }

    @Test func derivesPrefiltersAndBoundsFromThePattern() throws {
        let set = try Self.load("""
        rules:
          - name: ticket
            type: TICKET
            pattern: 'TCK-(?:[A-Z]{2,4})-[0-9]{1,8}'
        """)
        let engine = try set.compile()
        let rule = try #require(engine.rules.first { $0.name == "ticket" })
        #expect(rule.maxLength == 17)
        #expect(!rule.hintIsDeclared)
        #expect(rule.hint.probes == [Probe.literal("TCK-")])
        let (_, findings) = engine.mask(Array("see TCK-AB-123 now".utf8), format: .text)
        #expect(findings.map(\.type) == ["TICKET"])
    }

    @Test func badFilesGetTheirOwnErrors() {
        #expect(Self.error("rules: [") .map { if case .malformedFile = $0 { true } else { false } } == true)
        #expect(Self.error("rulez: []") .map { if case .malformedFile(_, _, let r) = $0 { r.contains("rulez") } else { false } } == true)
        #expect(Self.error("rules:\n  - name: x\n    type: X\n    pattern: '(abc'") == .invalidPattern(file: "ops.yaml", rule: "x", message: "missing closing parenthesis", offset: 4))
        #expect(Self.error("rules:\n  - name: x\n    type: X\n    pattern: 'a[0-9]+'") == .unboundedPattern(file: "ops.yaml", rule: "x"))
        #expect(Self.error("rules:\n  - name: x\n    type: X\n    pattern: '(?<=abcdefghij)k'") == .lookbehind(file: "ops.yaml", rule: "x", characters: 10))
        #expect(Self.error("rules:\n  - name: x\n    type: X\n    pattern: 'a?'") == .emptyMatch(file: "ops.yaml", rule: "x"))
        #expect(Self.error("rules:\n  - name: x\n    type: X\n    pattern: 'ab'\n    validator: crc") == .unknownValidator(file: "ops.yaml", rule: "x", name: "crc"))
        #expect(Self.error("rules:\n  - name: x\n    type: X\n    pattern: 'ab'\n    action: shred") == .unknownAction(file: "ops.yaml", rule: "x", name: "shred"))
        #expect(Self.error("rules:\n  - name: x\n    type: X\n    pattern: 'ab'\n    label: 'say \"hi\"'") .map { if case .invalidLabel = $0 { true } else { false } } == true)
        #expect(Self.error("rules:\n  - name: x\n    type: X\n    pattern: 'ab'\n    colour: red") == .unknownKey(file: "ops.yaml", rule: "x", key: "colour"))
        #expect(Self.error("rules:\n  - name: x\n    pattern: 'ab'") == .missingKey(file: "ops.yaml", rule: "x", key: "type"))
        #expect(Self.error("rules:\n  - name: x\n    type: lower\n    pattern: 'ab'") .map { if case .invalidValue(_, _, "type", _) = $0 { true } else { false } } == true)
        #expect(Self.error("rules:\n  - name: x\n    type: X\n    pattern: 'ab'\n    max_length: -3") .map { if case .invalidValue(_, _, "max_length", _) = $0 { true } else { false } } == true)
        #expect(Self.error("rules:\n  - name: x\n    type: X\n    pattern: 'ab'\n  - name: x\n    type: X\n    pattern: 'cd'") == .duplicateRule(file: "ops.yaml", rule: "x"))
        #expect(Self.error("disable: [nope]") == .unknownRule(file: "ops.yaml", rule: "nope"))
    }

    @Test func alternationsGetNoLiteralPrefilter() throws {
        let engine = try Self.load("rules:\n  - name: alt\n    type: ALT\n    pattern: 'abc|xyz'").compile()
        let (_, findings) = engine.mask(Array("1 xyz 2 abc".utf8), format: .text)
        #expect(findings.map(\.start) == [2, 8])
    }

    @Test func keepOutsidePartialAndMisspelledOverridesAreRefused() {
        #expect(Self.error("rules:\n  - name: email\n    action: redact\n    keep: 2") .map { if case .invalidValue(_, _, "keep", _) = $0 { true } else { false } } == true)
        #expect(Self.error("rules:\n  - name: emial\n    action: redact") == .unknownRule(file: "ops.yaml", rule: "emial"))
    }

    @Test func messagesNameFileRuleAndReason() {
        let e = Self.error("rules:\n  - name: bad_one\n    type: X\n    pattern: 'a(b'")!
        #expect(e.description.hasPrefix("ops.yaml: rule 'bad_one': invalid regex at pattern offset 3:"))
        #expect(RuleError.unboundedPattern(file: "f.yaml", rule: "r").description.contains("max_length"))
    }

    @Test func aFailedFileLeavesTheSetUnchanged() {
        var set = RuleSet.builtin
        #expect(throws: RuleError.self) {
            try set.apply(yaml: "rules:\n  - name: ok\n    type: OK\n    pattern: 'ok!'\n  - name: bad\n    type: X\n    pattern: '('", file: "f.yaml")
        }
        #expect(set.rules == BuiltinRules.all)
    }

    @Test func pseudonymizeNeedsAKey() throws {
        let set = try Self.load("rules:\n  - name: email\n    action: pseudonymize")
        #expect(throws: RuleError.missingPseudonymKey(rule: "email")) { try set.compile() }
        #expect(throws: Never.self) { try set.compile(pseudonymKey: Array("0123456789abcdef".utf8)) }
    }
}

/// A pattern's first bytes come from PCRE2, which reports one first code unit for
/// alternatives that start with the same letter in two cases (`gl…|GR…` reports `G`):
/// both cases must stay candidates, or the lower-case alternative is never tried.
@Suite struct FirstByteTests {
    @Test func alternativesStartingWithOneLetterInTwoCasesAreBothTried() throws {
        let rule = Rule(name: "mixed", type: "MIXED", pattern: #"(?:gl[a-z]{4}|GR[0-9]{4})(?![A-Za-z0-9])"#)
        let engine = try MaskingEngine(rules: [rule])
        let (output, findings) = engine.mask(Array("a glpatx b GR1234 c".utf8), format: .text)
        #expect(findings.count == 2)
        #expect(String(decoding: output, as: UTF8.self) == "a [MIXED] b [MIXED] c")
    }
}

