import Testing
@testable import ScanCore
import VeilCorpus

/// The candidate screens against their rules' patterns: a screen may refuse a start only where
/// PCRE2 finds no match (the phone screen: no anchored match at the start; the label screen: no
/// match whose number has its first digit there, the position its probe passes at). Random text dense in the shapes
/// each screen reads (digit runs, dates, decimals, extensions, label words) and every position.
struct CandidateScreenTests {
    static let phone = BuiltinRules.all.first { $0.name == "phone" }!
    static let label = BuiltinRules.all.first { $0.name == "phone_label" }!

    static let pieces: [String] = [
        "0", "1", "2", "3", "9", "00", "01", "13", "19", "20", "2024", "1999", "05", "13", "123", "4567",
        "1376411904", "1670858436", " ", "  ", "-", ".", "/", ":", "(", ")", "+", ",", "x", " x", " ext. ", "#",
        " int ", " anexo ", "tel", "Tel: ", "phone ", "FAX ", "Mobile: ", "call ", "sms to=", "contact: ",
        "hotel ", "mob ", "WhatsApp: ", "tel nr ", "phone number: ", "Telefon ", "Tel. no.: ", "cell=", "sms ",
        "4488", "0031 ", "4032-", "DE89 ", "GB", "152.21.64.158", "10.0.0.1", "255.", "4111 1111 1111 1111",
        "4111-1111-1111-1111", "078-05-1120", "666-66-", "HTTP/1.1\" ", "HTTP/2\" ", "/9\" ", "a", "Z", "\n", "\"", "=", "T", "e",
    ]

    static func text(_ rng: inout SeededRandom) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<(8 + Int(rng.next() % 24)) { out += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8) }
        return out
    }

    /// Calls `body` with every start of `bytes` and its byte reader (0 outside the bytes).
    static func eachStart(_ bytes: [UInt8], _ body: (Int, (Int) -> UInt8) -> Void) {
        for j in bytes.indices { body(j) { k in j + k >= 0 && j + k < bytes.count ? bytes[j + k] : 0 } }
    }

    /// Whether `code` (anchored) matches `bytes` at `start`; the match's `mask` group range too.
    static func match(_ code: PCRE2Code, _ scratch: MatchScratch, _ bytes: [UInt8], at start: Int) -> (Bool, Range<Int>?) {
        bytes.withUnsafeBytes { buf in
            guard case .match = scratch.match(code, buf, start: start, partial: false) else { return (false, nil) }
            return (true, code.groupNumber(named: "mask").flatMap { scratch.range(ofGroup: $0) })
        }
    }

    @Test func theLabelStemsAreTheLabelsFirstLetters() {
        #expect(CandidateScreen.labelStems == PhoneLabels.stems)
        for stem in CandidateScreen.labelStems {
            let u = Array(stem.utf8)
            #expect(CandidateScreen.isLabelStem(UInt32(u[0]) | UInt32(u[1]) << 8 | UInt32(u[2]) << 16), "\(stem)")
        }
        #expect(!CandidateScreen.isLabelStem(0x74_6F68)) // "hot"
    }

    @Test func thePhoneScreenRefusesOnlyStartsThePatternRefuses() throws {
        let code = try PCRE2Code(Self.phone.pattern, anchored: true)
        let scratch = MatchScratch(groups: 4)
        var rng = SeededRandom(seed: 11)
        var refused = 0, checked = 0
        for _ in 0..<20_000 {
            let bytes = Self.text(&rng)
            var failed = false
            Self.eachStart(bytes) { j, byteAt in
                checked += 1
                guard !failed, CandidateScreen.phone.refuses(byteAt) else { return }
                refused += 1
                let (matched, _) = Self.match(code, scratch, bytes, at: j)
                #expect(!matched, "refused a start the pattern matches: \(String(decoding: bytes, as: UTF8.self).debugDescription) at \(j)")
                failed = matched
            }
            if failed { return }
        }
        // The screen is not idle on this text: it refuses a good share of starts.
        #expect(refused > checked / 50, "refused \(refused) of \(checked)")
    }

    @Test func theLabelScreenRefusesOnlyWhereNoNumberStarts() throws {
        let code = try PCRE2Code(Self.label.pattern, anchored: true)
        let scratch = MatchScratch(groups: 4)
        var rng = SeededRandom(seed: 12)
        var refused = 0, matches = 0
        for _ in 0..<6_000 {
            let bytes = Self.text(&rng)
            // Where the label pattern's numbers have their first digit, from every anchored start.
            var numberStarts = Set<Int>()
            for s in bytes.indices {
                let (matched, mask) = Self.match(code, scratch, bytes, at: s)
                if matched, let mask, let first = mask.first(where: { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) {
                    numberStarts.insert(first); matches += 1
                }
            }
            var failed = false
            Self.eachStart(bytes) { j, byteAt in
                guard !failed, CandidateScreen.phoneLabel.refuses(byteAt) else { return }
                refused += 1
                #expect(!numberStarts.contains(j), "refused \(j), the first digit of a number, in \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                failed = numberStarts.contains(j)
            }
            if failed { return }
        }
        #expect(matches > 100 && refused > 1000, "matches \(matches), refused \(refused)")
    }

    /// The screens against the engine as users run it: streaming with the screens matches the
    /// reference masker, which tries every rule at every position with no prefilter at all.
    @Test func theEngineWithScreensFindsWhatTheReferenceFinds() {
        var rng = SeededRandom(seed: 13)
        let engine = Engines.builtin
        for round in 0..<3_000 {
            let bytes = Self.text(&rng)
            let chunks = [1 + round % 7, 64]
            let streamed = Documents.stream(bytes, engine: engine, chunks: chunks, format: .text)
            let reference = ReferenceMasker(engine: engine).mask(bytes, format: .text)
            #expect(streamed.findings == reference.findings, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if streamed.findings != reference.findings { return }
        }
    }
}
