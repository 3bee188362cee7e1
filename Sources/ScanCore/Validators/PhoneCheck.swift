/// Whether a phone-number candidate has a length libphonenumber would call possible, read from
/// ``PhoneMetadata``. It runs inside a PCRE2 callout on every candidate, so it never allocates:
/// the digits live in two stack words and everything else is a static table.
///
/// A candidate is the raw matched bytes: digits, the separators `space . - / ( )`, an optional
/// leading `+`, an optional `(0)` trunk marker, and an optional extension at the end. Reading
/// stops at the first other byte (`x`, `e`, `#`, ...), so ` x123`, ` ext. 123`, ` ext 123` and
/// `#123` are ignored. At most 31 digits are read; more is never possible.
///
/// Fewer than `minimumDigits` digits in all (7 by default, counting any IDD and country code)
/// are never possible: libphonenumber allows NSNs of 2 digits, which in free text are noise.
/// Otherwise the digits are accepted when one of these readings holds (libphonenumber's
/// `isPossibleNumber`, with the differences noted):
///
/// 1. **International, `+` written.** The country code is the first 1, 2 or 3 digits that name
///    a calling code (codes are prefix-free, so at most one does). A `(0)` right after the code
///    is dropped. The rest is the NSN; its length must be possible for the code (the union over
///    the regions that share it; libphonenumber uses the code's main region, which differs only
///    in lengths a smaller region adds). As libphonenumber's parser does, a trunk prefix of one
///    of the code's regions at the start of the NSN may also be dropped (`+49 030 1234567`)
///    when a possible, not local-only, length remains.
/// 2. **International, IDD written.** The digits start with an international prefix form of
///    one of the regions (see ``PhoneMetadata/internationalPrefixForms``), and what follows
///    reads as in 1.
/// 3. **National, after a trunk prefix.** The digits start with the trunk prefix of one of the
///    regions and the digits after it number one of that region's
///    ``PhoneMetadata/regionNationalLengths``.
/// 4. **National, no trunk prefix.** For one region: the digit count is one of its
///    ``PhoneMetadata/regionBareLengths`` (any possible length when the region has no trunk
///    prefix, otherwise only lengths its national format writes without one), the first two
///    digits are a start its national number pattern allows (``PhoneMetadata/regionLeadingPairs``),
///    and the digit groups as written are a grouping the region writes
///    (``PhoneMetadata/groupingKeys``). libphonenumber accepts any possible length here; this
///    check does not, so `1 23 45 67 89` is not a French national number (it is one when
///    written `01 23 45 67 89`), nor is `555555-5555` anyone's. A number written in a
///    grouping no region uses is refused here;
///    with `+` or an IDD it is still read by 1 and 2.
///
/// 5. **International, the country code in parentheses without `+`.** The candidate starts
///    with `(`, 1-3 digits that are exactly a calling code, and `)` (`(351) 936 707 279`), and
///    the rest reads as in 1.
///
/// A candidate is possible when any reading holds: with the IDD `00` and the trunk prefix `0`,
/// `0049 30 1234567` may be read both ways. libphonenumber tries only the IDD reading when the
/// region's IDD is written first.
///
/// Local-only lengths (a number without its area code) count only when the region set says so
/// (``Regions/init(codes:localOnly:)``); libphonenumber always counts them.
enum PhoneCheck {
    /// The regions national numbers and international prefixes are read for, with the unions
    /// the check needs worked out once.
    struct Regions: Sendable {
        /// For each trunk prefix (indexed like ``PhoneMetadata/trunkPrefixValues``), the digit
        /// counts that may follow it in a member region. (Fixed-size vectors, not arrays, so a
        /// `Regions` is plain data: copying one in the callout retains nothing.)
        let afterTrunk: SIMD8<UInt32>
        /// The digit counts a member region's national number may have without a trunk prefix.
        let bare: UInt32
        /// The IDD forms of the member regions: bit `i` is ``PhoneMetadata/internationalPrefixForms``[i].
        let internationalPrefixes: UInt64
        /// Whether local-only lengths count, in national and international readings alike.
        let localOnly: Bool
        /// The member regions: bit `r % 64` of word `r / 64` for region index `r`.
        let members: SIMD4<UInt64>

        /// Every region, local-only lengths not counted: what
        /// ``isPossible(_:regions:minimumDigits:)`` uses for nil.
        static let all = Regions(indices: 0..<PhoneMetadata.regionCount, localOnly: false)

        /// The regions named by ISO 3166 alpha-2 codes (upper case, such as `"DE"`); nil when
        /// one is unknown to the metadata.
        init?(codes: some Sequence<String>, localOnly: Bool = false) {
            var indices: [Int] = []
            for code in codes {
                guard let index = PhoneCheck.regionIndex(code) else { return nil }
                indices.append(index)
            }
            self.init(indices: indices, localOnly: localOnly)
        }

