import Crypto
import Testing
import ScanCore
import VeilCorpus

/// The hand-built HMAC against swift-crypto's `HMAC<SHA256>`: every token is the first five
/// bytes of HMAC-SHA-256 over the normalised value, for short and long keys and values.
@Suite struct PseudonymizerTests {
    static func reference(_ value: [UInt8], type: String, key: [UInt8]) -> String {
        let normalized = value.withUnsafeBytes { Pseudonymizer.normalize($0, type: type) }
        let mac = HMAC<SHA256>.authenticationCode(for: normalized, using: SymmetricKey(data: key))
        return mac.prefix(5).map { String(format: "%02x", $0) }.joined()
    }

    @Test func tokensAreTheFirstFiveBytesOfHMACSHA256() {
        var rng = SeededRandom(seed: 21)
        let alphabet = Array("abcXYZ019 -.@+()".utf8) + [0x00, 0xc3, 0xa9, 0xff]
        var checked = 0
        for keyLength in [16, 32, 63, 64, 65, 100, 200] {
            let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let pseudonymizer = Pseudonymizer(key: key)
            for type in ["EMAIL", "PHONE", "CREDIT_CARD", "US_SSN", "IBAN", "EMPLOYEE_ID"] {
                for length in [0, 1, 5, 20, 55, 56, 63, 64, 65, 120, 300] {
                    let value = (0..<length).map { _ in rng.pick(alphabet) }
                    let token = value.withUnsafeBytes { pseudonymizer.token(for: $0, type: type) }
                    #expect(token == Self.reference(value, type: type, key: key), "key \(keyLength), \(type), length \(length)")
                    checked += 1
                }
            }
        }
        #expect(checked == 7 * 6 * 11)
    }

    @Test func normalFormsShareATokenAndOthersDoNot() {
        let p = Pseudonymizer(key: Array("normal-forms-key-0123456789abcdef".utf8))
        func t(_ s: String, _ type: String) -> String { Array(s.utf8).withUnsafeBytes { p.token(for: $0, type: type) } }
        #expect(t("Ann.Lee@Example.COM", "EMAIL") == t("ann.lee@example.com", "EMAIL"))
        #expect(t("4111 1111-1111 1111", "CREDIT_CARD") == t("4111111111111111", "CREDIT_CARD"))
        #expect(t("de89 3704 0044 0532 0130 00", "IBAN") == t("DE89370400440532013000", "IBAN"))
        #expect(t("EMP-1", "EMPLOYEE_ID") != t("emp-1", "EMPLOYEE_ID"))
        #expect(t("ann@example.com", "EMAIL") != t("ann@example.org", "EMAIL"))
    }
}
