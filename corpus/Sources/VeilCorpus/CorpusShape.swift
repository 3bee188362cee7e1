/// The labelled corpus shapes `veil corpus generate` writes, each a data file plus a
/// ground-truth JSONL of spans.
public enum CorpusShape: String, CaseIterable, Sendable {
    /// MCP JSON-RPC `tools/call` results, one per line; about one value per 2 KiB, inside
    /// `content[].text` (often JSON in text), `structuredContent` and progress messages.
    case mcpJSON = "mcp_json"
    /// Application and access logs: timestamps, client IPs, user agents, request ids.
    case logs
    /// A CSV export of customer records, about one value per 60 bytes.
    case dense
    /// Realistic JSON with no personal data at all: ids, UUIDs, digests, timestamps, prices.
    case clean
    /// Long digit runs, floods of `@`, near-miss tokens, huge strings, deep nesting, invalid UTF-8.
    case adversarial

    /// Generates about `size` bytes (whole records, so slightly more) from `seed`.
    public func generate(size: Int, seed: UInt64) -> CorpusWriter {
        var g = CorpusGenerator(seed: seed &+ UInt64(CorpusShape.allCases.firstIndex(of: self)!) &* 0x9E37)
        var w = CorpusWriter()
        while w.count < size {
            switch self {
            case .mcpJSON: g.mcpMessage(&w)
            case .logs: g.logLine(&w)
            case .dense: g.csvRow(&w, header: w.count == 0)
            case .clean: g.cleanRecord(&w)
            case .adversarial: g.adversarialRecord(&w)
            }
        }
        return w
    }
}
