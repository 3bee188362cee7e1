/// The confirm step shared by the streaming masker and the reference scanner: one anchored
/// PCRE2 match at a known start, then the validator, then the span boundary rules.
///
/// The subject is always bytes `p - 1 ..< p + maxLength + 1` (clipped to the stream), matched
/// with `PCRE2_PARTIAL_HARD` unless it reaches the true end of the stream. So the outcome
/// depends only on those bytes, whatever the chunking: a match that would need more than
/// `maxLength` bytes is partial, and partial is no match.
enum Confirmation {
    static func run(_ rule: CompiledRule, at p: Int, _ view: ByteView, scratch: MatchScratch,
                    join: UnsafeMutableRawBufferPointer, floor: Int, onError: () -> Void) -> (Range<Int>, Int)? {
        let subjectStart = max(0, p - 1)
        let subjectEnd = min(view.available, p + rule.maxLength + 1)
        let partial = !(view.atEnd && subjectEnd == view.available)
        let subject = view.contiguous(subjectStart, subjectEnd, scratch: join)
        switch scratch.match(rule.code, subject, start: p - subjectStart, partial: partial) {
        case .match: break
        case .noMatch, .partial: return nil
        case .error: onError(); return nil
        }
        guard let whole0 = scratch.range(ofGroup: 0), !whole0.isEmpty else { return nil }
        let whole = (whole0.lowerBound + subjectStart)..<(whole0.upperBound + subjectStart)
        var target = whole
        if let g = rule.maskGroup, let r = scratch.range(ofGroup: g), !r.isEmpty {
            target = (r.lowerBound + subjectStart)..<(r.upperBound + subjectStart)
        }
        if let validator = rule.rule.validator {
            let value = view.contiguous(target.lowerBound, target.upperBound, scratch: join)
            guard validator.accepts(value) else { return nil }
        }
        guard let span = SpanBoundaries.adjust(target, floor: floor, in: view) else { return nil }
        return (span, max(whole.upperBound, span.upperBound))
    }
}
