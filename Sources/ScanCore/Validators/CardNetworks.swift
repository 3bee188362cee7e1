/// Payment card numbers by issuer identification number (IIN): which leading digits each
/// network issues, and at which lengths. The ``Validator/creditCard`` check accepts a number
/// when its digits start with a range below at one of that range's lengths, and the Luhn
/// checksum holds.
///
/// Source of truth: the networks' published IIN ranges (ISO/IEC 7812 registrations as the
/// networks document them; summarised in docs/RULES.md). Ranges of one first digit are
/// merged where the networks overlap (Maestro, Discover, UnionPay, RuPay, InstaPayment,
/// Verve and national schemes such as Shetab all issue under 50 and 56–69).
enum CardNetworks {
    /// One range of leading digits: numbers whose first `width` (1 to 4) digits lie in `low...high`
    /// may have any length in `lengths` (bit *n* set: *n* digits).
    struct Range {
        var width: Int
        var low: Int
        var high: Int
        var lengths: UInt32
    }

    static func lengths(_ r: ClosedRange<Int>) -> UInt32 { r.reduce(0) { $0 | 1 << UInt32($1) } }
    static func lengths(_ list: Int...) -> UInt32 { list.reduce(0) { $0 | 1 << UInt32($1) } }

    /// The ranges, by network.
    static let ranges: [Range] = [
        Range(width: 1, low: 4, high: 4, lengths: lengths(13, 16, 19)),                 // Visa (Electron included)
        Range(width: 2, low: 51, high: 55, lengths: lengths(16)),                       // Mastercard
        Range(width: 4, low: 2221, high: 2720, lengths: lengths(16)),                   // Mastercard 2-series
        Range(width: 2, low: 34, high: 34, lengths: lengths(15)),                       // American Express
        Range(width: 2, low: 37, high: 37, lengths: lengths(15)),                       // American Express
        Range(width: 3, low: 300, high: 305, lengths: lengths(14...19)),                // Diners Club Carte Blanche
        Range(width: 4, low: 3095, high: 3095, lengths: lengths(14...19)),              // Diners Club International
        Range(width: 2, low: 36, high: 36, lengths: lengths(14...19)),                  // Diners Club International
        Range(width: 2, low: 38, high: 39, lengths: lengths(14...19)),                  // Diners Club
        // JCB issues 3528–3589; the rest of 35 (RuPay's 353 and 356 among them) is listed as
        // JCB by common BIN tables and generators, so the whole of 35 is accepted.
        Range(width: 2, low: 35, high: 35, lengths: lengths(16...19)),                  // JCB, RuPay 353/356
        Range(width: 4, low: 1800, high: 1800, lengths: lengths(15)),                   // JCB, 15 digits
        Range(width: 4, low: 2131, high: 2131, lengths: lengths(15)),                   // JCB, 15 digits
        Range(width: 1, low: 1, high: 1, lengths: lengths(15)),                         // UATP
        Range(width: 4, low: 2200, high: 2204, lengths: lengths(16...19)),              // Mir
        Range(width: 4, low: 2205, high: 2205, lengths: lengths(16)),                   // BORICA
        Range(width: 2, low: 50, high: 50, lengths: lengths(12...19)),                  // Maestro, RuPay 508, Verve 506, Dankort 5019
        Range(width: 2, low: 56, high: 69, lengths: lengths(12...19)),                  // Maestro, Discover, UnionPay 62, RuPay 60/65, national schemes
        Range(width: 4, low: 604, high: 604, lengths: lengths(12...19)),                // Maestro 0604
        Range(width: 2, low: 81, high: 82, lengths: lengths(16...19)),                  // UnionPay 81, RuPay 81/82
        Range(width: 1, low: 9, high: 9, lengths: lengths(16)),                         // national schemes: Prostir, Troy 9792, Humo 9860, Belkart
    ]

    /// Whether a number of `count` digits whose first six digits (zero-padded on the right
    /// when shorter) are `prefix6` belongs to a network. It runs in the validator callout on
    /// every card candidate: the length is tested first, and each range's leading digits come
    /// from one of four divisions made once.
    static func accepts(prefix6: Int, count: Int) -> Bool {
        let length = UInt32(1) << UInt32(count)
        let heads = (prefix6 / 100_000, prefix6 / 10_000, prefix6 / 1_000, prefix6 / 100)
        for r in ranges where r.lengths & length != 0 {
            let head: Int
            switch r.width {
            case 1: head = heads.0
            case 2: head = heads.1
            case 3: head = heads.2
            default: head = heads.3
            }
            if head >= r.low && head <= r.high { return true }
        }
        return false
    }
}
