/// A set of byte values, stored as a 256-bit bitmap.
///
/// Rules use byte sets to describe the bytes that may begin a match, the bytes that may
/// precede a match, and the bytes a walk-back may cross. Membership is a shift and a mask.
public struct ByteSet: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline internal var w0: UInt64 = 0
    @usableFromInline internal var w1: UInt64 = 0
    @usableFromInline internal var w2: UInt64 = 0
    @usableFromInline internal var w3: UInt64 = 0

    /// The empty set.
    public init() {}

    /// A set holding every byte of `bytes`.
    public init<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes { insert(b) }
    }

    /// A set holding every ASCII character of `ascii`.
    public init(ascii: String) { self.init(ascii.utf8) }

    /// A set holding the inclusive range `range`.
    public init(_ range: ClosedRange<UInt8>) {
        for b in range { insert(b) }
    }

    /// Every byte value.
    public static var all: ByteSet { var s = ByteSet(); s.w0 = ~0; s.w1 = ~0; s.w2 = ~0; s.w3 = ~0; return s }

    /// ASCII digits `0`–`9`.
    public static let digits = ByteSet(UInt8(ascii: "0")...UInt8(ascii: "9"))
    /// ASCII letters, digits and `_`: the bytes PCRE2 treats as word characters in byte mode.
    public static let word = ByteSet(ascii: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
    /// ASCII hexadecimal digits.
    public static let hex = ByteSet(ascii: "0123456789ABCDEFabcdef")

    /// Whether `byte` is in the set.
    @inlinable @inline(__always)
    public func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) &<< UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return w0 & bit != 0
        case 1: return w1 & bit != 0
        case 2: return w2 & bit != 0
        default: return w3 & bit != 0
        }
    }

    /// Adds `byte` to the set.
    @inlinable
    public mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) &<< UInt64(byte & 63)
        switch byte >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    /// The union of two sets.
    public func union(_ other: ByteSet) -> ByteSet {
        var s = self
        s.w0 |= other.w0; s.w1 |= other.w1; s.w2 |= other.w2; s.w3 |= other.w3
        return s
    }

    /// Whether every member of `self` is in `other`.
    public func isSubset(of other: ByteSet) -> Bool {
        w0 & ~other.w0 == 0 && w1 & ~other.w1 == 0 && w2 & ~other.w2 == 0 && w3 & ~other.w3 == 0
    }

    /// The number of members.
    public var count: Int { w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount + w3.nonzeroBitCount }

    /// Whether the set has no member.
    public var isEmpty: Bool { w0 | w1 | w2 | w3 == 0 }

    /// The members as maximal inclusive ranges, in ascending order.
    public var ranges: [ClosedRange<UInt8>] {
        var out: [ClosedRange<UInt8>] = []
        var start: Int? = nil
        for b in 0...256 {
            let inSet = b < 256 && contains(UInt8(b))
            if inSet, start == nil { start = b }
            if !inSet, let s = start { out.append(UInt8(s)...UInt8(b - 1)); start = nil }
        }
        return out
    }

    /// A compact, printable description such as `[0-9@]`. Never contains payload data.
    public var description: String {
        func show(_ b: UInt8) -> String {
            (0x21...0x7e).contains(b) && b != UInt8(ascii: "]") && b != UInt8(ascii: "\\") && b != UInt8(ascii: "-")
                ? String(UnicodeScalar(b)) : "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
        }
        return "[" + ranges.map { $0.lowerBound == $0.upperBound ? show($0.lowerBound) : show($0.lowerBound) + "-" + show($0.upperBound) }.joined() + "]"
    }
}
