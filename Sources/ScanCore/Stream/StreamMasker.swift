/// Masks one stream, chunk by chunk, holding back only a bounded tail.
///
/// Feed it chunks of any size (1 byte to many MiB) as they arrive; it writes masked output
/// to a ``MaskingSink`` as soon as each byte is decided. The output is byte-identical to
/// masking the whole input at once, for every chunking: every decision depends only on bytes
/// at fixed distances from a position, and a position is decided only once those bytes are
/// visible (see docs/ARCHITECTURE.md, "Streaming").
///
/// Memory stays constant: it holds back at most ``MaskingEngine/holdBack`` bytes of output and
/// keeps at most 16 bytes of context more (``heldBack``, ``retainedBytes``).
/// Not thread-safe: one masker belongs to one stream.
public final class StreamMasker {
    /// Bytes kept before any position that may still start a match: the lookbehind a pattern
    /// may use, and the escape and UTF-8 checks at a span's start.
    static let context = 16
    /// Probes read bytes up to 15 past their position.
    static let probeReach = 16

    let engine: MaskingEngine
    let rules: [CompiledRule]
    /// The engine's hit tables; the masker holds the engine, and the hot paths read them
    /// through unmanaged references and plain pointers, so handling a hit retains nothing.
    let probes: Unmanaged<ProbeMatrix>
    let gates: Unmanaged<GateSet>
    let facts: UnsafeMutableBufferPointer<HitTables.RuleFacts>
    /// The rules with a digit gate.
    let gatedRules: UInt64
    /// The rules with a candidate screen.
    let screenedRules: UInt64
    /// The rules again, unmanaged (the engine keeps them), so resolving retains nothing.
    let ruleRefs: UnsafeMutablePointer<Unmanaged<CompiledRule>>
    /// Scratch for the gates' class masks at a hit.
    let gateMasks: UnsafeMutablePointer<UInt64>
    let scratch: MatchScratch
    /// Room for one confirm subject that spans the carry and the chunk.
    let joinBuffer: UnsafeMutableRawBufferPointer

    /// Bytes `carryStart ..< carryStart + carry.count` of the stream, kept from earlier chunks.
    var carry: [UInt8] = []
    var carryStart = 0
    /// Whether the backslash run ending just before `carryStart` has odd length.
    var leadParity = false
    /// The next position the probe scan looks at.
    var scanPos = 0
    /// Every byte before this offset has been output.
    var emitted = 0
    /// No span may start before this offset (the end of the last match).
    var cur = 0
    /// Pending windows, one queue per rule, in plain memory.
    let queues: UnsafeMutableBufferPointer<WindowQueue>
    /// The rules whose queues are not empty, as a bit set (engines have at most 64 rules on
    /// this path; see ``MaskingEngine``).
    var pending: UInt64 = 0
    /// The first hit position at which resolving again can make progress: past the last
    /// undecided start by `maxBack`, or never (until the next step) when the last resolve
    /// waited for bytes. Resolving more often decides nothing differently, only sooner.
    var nextResolveAt = 0
    /// Per rule: the last start tried.
    let lastTested: UnsafeMutableBufferPointer<Int>
    /// The start and rule of the last early try that had to wait, and how many bytes must be
    /// visible before it is tried again (see ``resolve(_:safeBefore:_:)``).
    var earlyStart = -1
    var earlyRule = -1
    var earlyRetryAt = 0
    var replacement: [UInt8] = []
    var finished = false
    /// How replacements are rendered: as text, or JSON-aware (see ``Format``).
    public private(set) var format: Format
    var json = JSONStringTracker()

    /// How the masker treats its input.
    public enum Format: Sendable {
        /// Plain text: every replacement is the label.
        case text
        /// JSON (one document, or one per line): a value masked outside any string is replaced
        /// by a quoted label, so the output stays valid JSON.
        case json
        /// JSON when the first byte that is not white space is `{` or `[`, text otherwise.
        case auto
    }

