/// The checksum and structure checks behind ``Validator``. They run inside PCRE2 matches (as
/// callouts) on every candidate, so none of them allocates.
enum Checksums {
    /// The Luhn check over the digits of `value`; other bytes are ignored. Needs 2+ digits.
    static func luhn(_ value: UnsafeRawBufferPointer) -> Bool {
        var sum = 0, count = 0
        var i = value.count - 1
        while i >= 0 {
            let b = value[i]
            i -= 1
            guard isDigit(b) else { continue }
            var d = Int(b &- UInt8(ascii: "0"))
            if count & 1 == 1 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
            count += 1
        }
        return count >= 2 && sum % 10 == 0
    }

    /// A card number: 12–19 digits that a network issues at that length (``CardNetworks``),
    /// not one digit repeated, and the Luhn checksum.
    static func isCardNumber(_ value: UnsafeRawBufferPointer) -> Bool {
        var count = 0
        var first: UInt8 = 0
        var varied = false
        var prefix6 = 0
        for b in value where isDigit(b) {
            if count == 0 { first = b } else if b != first { varied = true }
            if count < 6 { prefix6 = prefix6 * 10 + Int(b &- UInt8(ascii: "0")) }
            count += 1
        }
        guard (12...19).contains(count), varied else { return false }
        for _ in min(count, 6)..<6 { prefix6 *= 10 }
        return CardNetworks.accepts(prefix6: prefix6, count: count) && luhn(value)
    }

    /// A US SSN in `AAA-GG-SSSS` or `AAA GG SSSS` form (other bytes ignored).
    static func isSSN(_ value: UnsafeRawBufferPointer) -> Bool {
        var n = 0, area = 0, group = 0, serial = 0
        for b in value where isDigit(b) {
            let d = Int(b &- UInt8(ascii: "0"))
            switch n {
            case 0..<3: area = area * 10 + d
            case 3..<5: group = group * 10 + d
            case 5..<9: serial = serial * 10 + d
            default: return false
            }
            n += 1
        }
        return n == 9 && area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    /// IBAN lengths by country (ISO 13616 registry), indexed by the two letters as
    /// `(first - "A") * 26 + (second - "A")`; 0 for no such country.
    static let ibanLengths: [UInt8] = {
        let table: [String: Int] = [
            "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
            "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
            "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
            "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
            "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
            "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30,
            "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
            "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
            "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
        ]
        var out = [UInt8](repeating: 0, count: 26 * 26)
        for (k, v) in table { let b = Array(k.utf8); out[Int(b[0] - 65) * 26 + Int(b[1] - 65)] = UInt8(v) }
        return out
    }()

    /// An IBAN: spaces ignored; the country's length and mod-97 remainder 1.
    static func isIBAN(_ value: UnsafeRawBufferPointer) -> Bool {
        var length = 0
        var country = 0
        for b in value where b != UInt8(ascii: " ") {
            if length < 2 {
                guard b >= UInt8(ascii: "A"), b <= UInt8(ascii: "Z") else { return false }
                country = country * 26 + Int(b - UInt8(ascii: "A"))
            }
            length += 1
        }
        guard length >= 15, length <= 34, Int(ibanLengths[country]) == length else { return false }
        // ISO 7064: the first four characters move to the end; letters count as 10–35. The
        // remainder is reduced only when it grows large (it stays far below 2^63).
        var remainder = 0
        for pass in 0..<2 {
            var k = 0
            for b in value where b != UInt8(ascii: " ") {
                defer { k += 1 }
                if (pass == 0) == (k < 4) { continue }
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    remainder = remainder &* 10 &+ Int(b - UInt8(ascii: "0"))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    remainder = remainder &* 100 &+ Int(b - UInt8(ascii: "A")) &+ 10
                default:
                    return false
                }
                if remainder >= 1 << 40 { remainder %= 97 }
            }
        }
        return remainder % 97 == 1
    }
}
