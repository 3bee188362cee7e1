/// A native refusal of candidate starts, run after the digit gate and before any regex work.
///
/// A screen refuses only starts where its rule's pattern cannot match: each case below mirrors
/// one of the pattern's own up-front exclusions, read at the same start. PCRE2 still decides
/// every start a screen lets through, so it stays the confirmer of record; the screen only
/// keeps the commonest non-matches (timestamps, epochs, decimals) away from it. A screen is a
/// built-in rule's fact, not something a rule file can declare, and the tests prove each one
/// against its pattern (`CandidateScreenTests`: random and corpus inputs, every start, and
/// the fuzz target in `Fuzz/`).
public enum CandidateScreen: String, Sendable, Hashable, CaseIterable {
    /// The `phone` rule, for starts at a digit (its `+` and `(` starts are left alone). It
    /// refuses:
    /// - a bare digit run: at most 31 digits not followed by a separator (` `, `.`, `/`, `-`)
    ///   and a digit or `(`, nor by `(`, unless it starts `0[1-9]` or `00[1-9]` or is one of
    ///   the bare mobile shapes, or is followed by what may be an extension (the pattern's
    ///   `(?!0[1-9]|00[1-9]|<mobiles>)[0-9]{1,31}+(?![ ./-][0-9(]|\(| ?<extension>)` exclusion;
    ///   epochs, order ids);
    /// - a year-month-day date with dashes, `(?:19|20)[0-9]{2}-[01]?[0-9]-[0-3]?[0-9]`, not
    ///   followed by `[./-]?[0-9]` (ISO timestamps);
    /// - a first group of one digit, or of five digits or more, followed by `.` and a digit:
    ///   the pattern takes a `.` only after two to four digits, and never ends right before
    ///   `.` and a digit (decimals such as `0.1896587`);
    /// - a start after an HTTP version and its quote (`HTTP/1.1" 304 72738`, the pattern's
    ///   lookbehinds);
    /// - what other rules own: an inner 4-digit group of a card or an IBAN (four digits, a
    ///   space or `-`, a digit, right after four digits and a space or `-`, or after `DE89 `),
    ///   a 4-4-4-4 card, an `AAA-GG-SSSS` shape and a dotted quad of octets, each as the
    ///   pattern's exclusion writes it.
    case phone
    /// The `phone_label` rule: refuses a start not right after a connector (` `, `:`, `=`
    /// after a label's last letter, `.` or a space; or a `+` or `(`), or with none of the labels' first
    /// three letters (any case) in the 24 bytes before it. The rule's probe passes at its
    /// number's first digit; a `+` or `(` sign may come right before it, and the label ends
    /// at most 12 bytes before the number, so no match has its first digit at a refused
    /// start (``PhoneLabels``).
    case phoneLabel

    /// How far a screen reads on either side of a start, at most.
    static var reach: Int { 40 }

    /// Whether the pattern cannot match at the start whose bytes `byteAt(0)`, `byteAt(1)`, ...
    /// are (0 past the end of the input). `phone` reads at most 34 bytes from the start;
    /// `phoneLabel` reads the ``labelReach`` bytes before it (the rule's `maxBack`, which the
    /// masker keeps visible).
    @inline(__always)
    func refuses(_ byteAt: (Int) -> UInt8) -> Bool {
        switch self {
        case .phone: return CandidateScreen.refusesPhone(byteAt)
        case .phoneLabel: return CandidateScreen.refusesPhoneLabel(byteAt)
        }
    }

