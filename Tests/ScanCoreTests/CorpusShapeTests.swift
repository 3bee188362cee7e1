import Testing
import ScanCore
import VeilCorpus

/// The fast path on realistic data: a slice of every labelled corpus shape, masked whole and
/// streamed in uneven chunks, equals the brute-force reference (every rule at every position,
/// no prefilter), and no labelled value survives. Random documents (``ChunkInvarianceTests``)
/// cover odd byte mixes; these cover the shapes the benchmarks measure, with their hard
/// negatives and near misses.
@Suite struct CorpusShapeTests {
    @Test(arguments: CorpusShape.allCases)
    func fastPathEqualsTheReferenceOnEveryShape(shape: CorpusShape) {
        for seed: UInt64 in [1, 2, 3] {
            let corpus = shape.generate(size: 64 << 10, seed: seed)
            let doc = corpus.bytes
            let engine = Engines.builtin
            let whole = engine.mask(doc)
            let reference = ReferenceMasker(engine: engine).mask(doc)
            // Booleans, so a failure names the shape and seed without printing the corpus.
            let sameOutput = whole.output == reference.output, sameFindings = whole.findings == reference.findings
            #expect(sameOutput, "\(shape) seed \(seed): output differs from the reference")
            #expect(sameFindings, "\(shape) seed \(seed): findings differ from the reference")
            // Chunks of 1 to 4,099 bytes, cycling, so boundaries fall everywhere in a value.
            let streamed = Documents.stream(doc, engine: engine, chunks: [7, 4099, 1, 613, 64, 2048, 3])
            let streamedOutput = streamed.output == whole.output, streamedFindings = streamed.findings == whole.findings
            #expect(streamedOutput, "\(shape) seed \(seed): streaming changed the output")
            #expect(streamedFindings, "\(shape) seed \(seed): streaming changed the findings")
            if shape != .clean { #expect(!corpus.truth.isEmpty) }
            for span in corpus.truth {
                let covered = whole.findings.contains { $0.start <= span.start && $0.end >= span.end }
                    || (span.start..<span.end).allSatisfy { offset in whole.findings.contains { $0.start <= offset && offset < $0.end } }
                #expect(covered, "\(shape) seed \(seed): a labelled \(span.type) at \(span.start) is not masked")
            }
        }
    }
}
