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

    /// The readings of `PhoneCheck` (libphonenumber's metadata): international with `+`, an
    /// IDD or a parenthesised country code; national after a trunk prefix; national without
    /// one only in a length, leading pair and grouping some region writes.
    @Test func phoneReadingsFollowTheMetadata() {
        for number in ["+44 20 7946 0958", "0044 20 7946 0958", "011 61 1900 123 456", "(351) 936 707 279",
                       "(+57) 312 349 44 41", "020 7946 0958", "06 12 34 56 78", "8 (495) 123-45-67",
                       "(201) 555-0123", "201-555-0123", "32 12 34 56", "912 34 56 78", "2 22 12 34 56"] {
            #expect(Self.accepts(.phone, number), "\(number)")
        }
        // A French number without its trunk 0; a 6-4 grouping; a 4-2-2 grouping no region
        // prints; too few digits. (`304 72738` is possible, in AE, LT, PY and SI: an access
        // log's status and size are kept out by the pattern's context, not by this check.)
        for number in ["1 23 45 67 89", "555555-5555", "2015 55 01", "12 34"] {
            #expect(!Self.accepts(.phone, number), "\(number)")
        }
    }

    @Test func ipv6NeedsADigitOrFourGroups() {
        #expect(Self.accepts(.ipv6, "fe80::1"))
        #expect(Self.accepts(.ipv6, "dead:beef:cafe:babe::"))
        #expect(!Self.accepts(.ipv6, "Abc::def"))
    }

    @Test func tokenChecksumsAndPlaceholders() {
        // GitHub's CRC-32 in base62 (corpus/tools/SECRETS_PACK.md): a constructed token and a
        // third-party vector pass the checksum; one changed character fails it.
        for (token, valid) in [("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", true), ("ghp_VeilTestPayload0123456789abcde2sfMMo", false),
                               ("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", true), ("ghp_M7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq11T4V3", false)] {
            #expect(Array(token.utf8).withUnsafeBytes { TokenChecksum.hasChecksumShape($0) && TokenChecksum.isGitHubToken($0) } == valid, "\(token)")
            // Fail closed: a failed checksum on a random-looking token still counts as a token.
            #expect(Self.accepts(.token, token))
        }
        // Placeholders: fewer than four distinct bytes among the last 16.
        for placeholder in ["ghp_" + String(repeating: "x", count: 36), "glpat-XXXXXXXXXXX-XXXXXXXX", "GR134894112312312312312312312",
                            "AGE-SECRET-KEY-1" + String(repeating: "Q", count: 58)] {
            #expect(!Self.accepts(.token, placeholder), "\(placeholder)")
        }
        #expect(Self.accepts(.token, "sntryu_3f9a1c2b7d0e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"))
    }
}