    /// The number of bytes fed so far.
    public private(set) var bytesIn = 0
    /// The number of confirm calls that PCRE2 ended with an error (treated as no match).
    public private(set) var confirmErrors = 0
    /// The number of PCRE2 calls made to confirm candidates, early tries that had to wait
    /// included (so, unlike the output, it varies a little with the chunking).
    public private(set) var confirmCalls = 0
    /// The number of positions the SIMD stage passed to the scalar probe check.
    public private(set) var prefilterHits = 0
    /// The number of candidate windows opened (probe passed, gate passed).
    public private(set) var windowsOpened = 0
    /// The number of calls to `feed`.
    public private(set) var feeds = 0
    /// The bytes held back after each `feed` (``heldBack``), summed: divided by ``feeds``, how
    /// far output lags input on average, which a proxy sees as latency.
    public private(set) var heldBackSum = 0
    /// The most bytes held back after any `feed`.
    public private(set) var heldBackPeak = 0
    /// Confirm calls per rule, by rule index: where the regex time goes.
    public private(set) var confirmsByRule: [Int]
    /// When true, the time spent confirming is added up per rule in ``confirmNanosByRule``
    /// (two clock reads per confirm: for `veil rules test`, not for production streams).
    public var profilesConfirms = false
    /// Nanoseconds spent confirming, per rule index, while ``profilesConfirms`` is on.
    public private(set) var confirmNanosByRule: [Int]

    init(engine: MaskingEngine, format: Format) {
        self.engine = engine
        self.format = format
        self.rules = engine.rules
        self.scratch = engine.takeScratch()
        self.joinBuffer = .allocate(byteCount: engine.maxLength + 64, alignment: 16)
        let ruleCount = max(1, engine.rules.count)
        self.lastTested = .allocate(capacity: ruleCount)
        self.lastTested.initialize(repeating: -1)
        self.confirmsByRule = Array(repeating: 0, count: engine.rules.count)
        self.queues = .allocate(capacity: max(1, engine.rules.count))
        for r in 0..<engine.rules.count { (self.queues.baseAddress! + r).initialize(to: WindowQueue()) }
        let tables = engine.tables
        self.probes = .passUnretained(tables.probes)
        self.gates = .passUnretained(tables.gates)
        self.facts = tables.facts
        self.gatedRules = tables.gates.gated
        self.screenedRules = tables.screened
        self.ruleRefs = tables.ruleRefs
        self.gateMasks = .allocate(capacity: max(1, tables.gates.classCount))
        self.confirmNanosByRule = Array(repeating: 0, count: engine.rules.count)
    }

    deinit {
        engine.returnScratch(scratch)
        joinBuffer.deallocate()
        gateMasks.deallocate()
        for r in 0..<rules.count { queues[r].free() }
        queues.deallocate()
        lastTested.deallocate()
    }

