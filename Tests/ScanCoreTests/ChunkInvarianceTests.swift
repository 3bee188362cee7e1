import Testing
import PropertyBased
import ScanCore
import VeilCorpus

/// Streaming in any chunking gives the whole-buffer result, and both equal the brute-force
/// reference (every rule at every position, no prefilter).
@Suite struct ChunkInvarianceTests {
    static let fragments = Gen.int(in: 0..<Documents.kinds).array(of: 0...80)
    static let chunkings = Gen.int(in: 1...97).array(of: 1...12)
    static let seeds = Gen.int(in: 0...1_000_000)

    @Test func streamingEqualsWholeEqualsReference() async {
        await propertyCheck(count: 150, input: Self.fragments, Self.chunkings, Self.seeds) { codes, chunks, seed in
            let (doc, planted) = Documents.build(codes, seed: UInt64(seed))
            for engine in [Engines.short, Engines.pseudonymizing, Engines.builtin] {
                let whole = engine.mask(doc)
                let reference = ReferenceMasker(engine: engine).mask(doc)
                #expect(whole.output == reference.output)
                #expect(whole.findings == reference.findings)
                let streamed = Documents.stream(doc, engine: engine, chunks: chunks)
                #expect(streamed.output == whole.output)
                #expect(streamed.findings == whole.findings)
            }
            // Nothing planted survives, unless it overlaps another planted value (then the
            // pair may read as something else, which the reference equality above covers).
            // A value that also occurs elsewhere in the document (a 5-digit ZIP inside an
            // unlabelled look-alike such as `IT62Y3671081831620735123741`) cannot be told
            // apart by searching the output, so only values found nowhere else are searched.
            let output = Engines.builtin.mask(doc).output
            for (k, p) in planted.enumerated() where !planted.enumerated().contains(where: { $0.offset != k && $0.element.range.overlaps(p.range.lowerBound - 1 ..< p.range.upperBound + 1) }) {
                let elsewhere = Array(doc[..<p.range.lowerBound]) + [0] + Array(doc[p.range.upperBound...])
                if Documents.contains(elsewhere, doc[p.range]) { continue }
                #expect(!Documents.contains(output, doc[p.range]), "a planted \(p.type) leaked")
            }
        }
    }

    @Test func oneByteChunksEqualWhole() async {
        await propertyCheck(count: 40, input: Self.fragments, Self.seeds) { codes, seed in
            let (doc, _) = Documents.build(codes, seed: UInt64(seed))
            let whole = Engines.short.mask(doc)
            let streamed = Documents.stream(doc, engine: Engines.short, chunks: [1])
            #expect(streamed.output == whole.output)
            #expect(streamed.findings == whole.findings)
        }
    }

    @Test func feedingOneBufferInChunksKeepsRangesOnTheBuffer() async {
        // `feed(_:chunkSize:into:)` reports pass-through ranges against the whole buffer.
        await propertyCheck(count: 40, input: Self.fragments, Gen.int(in: 1...97), Self.seeds) { codes, chunk, seed in
            let (doc, _) = Documents.build(codes, seed: UInt64(seed))
            let masker = Engines.short.makeMasker()
            var sink = CollectingSink()
            doc.withUnsafeBytes { buffer in
                sink.chunk = buffer
                masker.feed(buffer, chunkSize: chunk, into: &sink)
            }
            masker.finish(into: &sink)
            let whole = Engines.short.mask(doc)
            #expect(sink.output == whole.output)
            #expect(sink.findings == whole.findings)
        }
    }

    @Test func largeDocumentsWithEmissionMidStream() {
        // Documents several times the hold-back, so output leaves the masker between feeds.
        var rng = SeededRandom(seed: 77)
        for round in 0..<4 {
            let codes = (0..<1500).map { _ in Int.random(in: 0..<Documents.kinds, using: &rng) }
            let (doc, _) = Documents.build(codes, seed: UInt64(round))
            let whole = Engines.builtin.mask(doc)
            #expect(whole.output == ReferenceMasker(engine: Engines.builtin).mask(doc).output)
            for chunks in [[1], [7, 1, 300], [4096], [65536], [3, 8191, 2]] {
                let streamed = Documents.stream(doc, engine: Engines.builtin, chunks: chunks)
                #expect(streamed.output == whole.output, "round \(round), chunks \(chunks)")
                #expect(streamed.findings == whole.findings)
            }
        }
    }

    @Test func jsonModeMatchesTheReferenceStringTracker() async {
        await propertyCheck(count: 60, input: Self.fragments, Self.chunkings, Self.seeds) { codes, chunks, seed in
            let (body, _) = Documents.build(codes, seed: UInt64(seed))
            let doc = Array("{\"a\": ".utf8) + body
            let whole = Engines.short.mask(doc, format: .json)
            #expect(whole.output == ReferenceMasker(engine: Engines.short).mask(doc, format: .json).output)
            #expect(Documents.stream(doc, engine: Engines.short, chunks: chunks, format: .json).output == whole.output)
        }
    }

    @Test(arguments: ["@", "a@", "::", "-", "0", "eyJ", "AKIA", "1.", "ab:"])
    func floodsStayWithinTheHoldBack(unit: String) {
        // Long runs of probe bytes: the held-back tail stays bounded (checked after every
        // feed inside `stream`) and the result still matches the whole-buffer one.
        let doc = Array(String(repeating: unit, count: 150_000 / unit.count).utf8) + Array(" bo@example.org".utf8)
        let streamed = Documents.stream(doc, engine: Engines.builtin, chunks: [65536, 4096, 1000])
        #expect(streamed.output == Engines.builtin.mask(doc).output)
        #expect(streamed.findings.map(\.type) == ["EMAIL"])
    }

    @Test func memoryStaysBoundedOnLongStreams() {
        // 8 MiB of text with values throughout, fed in 64 KiB chunks: the held-back tail
        // never exceeds the engine's bound (checked inside `stream` after every feed).
        var rng = SeededRandom(seed: 5)
        let codes = (0..<3000).map { _ in Int.random(in: 0..<Documents.kinds, using: &rng) }
        let (block, _) = Documents.build(codes, seed: 5)
        var doc: [UInt8] = []
        while doc.count < 8 << 20 { doc += block }
        let streamed = Documents.stream(doc, engine: Engines.builtin, chunks: [65536])
        #expect(streamed.output == Engines.builtin.mask(doc).output)
    }
}
