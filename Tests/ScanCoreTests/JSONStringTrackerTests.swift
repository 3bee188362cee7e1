import Testing
import VeilCorpus
@testable import ScanCore

/// The string tracker's block path against a byte-by-byte oracle, on inputs dense with
/// quotes and backslash runs, advanced in random steps across a carry and a chunk.
@Suite struct JSONStringTrackerTests {
    static func oracle(_ bytes: [UInt8], leadEscaped: Bool) -> [(inString: Bool, escaped: Bool)] {
        var inString = false, escaped = leadEscaped
        var states: [(Bool, Bool)] = [(false, leadEscaped)]
        for b in bytes {
            if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString.toggle() }
            states.append((inString, escaped))
        }
        return states
    }

    @Test func blocksAgreeWithTheByteByByteDefinition() {
        var rng = SeededRandom(seed: 41)
        let alphabet = Array("\"\\\\\\a".utf8)
        for _ in 0..<3_000 {
            let carryCount = Int.random(in: 0...20, using: &rng)
            let chunkCount = Int.random(in: 0...300, using: &rng)
            let bytes = (0..<(carryCount + chunkCount)).map { _ in rng.pick(alphabet) }
            let expected = Self.oracle(bytes, leadEscaped: false)
            let carry = Array(bytes[..<carryCount]), chunk = Array(bytes[carryCount...])
            carry.withUnsafeBytes { c in
                chunk.withUnsafeBytes { k in
                    let view = ByteView(carry: c, carryStart: 0, chunk: k, chunkStart: carryCount, leadParity: false, atEnd: false)
                    var tracker = JSONStringTracker()
                    var at = 0
                    while at < bytes.count {
                        at = min(bytes.count, at + Int.random(in: 1...150, using: &rng))
                        tracker.advance(to: at, view)
                        #expect(tracker.inString == expected[at].inString && tracker.escaped == expected[at].escaped,
                                "carry \(carryCount), chunk \(chunkCount), at \(at)")
                    }
                }
            }
        }
    }
}
