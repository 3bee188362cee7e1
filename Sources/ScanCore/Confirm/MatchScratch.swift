import CPCRE2

/// Per-thread PCRE2 state: match data, a JIT stack and the validator callout, reused across calls.
///
/// Owned by one ``StreamMasker`` at a time; when a masker ends, its engine's pool hands the
/// scratch to the next masker (hence the unchecked `Sendable`: it moves between threads only
/// through that pool's lock, never in use by two at once).
@usableFromInline
final class MatchScratch: @unchecked Sendable {
    @usableFromInline let matchData: OpaquePointer
    @usableFromInline let context: OpaquePointer
    private let jitStack: OpaquePointer?
    /// The validator the callout at the end of a validated pattern applies; nil accepts all.
    let callout = CalloutState()

    /// Space for `groups` capture groups plus the whole match.
    init(groups: Int) {
        matchData = pcre2_match_data_create_8(UInt32(max(groups, 1) + 1), nil)!
        context = pcre2_match_context_create_8(nil)!
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
        pcre2_set_callout_8(context, validatorCallout, Unmanaged.passUnretained(callout).toOpaque())
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// The outcome of one anchored match attempt.
    @usableFromInline
    enum Outcome {
        case match
        case noMatch
        /// The match ran into the end of the subject and might have continued.
        case partial
        /// PCRE2 reported an error, such as the match limit.
        case error(Int32)
    }

    /// Runs `code` on `subject` starting at `start`. With `partial`, reaching the end of the
    /// subject reports `.partial` rather than deciding (PCRE2_PARTIAL_HARD).
    @inlinable
    func match(_ code: PCRE2Code, _ subject: UnsafeRawBufferPointer, start: Int, partial: Bool) -> Outcome {
        let options: UInt32 = partial ? veil_pcre2_partial_hard() : 0
        let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        let rc: Int32
        if code.jitted {
            rc = pcre2_jit_match_8(code.code, base, subject.count, start, options, matchData, context)
        } else {
            rc = pcre2_match_8(code.code, base, subject.count, start, options, matchData, context)
        }
        if rc > 0 { return .match }
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        if rc == PCRE2_ERROR_PARTIAL { return .partial }
        return .error(rc)
    }

    /// The start and end of capture group `group` (0 is the whole match), or nil when unset.
    @inlinable
    func range(ofGroup group: Int) -> Range<Int>? {
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let s = ovector[2 * group], e = ovector[2 * group + 1]
        if s == veil_pcre2_unset() { return nil }
        return s..<e
    }
}

/// What the validator callout reads: set before each match of a rule with a validator.
final class CalloutState {
    var validator: Validator?
}

/// The callout compiled at the end of every validated rule, `(?C1)`: it runs the rule's
/// validator on the match so far and, when it refuses, makes PCRE2 backtrack. So a greedy
/// pattern such as a card number followed by more digits still finds its valid prefix.
private let validatorCallout: @convention(c) (UnsafeMutablePointer<pcre2_callout_block_8>?, UnsafeMutableRawPointer?) -> Int32 = { block, data in
    guard let block, let data else { return 0 }
    // The scratch owns the state for as long as PCRE2 can call back: no retain needed.
    guard let validator = Unmanaged<CalloutState>.fromOpaque(data)._withUnsafeGuaranteedRef({ $0.validator }) else { return 0 }
    let b = block.pointee
    let value = UnsafeRawBufferPointer(start: b.subject + b.start_match, count: b.current_position - b.start_match)
    return validator.accepts(value) ? 0 : 1
}
