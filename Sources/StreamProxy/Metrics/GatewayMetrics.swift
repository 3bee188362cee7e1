import Prometheus
import Synchronization

/// The gateway's Prometheus metrics, served at `GET /metrics`.
///
/// Label values come from bounded sets only (known MCP methods, rule types, upstream names
/// from the config, fixed error kinds), never from what a client sends, so a client cannot
/// grow the series without bound; and no label ever holds a payload value.
///
/// | metric | labels | what |
/// | --- | --- | --- |
/// | `veil_requests_total` | `method`, `upstream` | client requests, by MCP method (`other` when unknown) |
/// | `veil_bytes_total` | `direction` | bytes in, by direction (`client` → server, `server` → client) |
/// | `veil_masked_values_total` | `type`, `direction` | values masked, by rule type |
/// | `veil_upstream_latency_seconds` | `upstream` | time to the upstream's response head |
/// | `veil_errors_total` | `kind` | requests answered with an error by Veil, by cause |
/// | `veil_rule_reloads_total` | `outcome` | SIGHUP reloads, `ok` or `refused` |
public final class GatewayMetrics: Sendable {
    /// Why Veil answered a request with an error itself.
    public enum ErrorKind: String, Sendable, CaseIterable {
        case upstreamUnreachable = "upstream_unreachable"
        case upstreamFailedMidStream = "upstream_failed_mid_stream"
        case unscannable = "unscannable"
        case requestTooLarge = "request_too_large"
        case headerMismatch = "header_mismatch"
        case noRoute = "no_route"
        case auditFailure = "audit_failure"
    }

    /// The MCP methods counted by name; every other method counts as `other`.
    static let knownMethods: Set<String> = [
        "initialize", "server/discover", "ping", "tools/list", "tools/call", "resources/list", "resources/read",
        "resources/templates/list", "resources/subscribe", "resources/unsubscribe", "prompts/list", "prompts/get",
        "completion/complete", "logging/setLevel", "notifications/initialized", "notifications/cancelled",
        "notifications/progress", "notifications/roots/list_changed", "tasks/get", "tasks/list", "tasks/cancel", "tasks/result",
    ]

    /// The registry the metrics live in.
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        for kind in ErrorKind.allCases { _ = errorCounter(kind) }
    }

    /// Counts a client request for `method` (nil for a GET or DELETE without a body).
    public func request(method: String?, upstream: String) {
        let name = method.map { Self.knownMethods.contains($0) ? $0 : "other" } ?? "none"
        registry.makeCounter(descriptor: Self.name("requests", "total", "Client requests, by MCP method and upstream."),
                             labels: [("method", name), ("upstream", upstream)]).increment()
    }

    /// Counts a message's bytes and masked values.
    public func message(direction: AuditEntry.Direction, bytes: Int64, masked: [String: Int]) {
        registry.makeCounter(descriptor: Self.name("bytes", "total", "Message bytes received, by direction."),
                             labels: [("direction", direction.rawValue)]).increment(by: bytes)
        for (type, count) in masked {
            registry.makeCounter(descriptor: Self.name("masked_values", "total", "Values masked, by rule type and direction."),
                                 labels: [("type", type), ("direction", direction.rawValue)]).increment(by: Int64(count))
        }
    }

    /// Records how long the upstream took to answer with its response head.
    public func upstreamLatency(_ duration: Duration, upstream: String) {
        registry.makeDurationHistogram(descriptor: Self.name("upstream_latency", "seconds", "Time to the upstream's response head."),
                                       labels: [("upstream", upstream)], buckets: Self.latencyBuckets).record(duration)
    }

    /// Counts a request Veil answered with an error itself.
    public func error(_ kind: ErrorKind) { errorCounter(kind).increment() }

    /// Counts a rule reload.
    public func reload(succeeded: Bool) {
        registry.makeCounter(descriptor: Self.name("rule_reloads", "total", "Rule reloads on SIGHUP."),
                             labels: [("outcome", succeeded ? "ok" : "refused")]).increment()
    }

    /// The metrics in Prometheus text format.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }

    func errorCounter(_ kind: ErrorKind) -> Counter {
        registry.makeCounter(descriptor: Self.name("errors", "total", "Requests Veil answered with an error itself, by cause."),
                             labels: [("kind", kind.rawValue)])
    }

    static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "veil", metricName: metric, unitName: unit, helpText: help)
    }

    static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5), .seconds(10),
    ]
}
