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
            out.append(contentsOf: rule.label)
        case .partial(let keep):
            // The last `keep` letters or digits, in order, without allocating.
            var from = value.count, kept = 0
            while from > 0, kept < keep { from -= 1; if isAlnum(value[from]) { kept += 1 } }
            appendTag(rule.label, into: &out) { out in
                out.append(contentsOf: "****".utf8)
                for b in value[from...] where isAlnum(b) { out.append(b) }
            }
        case .pseudonymize:
            // The engine refuses to build without a key when any rule pseudonymizes.
            let token = pseudonymizer!.token(for: value, type: rule.type)
            appendTag(rule.label, into: &out) { $0.append(contentsOf: token.utf8) }
        }
        if quoted { out.append(UInt8(ascii: "\"")) }
        for b in value where b == UInt8(ascii: "\n") { out.append(b) }
    }

    /// `[LABEL]` with a tag → `[LABEL:tag]`; other labels get `:tag` appended.
    static func appendTag(_ label: [UInt8], into out: inout [UInt8], _ tag: (inout [UInt8]) -> Void) {
        if label.last == UInt8(ascii: "]") {
            out.append(contentsOf: label.dropLast())
            out.append(UInt8(ascii: ":")); tag(&out); out.append(UInt8(ascii: "]"))
        } else {
            out.append(contentsOf: label); out.append(UInt8(ascii: ":")); tag(&out)
        }
    }

    @inline(__always)
    static func isAlnum(_ b: UInt8) -> Bool {
        isDigit(b) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b | 0x20)
    }
}
