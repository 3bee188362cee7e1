/// Every rule's ``DigitGate``, checked together at a hit from one look at the next 32 bytes.
///
/// Numbers are the commonest hits, and a number usually wakes several gated rules at once
/// (cards, SSNs, phones, IPv4). Rather than walk the run once per rule, byte by byte, the
/// gates share two vector loads: one digit mask and one mask per distinct byte class (run
/// classes and separator sets), each 32 bits. A gate then costs a few scalar operations: its
/// run ends at the first zero of its class mask, and its counts are popcounts below that.
///
/// A gate whose run and maximum length both reach past the 32 bytes is finished by the
/// byte-by-byte check (``passesAlone``, also the oracle the tests compare against); so is
/// every gate near the end of the visible bytes.
///
/// Built once per engine and immutable after that, so maskers on any thread share it.
final class GateSet: @unchecked Sendable {
    /// One distinct gate, with the rules that use it.
    struct Lane {
        var gate: DigitGate
        var maxLength: Int
        var rules: UInt64
        var runClass: Int
        var separators: Int
        var minDigits: Int
        var minSeparators: Int
        /// The class of `orPair` alone (or -1).
        var pair: Int
    }

    let lanes: UnsafeMutableBufferPointer<Lane>
    /// `rangeLo/rangeSpan[rangeStart[c] ..< rangeStart[c + 1]]` are class `c`'s ranges (digits excluded).
    let rangeLo: UnsafeMutableBufferPointer<SIMD16<UInt8>>
    let rangeSpan: UnsafeMutableBufferPointer<SIMD16<UInt8>>
    let rangeStart: UnsafeMutableBufferPointer<Int>
    let classDigits: UnsafeMutableBufferPointer<Bool>
    let classCount: Int
    /// The rules that have a gate, as a bit set.
    let gated: UInt64
    /// The union of the run classes (class `unionClass`) and the fewest digits any gate
    /// needs: a run of the union with fewer digits passes no gate, which most numbers show
    /// after one class test.
    let unionClass: Int
    let fewestDigits: Int
    let countingRules: UInt64
    /// How many bytes past a hit the vector path reads.
    static let window = 32

    init(rules: [CompiledRule]) {
        var lanes: [Lane] = []
        var classes: [ByteSet] = []
        func classIndex(_ set: ByteSet) -> Int {
            if let k = classes.firstIndex(of: set) { return k }
            classes.append(set)
            return classes.count - 1
        }
        var gated: UInt64 = 0
        for rule in rules {
            guard let gate = rule.hint.gate else { continue }
            let bit = UInt64(1) << UInt64(rule.index)
            gated |= bit
            let maxLength = gate.reach(forMaxLength: rule.maxLength)
            if let k = lanes.firstIndex(where: { $0.gate == gate && $0.maxLength == maxLength }) {
                lanes[k].rules |= bit
                continue
            }
            // A separator is counted only outside the digits, and only inside the run.
            let separators = ByteSet((0...255).map(UInt8.init).filter {
                gate.separators.contains($0) && gate.runClass.contains($0) && !($0 >= 0x30 && $0 <= 0x39)
            })
            lanes.append(Lane(gate: gate, maxLength: maxLength, rules: bit, runClass: classIndex(gate.runClass),
                              separators: classIndex(separators), minDigits: gate.minDigits, minSeparators: gate.minSeparators,
                              pair: gate.orPair.map { classIndex(ByteSet([$0])) } ?? -1))
        }
        self.gated = gated
        // The quick reject covers the lanes that need digits, cannot pass by a pair and start
        // at the probe.
        let counting = lanes.filter { $0.minDigits > 0 && $0.pair < 0 && $0.gate.from == 0 }
        unionClass = classIndex(counting.reduce(ByteSet()) { $0.union($1.gate.runClass) })
        fewestDigits = counting.map(\.minDigits).min() ?? 0
        countingRules = counting.reduce(0) { $0 | $1.rules }
        self.lanes = .allocate(capacity: max(1, lanes.count))
        _ = self.lanes.initialize(from: lanes)
        self.laneCount = lanes.count
        var lo: [SIMD16<UInt8>] = [], span: [SIMD16<UInt8>] = [], starts: [Int] = [], digits: [Bool] = []
        for set in classes {
            let hasDigits = (0x30...0x39).allSatisfy { set.contains(UInt8($0)) }
            starts.append(lo.count)
            digits.append(hasDigits)
            var b = 0
            while b < 256 {
                let byte = UInt8(b)
                guard set.contains(byte), !(hasDigits && byte >= 0x30 && byte <= 0x39) else { b += 1; continue }
                var end = b
                while end + 1 < 256, set.contains(UInt8(end + 1)), !(hasDigits && end + 1 >= 0x30 && end + 1 <= 0x39) { end += 1 }
                lo.append(SIMD16(repeating: byte))
                span.append(SIMD16(repeating: UInt8(end - b)))
                b = end + 1
            }
        }
        starts.append(lo.count)
        rangeLo = .allocate(capacity: max(1, lo.count)); _ = rangeLo.initialize(from: lo)
        rangeSpan = .allocate(capacity: max(1, span.count)); _ = rangeSpan.initialize(from: span)
        rangeStart = .allocate(capacity: starts.count); _ = rangeStart.initialize(from: starts)
        classDigits = .allocate(capacity: max(1, digits.count)); _ = classDigits.initialize(from: digits)
        classCount = classes.count
    }

