import Testing
@testable import ScanCore
import VeilCorpus

/// Rule files that add probes the built-in kernel does not know keep the kernel for the
/// built-in keys and run only the added keys as the generic program beside it.
@Suite struct OperatorRuleTests {
    static let yaml = """
    rules:
      - name: employee_id
        type: EMPLOYEE_ID
        pattern: '\\bEMP-[0-9]{6}\\b'
        prefilter:
          literals: ["EMP-"]
      - name: ticket
        type: TICKET
        pattern: '[A-Z]{3}#[0-9]{4}'
        prefilter:
          anchor: '#'
          back: 'A-Z'
          max_back: 3
    disable: [mac_address]
    """

    static func engine() throws -> MaskingEngine {
        var set = RuleSet.builtin
        try set.apply(yaml: yaml, file: "operator.yaml")
        return try MaskingEngine(rules: set.rules)
    }

    @Test func addedKeysRunBesideTheKernel() throws {
        let keys = try Self.engine().prefilter.keys
        #expect(keys.usesBuiltinKernel)
        #expect(keys.genericKeys.count == 2, "only the two added probes run generically")
        #expect(keys.genericKeys.allSatisfy { !BuiltinKernel.keys.contains($0) })
    }

    @Test func theCombinedProgramEqualsItsScalarDefinition() throws {
        // Vector loop against the scalar definition (kernel or added keys) on every length and
        // alignment, and every position where an added probe passes is a hit.
        let engine = try Self.engine()
        let program = engine.prefilter.keys
        let added = engine.rules.filter { ["employee_id", "ticket"].contains($0.name) }.flatMap(\.hint.probes)
        let alphabet = Array("EMP-#ABC0123456789 @:.x".utf8) + [0x00, 0xff]
        var rng = SeededRandom(seed: 12)
        var addedHits = 0
        for length in 0...96 {
            for alignment in 0..<16 {
                let from = alignment + 1
                let buffer = (0..<(from + length + 15)).map { _ in rng.pick(alphabet) }
                let simd = KeyProgramTests.simdHits(program, buffer, from: from, to: from + length)
                #expect(simd == KeyProgramTests.scalarHits(program, buffer, from: from, to: from + length),
                        "length \\(length), alignment \\(alignment)")
                for j in from..<(from + length) where added.contains(where: { $0.passes { buffer[j + $0] } }) {
                    addedHits += 1
                    #expect(simd.contains(j), "an added probe passes at \\(j) but the program is silent")
                }
            }
        }
        #expect(addedHits > 100)
    }

    @Test func valuesOfAddedAndBuiltInRulesAreMaskedAsTheReferenceMasks() throws {
        let engine = try Self.engine()
        var rng = SeededRandom(seed: 3)
        var doc: [UInt8] = []
        let pieces = ["EMP-123456", "ABC#1234", "EMP-12345", "XEMP-123456", "ada@example.org", "4111 1111 1111 1111",
                      "aa:bb:cc:dd:ee:ff", "192.168.1.20", " ", ", ", "\n", "text ", "{\"k\":\"", "\"}"]
        for _ in 0..<3000 { doc += Array(rng.pick(pieces).utf8) }
        let whole = engine.mask(doc)
        let reference = ReferenceMasker(engine: engine).mask(doc)
        let same = whole.output == reference.output && whole.findings == reference.findings
        #expect(same)
        let streamed = Documents.stream(doc, engine: engine, chunks: [1, 7, 300, 4096])
        let sameStreamed = streamed.output == whole.output && streamed.findings == whole.findings
        #expect(sameStreamed)
        #expect(whole.findings.contains { $0.type == "EMPLOYEE_ID" } && whole.findings.contains { $0.type == "TICKET" })
        #expect(!whole.findings.contains { $0.type == "MAC_ADDRESS" })
    }
}
