import Testing
@testable import ScanCore
import VeilCorpus

@Suite struct ValidatorTests {
    static func accepts(_ v: Validator, _ s: String) -> Bool { Array(s.utf8).withUnsafeBytes { v.accepts($0) } }

    @Test func luhnAgainstGeneratedNumbers() {
        var factory = PIIFactory(seed: 3)
        for _ in 0..<300 {
            #expect(Self.accepts(.creditCard, factory.creditCard().text))
            #expect(!Self.accepts(.luhn, factory.invalidCard()))
        }
        #expect(Self.accepts(.luhn, "79927398713"))
        #expect(!Self.accepts(.luhn, "79927398710"))
        #expect(!Self.accepts(.creditCard, "1111111111111117"))   // leading 1 is no card network
        #expect(!Self.accepts(.creditCard, "5555555555555555"))   // one digit repeated
    }

    @Test func ibanChecksumsAndLengths() {
        var factory = PIIFactory(seed: 4)
        for _ in 0..<300 {
            #expect(Self.accepts(.iban, factory.iban().text))
            #expect(!Self.accepts(.iban, factory.iban(valid: false).text))
        }
        #expect(Self.accepts(.iban, "GB82 WEST 1234 5698 7654 32"))
        #expect(!Self.accepts(.iban, "GB82 WEST 1234 5698 7654 3"))    // one character short for GB
        #expect(!Self.accepts(.iban, "QQ82WEST12345698765432"))         // no such country
    }

    @Test func ssnAreaGroupSerial() {
        #expect(Self.accepts(.usSSN, "078-05-1120"))
        for bad in ["000-12-3456", "666-12-3456", "900-12-3456", "999-99-9999", "123-00-4567", "123-45-0000"] {
            #expect(!Self.accepts(.usSSN, bad), "\(bad)")
        }
    }

    @Test func phoneDigitCounts() {
        #expect(Self.accepts(.phone, "+1 415 555 2671"))
        #expect(!Self.accepts(.phone, "+1 23"))
        #expect(!Self.accepts(.phone, "+1234567890123456"))
    }

    @Test func ipv6NeedsADigitOrFourGroups() {
        #expect(Self.accepts(.ipv6, "fe80::1"))
        #expect(Self.accepts(.ipv6, "dead:beef:cafe:babe::"))
        #expect(!Self.accepts(.ipv6, "Abc::def"))
    }
}
