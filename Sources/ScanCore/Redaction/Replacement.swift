/// Renders the text that replaces a masked span. Replacement text is printable ASCII with no
/// `"` or `\`, so it never needs escaping (a span outside any JSON string, in JSON mode, is
/// wrapped in quotes to stay valid JSON); raw newlines inside the span are kept after the
/// label, so line-framed output (NDJSON, stdio JSON-RPC) keeps its framing.
enum Replacement {
    static func render(_ rule: CompiledRule, value: UnsafeRawBufferPointer, pseudonymizer: Pseudonymizer?,
                       quoted: Bool = false, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        if quoted { out.append(UInt8(ascii: "\"")) }
        switch rule.rule.action {
        case .redact:
            out.append(contentsOf: rule.label)
        case .partial(let keep):
            var kept: [UInt8] = []
            for b in value.reversed() where kept.count < keep && isAlnum(b) { kept.append(b) }
            appendTagged(rule.label, "****" + String(decoding: kept.reversed(), as: UTF8.self), into: &out)
        case .pseudonymize:
            // The engine refuses to build without a key when any rule pseudonymizes.
            let token = pseudonymizer!.token(for: value, type: rule.type)
            appendTagged(rule.label, token, into: &out)
        }
        if quoted { out.append(UInt8(ascii: "\"")) }
        for b in value where b == UInt8(ascii: "\n") { out.append(b) }
    }

    /// `[LABEL]` + `tag` → `[LABEL:tag]`; other labels get `:tag` appended.
    static func appendTagged(_ label: [UInt8], _ tag: String, into out: inout [UInt8]) {
        if label.last == UInt8(ascii: "]") {
            out.append(contentsOf: label.dropLast())
            out.append(UInt8(ascii: ":")); out.append(contentsOf: tag.utf8); out.append(UInt8(ascii: "]"))
        } else {
            out.append(contentsOf: label); out.append(UInt8(ascii: ":")); out.append(contentsOf: tag.utf8)
        }
    }

    @inline(__always)
    static func isAlnum(_ b: UInt8) -> Bool {
        isDigit(b) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b | 0x20)
    }
}
