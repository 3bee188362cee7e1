/// The confirm step shared by the streaming masker and the reference scanner: one anchored
/// PCRE2 match at a known start (the validator runs inside it, as a callout, so PCRE2
/// backtracks to a shorter valid match when a longer one fails), then the span boundary rules.
///
/// The subject is always bytes `p - 8 ..< p + maxLength + 1` (clipped to the stream), matched
/// with `PCRE2_PARTIAL_HARD` unless it reaches the true end of the stream. So the outcome
/// depends only on those bytes, whatever the chunking: a match that would need more than
/// `maxLength` bytes is partial, and partial is no match. An early try, before the whole
/// subject is visible, matches a prefix of it and decides only what the whole subject would.
enum Confirmation {
    /// What a successful confirm decides.
    enum Verdict {
        /// Replace `span`; no match may start before `consumed`.
        case mask(Range<Int>, consumed: Int)
    }

    /// How many bytes before a candidate start a pattern may look at (`\b` needs one).
    static let lookbehind = 8

    /// What a confirm decides: the verdict (a span to mask, or no match), or nothing yet
    /// when the bytes visible so far cannot settle it.
    enum Early {
        case decided(Verdict?)
        case waiting
    }

    /// How many bytes after a match the span boundary rules may read (an escape or a UTF-8
    /// sequence the span ends inside).
    static let spanSlack = 8

    /// Confirms `rule` at `p` on `p - 8 ..< min(view.available, p + maxLength + 1)`.
    ///
    /// When the stream has ended, or the whole subject and `spanSlack` bytes after it are
    /// visible, the result is always decided (partial is no match). Before that, this is an
    /// *early try*, with `PCRE2_PARTIAL_HARD` on a prefix of the whole subject, never more:
    /// bytes past `p + maxLength + 1` could let PCRE2 go on where the whole subject stops it
    /// as partial. Under `PCRE2_PARTIAL_HARD`, PCRE2 returns "partial" as soon as any path it
    /// explores reaches the end of the subject. So a result that is not partial came from
    /// paths that never read past the visible bytes; on the whole subject, which only adds
    /// bytes after them, PCRE2 explores the same paths in the same order (the validator
    /// callout sees the same bytes) and returns the same result. A no-match (or an error) is
    /// therefore final now, and so is a match whose span rules can already read their
    /// `spanSlack` bytes after it. Anything else waits for more bytes.
    static func run(_ rule: CompiledRule, at p: Int, _ view: ByteView, scratch: MatchScratch,
                    join: UnsafeMutableRawBufferPointer, floor: Int, onError: () -> Void) -> Early {
        let complete = view.atEnd || p + rule.maxLength + spanSlack <= view.available
        let subjectStart = max(0, p - lookbehind)
        let subjectEnd = min(view.available, p + rule.maxLength + 1)
        let partial = !(view.atEnd && subjectEnd == view.available)
        let subject = view.contiguous(subjectStart, subjectEnd, scratch: join)
        scratch.callout.validator = rule.validator
        switch scratch.match(rule.code, subject, start: p - subjectStart, partial: partial) {
        case .match: break
        case .noMatch: return .decided(nil)
        case .partial: return complete ? .decided(nil) : .waiting
        case .error: onError(); return .decided(nil)
        }
        if !complete {
            guard let end = scratch.range(ofGroup: 0)?.upperBound, end + subjectStart + spanSlack <= view.available else {
                return .waiting
            }
        }
        return .decided(verdict(rule, subjectStart: subjectStart, view, scratch: scratch, join: join, floor: floor))
    }

    /// The verdict after a match: the span to replace (the `mask` group when it matched
    /// something, else the whole match) through the span boundary rules.
    static func verdict(_ rule: CompiledRule, subjectStart: Int, _ view: ByteView, scratch: MatchScratch,
                        join: UnsafeMutableRawBufferPointer, floor: Int) -> Verdict? {
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
