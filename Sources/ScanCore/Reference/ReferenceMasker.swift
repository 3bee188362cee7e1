/// The slow, obvious masker that the fast one is tested against.
///
/// It holds the whole input, skips the prefilter entirely and tries every rule at every
/// position, in priority order, taking the leftmost match and moving past it. It shares only
/// the confirm step (``Confirmation``) and replacement rendering with ``StreamMasker``, so any
/// difference between the two points at the prefilter, the rule hints or the streaming logic.
public struct ReferenceMasker {
    let engine: MaskingEngine

    /// A reference masker for `engine`'s rules.
    public init(engine: MaskingEngine) { self.engine = engine }

    /// Masks `input` whole.
    public func mask(_ input: [UInt8]) -> (output: [UInt8], findings: [Finding]) {
        let scratch = MatchScratch(groups: engine.rules.map(\.captureCount).max() ?? 0)
        let join = UnsafeMutableRawBufferPointer.allocate(byteCount: engine.maxLength + 64, alignment: 16)
        defer { join.deallocate() }
        var output: [UInt8] = []
        var findings: [Finding] = []
        var replacement: [UInt8] = []
        input.withUnsafeBytes { buf in
            let view = ByteView(carry: UnsafeRawBufferPointer(start: nil, count: 0), carryStart: 0, chunk: buf,
                                chunkStart: 0, leadParity: false, atEnd: true)
            var emitted = 0
            var p = 0
            while p < input.count {
                var next = p + 1
                for rule in engine.rules {
                    guard let (span, consumed) = Confirmation.run(rule, at: p, view, scratch: scratch, join: join,
                                                                  floor: emitted, onError: {}) else { continue }
                    output.append(contentsOf: buf[emitted..<span.lowerBound])
                    let value = UnsafeRawBufferPointer(rebasing: buf[span])
                    Replacement.render(rule, value: value, pseudonymizer: engine.pseudonymizer, into: &replacement)
                    output.append(contentsOf: replacement)
                    findings.append(Finding(start: span.lowerBound, end: span.upperBound, type: rule.type, rule: rule.name))
                    emitted = span.upperBound
                    next = consumed
                    break
                }
                p = next
            }
            output.append(contentsOf: buf[emitted...])
        }
        return (output, findings)
    }
}
