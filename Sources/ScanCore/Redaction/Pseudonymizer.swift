import Crypto

/// Deterministic keyed tokens for the `pseudonymize` action: HMAC-SHA-256 over the normalised
/// value, shown as its first 10 hex digits (40 bits).
///
/// The same value gives the same token under the same key, so an auditor holding the key can
/// find a data subject's records by computing their token; the audit log never holds the value.
public struct Pseudonymizer: Sendable {
    let key: SymmetricKey

    /// A pseudonymizer with secret `key` (at least 16 bytes).
    public init(key: [UInt8]) {
        precondition(key.count >= 16, "pseudonymization keys must be at least 16 bytes")
        self.key = SymmetricKey(data: key)
    }

    /// The token for `value` of finding type `type`, such as `3f9a1c2b7d`.
    public func token(for value: UnsafeRawBufferPointer, type: String) -> String {
        let normalized = Pseudonymizer.normalize(value, type: type)
        let mac = HMAC<SHA256>.authenticationCode(for: normalized, using: key)
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in mac.prefix(5) { out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The normal form of a value, so that spellings of one value share a token: e-mail
    /// addresses lower-cased; card, phone and SSN numbers as digits only; IBANs upper-cased
    /// without spaces; anything else as it is.
    public static func normalize(_ value: UnsafeRawBufferPointer, type: String) -> [UInt8] {
        switch type {
        case "EMAIL":
            return value.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }
        case "CREDIT_CARD", "PHONE", "US_SSN":
            return value.filter(isDigit)
        case "IBAN":
            return value.compactMap { b in
                if b == UInt8(ascii: " ") { return nil }
                return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) ? b & ~0x20 : b
            }
        default:
            return Array(value)
        }
    }
}
