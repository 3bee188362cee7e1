import Testing
import VeilCorpus
@testable import ScanCore

/// The prefilter's scalar stage against slow, obvious oracles: the bit-parallel probe check
/// against each probe's own test, and the shared digit gates against each gate alone.
@Suite struct HitStageTests {
    /// Bytes that wake numbers, separators, hex, letters and the literal probes.
    static let alphabet = Array("0123456789012345678901234567890123456789 .-()+:/@_aAfFzZBEJKSxyegh\"\n".utf8) + [0x00, 0xff]

    static func randomEngine(_ rng: inout SeededRandom) throws -> MaskingEngine {
        // The built-ins, plus a rule with many probes and a gate of its own, so more than one
        // probe word and more than one kind of gate lane are exercised.
        let extra = (0..<70).map { k in Probe([.byte(Character(UnicodeScalar(UInt8(65 + k % 26))), at: 0), .digit(at: 1 + k % 5)]) }
        let rule = Rule(name: "many_probes", type: "TEST", pattern: #"[A-Z][0-9]{1,60}"#,
                        prefilter: PrefilterHint(probes: extra,
                                                 gate: DigitGate(minDigits: 35, runClass: ByteSet(ascii: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"))))
        return try MaskingEngine(rules: BuiltinRules.all + [rule])
    }

    @Test func probeMatrixAgreesWithEachProbe() throws {
        var rng = SeededRandom(seed: 21)
        let engine = try Self.randomEngine(&rng)
        let matrix = engine.tables.probes
        #expect(matrix.words == (engine.prefilter.probes.count + 63) / 64 && matrix.words >= 2)
        for _ in 0..<20_000 {
            let bytes = (0..<17).map { _ in rng.pick(Self.alphabet) }
            let byteAt: (Int) -> UInt8 = { bytes[$0 + 1] }
            var expected: UInt64 = 0
            for (k, probe) in engine.prefilter.probes.enumerated() where probe.passes(byteAt) {
                for r in engine.prefilter.probeRules[k] { expected |= 1 << UInt64(r) }
            }
            #expect(matrix.rules(byteAt) == expected, "bytes \(bytes)")
        }
    }

    @Test func sharedGatesAgreeWithEachGateAlone() throws {
        var rng = SeededRandom(seed: 22)
        let engine = try Self.randomEngine(&rng)
        let gates = engine.tables.gates
        let gatedRules = engine.rules.filter { $0.hint.gate != nil }
        #expect(gatedRules.count >= 5)
        // Runs of every length around the 32-byte window, so the vector path and its
        // byte-by-byte fallback both decide.
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...80, using: &rng)
            // Half the runs stay inside the test rule's class, so they outgrow the window.
            let alphabet = Bool.random(using: &rng) ? Self.alphabet : Array("0123456789A".utf8)
            let bytes = (0..<length).map { _ in rng.pick(alphabet) } + Array(repeating: 0, count: 40)
            let masks = UnsafeMutablePointer<UInt64>.allocate(capacity: gates.classCount)
            defer { masks.deallocate() }
            bytes.withUnsafeBytes { buffer in
                let byteAt: (Int) -> UInt8 = { $0 < bytes.count ? bytes[$0] : 0 }
                var expected: UInt64 = 0
                for rule in gatedRules where GateSet.passesAlone(rule.hint.gate!, maxLength: rule.maxLength, byteAt) {
                    expected |= 1 << UInt64(rule.index)
                }
                #expect(gates.passing(gates.gated, at: buffer.baseAddress!, masks: masks, byteAt) == expected, "length \(length)")
                #expect(gates.passing(gates.gated, byteAt) == expected)
                // Asking for some rules answers for those only.
                let some = gates.gated & 0xAAAA_AAAA_AAAA_AAAA
                #expect(gates.passing(some, at: buffer.baseAddress!, masks: masks, byteAt) == expected & some)
            }
        }
    }
}

extension CompiledRule {
    /// The probes of a core rule that the hand-written kernels cover (empty for other rules:
    /// `phone_label` reuses the phone starts with a gate of its own, and its matches are proved
    /// end to end by CandidateScreenTests and `make fuzz`).
    var kernelProbes: [Probe] {
        BuiltinRules.core.contains { $0.name == name } ? hint.probes.filter(BuiltinRules.kernelProbes.contains) : []
    }
}

#if arch(x86_64)
/// The nibble-table kernel against the built-in probes and gates: wherever a rule's probe
/// and digit gate both pass, the kernel fires, so no candidate is lost to the wider, cheaper
/// SIMD stage.
@Suite struct NibbleKernelTests {
    @Test func firesWhereverABuiltinProbeAndItsGatePass() throws {
        let kernel = NibbleKernel()
        let engine = try MaskingEngine.builtin()
        var rng = SeededRandom(seed: 31)
        let alphabets = [Array("-:/@AKSIzBeasyoJxghiopqrstuk_RZ09.( +fF\"`?".utf8) + [0x00, 0x10, 0xff],
                         Array("0123456789abcdef::::.-".utf8)]
        var fired = 0
        for round in 0..<200_000 {
            let alphabet = alphabets[round % 2]
            let bytes = (0..<64).map { _ in rng.pick(alphabet) }
            let byteAt: (Int) -> UInt8 = { $0 + 1 < bytes.count ? bytes[$0 + 1] : 0 }
            let passes = engine.rules.contains { rule in
                rule.kernelProbes.contains { $0.passes(byteAt) }
                    && rule.hint.gate.map { GateSet.passesAlone($0, maxLength: rule.maxLength, byteAt) } ?? true
            }
            if passes {
                fired += 1
                #expect(kernel.passes(byteAt), "bytes \(bytes)")
            }
        }
        #expect(fired > 1000)
    }

    @Test func numbersAfterEveryByteAreCovered() throws {
        // The numeric buckets test the byte before by nibble tables, one bucket per nibble
        // product of what a number may follow: every byte before every numeric layout.
        let kernel = NibbleKernel()
        let engine = try MaskingEngine.builtin()
        let values = ["4111111111111111", "4111 1111 1111 1111", "123-45-6789", "555-123-4567", "5551234567",
                      "(555) 123-4567", "+1 555 123 4567", "192.168.1.1", "1.2.3.4", "01 23 45 67 89", "0612345678"]
        var checked = 0
        for value in values {
            for before in 0...255 {
                let bytes = [UInt8(before)] + Array(value.utf8) + [UInt8](repeating: 0x20, count: 24)
                let byteAt: (Int) -> UInt8 = { $0 + 1 < bytes.count ? bytes[$0 + 1] : 0 }
                let passes = engine.rules.contains { rule in
                    rule.kernelProbes.contains { $0.passes(byteAt) }
                        && rule.hint.gate.map { GateSet.passesAlone($0, maxLength: rule.maxLength, byteAt) } ?? true
                }
                guard passes else { continue }
                checked += 1
                let fires = kernel.passes(byteAt)
                #expect(fires, "\(value) after byte \(before)")
            }
        }
        #expect(checked > 1000)
    }

    @Test func everyProbeOfTheBuiltinsIsCoveredOnItsOwnBytes() {
        // Each probe's own minimal bytes (the low end of each test's range, a space where a
        // test is negated) must make the kernel fire wherever the rule's gate passes too.
        let kernel = NibbleKernel()
        var checked = 0
        for rule in try! MaskingEngine.builtin().rules {
            for probe in rule.kernelProbes {
                var bytes = [UInt8](repeating: UInt8(ascii: " "), count: 17)
                for t in probe.tests where !t.negated { bytes[t.offset + 1] = t.lo }
                let byteAt: (Int) -> UInt8 = { $0 + 1 < bytes.count ? bytes[$0 + 1] : 0 }
                guard probe.passes(byteAt), rule.hint.gate.map({ GateSet.passesAlone($0, maxLength: rule.maxLength, byteAt) }) ?? true else { continue }
                checked += 1
                #expect(kernel.passes(byteAt), "\(rule.name): \(probe)")
            }
        }
        #expect(checked >= 15)
    }
}
#endif