    let laneCount: Int

    deinit {
        lanes.deallocate(); rangeLo.deallocate(); rangeSpan.deallocate(); rangeStart.deallocate()
        classDigits.deallocate()
    }

    @inline(__always)
    static func within(_ v: SIMD16<UInt8>, _ lo: SIMD16<UInt8>, _ span: SIMD16<UInt8>) -> SIMD16<UInt8> {
        unsafeBitCast((v &- lo) .<= span, to: SIMD16<UInt8>.self)
    }

    /// The rules among `candidates` (a bit set of gated rules) whose gates pass at the position
    /// `p` points to; bytes `p ..< p + 32` must be readable. A run longer than that is finished
    /// with `byteAt(distance)`. `masks` is the caller's scratch of ``classCount`` words.
    @inline(__always)
    func passing(_ candidates: UInt64, at p: UnsafeRawPointer, masks: UnsafeMutablePointer<UInt64>,
                 _ byteAt: (Int) -> UInt8) -> UInt64 {
        let v0 = VectorMask.load(p, 0), v1 = VectorMask.load(p, 16)
        let zero = SIMD16<UInt8>(repeating: 0x30), nine = SIMD16<UInt8>(repeating: 9)
        let digits = VectorMask.bits(GateSet.within(v0, zero, nine)) | VectorMask.bits(GateSet.within(v1, zero, nine)) &<< 16
        var candidates = candidates
        // Class masks are computed when a lane first needs them.
        var known: UInt64 = 0
        if candidates & countingRules != 0 {
            let unionEnd = (~cached(unionClass, &known, masks, v0, v1, digits)).trailingZeroBitCount
            if unionEnd < GateSet.window, (digits & ((UInt64(1) &<< UInt64(unionEnd)) &- 1)).nonzeroBitCount < fewestDigits {
                candidates &= ~countingRules
                if candidates == 0 { return 0 }
            }
        }
        var result: UInt64 = 0
        for k in 0..<laneCount where lanes[k].rules & candidates != 0 {
            let lane = lanes[k]
            // The run is bytes from..<end, ending at the first byte outside the class (bit 32
            // stands for "beyond the window"); masks shifted by `from` count from the run's start.
            let from = UInt64(lane.gate.from)
            let run = (cached(lane.runClass, &known, masks, v0, v1, digits) | ~0xFFFF_FFFF) &>> from
            let limit = min((~run).trailingZeroBitCount, lane.maxLength - lane.gate.from)
            let passes: Bool
            if limit >= GateSet.window - lane.gate.from {
                passes = GateSet.passesAlone(lane.gate, maxLength: lane.maxLength, byteAt)
            } else {
                let below = (UInt64(1) &<< UInt64(max(0, limit))) &- 1
                let pair = lane.pair >= 0 ? cached(lane.pair, &known, masks, v0, v1, digits) : 0
                let pairs = pair & (pair &>> 1)
                passes = (((digits &>> from) & below).nonzeroBitCount >= lane.minDigits
                          && ((cached(lane.separators, &known, masks, v0, v1, digits) &>> from) & below).nonzeroBitCount >= lane.minSeparators)
                    || (pairs &>> from) & (below &>> 1) != 0
            }
            if passes { result |= lane.rules }
        }
        return result & candidates
    }