    static func refusesPhone(_ byteAt: (Int) -> UInt8) -> Bool {
        let b0 = byteAt(0), b1 = byteAt(1)
        guard isDigit(b0) else { return false }
        // `(?<!/[0-9]" )(?<!/[0-9]\.[0-9]" )`: an access log's status after `HTTP/1.1" `.
        if byteAt(-1) == 0x20, byteAt(-2) == 0x22, isDigit(byteAt(-3)),
           byteAt(-4) == 0x2F || (byteAt(-4) == 0x2E && isDigit(byteAt(-5)) && byteAt(-6) == 0x2F) { return true }
        var run = 1
        while run < 32, isDigit(byteAt(run)) { run += 1 }
        let after = byteAt(run)
        // A bare run.
        if run <= 31 {
            let trunk = b0 == 0x30 && (b1 &- 0x31 < 9 || (b1 == 0x30 && byteAt(2) &- 0x31 < 9))
            let separated = (after == 0x20 || after == 0x2E || after == 0x2F || after == 0x2D)
                && (isDigit(byteAt(run + 1)) || byteAt(run + 1) == 0x28)
            // An extension after the run (` x`, `#`, ` ext`, ` int`, ` anexo`): the pattern's
            // lookahead there fails, so the run may be a phone (up to three bytes are read;
            // `ext` in any case, `ane` for `anexo`).
            let k = after == 0x20 ? run + 1 : run
            let e = byteAt(k), e2 = byteAt(k + 1), e3 = byteAt(k + 2)
            let extended = e | 0x20 == 0x78 || e == 0x23
                || (e | 0x20 == 0x65 && e2 | 0x20 == 0x78 && e3 | 0x20 == 0x74)
                || (e | 0x20 == 0x69 && e2 == 0x6E && e3 == 0x74)
                || (e | 0x20 == 0x61 && e2 == 0x6E && e3 == 0x65)
            if !trunk && !separated && after != 0x28 && !extended && !isBareMobile(byteAt, run) { return true }
        }
        // A decimal: `.` and a digit after one digit, or after five or more.
        if after == 0x2E, isDigit(byteAt(run + 1)), run == 1 || run >= 5 { return true }
        // A dashed year-month-day date.
        if run == 4, after == 0x2D, (b0 == 0x31 && b1 == 0x39) || (b0 == 0x32 && b1 == 0x30), isDashedDate(byteAt) {
            return true
        }
        if run == 4, after == 0x20 || after == 0x2D, isDigit(byteAt(5)) {
            // `(?<=[0-9]{4}[ -]|[A-Z]{2}[0-9]{2} )[0-9]{4}[ -][0-9]`: an inner group.
            let m1 = byteAt(-1)
            if (m1 == 0x20 || m1 == 0x2D) && (2...5).allSatisfy({ isDigit(byteAt(-$0)) }) { return true }
            if m1 == 0x20 && isDigit(byteAt(-2)) && isDigit(byteAt(-3))
                && byteAt(-4) &- 0x41 < 26 && byteAt(-5) &- 0x41 < 26 { return true }
            // `[0-9]{4}(?: [0-9]{4}){3}(?!-?[0-9])`, and the same with `-`.
            if isFourGroups(byteAt, separator: after) { return true }
        }
        // `[0-9]{3}-[0-9]{2}-[0-9]{4}(?!-?[0-9])`.
        if run == 3, after == 0x2D, isDigit(byteAt(4)), isDigit(byteAt(5)), byteAt(6) == 0x2D,
           (7...10).allSatisfy({ isDigit(byteAt($0)) }), !continuesNumber(byteAt, at: 11, dash: true) { return true }
        if run <= 3, after == 0x2E, isDottedQuad(byteAt) { return true }
        return false
    }

    /// Whether a number goes on at `k`: a digit, or `-`, `.` or `/` (those asked for) and a
    /// digit (the pattern's `(?!-?[0-9])`, `(?!\.?[0-9])` and `(?![./-]?[0-9])`).
    @inline(__always)
    static func continuesNumber(_ byteAt: (Int) -> UInt8, at k: Int, dash: Bool = false, dot: Bool = false,
                                slash: Bool = false) -> Bool {
        let b = byteAt(k)
        if isDigit(b) { return true }
        return ((dash && b == 0x2D) || (dot && b == 0x2E) || (slash && b == 0x2F)) && isDigit(byteAt(k + 1))
    }

    /// Four groups of four digits from 0, separated by `separator` (a space or `-`), with no
    /// digit or `-` and a digit after them.
    static func isFourGroups(_ byteAt: (Int) -> UInt8, separator: UInt8) -> Bool {
        for g in 0..<4 {
            let at = 5 * g
            guard (at..<at + 4).allSatisfy({ isDigit(byteAt($0)) }) else { return false }
            if g < 3 && byteAt(at + 4) != separator { return false }
        }
        return !continuesNumber(byteAt, at: 19, dash: true)
    }

    /// `(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:…)(?!\.?[0-9])` at 0, read by
    /// maximal digit runs: four runs of 1-3 digits separated by `.`, each 0-255 without a
    /// leading zero, and no digit or `.` and a digit after. (Where this holds the pattern's
    /// alternatives match the same runs; where a run is longer or larger, it may not, and the
    /// screen lets PCRE2 decide.)
    static func isDottedQuad(_ byteAt: (Int) -> UInt8) -> Bool {
        var k = 0
        for octet in 0..<4 {
            var value = 0, digits = 0
            while digits < 4, isDigit(byteAt(k + digits)) { value = value * 10 + Int(byteAt(k + digits) &- 0x30); digits += 1 }
            guard (1...3).contains(digits), value <= 255, digits == 1 || byteAt(k) != 0x30 else { return false }
            k += digits
            if octet < 3 {
                guard byteAt(k) == 0x2E else { return false }
                k += 1
            }
        }
        return !continuesNumber(byteAt, at: k, dot: true)
    }

