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

    /// Masks `input` whole, reading it as `format` like ``StreamMasker`` does.
    public func mask(_ input: [UInt8], format: StreamMasker.Format = .auto) -> (output: [UInt8], findings: [Finding]) {
        let inString = ReferenceMasker.stringState(input, format: format)
        let scratch = MatchScratch(groups: engine.maxGroups)
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
                    guard case .decided(.mask(let span, let consumed)?) = Confirmation.run(rule, at: p, view, scratch: scratch, join: join,
                                                                                 floor: emitted, onError: {}) else { continue }
                    output.append(contentsOf: buf[emitted..<span.lowerBound])
                    let value = UnsafeRawBufferPointer(rebasing: buf[span])
                    Replacement.render(rule, value: value, pseudonymizer: engine.pseudonymizer,
                                       quoted: inString.map { !$0[span.lowerBound] } ?? false, into: &replacement)
                    output.append(contentsOf: replacement)
                    findings.append(Finding(start: span.lowerBound, end: span.upperBound, type: rule.type, rule: rule.name, ruleIndex: rule.index))
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

    /// For JSON input, whether each offset is inside a string (the plain definition: an
    /// unescaped quote toggles, a backslash escapes the next byte); nil for text input.
    static func stringState(_ input: [UInt8], format: StreamMasker.Format) -> [Bool]? {
        var isJSON = format == .json
        if format == .auto, let first = input.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
            isJSON = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        }
        guard isJSON else { return nil }
        var state = [Bool](repeating: false, count: input.count + 1)
        var inside = false, escaped = false
        for (i, b) in input.enumerated() {
            state[i] = inside
            if escaped { escaped = false }
            else if b == UInt8(ascii: "\\") { escaped = true }
            else if b == UInt8(ascii: "\"") { inside.toggle() }
        }
        state[input.count] = inside
        return state
    }
}
