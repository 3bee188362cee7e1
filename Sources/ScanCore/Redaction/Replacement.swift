#if canImport(Glibc)
import Glibc
#endif

/// Renders the text that replaces a masked span. Replacement text is printable ASCII with no
/// `"` or `\`, so it never needs escaping (a span outside any JSON string, in JSON mode, is
/// wrapped in quotes to stay valid JSON); raw newlines inside the span are kept after the
/// label, so line-framed output (NDJSON, stdio JSON-RPC) keeps its framing.
enum Replacement {
    static func render(_ rule: CompiledRule, value: UnsafeRawBufferPointer, pseudonymizer: Pseudonymizer?,
                       quoted: Bool = false, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        if quoted { out.append(UInt8(ascii: "\"")) }
        switch rule.action {
        case .redact:
            append(rule.label, to: &out)
        case .partial(let keep):
            // The last `keep` letters or digits, in order, without allocating.
            var from = value.count, kept = 0
            while from > 0, kept < keep { from -= 1; if isAlnum(value[from]) { kept += 1 } }
            append(rule.tagOpen, to: &out)
            for _ in 0..<4 { out.append(UInt8(ascii: "*")) }
            for k in from..<value.count where isAlnum(value[k]) { out.append(value[k]) }
            append(rule.tagClose, to: &out)
        case .pseudonymize:
            // The engine refuses to build without a key when any rule pseudonymizes.
            append(rule.tagOpen, to: &out)
            pseudonymizer!.appendToken(for: value, normalization: rule.normalization, to: &out)
            append(rule.tagClose, to: &out)
        }
        if quoted { out.append(UInt8(ascii: "\"")) }
        // Raw newlines inside the span stay, after the label (memchr: most values have none).
        if let base = value.baseAddress, var q = memchr(base, 0x0A, value.count) {
            let end = base + value.count
            while true {
                out.append(0x0A)
                let next = UnsafeRawPointer(q) + 1
                guard next < end, let found = memchr(next, 0x0A, end - next) else { break }
                q = found
            }
        }
    }

    @inline(__always)
    static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { out.append(contentsOf: $0) }
    }

    @inline(__always)
    static func isAlnum(_ b: UInt8) -> Bool {
        isDigit(b) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b | 0x20)
    }
}
