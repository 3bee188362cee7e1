import Crypto

/// Deterministic keyed tokens for the `pseudonymize` action: HMAC-SHA-256 over the normalised
/// value, shown as its first 10 hex digits (40 bits).
///
/// The same value gives the same token under the same key, so an auditor holding the key can
/// find a data subject's records by computing their token; the audit log never holds the value.
///
/// HMAC is computed by hand from SHA-256 (RFC 2104): the key's inner and outer pad blocks are
/// absorbed once, at init, and each token copies those two states, so it costs two short
/// hashes and no key setup, allocation of arrays or generic dispatch. The tests check every
/// token against swift-crypto's `HMAC<SHA256>`.
public struct Pseudonymizer: Sendable {
    /// SHA-256 after the inner pad block (key XOR 0x36), and after the outer one (key XOR 0x5c).
    let inner: SHA256
    let outer: SHA256

    /// A pseudonymizer with secret `key` (at least 16 bytes).
    public init(key: [UInt8]) {
        precondition(key.count >= 16, "pseudonymization keys must be at least 16 bytes")
        var block = key.count > SHA256.blockByteCount ? Array(SHA256.hash(data: key)) : key
        block += [UInt8](repeating: 0, count: SHA256.blockByteCount - block.count)
        var inner = SHA256(), outer = SHA256()
        // The pads are made in place, and the buffer zeroed after (best effort: do not leave
        // key material in freed memory; the hash states themselves are as secret as the key).
        for k in block.indices { block[k] ^= 0x36 }
        inner.update(data: block)
        for k in block.indices { block[k] ^= 0x36 ^ 0x5c }
        outer.update(data: block)
        for k in block.indices { block[k] = 0 }
        self.inner = inner
        self.outer = outer
    }

    /// How a finding type's values are normalised before hashing, so that spellings of one
    /// value share a token: e-mail addresses lower-cased; card, phone and SSN numbers as
    /// digits only; IBANs upper-cased without spaces; anything else as it is.
    public enum Normalization: Sendable {
        case lowercase, digits, ibanForm, none

        /// The normalisation for finding type `type`.
        public init(type: String) {
            switch type {
            case "EMAIL": self = .lowercase
            case "CREDIT_CARD", "PHONE", "US_SSN": self = .digits
            case "IBAN": self = .ibanForm
            default: self = .none
            }
        }

        /// Writes the normal form of `value` into `out` (at least `value.count` bytes) and
        /// returns its length.
        func apply(_ value: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var n = 0
            for b in value {
                switch self {
                case .lowercase:
                    out[n] = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
                case .digits:
                    guard isDigit(b) else { continue }
                    out[n] = b
                case .ibanForm:
                    guard b != UInt8(ascii: " ") else { continue }
                    out[n] = b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") ? b & ~0x20 : b
                case .none:
                    out[n] = b
                }
                n += 1
            }
            return n
        }
    }

    /// Appends the token for `value` (10 lower-case hex digits, such as `3f9a1c2b7d`) to `out`.
    public func appendToken(for value: UnsafeRawBufferPointer, normalization: Normalization, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, value.count)) { buffer in
            let count = normalization.apply(value, into: buffer)
            var innerHash = inner
            innerHash.update(bufferPointer: UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
            var outerHash = outer
            innerHash.finalize().withUnsafeBytes { outerHash.update(bufferPointer: $0) }
            outerHash.finalize().withUnsafeBytes { mac in
                for k in 0..<5 {
                    out.append(Pseudonymizer.hex(mac[k] >> 4))
                    out.append(Pseudonymizer.hex(mac[k] & 15))
                }
            }
        }
    }

    /// The token for `value` of finding type `type`, such as `3f9a1c2b7d`.
    public func token(for value: UnsafeRawBufferPointer, type: String) -> String {
        var out: [UInt8] = []
        appendToken(for: value, normalization: Normalization(type: type), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The normal form of a value of finding type `type` (see ``Normalization``).
    public static func normalize(_ value: UnsafeRawBufferPointer, type: String) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: max(1, value.count)) { buffer, count in
            count = Normalization(type: type).apply(value, into: buffer)
        }
    }

    @inline(__always)
    static func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
}
