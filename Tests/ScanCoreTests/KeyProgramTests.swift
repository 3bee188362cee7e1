import Testing
@testable import ScanCore
import VeilCorpus

/// The SIMD stage against its scalar oracle, on every length, alignment and hit position.
@Suite struct KeyProgramTests {
    /// Bytes that the built-in probes look at, so random buffers are full of hits and near misses.
    static let alphabet = Array("@:/-_.+( 0123456789AKISBeaxoykzghJrlsuit\\\"é".utf8) + [0x00, 0xff]

    /// All positions where a key passes, by the scalar definition.
    static func scalarHits(_ program: KeyProgram, _ buffer: [UInt8], from: Int, to: Int) -> [Int] {
        (from..<max(from, to)).filter { j in program.anyKeyPasses { buffer[j + $0] } }
    }

    static func simdHits(_ program: KeyProgram, _ buffer: [UInt8], from: Int, to: Int) -> [Int] {
        var hits: [Int] = []
        buffer.withUnsafeBytes { raw in
            program.scan(raw.baseAddress!, from: from, to: to) { j in hits.append(j); return j + 1 }
        }
        return hits
    }

    @Test func builtinProgramMatchesScalarOnEveryLengthAndAlignment() {
        let program = Engines.builtin.prefilter.keys
        var rng = SeededRandom(seed: 1)
        for length in 0...96 {
            for alignment in 0..<16 {
                // 1 guard byte before `from`, 15 after `to`, as the caller contract requires.
                let from = alignment + 1
                var buffer = (0..<(from + length + 15)).map { _ in rng.pick(Self.alphabet) }
                if length > 0, Bool.random(using: &rng) { buffer[from + Int.random(in: 0..<length, using: &rng)] = UInt8(ascii: "@") }
                #expect(Self.simdHits(program, buffer, from: from, to: from + length) == Self.scalarHits(program, buffer, from: from, to: from + length),
                        "length \(length), alignment \(alignment)")
            }
        }
    }

    @Test func prefilterHitsCountsTheScalarHitsOfTheInterior() {
        // The benchmark's SIMD-stage figure scans what masking scans: every position but the
        // first and the last 16, with the same kernel.
        let engine = Engines.builtin
        var rng = SeededRandom(seed: 9)
        for length in [0, 1, 17, 18, 100, 4096] {
            let buffer = (0..<length).map { _ in rng.pick(Self.alphabet) }
            let expected = length > 17 ? Self.scalarHits(engine.prefilter.keys, buffer, from: 1, to: length - 16).count : 0
            let counted = buffer.withUnsafeBytes { engine.prefilterHits(in: $0) }
            #expect(counted == expected, "length \(length)")
            if length == 4096 { #expect(expected > 50) }
        }
    }

    @Test func everyHitPositionInABlockIsReported() {
        let program = KeyProgram(probes: [Probe([.byte("@", at: 0)])], allowBuiltinKernel: false)
        for length in 1...80 {
            for position in 0..<length {
                var buffer = [UInt8](repeating: UInt8(ascii: "x"), count: length + 16)
                buffer[1 + position] = UInt8(ascii: "@")
                #expect(Self.simdHits(program, buffer, from: 1, to: 1 + length) == [1 + position])
            }
        }
    }

    @Test func skippingAheadFromTheHitCallbackIsHonoured() {
        let program = KeyProgram(probes: [Probe([.byte("a", at: 0)])], allowBuiltinKernel: false)
        let buffer = [UInt8](repeating: UInt8(ascii: "a"), count: 112)
        var hits: [Int] = []
        buffer.withUnsafeBytes { raw in
            program.scan(raw.baseAddress!, from: 1, to: 96) { j in hits.append(j); return j + 7 }
        }
        #expect(hits == Array(stride(from: 1, to: 96, by: 7)))
    }

    @Test func negatedAndCaseFoldedTestsMatchTheirDefinition() {
        let probes = [Probe([.digit(at: 0), .digit(at: -1, negated: true), .letter(at: -1, negated: true)]), .literal("Bearer t", foldCase: true),
                      Probe([LaneTest(offset: 3, 0x30, 0x66, foldCase: true), .byte(":", at: 1), .byte("x", at: 7)])]
        let program = KeyProgram(probes: probes, allowBuiltinKernel: false)
        var rng = SeededRandom(seed: 2)
        for _ in 0..<200 {
            let length = Int.random(in: 0...200, using: &rng)
            let buffer = (0..<(length + 16)).map { _ in rng.pick(Array("0123456789BbEeAaRr:Ff x".utf8)) }
            #expect(Self.simdHits(program, buffer, from: 1, to: 1 + length) == Self.scalarHits(program, buffer, from: 1, to: 1 + length))
        }
    }

    @Test func builtinKernelEqualsTheGenericProgram() {
        // The hand-written kernel and the generic program built from the same probes report
        // exactly the same positions, on every length, alignment and a dense random alphabet.
        let probes = BuiltinRules.kernelProbes
        let kernel = KeyProgram(probes: probes, allowNibbleKernel: false)
        let generic = KeyProgram(probes: probes, allowBuiltinKernel: false)
        #expect(kernel.usesBuiltinKernel && !generic.usesBuiltinKernel)
        let alphabet = Array("-BEJyAKSIgh_xkzrs:/@09aZf.+( eo".utf8) + [0x00, 0xff, 0x60]
        var rng = SeededRandom(seed: 8)
        for length in 0...96 {
            for alignment in 0..<16 {
                let from = alignment + 1
                let buffer = (0..<(from + length + 15)).map { _ in rng.pick(alphabet) }
                #expect(Self.simdHits(kernel, buffer, from: from, to: from + length) == Self.simdHits(generic, buffer, from: from, to: from + length),
                        "length \(length), alignment \(alignment)")
            }
        }
    }

    @Test func movemaskMarksEachLane() {
        var rng = SeededRandom(seed: 3)
        for _ in 0..<2000 {
            var v = SIMD16<UInt8>(repeating: 0)
            var expected: UInt64 = 0
            for lane in 0..<16 where Bool.random(using: &rng) { v[lane] = 0xFF; expected |= 1 << UInt64(lane) }
            #expect(VectorMask.bits(v) == expected)
        }
    }
}