    /// Masks the next `chunk` of the stream. Output for bytes that are decided goes to `sink`
    /// now; `passThrough` ranges index into `chunk`.
    public func feed<S: MaskingSink>(_ chunk: UnsafeRawBufferPointer, into sink: inout S) {
        precondition(!finished, "feed after finish")
        bytesIn += chunk.count
        var keepFrom = 0
        var newParity = false
        carry.withUnsafeBytes { carryBytes in
            let view = ByteView(carry: carryBytes, carryStart: carryStart, chunk: chunk,
                                chunkStart: carryStart + carryBytes.count, leadParity: leadParity, atEnd: false)
            step(view, &sink)
            (keepFrom, newParity) = retained(view)
        }
        // Update the carry in place, so a stream in steady state allocates nothing.
        let chunkStart = carryStart + carry.count
        if keepFrom >= chunkStart {
            carry.removeAll(keepingCapacity: true)
            carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[(keepFrom - chunkStart)...]))
        } else {
            carry.removeFirst(keepFrom - carryStart)
            carry.append(contentsOf: chunk)
        }
        carryStart = keepFrom
        leadParity = newParity
        let held = heldBack
        feeds += 1
        heldBackSum += held
        heldBackPeak = max(heldBackPeak, held)
    }

    /// Masks the next `buffer` of the stream as if it arrived in chunks of `chunkSize` bytes
    /// (for benchmarks and scoring, which hold their input in memory). `passThrough` ranges
    /// index into `buffer` as a whole.
    public func feed<S: MaskingSink>(_ buffer: UnsafeRawBufferPointer, chunkSize: Int, into sink: inout S) {
        precondition(chunkSize > 0, "chunkSize must be positive")
        var shifted = OffsetSink(base: sink, offset: 0)
        while shifted.offset < buffer.count {
            let piece = UnsafeRawBufferPointer(rebasing: buffer[shifted.offset..<min(buffer.count, shifted.offset + chunkSize)])
            feed(piece, into: &shifted)
            shifted.offset += piece.count
        }
        sink = shifted.base
    }

    /// Ends the stream: decides and outputs everything still held back.
    public func finish<S: MaskingSink>(into sink: inout S) {
        precondition(!finished, "finish called twice")
        finished = true
        carry.withUnsafeBytes { carryBytes in
            let view = ByteView(carry: carryBytes, carryStart: carryStart, chunk: UnsafeRawBufferPointer(start: nil, count: 0),
                                chunkStart: carryStart + carryBytes.count, leadParity: leadParity, atEnd: true)
            step(view, &sink)
        }
        carry = []
        carryStart = emitted
    }

    /// The number of bytes currently held back (fed but not yet output).
    public var heldBack: Int { carryStart + carry.count - emitted }
    /// The number of bytes the masker keeps between feeds: what it holds back plus the
    /// context before it. At most ``MaskingEngine/holdBack`` + 16.
    public var retainedBytes: Int { carry.count }

    // MARK: - One step: scan, resolve, emit

    func step<S: MaskingSink>(_ view: ByteView, _ sink: inout S) {
        let available = view.available
        nextResolveAt = 0
        let scanLimit = view.atEnd ? available : available - StreamMasker.probeReach - engine.gateReach
        if scanLimit > scanPos {
            scan(view, from: scanPos, to: scanLimit, &sink)
            scanPos = scanLimit
        }
        let safeBefore = view.atEnd ? Int.max : scanPos - engine.maxBack
        let undecided = resolve(view, safeBefore: safeBefore, &sink)
        let frontier = view.atEnd ? available : min(undecided, safeBefore) - 8
        if frontier > emitted {
            emit(emitted..<frontier, view, &sink)
            emitted = frontier
        }
    }

    /// Runs the prefilter over positions `from ..< to`: SIMD over whole buffers, gathered
    /// where a position's probe bytes straddle the carry and the chunk or the ends of the stream.
    func scan<S: MaskingSink>(_ view: ByteView, from: Int, to: Int, _ sink: inout S) {
        let keys = engine.prefilter.keys
        var pos = from
        while pos < to {
            if let (base, offset, bufferEnd) = StreamMasker.directBuffer(at: pos, view) {
                let end = min(to, bufferEnd - StreamMasker.probeReach + 1)
                keys.scan(base, from: pos - offset, to: end - offset) { j in
                    self.hit(at: j + offset, view, &sink)
                    return j + 1
                }
                pos = end
            } else {
                // Up to the next position one buffer holds whole.
                var end = pos + 1
                while end < to, StreamMasker.directBuffer(at: end, view) == nil { end += 1 }
                keys.scanGathered(from: pos, to: end, { view.byte($0) }) { j in
                    self.hit(at: j, view, &sink)
                    return j + 1
                }
                pos = end
            }
        }
    }

    /// The buffer (carry or chunk) holding all of position `pos`'s probe bytes, with the
    /// stream offsets it starts and ends at, if one does.
    @inline(__always)
    static func directBuffer(at pos: Int, _ view: ByteView) -> (base: UnsafeRawPointer, start: Int, end: Int)? {
        if pos >= view.carryStart + 1, pos + probeReach <= view.chunkStart, let base = view.carry.baseAddress {
            return (base, view.carryStart, view.chunkStart)
        }
        if pos >= view.chunkStart + 1, pos + probeReach <= view.available, let base = view.chunk.baseAddress {
            return (base, view.chunkStart, view.available)
        }
        return nil
    }

    /// A prefilter hit at `j`: check the full probes, open windows for the rules whose probes
    /// pass, then resolve what no later hit can change.
    func hit<S: MaskingSink>(at j: Int, _ view: ByteView, _ sink: inout S) {
        prefilterHits += 1
        // Most hits lie inside the chunk with their probe bytes: read them directly.
        if let p = view.chunkPointer(at: j, before: 1, after: StreamMasker.probeReach) {
            openWindows(at: j, view) { p[$0] }
        } else {
            openWindows(at: j, view) { view.byte(j + $0) }
        }
        if pending != 0, j >= nextResolveAt {
            _ = resolve(view, safeBefore: j - engine.maxBack, &sink)
        }
    }

    /// Checks the probes at `j` and opens a window for each rule they name whose digit gate
    /// (if any) passes and whose candidate screen (if any) does not refuse.
    @inline(__always)
    func openWindows(at j: Int, _ view: ByteView, _ byteAt: (Int) -> UInt8) {
        var rules = probes._withUnsafeGuaranteedRef { $0.rules(byteAt) }
        // A rule already tried at or past j (or inside the last match) needs no window.
        var bits = rules
        while bits != 0 {
            let r = bits.trailingZeroBitCount
            bits &= bits &- 1
            if j < max(cur, lastTested[r] &+ 1) { rules &= ~(UInt64(1) &<< UInt64(r)) }
        }
        // Screens first: they are a few scalar tests, and the phone screen refuses most numbers
        // (timestamps, epochs, decimals) before the gates' vector work runs for them.
        var screened = rules & screenedRules
        if screened != 0 {
            // The screens read up to CandidateScreen.reach bytes either side: directly when
            // the chunk holds them all.
            let direct = view.chunkPointer(at: j, before: CandidateScreen.reach, after: CandidateScreen.reach)
            while screened != 0 {
                let r = screened.trailingZeroBitCount
                screened &= screened &- 1
                guard let screen = facts[r].screen else { continue }
                let refused: Bool
                if let p = direct {
                    refused = screen.refuses { p[$0] }
                } else {
                    refused = screen.refuses { view.byte(j &+ $0) }
                }
                if refused { rules &= ~(UInt64(1) &<< UInt64(r)) }
            }
        }
        let gated = rules & gatedRules
        if gated != 0 {
            // Inside the chunk, the gates read their window directly.
            let passed: UInt64
            if let p = view.chunkPointer(at: j, before: 0, after: GateSet.window) {
                let masks = gateMasks
                passed = gates._withUnsafeGuaranteedRef {
                    $0.passing(gated, at: UnsafeRawPointer(p), masks: masks) { view.byte(j &+ $0) }
                }
            } else {
                passed = gates._withUnsafeGuaranteedRef { $0.passing(gated) { view.byte(j &+ $0) } }
            }
            rules = (rules & ~gated) | passed
        }
        while rules != 0 {
            let r = rules.trailingZeroBitCount
            rules &= rules &- 1
            openWindow(rule: r, at: j, view)
        }
    }

    func openWindow(rule r: Int, at j: Int, _ view: ByteView) {
        let facts = facts[r]
        var lo = j
        let minLo = max(0, j - facts.maxBack)
        while lo > minLo, facts.back.contains(view.byte(lo - 1)) { lo -= 1 }
        windowsOpened += 1
        queues[r].add(lo: lo, hi: j)
        pending |= 1 << UInt64(r)
    }

    /// Decides candidate starts in order while they are decidable: below `safeBefore` (no
    /// later hit can open a window there) and with enough bytes visible to confirm. Returns
    /// the first undecided position.
    ///
    /// Each rule's windows are merged and ordered, so the next start of a rule is the front of
    /// its queue, and the next start overall is the least of those: one step costs one look
    /// per rule with pending windows, and a rule that cannot be confirmed yet (it needs more
    /// bytes) blocks in O(1).
    func resolve<S: MaskingSink>(_ view: ByteView, safeBefore: Int, _ sink: inout S) -> Int {
        while pending != 0 {
            // The least next start over the pending rules, and the rules whose windows start
            // there (found in one pass).
            var p = Int.max
            var atP: UInt64 = 0
            var bits = pending
            while bits != 0 {
                let r = bits.trailingZeroBitCount
                bits &= bits - 1
                if let s = queues[r].first(from: max(cur, lastTested[r] + 1)) {
                    if s < p { p = s; atP = 0 }
                    if s == p { atP |= 1 << UInt64(r) }
                } else {
                    pending &= ~(1 << UInt64(r))
                }
            }
            if p == Int.max { break }
            if p >= safeBefore {
                nextResolveAt = p + engine.maxBack + 1
                return safeBefore
            }
            // The rules at p in priority order: the first that matches wins, and one that
            // cannot be decided yet blocks the ones after it.
            bits = atP
            while bits != 0 {
                let r = bits.trailingZeroBitCount
                bits &= bits - 1
                // Before the whole subject is visible, a try decides what the visible bytes
                // settle (most matches and refusals, long before `maxLength` bytes); one that
                // must wait is tried again only once the visible distance has doubled, so a
                // start that stays undecided costs O(maxLength) in all.
                let complete = view.atEnd || p + facts[r].maxLength + Confirmation.spanSlack <= view.available
                if !complete && p == earlyStart && r == earlyRule && view.available < earlyRetryAt {
                    nextResolveAt = Int.max
                    return p
                }
                let verdict: Confirmation.Verdict?
                switch ruleRefs[r]._withUnsafeGuaranteedRef({ confirm($0, at: p, view) }) {
                case .decided(let v):
                    verdict = v
                case .waiting:
                    earlyStart = p
                    earlyRule = r
                    earlyRetryAt = view.available + max(64, view.available - p)
                    nextResolveAt = Int.max
                    return p
                }
                lastTested[r] = p
                switch verdict {
                case .mask(let span, let consumed)?:
                    emit(emitted..<span.lowerBound, view, &sink)
                    ruleRefs[r]._withUnsafeGuaranteedRef { output(span, $0, view, &sink) }
                    emitted = span.upperBound
                    cur = consumed
                case nil:
                    continue
                }
                break
            }
        }
        return safeBefore
    }

    /// Confirms `rule` at `p`: quick byte checks, then the anchored PCRE2 match, the validator
    /// and the span boundary rules (``Confirmation/run``). Returns the span to replace and the
    /// end of the match, no match, or that the visible bytes cannot settle it yet.
    func confirm(_ rule: CompiledRule, at p: Int, _ view: ByteView) -> Confirmation.Early {
        guard rule.firstBytes.contains(view.byte(p)) else { return .decided(nil) }
        if p > 0, rule.hint.notAfter.contains(view.byte(p - 1)) { return .decided(nil) }
        return counted(rule) {
            Confirmation.run(rule, at: p, view, scratch: scratch, join: joinBuffer, floor: emitted,
                             onError: { self.confirmErrors += 1 })
        }
    }

    /// Runs one PCRE2 confirm of `rule`, counted, and timed when ``profilesConfirms`` is on.
    @inline(__always)
    func counted<T>(_ rule: CompiledRule, _ body: () -> T) -> T {
        confirmCalls += 1
        confirmsByRule[rule.index] += 1
        guard profilesConfirms else { return body() }
        let clock = ContinuousClock()
        let start = clock.now
        let result = body()
        let elapsed = (clock.now - start).components
        confirmNanosByRule[rule.index] += Int(elapsed.seconds) * 1_000_000_000 + Int(elapsed.attoseconds / 1_000_000_000)
        return result
    }

    /// Outputs bytes `range` unchanged: from the carry by copy, from the chunk by reference.
    func emit<S: MaskingSink>(_ range: Range<Int>, _ view: ByteView, _ sink: inout S) {
        guard !range.isEmpty else { return }
        if format == .auto { decideFormat(range, view) }
        if format == .json { json.advance(to: range.upperBound, view) }
        if range.lowerBound < view.chunkStart {
            let end = min(range.upperBound, view.chunkStart)
            sink.write(UnsafeRawBufferPointer(rebasing: view.carry[(range.lowerBound - view.carryStart)..<(end - view.carryStart)]))
        }
        if range.upperBound > view.chunkStart {
            let start = max(range.lowerBound, view.chunkStart)
            sink.passThrough((start - view.chunkStart)..<(range.upperBound - view.chunkStart))
        }
    }

    func output<S: MaskingSink>(_ span: Range<Int>, _ rule: CompiledRule, _ view: ByteView, _ sink: inout S) {
        if format == .auto { decideFormat(span, view) }
        var quote = false
        if format == .json {
            json.advance(to: span.lowerBound, view)
            quote = !json.inString
            json.skip(to: span.upperBound)
        }
        let value = view.contiguous(span.lowerBound, span.upperBound, scratch: joinBuffer)
        // Only pseudonymization reads the key: other actions skip the retain of reading it.
        let pseudonymizer = rule.action == .pseudonymize ? engine.pseudonymizer : nil
        Replacement.render(rule, value: value, pseudonymizer: pseudonymizer, quoted: quote, into: &replacement)
        sink.found(Finding(start: span.lowerBound, end: span.upperBound, type: rule.type, rule: rule.name, ruleIndex: rule.index))
        replacement.withUnsafeBytes { sink.write($0) }
    }

    /// In auto mode, settles the format at the first byte that is not white space.
    func decideFormat(_ range: Range<Int>, _ view: ByteView) {
        for q in range {
            let b = view.byte(q)
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { continue }
            format = (b == UInt8(ascii: "{") || b == UInt8(ascii: "[")) ? .json : .text
            json.position = q
            return
        }
    }

    /// Where the carry into the next feed starts: every byte not yet output, plus the
    /// context later decisions read (walk-backs, lookbehind, escape checks). Also returns the
    /// backslash parity just before that point.
    func retained(_ view: ByteView) -> (Int, Bool) {
        var keepFrom = min(emitted, scanPos - engine.maxBack - StreamMasker.context)
        for r in 0..<rules.count where !queues[r].isEmpty {
            let front = queues[r].front
            keepFrom = min(keepFrom, max(front.lo, cur, lastTested[r] + 1) - StreamMasker.context)
        }
        keepFrom = min(max(keepFrom, view.carryStart), view.available)
        return (keepFrom, view.isEscaped(keepFrom))
    }
}
