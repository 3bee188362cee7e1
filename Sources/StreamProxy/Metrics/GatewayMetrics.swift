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

    /// The error counters, made (and so exported at zero) at start.
    let errorCounters: [ErrorKind: Counter]
    /// Counters made on first use, by metric and label values: the registry's own lookup
    /// validates names and takes a registry-wide lock, too much for every message.
    let counters = Mutex<[CounterKey: Counter]>([:])

    struct CounterKey: Hashable {
        enum Metric { case requests, bytes, masked, reloads }
        var metric: Metric
        var first: String
        var second: String = ""
    }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var errors: [ErrorKind: Counter] = [:]
        for kind in ErrorKind.allCases {
            errors[kind] = registry.makeCounter(descriptor: Self.name("errors", "total", "Requests Veil answered with an error itself, by cause."),
                                                labels: [("kind", kind.rawValue)])
        }
        self.errorCounters = errors
    }

    /// The counter for `key`, made with `make` the first time.
    func counter(_ key: CounterKey, _ make: () -> Counter) -> Counter {
        counters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = make()
            counters[key] = counter
            return counter
        }
    }

    /// Counts a client request for `method` (nil for a GET or DELETE without a body).
    public func request(method: String?, upstream: String) {
        let name = method.map { Self.knownMethods.contains($0) ? $0 : "other" } ?? "none"
        counter(CounterKey(metric: .requests, first: name, second: upstream)) {
            registry.makeCounter(descriptor: Self.name("requests", "total", "Client requests, by MCP method and upstream."),
                                 labels: [("method", name), ("upstream", upstream)])
        }.increment()
    }

    /// Counts a message's bytes and masked values.
    public func message(direction: AuditEntry.Direction, bytes: Int64, masked: [String: Int]) {
        counter(CounterKey(metric: .bytes, first: direction.rawValue)) {
            registry.makeCounter(descriptor: Self.name("bytes", "total", "Message bytes received, by direction."),
                                 labels: [("direction", direction.rawValue)])
        }.increment(by: bytes)
        for (type, count) in masked {
            counter(CounterKey(metric: .masked, first: type, second: direction.rawValue)) {
                registry.makeCounter(descriptor: Self.name("masked_values", "total", "Values masked, by rule type and direction."),
                                     labels: [("type", type), ("direction", direction.rawValue)])
            }.increment(by: Int64(count))
        }
    }

    /// Records how long the upstream took to answer with its response head.
    public func upstreamLatency(_ duration: Duration, upstream: String) {
        let histogram = histograms.withLock { histograms in
            if let h = histograms[upstream] { return h }
            let h = registry.makeDurationHistogram(descriptor: Self.name("upstream_latency", "seconds", "Time to the upstream's response head."),
                                                   labels: [("upstream", upstream)], buckets: Self.latencyBuckets)
            histograms[upstream] = h
            return h
        }
        histogram.record(duration)
    }

    /// Latency histograms by upstream name, made on first use.
    let histograms = Mutex<[String: DurationHistogram]>([:])

    /// Counts a request Veil answered with an error itself.
    public func error(_ kind: ErrorKind) { errorCounters[kind]?.increment() }

    /// Counts a rule reload.
    public func reload(succeeded: Bool) {
        let outcome = succeeded ? "ok" : "refused"
        counter(CounterKey(metric: .reloads, first: outcome)) {
            registry.makeCounter(descriptor: Self.name("rule_reloads", "total", "Rule reloads on SIGHUP."), labels: [("outcome", outcome)])
        }.increment()
    }

    /// The metrics in Prometheus text format.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }

    static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "veil", metricName: metric, unitName: unit, helpText: help)
    }

    static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5), .seconds(10),
    ]
}
