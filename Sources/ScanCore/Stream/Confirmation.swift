/// The confirm step shared by the streaming masker and the reference scanner: one anchored
/// PCRE2 match at a known start (the validator runs inside it, as a callout, so PCRE2
/// backtracks to a shorter valid match when a longer one fails), then the span boundary rules.
///
/// The subject is always bytes `p - 8 ..< p + maxLength + 1` (clipped to the stream), matched
/// with `PCRE2_PARTIAL_HARD` unless it reaches the true end of the stream. So the outcome
/// depends only on those bytes, whatever the chunking: a match that would need more than
/// `maxLength` bytes is partial, and partial is no match.
enum Confirmation {
    /// What a successful confirm decides.
    enum Verdict {
        /// Replace `span`; no match may start before `consumed`.
        case mask(Range<Int>, consumed: Int)
    }

    /// How many bytes before a candidate start a pattern may look at (`\b` needs one).
    static let lookbehind = 8

    static func run(_ rule: CompiledRule, at p: Int, _ view: ByteView, scratch: MatchScratch,
                    join: UnsafeMutableRawBufferPointer, floor: Int, onError: () -> Void) -> Verdict? {
        let subjectStart = max(0, p - lookbehind)
        let subjectEnd = min(view.available, p + rule.maxLength + 1)
        let partial = !(view.atEnd && subjectEnd == view.available)
        let subject = view.contiguous(subjectStart, subjectEnd, scratch: join)
        scratch.callout.validator = rule.validator
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
        guard let span = SpanBoundaries.adjust(target, floor: floor, in: view, scratch: join) else { return nil }
        return .mask(span, consumed: max(whole.upperBound, span.upperBound))
    }
}
