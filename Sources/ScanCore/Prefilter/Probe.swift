/// One byte test inside a ``Probe``: the byte at `offset` from the probe position lies in
/// `lo...hi` (or, when `negated`, does not), after optional ASCII case folding.
///
/// Offsets run from -1 (the byte before the position) to 15. Bytes outside the stream read as 0x00.
public struct LaneTest: Hashable, Sendable {
    /// The byte's distance from the probe position, in -1...15.
    public var offset: Int
    /// The lowest byte value that passes.
    public var lo: UInt8
    /// The highest byte value that passes.
    public var hi: UInt8
    /// Whether the test passes when the byte is outside `lo...hi`.
    public var negated: Bool
    /// Whether the byte is ORed with 0x20 (ASCII lower-casing) before the comparison.
    public var foldCase: Bool

    /// The range of offsets a lane test may use.
    public static let offsets: ClosedRange<Int> = -1...15

    /// A test of one byte position against an inclusive range.
    public init(offset: Int, _ lo: UInt8, _ hi: UInt8, negated: Bool = false, foldCase: Bool = false) {
        precondition(LaneTest.offsets.contains(offset), "lane test offset out of range")
        self.offset = offset; self.lo = lo; self.hi = hi; self.negated = negated; self.foldCase = foldCase
    }

    /// A test that the byte at `offset` equals the ASCII character `c`.
    public static func byte(_ c: Character, at offset: Int) -> LaneTest {
        let b = c.asciiValue!
        return LaneTest(offset: offset, b, b)
    }

    /// A test that the byte at `offset` is an ASCII letter (or, when `negated`, is not).
    public static func letter(at offset: Int, negated: Bool = false) -> LaneTest {
        LaneTest(offset: offset, UInt8(ascii: "a"), UInt8(ascii: "z"), negated: negated, foldCase: true)
    }

    /// A test that the byte at `offset` is an ASCII digit (or, when `negated`, is not).
    public static func digit(at offset: Int, negated: Bool = false) -> LaneTest {
        LaneTest(offset: offset, UInt8(ascii: "0"), UInt8(ascii: "9"), negated: negated)
    }

    /// The same test, negated.
    public var inverted: LaneTest { var t = self; t.negated.toggle(); return t }

    /// Whether `byte` passes the test.
    @inlinable
    public func passes(_ byte: UInt8) -> Bool {
        let x = foldCase ? byte | 0x20 : byte
        return (x &- lo <= hi &- lo) != negated
    }

    /// A rough share of text bytes that pass, used to choose the cheapest tests for the SIMD pass.
    var estimatedPassRate: Double {
        var rate = 0.0
        for b in lo...hi { rate += LaneTest.frequency(of: b) }
        if foldCase { rate *= 2 }
        return negated ? 1 - rate : rate
    }

    /// An estimate of how often `b` occurs in JSON and log text; letters and digits are common,
    /// rarer punctuation much less so.
    static func frequency(of b: UInt8) -> Double {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            // English letter frequencies, scaled to the share of letters in JSON and logs.
            let english: [Double] = [8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.77, 4.0, 2.4,
                                     6.7, 7.5, 1.9, 0.1, 6.0, 6.3, 9.1, 2.8, 0.98, 2.4, 0.15, 2.0, 0.07]
            return english[Int(b - UInt8(ascii: "a"))] / 100 * 0.5
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 0.006
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 0.015
        case UInt8(ascii: " "), UInt8(ascii: "\""): return 0.1
        case UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"): return 0.02
        case 0x80...0xff: return 0.001
        default: return 0.003
        }
    }
}

/// A conjunction of ``LaneTest``s around one stream position: the cheap, SIMD-checkable
/// condition that every match of a rule satisfies at some position inside it.
///
/// For example, an email contains `@`, and an AWS access key id starts with `AKIA` or `ASIA`.
public struct Probe: Hashable, Sendable, CustomStringConvertible {
    /// The tests, all of which must pass.
    public var tests: [LaneTest]

    /// A probe made of `tests`.
    public init(_ tests: [LaneTest]) {
        precondition(!tests.isEmpty && tests.count <= 24, "a probe has 1 to 24 lane tests")
        self.tests = tests
    }

    /// A probe for the literal `text` (its first eight bytes) at offsets 0...
    public static func literal(_ text: String, foldCase: Bool = false) -> Probe {
        Probe(text.utf8.prefix(8).enumerated().map { i, b in
            let letter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b | 0x20)
            let fold = foldCase && letter
            let v = fold ? b | 0x20 : b
            return LaneTest(offset: i, v, v, foldCase: fold)
        })
    }

    /// Whether the probe passes at a position, given a byte reader.
    @inlinable
    public func passes(_ byteAt: (Int) -> UInt8) -> Bool {
        for t in tests where !t.passes(byteAt(t.offset)) { return false }
        return true
    }

    /// A description naming the tests, for `veil rules list`.
    public var description: String {
        tests.map { t in
            let set = ByteSet(t.lo...t.hi)
            return "\(t.negated ? "!" : "")\(set)\(t.foldCase ? "i" : "")@\(t.offset)"
        }.joined(separator: "&")
    }
}
