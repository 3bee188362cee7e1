/// A check on a matched value that must pass for the match to count.
///
/// Validators see the matched bytes only and return a verdict; they never log or keep them.
public enum Validator: String, Sendable, Hashable, CaseIterable {
    /// The Luhn checksum over the digits.
    case luhn
    /// A payment card number: 12–19 digits in a network's IIN range at a length it issues
    /// (``CardNetworks``), and the Luhn checksum.
    case creditCard = "credit_card"
    /// An IBAN: a known country, that country's length, and the ISO 7064 mod-97 checksum.
    case iban
    /// A US social security number: area not 000, 666 or 9xx; group not 00; serial not 0000.
    case usSSN = "us_ssn"
    /// A phone number of a length libphonenumber calls possible for its calling code or for
    /// some region (``PhoneCheck``), with at least 7 digits.
    case phone
    /// An IPv6 address: at least one decimal digit or at least three colons, which keeps
    /// C++ scopes such as `Abc::def` out.
    case ipv6
    /// An API token of the secrets pack (``TokenChecksum/accepts(_:)``): not a placeholder, or
    /// a GitHub or npm token with a valid checksum.
    case token

    /// Whether `value` passes.
    public func accepts(_ value: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .luhn: return Checksums.luhn(value)
        case .creditCard: return Checksums.isCardNumber(value)
        case .iban: return Checksums.isIBAN(value)
        case .usSSN: return Checksums.isSSN(value)
        case .phone: return PhoneCheck.isPossible(value)
        case .ipv6:
            if value.contains(where: isDigit) { return true }
            return value.reduce(0) { $0 + ($1 == UInt8(ascii: ":") ? 1 : 0) } >= 3
        case .token: return TokenChecksum.accepts(value)
        }
    }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
