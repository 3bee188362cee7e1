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
        // The built-in keyed rules run beside the kernel already; the file adds two keys.
        let builtin = try MaskingEngine.builtin().prefilter.keys
        #expect(keys.usesBuiltinKernel)
        #if arch(x86_64)
        // The literal joins the nibble kernel's operator group; the lone anchor byte is not
        // selective enough for a bucket and stays generic.
        #expect(keys.nibble?.extra.count == min(16, (builtin.nibble?.extra.count ?? 0) + 1))
        #expect(keys.genericKeys.count == builtin.genericKeys.count + 1)
        #else
        #expect(keys.genericKeys.count == builtin.genericKeys.count + 2, "only the two added probes run generically")
        #endif
        #expect(keys.genericKeys.allSatisfy { !BuiltinKernel.keys.contains($0) })
    }

    /// Twelve literal rules and an anchor rule: more literals than buckets, so some share one.
    static let manyYAML = "rules:\n" + manyLiterals
        .enumerated().map { k, literal in
            "  - name: custom_\(k)\n    type: CUSTOM_\(k)\n    pattern: '\(literal)[0-9]{6}'\n    prefilter:\n      literals: [\"\(literal)\"]\n"
        }.joined() + "  - name: ticket\n    type: TICKET\n    pattern: '[A-Z]{3}#[0-9]{4}'\n    prefilter:\n      anchor: '#'\n      back: 'A-Z'\n      max_back: 3\n"

    static let manyLiterals = ["EMP-", "CUST-", "ORD#", "PRJ_", "TKT-", "ACCT:", "INV/", "SKU-", "RMA-", "VIN:", "EMX-", "CUSP"]

    /// Runs `program` on random buffers of every length (0 to 96) and alignment, with one of
    /// `plant` written in now and then: the vector loop must equal the scalar definition, and
    /// every position where one of `added` passes must be a hit. Returns how many such
    /// positions there were.
    static func checkAgainstScalar(_ program: KeyProgram, added: [Probe], alphabet: [UInt8], plant: [String], seed: UInt64) -> Int {
        var rng = SeededRandom(seed: seed)
        var addedHits = 0
        for length in 0...96 {
            for alignment in 0..<16 {
                let from = alignment + 1
                var buffer = (0..<(from + length + 15)).map { _ in rng.pick(alphabet) }
                if !plant.isEmpty, length > 8, Bool.random(using: &rng) {
                    let literal = Array(plant[Int.random(in: 0..<plant.count, using: &rng)].utf8)
                    let at = from + Int.random(in: 0..<(length - 5), using: &rng)
                    for (k, b) in literal.enumerated() { buffer[at + k] = b }
                }
                let simd = KeyProgramTests.simdHits(program, buffer, from: from, to: from + length)
                #expect(simd == KeyProgramTests.scalarHits(program, buffer, from: from, to: from + length),
                        "length \(length), alignment \(alignment)")
                for j in from..<(from + length) where added.contains(where: { $0.passes { buffer[j + $0] } }) {
                    addedHits += 1
                    #expect(simd.contains(j), "an added probe passes at \(j) but the program is silent")
                }
            }
        }
        return addedHits
    }

    @Test func manyLiteralRulesShareTheOperatorBuckets() throws {
        var set = RuleSet.builtin
        try set.apply(yaml: Self.manyYAML, file: "many.yaml")
        let engine = try MaskingEngine(rules: set.rules)
        let program = engine.prefilter.keys
        #if arch(x86_64)
        #expect(program.nibble?.extra.count == 16)
        #endif
        let added = engine.rules.filter { $0.name.hasPrefix("custom_") || $0.name == "ticket" }.flatMap(\.hint.probes)
        let alphabet = Array("EMPCUSTORDJKAIVNXRQ-_#:/0123456789 @.".utf8) + [0x00, 0xff]
        // Literals planted now and then, so every bucket is exercised.
        #expect(Self.checkAgainstScalar(program, added: added, alphabet: alphabet, plant: Self.manyLiterals, seed: 13) > 300)
    }

    @Test func bucketsHoldEveryBucketedKey() {
        // Every key placed in a bucket is covered by a bucket (set by set); the rest stay
        // generic. Without seeds, 20 selective keys are merged down to 16 buckets.
        let literals = ["EMP-", "CUST", "ORD#", "PRJ_", "TKT-", "ACCT", "INV/", "SKU-", "RMA-", "VIN:", "EMX-", "CUSP",
                        "QTY=", "LOT/", "BIN#", "UPC-", "GTN_", "ISBN", "DOI:", "ZIP+"]
        let keys: [[LaneTest]] = literals.map { Probe.literal($0).tests } + [[.byte("#", at: 0)]]
        func covered(_ sets: [ByteSet], by buckets: [[ByteSet]]) -> Bool {
            buckets.contains { bucket in (0..<3).allSatisfy { sets[$0].isSubset(of: bucket[$0]) } }
        }
        let (buckets, generic) = OperatorBuckets.plan(keys.map { ($0, OperatorBuckets.sets(of: $0)) }, seeds: [])
        #expect(buckets.count == 16)
        #expect(generic == [[.byte("#", at: 0)]])
        for key in keys where !generic.contains(key) { #expect(covered(OperatorBuckets.sets(of: key), by: buckets)) }
        // With seeds, the keys a seed covers share it, as the union of their own sets.
        let seed = [ByteSet(ascii: "CEI"), ByteSet(ascii: "MNU"), ByteSet(ascii: "PSV")]
        let (seeded, _) = OperatorBuckets.plan(keys.map { ($0, OperatorBuckets.sets(of: $0)) }, seeds: [seed])
        #expect(seeded.first == [ByteSet(ascii: "CEI"), ByteSet(ascii: "MUN"), ByteSet(ascii: "PSV")])   // EMP-, CUST, CUSP, INV/
        for key in keys where !generic.contains(key) { #expect(covered(OperatorBuckets.sets(of: key), by: seeded)) }
        #expect(seeded.count == 16)
    }

    @Test func theBuiltinPlanSeedsCoverTheBuiltinKeys() throws {
        // The planned buckets (OperatorPlan, from measured text) hold every built-in key outside
        // the hand-written kernel: no built-in key falls to a bucket of its own or the generic
        // program. (If this fails, rerun corpus/tools/plan_operator_buckets.py.)
        let program = try MaskingEngine.builtin().prefilter.keys
        #if arch(x86_64)
        #expect(program.genericKeys.isEmpty)
        for sets in program.operatorKeys {
            #expect(OperatorPlan.seeds.contains { seed in (0..<3).allSatisfy { sets[$0].isSubset(of: seed[$0]) } }, "\(sets)")
        }
        #endif
    }

    @Test func theCombinedProgramEqualsItsScalarDefinition() throws {
        // Vector loop against the scalar definition (kernel or added keys) on every length and
        // alignment, and every position where an added probe passes is a hit.
        let engine = try Self.engine()
        let added = engine.rules.filter { ["employee_id", "ticket"].contains($0.name) }.flatMap(\.hint.probes)
        let alphabet = Array("EMP-#ABC0123456789 @:.x".utf8) + [0x00, 0xff]
        #expect(Self.checkAgainstScalar(engine.prefilter.keys, added: added, alphabet: alphabet, plant: [], seed: 12) > 100)
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