    /// Class `c`'s mask, computed once per hit (`known` marks the classes in `masks`).
    @inline(__always)
    func cached(_ c: Int, _ known: inout UInt64, _ masks: UnsafeMutablePointer<UInt64>,
                _ v0: SIMD16<UInt8>, _ v1: SIMD16<UInt8>, _ digits: UInt64) -> UInt64 {
        if c >= 64 || known & (1 &<< UInt64(c)) == 0 {
            masks[c] = classMask(c, v0, v1, digits)
            if c < 64 { known |= 1 &<< UInt64(c) }
        }
        return masks[c]
    }

    /// Class `c`'s mask over the 32 bytes `v0`, `v1`.
    @inline(__always)
    func classMask(_ c: Int, _ v0: SIMD16<UInt8>, _ v1: SIMD16<UInt8>, _ digits: UInt64) -> UInt64 {
        var m0 = SIMD16<UInt8>(repeating: 0), m1 = SIMD16<UInt8>(repeating: 0)
        for r in rangeStart[c]..<rangeStart[c &+ 1] {
            m0 |= GateSet.within(v0, rangeLo[r], rangeSpan[r])
            m1 |= GateSet.within(v1, rangeLo[r], rangeSpan[r])
        }
        return VectorMask.bits(m0) | VectorMask.bits(m1) &<< 16 | (classDigits[c] ? digits : 0)
    }

    /// The rules among `candidates` whose gates pass, reading bytes with `byteAt(distance)`
    /// (near the ends of the visible bytes).
    func passing(_ candidates: UInt64, _ byteAt: (Int) -> UInt8) -> UInt64 {
        var result: UInt64 = 0
        for k in 0..<laneCount where lanes[k].rules & candidates != 0 {
            if GateSet.passesAlone(lanes[k].gate, maxLength: lanes[k].maxLength, byteAt) { result |= lanes[k].rules }
        }
        return result & candidates
    }

    /// One gate checked alone, byte by byte: from the position (plus `from`), up to the first byte outside
    /// the run class and at most `maxLength` bytes, at least `minDigits` digits and
    /// `minSeparators` separators, or `orPair` twice in a row. `maxLength` is the rule's; the
    /// gate's `reach`, when shorter, applies.
    static func passesAlone(_ gate: DigitGate, maxLength: Int, _ byteAt: (Int) -> UInt8) -> Bool {
        let maxLength = gate.reach(forMaxLength: maxLength)
        var digits = 0, separators = 0
        var q = gate.from
        var previous: UInt8? = nil
        while q < maxLength, digits < gate.minDigits || separators < gate.minSeparators {
            let b = byteAt(q)
            if !gate.runClass.contains(b) { break }
            if let pair = gate.orPair, b == pair, previous == pair { return true }
            if b >= 0x30 && b <= 0x39 { digits += 1 } else if gate.separators.contains(b) { separators += 1 }
            previous = b
            q += 1
        }
        return digits >= gate.minDigits && separators >= gate.minSeparators
    }
}