        /// The regions at `indices` in ``PhoneMetadata/regionCodes``.
        init(indices: some Sequence<Int>, localOnly: Bool) {
            precondition(PhoneMetadata.trunkPrefixValues.count <= 8 && PhoneMetadata.regionCount <= 256,
                         "the metadata outgrew Regions' fixed-size tables")
            var afterTrunk = SIMD8<UInt32>()
            var bare: UInt32 = 0
            var idd: UInt64 = 0
            var members = SIMD4<UInt64>()
            for r in indices {
                members[r / 64] |= 1 << UInt64(r % 64)
                let local = localOnly ? PhoneMetadata.regionLocalOnlyLengths[r] : 0
                let trunk = Int(PhoneMetadata.regionTrunk[r])
                if trunk > 0 { afterTrunk[trunk - 1] |= PhoneMetadata.regionNationalLengths[r] | local }
                bare |= PhoneMetadata.regionBareLengths[r] | local
                idd |= PhoneMetadata.regionInternationalPrefixes[r]
            }
            self.afterTrunk = afterTrunk
            self.bare = bare
            self.internationalPrefixes = idd
            self.localOnly = localOnly
            self.members = members
        }
    }

    /// The index of region `code` in ``PhoneMetadata/regionCodes``, or nil.
    static func regionIndex(_ code: String) -> Int? {
        let u = Array(code.utf8)
        guard u.count == 2 else { return nil }
        let key = UInt16(u[0]) << 8 | UInt16(u[1])
        var lo = 0, hi = PhoneMetadata.regionCodes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if PhoneMetadata.regionCodes[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < PhoneMetadata.regionCodes.count && PhoneMetadata.regionCodes[lo] == key ? lo : nil
    }

    /// Whether `bytes` reads as a possible phone number (see ``PhoneCheck``); `regions` nil
    /// means every region. Pass `minimumDigits: 0` for libphonenumber's own floor.
    static func isPossible(_ bytes: UnsafeRawBufferPointer, regions: Regions? = nil, minimumDigits: Int = 7) -> Bool {
        guard let digits = Digits(bytes), digits.count >= minimumDigits else { return false }
        let regions = regions ?? Regions.all
        if digits.plus { return international(digits, from: 0, localOnly: regions.localOnly) }
        if national(digits, regions) { return true }
        if digits.parenCode > 0, international(digits, from: 0, localOnly: regions.localOnly, codeLength: digits.parenCode) { return true }
        var forms = regions.internationalPrefixes
        while forms != 0 {
            let form = PhoneMetadata.internationalPrefixForms[forms.trailingZeroBitCount]
            forms &= forms - 1
            let length = Int(form >> 60)
            if digits.starts(with: form, length: length),
               international(digits, from: length, localOnly: regions.localOnly) { return true }
        }
        return false
    }

    /// Readings 1, 2 and 5: a country code at digit `start` (of `codeLength` digits when
    /// given), then an NSN of a possible length.
    static func international(_ digits: Digits, from start: Int, localOnly: Bool, codeLength: Int? = nil) -> Bool {
        guard start < digits.count, digits[start] != 0 else { return false }
        var code = 0
        for k in 1...3 where start + k < digits.count {
            code = code * 10 + digits[start + k - 1]
            let lengths = PhoneMetadata.callingCodeLengths[code]
            guard lengths != 0 else { continue }
            if let c = codeLength, c != k { return false }
            let local = localOnly ? PhoneMetadata.callingCodeLocalOnlyLengths[code] : 0
            var nsn = start + k
            if digits.trunkMarker == nsn { nsn += 1 }
            let length = digits.count - nsn
            if (lengths | local) >> length & 1 == 1 { return true }
            // A trunk prefix is dropped only when a full (not local-only) length remains.
            var trunks = PhoneMetadata.callingCodeTrunks[code]
            while trunks != 0 {
                let t = trunks.trailingZeroBitCount
                trunks &= trunks - 1
                let tl = Int(PhoneMetadata.trunkPrefixLengths[t])
                if length > tl, digits.value(from: nsn, count: tl) == PhoneMetadata.trunkPrefixValues[t],
                   lengths >> (length - tl) & 1 == 1 { return true }
            }
            return false
        }
        return false
    }

    /// Readings 3 and 4: a trunk prefix and a national length after it, or a bare length.
    static func national(_ digits: Digits, _ regions: Regions) -> Bool {
        let n = digits.count
        if regions.bare >> n & 1 == 1, bareGrouped(digits, regions) { return true }
        for t in 0..<PhoneMetadata.trunkPrefixLengths.count {
            let tl = Int(PhoneMetadata.trunkPrefixLengths[t])
            if n > tl, regions.afterTrunk[t] >> (n - tl) & 1 == 1,
               digits.value(from: 0, count: tl) == PhoneMetadata.trunkPrefixValues[t] { return true }
        }
        return false
    }

    /// Reading 4 for one member region: a bare length, an allowed leading pair and a grouping
    /// the region writes (see ``PhoneCheck``).
    static func bareGrouped(_ digits: Digits, _ regions: Regions) -> Bool {
        let key = digits.grouping
        let keys = PhoneMetadata.groupingKeys
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        guard key != 0, lo < keys.count, keys[lo] == key else { return false }
        let pair = digits[0] * 10 + digits[1]
        let n = digits.count
        for k in Int(PhoneMetadata.groupingStarts[lo])..<Int(PhoneMetadata.groupingStarts[lo + 1]) {
            let r = Int(PhoneMetadata.groupingMembers[k])
            guard regions.members[r / 64] >> UInt64(r % 64) & 1 == 1 else { continue }
            let lengths = PhoneMetadata.regionBareLengths[r] | (regions.localOnly ? PhoneMetadata.regionLocalOnlyLengths[r] : 0)
            guard lengths >> n & 1 == 1 else { continue }
            if PhoneMetadata.regionLeadingPairs[2 * r + pair / 64] >> UInt64(pair % 64) & 1 == 1 { return true }
        }
        return false
    }

    /// The digits of a candidate, four bits each in two words, with what else the check needs.
    struct Digits {
        /// Digits 0..<16 (digit `i` in bits `4i ..< 4i + 4`).
        var low: UInt64 = 0
        /// Digits 16..<32.
        var high: UInt64 = 0
        /// How many digits were read.
        var count = 0
        /// Whether the candidate starts with `+`.
        var plus = false
        /// The index of the digit written as `(0)`, or -1.
        var trunkMarker = -1
        /// The digit-group lengths as written, group `i` in bits `4i ..< 4i + 4` (as
        /// ``PhoneMetadata/groupingKeys``); 0 when a group has more than 15 digits or there
        /// are more than seven groups.
        var grouping: UInt32 = 0
        /// The digit count of a first group written in parentheses at the very start
        /// (`(351) …`), or 0.
        var parenCode = 0

        /// Reads `bytes` up to the extension; nil when there are more than 31 digits, or none.
        init?(_ bytes: UnsafeRawBufferPointer) {
            let n = bytes.count
            var i = 0
            var group: UInt32 = 0, groups: UInt32 = 0, fits = true
            func close() {
                guard group > 0 else { return }
                if group > 15 || groups == 7 { fits = false } else { grouping |= group << (4 * groups); groups += 1 }
                group = 0
            }
            while i < n {
                let b = bytes[i]
                if b < UInt8(ascii: "0") || b > UInt8(ascii: "9") { close() }
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    group += 1
                    guard count < 31 else { return nil }
                    let d = UInt64(b &- UInt8(ascii: "0"))
                    if count < 16 { low |= d << (4 * UInt64(count)) } else { high |= d << (4 * UInt64(count - 16)) }
                    count += 1
                case UInt8(ascii: "+"):
                    if count == 0 { plus = true }
                case UInt8(ascii: "("):
                    if trunkMarker < 0, i + 2 < n, bytes[i + 1] == UInt8(ascii: "0"), bytes[i + 2] == UInt8(ascii: ")") {
                        trunkMarker = count
                    }
                case UInt8(ascii: ")"):
                    if bytes[0] == UInt8(ascii: "("), groups == 1, parenCode == 0, count == Int(grouping) { parenCode = count }
                case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"):
                    break
                default:
                    i = n // the extension, or anything else: the number has ended
                    continue
                }
                i += 1
            }
            close()
            if !fits { grouping = 0 }
            guard count > 0 else { return nil }
        }

        /// Digit `i` (0 when `i` is past the end).
        subscript(_ i: Int) -> Int {
            Int(truncatingIfNeeded: (i < 16 ? low >> (4 * UInt64(i)) : high >> (4 * UInt64(i - 16))) & 0xF)
        }

        /// Digits `start ..< start + count` as a decimal number.
        func value(from start: Int, count: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in start..<(start + count) { v = v &* 10 &+ UInt32(self[k]) }
            return v
        }

        /// Whether the first `length` digits fit IDD `form` (10 bits of allowed digits each).
        func starts(with form: UInt64, length: Int) -> Bool {
            guard length < count else { return false }
            for k in 0..<length where form >> (10 * UInt64(k) + UInt64(self[k])) & 1 == 0 { return false }
            return true
        }
    }
}