    /// How far before a start ``refusesPhoneLabel(_:)`` looks.
    static let labelReach = 24

    /// Whether three folded bytes (`b0 | b1 << 8 | b2 << 16`) are one of the labels' stems:
    /// ``PhoneLabels/stems`` written out as literals, so the hot path reads no global (the
    /// tests check the two agree).
    @inline(__always)
    static func isLabelStem(_ w: UInt32) -> Bool {
        switch w {
        case 0x6C_6163, 0x6C_6563, 0x6E_6F63, 0x78_6166, 0x62_6F6D, 0x6F_6870, 0x73_6D73, 0x6C_6574, 0x61_6877: return true
        default: return false
        }
    }

    /// The stems ``isLabelStem(_:)`` accepts, as strings (for the tests).
    static let labelStems: [String] = ["cal", "cel", "con", "fax", "mob", "pho", "sms", "tel", "wha"]

    static func refusesPhoneLabel(_ byteAt: (Int) -> UInt8) -> Bool {
        // First the connector. A number starting here follows the connector's last byte
        // (` `, `:` or `=`); one starting one or two bytes before has its `+` or `(` there.
        // Before `:` or `=` comes the label's last letter, `.` or a space; before the space,
        // a letter, `.`, `:` or `=`. So `"epoch":1670858436` and `, 2024` stop here.
        // A label (or its `no`, `nr`, `number`) ends in one of b e l n o p r s t x.
        let c1 = byteAt(-1), c2 = byteAt(-2)
        let ending = c2 | 0x20 &- 0x60, endings: UInt32 = 1 << 2 | 1 << 5 | 1 << 12 | 1 << 14 | 1 << 15 | 1 << 16 | 1 << 18 | 1 << 19 | 1 << 20 | 1 << 24
        let labelEnd2 = ending < 32 && endings >> UInt32(ending) & 1 == 1
        switch c1 {
        case 0x2B, 0x28: break
        case 0x3A, 0x3D: if !(labelEnd2 || c2 == 0x2E || c2 == 0x20) { return true }
        case 0x20: if !(labelEnd2 || c2 == 0x2E || c2 == 0x3A || c2 == 0x3D) { return true }
        default: return true
        }
        // Folding sets 0x20: that maps A-Z onto a-z and no other byte onto a letter, so a
        // folded window equals a stem exactly when the bytes spell it in some case. Most
        // bytes are no stem's first letter (c f m p s t w, bits of `folded - 0x60`), which
        // one shift and test refuse.
        let firsts: UInt32 = 1 << 3 | 1 << 6 | 1 << 13 | 1 << 16 | 1 << 19 | 1 << 20 | 1 << 23
        var k = labelReach
        while k >= 3 {
            let b = byteAt(-k) | 0x20
            let i = b &- 0x60
            if i < 32, firsts >> UInt32(i) & 1 == 1,
               isLabelStem(UInt32(b) | UInt32(byteAt(1 - k) | 0x20) << 8 | UInt32(byteAt(2 - k) | 0x20) << 16) {
                return false
            }
            k -= 1
        }
        return true
    }

    /// The pattern's bare mobile shape, for a run of `run` digits (the run is maximal, so its
    /// `(?![0-9])` holds): `1[3-9]` and 9 more digits.
    static func isBareMobile(_ byteAt: (Int) -> UInt8, _ run: Int) -> Bool {
        run == 11 && byteAt(0) == 0x31 && byteAt(1) &- 0x33 < 7
    }

    /// `(?:19|20)[0-9]{2}-[01]?[0-9]-[0-3]?[0-9](?![./-]?[0-9])` at 0, any way it can match
    /// (bytes 0 to 4 already checked).
    static func isDashedDate(_ byteAt: (Int) -> UInt8) -> Bool {
        for month in 1...2 {
            if month == 2 && !(byteAt(5) == 0x30 || byteAt(5) == 0x31) { continue }
            guard (5..<5 + month).allSatisfy({ isDigit(byteAt($0)) }), byteAt(5 + month) == 0x2D else { continue }
            let day0 = 6 + month
            for day in 1...2 {
                if day == 2 && !(byteAt(day0) &- 0x30 < 4) { continue }
                guard (day0..<day0 + day).allSatisfy({ isDigit(byteAt($0)) }) else { continue }
                if !continuesNumber(byteAt, at: day0 + day, dash: true, dot: true, slash: true) { return true }
            }
        }
        return false
    }
}
