import Testing
import ScanCore
import VeilCorpus

/// Every built-in type is found in positive examples and left alone in hard negatives.
@Suite struct BuiltinRuleTests {
    @Test(arguments: PIIFactory.types)
    func findsGeneratedValues(type: String) {
        var factory = PIIFactory(seed: UInt64(type.utf8.reduce(7) { $0 &* 31 &+ Int($1) }))
        for _ in 0..<40 {
            let value = factory.value(of: type)
            let input = Array("Before: \(value.text) :after".utf8)
            let (output, findings) = Engines.builtin.mask(input, format: .text)
            let offset = "Before: ".utf8.count
            let expected = (offset + value.masked.lowerBound)..<(offset + value.masked.upperBound)
            #expect(findings.contains { $0.type == type && $0.start <= expected.lowerBound && $0.end >= expected.upperBound },
                    "\(type) not found in generated value of \(value.text.utf8.count) bytes")
            #expect(!Documents.contains(output, value.secret.utf8), "\(type) leaked")
        }
    }

    @Test(arguments: [
        ("john.doe@example.com", "EMAIL"),
        ("4111 1111 1111 1111", "CREDIT_CARD"), ("5500-0000-0000-0004", "CREDIT_CARD"), ("378282246310005", "CREDIT_CARD"),
        ("DE89 3704 0044 0532 0130 00", "IBAN"), ("GB29NWBK60161331926819", "IBAN"),
        ("078-05-1120", "US_SSN"),
        ("+1 415 555 2671", "PHONE"), ("(415) 555-2671", "PHONE"), ("+44 20 7946 0958", "PHONE"), ("020 7946 0958", "PHONE"),
        ("+49 30 12345678", "PHONE"), ("01 23 45 67 89", "PHONE"), ("020-1234567", "PHONE"), ("06 1234 5678", "PHONE"), ("912 345 678", "PHONE"),
        ("192.168.1.20", "IPV4"), ("2001:db8::8a2e:370:7334", "IPV6"), ("fe80::1ff:fe23:4567:890a", "IPV6"),
        ("00:1A:2B:3C:4D:5E", "MAC_ADDRESS"), ("00-1a-2b-3c-4d-5e", "MAC_ADDRESS"),
        ("AKIAIOSFODNN7EXAMPLE", "AWS_ACCESS_KEY"),
        ("xoxb-123456789012-123456789012-abcdefghijklmnop", "API_TOKEN"),
        ("sk_live_abcdefghijklmnopqrstuvwx", "API_TOKEN"),
    ])
    func findsKnownExamples(text: String, type: String) {
        let (_, findings) = Engines.builtin.mask(Array("x \(text) y".utf8), format: .text)
        #expect(findings.map(\.type) == [type])
        #expect(findings.first.map { $0.start == 2 && $0.end == 2 + text.utf8.count } == true)
    }

    /// Layouts each pattern accepts, including ones the corpus generator never writes, in
    /// several contexts: the prefilter (probes, gates, SIMD buckets) must pass every one to the
    /// regex, so the engine finds exactly what the exhaustive reference finds.
    @Test(arguments: [
        // (`555555-5555` is not here: no region writes a 6-4 grouping, and libphonenumber's
        // groupings decide a national number without a trunk prefix.)
        "555) 555-5555", "555.555.5555", "555 555 5555", "(555)555-5555", "(555) 555 5555",
        "321 555 777", "321 555 7777", "655 555 555", "+1 555 555 5555", "+15555555555", "+1 (555) 555-5555",
        "+44 (20) 7946 0958", "020 1234 567", "01.23.45.67.89", "07700 900123",
        "8 (495) 123-45-67", "1-800-555-0199", "+33 1 23 45 67 89", "(+57) 312 349 44 41", "(351) 936 707 279",
        "13764119049", "0201 1234567 ext. 12", "011 61 1900 123 456", "tel: 4012 345", "Fax 16412345",
        "4111-1111-1111-1111", "4111111111111111", "3782 822463 10005", "3782-822463-10005", "4111 1111 1111 1111 123",
        "078 05 1120", "1.2.3.4", "10.0.0.255", "255.255.255.255",
        "aa-bb-cc-dd-ee-ff", "AA:BB:CC:DD:EE:FF", "fe80::1", "::1", "2001:db8:0:0:0:0:2:1", "1:2::", "a:b:c:d:e:f:1:2",
        "DE89370400440532013000", "NO93 8601 1117 947", "a@b.co", "first.last+tag@sub.example.org",
        "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "github_pat_11ABCDEFGHIJKLMNOPQRSTUV_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg",
        "AIzaSyA-abcdefghijklmnopqrstuvwxyz01234", "rk_live_abcdefghijklmnop",
        "https://user:pass@example.com/", "Bearer abcdefgh.ijklmnop",
        // The secrets pack: one generated token per family (corpus/tools/secret_samples.py, seed 2026; none is real).
        "AGE-SECRET-KEY-1PSRT8X09YTUMUWHVCEF0GGL3ZFR70D2HES5YZMNUCZ9T0V2W8YAD6L9VHM",
        "sk-ant-api03-Ffkr14flt58cR-wvAiyz_hq_m1pVprnL_cZ8ROHOh2YDQmY-1sO7zGlrIp6uWHC0YtvdwbrNttdLrZuC7dUfWhp5bMpOpAA",
        "ATATT3xFfGF0SDNBpqTQfwqq--45WRZVVL6vuT36rk4-ciqVhtyzOn49W5KUXQdgkSy9Wlokiw7AlREmpBfV7n81VYoggX2xzFKORkx5ufydqFrQ8g5Kc8Gc48xqO5sA_AEktjYcjyIbKT_ZU3UI-hW94dS6ZGofgzN63qU1oSm8Od7P4wpXtLz=DCE8A6F1",
        "KLj5Q~WYv8jrUtdMsYVikXxYREThw8jgUsYTN2cP",
        "xsmtpsib-04915b658861175c85229bed21a8cb1fdcff2b8a9ab7c68ef50c84173901f32b-jtgtBGSb92SStkxj",
        "dapi5658ada0a87894a73503934865298aca",
        "doo_v1_04b53d1fd7da6b319f1ed27fa18f3c54c5953e0ef9a848a445a087a2ed186962",
        "dp.pt.Nsyd7AxriAGfTFmwpgYyWgWC5uKhh7WZvdPWBbkf4on",
        "dt0c01.2F7BD1LCXUPQ8WP9R0NTO682.KYXBOXGD8ZRXZMO61RAD0PHUVHA5T4YI2AXVWX90QYDVONE2REE8HEMJ3J6SN6F5",
        "fo1_zNe6WKmUqM86cQDDXQWshhomc4PCf-bboSB-mbm5r9p",
        "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",
        "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",
        "glrt-t3_xXI21kXNxSwH7-1K7wP94pJmBDa.015tlqyb1",
        "AIzaSysNH3nCUj0kHO2NDx1GeG6L0HA4uTNHNoF",
        "glsa_ki1vdp2iFcIZ5DmZBfp0vLVkSTGPLWgC_68d5b511",
        "WAduUWhRZPJnXV.atlasv1.8ZosRExR8PE6e8yd-bgXu57Cq1JJPu=LC1bIApfLn_uZlJrvQnPtjYR9Z5Tt0cUlSyC",
        "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",
        "lin_api_Gc5fhldJYWpZhhsRPctQZipRSOBhP66zSttYZ62D",
        "fa29680590736c9e176b346cdd66ae27-us15",
        "NRII-qBpVRX3uS9mA5YYRQZaihTADpb0LWqKH",
        "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",
        "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",
        "A3-MLQP1O-8PUSHT-0XJV6-E9T4Y-8QKRE-V77F9",
        "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",
        "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",
        "PMAK-71125a79a20ac5bf0532f8d7-abbca9c915aa8d4b49bf7538fab7371d24",
        "pul-6cec91fc27950fe83cbaf4b8fcdfec78830567b2",
        "pypi-AgEIcHlwaS5vcmcUiXeM6aXsbT-WECVoVsZcWT3GA-iID-gcbUKm8w5bx_6W2AmWbB4oBQ-ajlSii6ZyQQRjH",
        "rubygems_81feb66e41fd804bc939684de9e863db5139d4feccc3edc8",
        "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",
        "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",
        "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",
        "xoxe-1-7qys80wdVTB4bsSvsU9XZ6htXAuL5bI9vmJdUhkNhhciHwMPPtbBLiwAyypXAQoXilIbQT7IRJz4qYjobbrIEAq9ui8OLf1lJcP390G0qvOHWVudQ1aOpEdoRG3j7V53zTx8YoJ1rv3mxwDODJ",
        "EAAAzaXz0u99bep5xYl-m4US1g4bILnNbFRwqUxXVB2SGgp5iaTvPoHsQihT6hIz",
        "sk_test_SsTWzo3SQukZgoyiMvPIznNJ",
        "AC24eb36cb15c83a40a8dffdb061b92376",
    ])
    func everyLayoutIsFoundAsTheReferenceFindsIt(text: String) {
        for context in ["x \(text) y", "\(text)", "{\"v\":\"\(text)\"}", "a,\(text),b", "(\(text))", "[\(text)]"] {
            let input = Array(context.utf8)
            let (output, findings) = Engines.builtin.mask(input, format: .auto)
            let reference = ReferenceMasker(engine: Engines.builtin).mask(input, format: .auto)
            #expect(!reference.findings.isEmpty, "the reference finds nothing in \(context)")
            #expect(output == reference.output && findings == reference.findings, "\(context)")
        }
    }

    @Test(arguments: [
        "4111 1111 1111 1112",                      // Luhn fails
        "1234567812345678",                         // Luhn fails
        "DE89 3704 0044 0532 0130 01",              // mod-97 fails
        "XX89 3704 0044 0532 0130 00",              // unknown country
        "000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000",
        "550e8400-e29b-41d4-a716-446655440000",     // UUID
        "da39a3ee5e6b4b0d3255bfef95601890afd80709", // SHA-1
        "2024-01-15T10:30:00Z", "10:30:00", "1700000000", "1700000000123",
        "ORD-2024-000123", "v1.2.3", "1.2.3", "3.14159265358979",
        "price 1,234.56", "std::vector", "Abc::def", "user@localhost",
        "AKIA1234", "eyJhbGciOi", "ghp_short", "Bearer of bad news",
        "ab:cd:ef", "1.2.3.4.5", "256.1.1.1",
    ])
    func ignoresHardNegatives(text: String) {
        let (output, findings) = Engines.builtin.mask(Array("x \(text) y".utf8), format: .text)
        #expect(findings.isEmpty, "found \(findings.map(\.type)) in a hard negative")
        #expect(output == Array("x \(text) y".utf8))
    }

    @Test func generatedHardNegativesAreLeftAlone() {
        var factory = PIIFactory(seed: 42)
        for _ in 0..<500 {
            let text = factory.hardNegative()
            let (_, findings) = Engines.builtin.mask(Array("x \(text) y".utf8), format: .text)
            if text.utf8.count >= 15, text.prefix(2).allSatisfy(\.isUppercase), text.dropFirst(2).prefix(2).allSatisfy(\.isNumber) {
                // A bad-checksum IBAN is not reported as an IBAN. Its inner digit groups may
                // still read as a card or phone number: Veil prefers masking too much to a leak
                // (docs/RULES.md, "Trade-offs").
                #expect(!findings.contains { $0.type == "IBAN" })
            } else {
                #expect(findings.isEmpty, "a hard negative of shape \(text.count) chars matched \(findings.map(\.type))")
            }
        }
    }

    @Test func aLongestMatchIsDecidedWhenItsLookaheadReadsTwoBytes() {
        // `(?!…|\.[0-9])` reads two bytes past the match: a match of the longest length
        // followed by `.` and a non-digit is still found.
        for (text, type) in [("from 255.255.255.255. Then", "IPV4"), ("ip 255.255.255.255.x", "IPV4"),
                             ("card 4111 1111 1111 1111 110.x", "CREDIT_CARD")] {
            let findings = Engines.builtin.mask(Array(text.utf8), format: .text).findings
            #expect(findings.map(\.type).contains(type), "\(text)")
        }
    }

    @Test func masksOnlyTheSecretOfHeadersAndURLs() {
        let input = "curl -H 'Authorization: Bearer abcdefgh12345678' https://bob:hunter2xyz@db.example.com/x"
        let (output, findings) = Engines.builtin.mask(Array(input.utf8), format: .text)
        #expect(String(decoding: output, as: UTF8.self) == "curl -H 'Authorization: Bearer [AUTH_HEADER]' https://[URL_CREDENTIALS]@db.example.com/x")
        #expect(findings.map(\.type) == ["AUTH_HEADER", "URL_CREDENTIALS"])
    }

    @Test func masksPEMBlocksInJSONStrings() {
        var factory = PIIFactory(seed: 9)
        let key = factory.privateKey(newline: "\\n")
        let input = "{\"key\": \"\(key.text)\", \"n\": 1}"
        let (output, findings) = Engines.builtin.mask(Array(input.utf8))
        #expect(String(decoding: output, as: UTF8.self) == "{\"key\": \"[PRIVATE_KEY]\", \"n\": 1}")
        #expect(findings.map(\.type) == ["PRIVATE_KEY"])
    }

    @Test func rawNewlinesInsideAMaskedSpanAreKept() {
        var factory = PIIFactory(seed: 10)
        let key = factory.privateKey()
        let lines = key.text.split(separator: "\n").count
        let (output, _) = Engines.builtin.mask(Array("a\n\(key.text)\nb".utf8), format: .text)
        #expect(String(decoding: output, as: UTF8.self) == "a\n[PRIVATE_KEY]" + String(repeating: "\n", count: lines - 1) + "\nb")
    }
}
