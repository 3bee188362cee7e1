import ArgumentParser
import Foundation
import Logging
import ScanCore
import StreamProxy

/// `veil proxy`: the Streamable HTTP gateway in front of MCP servers.
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Serve MCP over Streamable HTTP in front of upstream MCP servers, masking every response and recording the session.",
        discussion: """
            Give --listen and --upstream, or a config file (docs/CONFIG.md), or both: flags override the file. \
            Responses Veil cannot scan are replaced by a JSON-RPC error. GET /healthz answers {"status":"ok"}; GET /metrics \
            serves Prometheus metrics. SIGHUP reloads the rule files (a bad new set is refused and the old one kept); SIGTERM \
            stops accepting and drains the streams in flight. Exit status: 2 on a usage or configuration error.
            """
    )

    @Option(name: .customLong("listen"), help: ArgumentHelp("Where to listen, HOST:PORT (replaces the config file's listeners).", valueName: "HOST:PORT"))
    var listen: String?

    @Option(name: .customLong("upstream"), help: ArgumentHelp("The upstream MCP endpoint, such as http://127.0.0.1:8000/mcp (replaces the config file's upstreams).", valueName: "URL"))
    var upstream: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("A YAML config file (docs/CONFIG.md).", valueName: "FILE"))
    var configFile: String?

    @OptionGroup var audit: AuditOptions

    @OptionGroup var rules: RuleOptions

    /// The config file, then the flags over it.
    func gatewayConfig() throws(ConfigError) -> GatewayConfig {
        var config = try configFile.map { file throws(ConfigError) in try GatewayConfig.load(file: file) } ?? GatewayConfig()
        if let listen {
            guard let listener = GatewayConfig.Listener(address: listen) else {
                throw ConfigError("--listen '\(listen)' is not HOST:PORT with a port from 0 to 65535.")
            }
            config.listeners = [listener]
        }
        if let upstream { config.upstreams = [GatewayConfig.Upstream(url: try GatewayConfig.upstreamURL(upstream))] }
        if !rules.ruleFiles.isEmpty { config.masking.ruleFiles = rules.ruleFiles }
        if let keyFile = rules.pseudonymKeyFile { config.masking.key = .file(keyFile) }
        if let path = audit.path { config.auditDatabase = path }
        try config.validate(file: configFile)
        return config
    }

    func run() async throws {
        AuditOptions.bootstrapLogging(level: .info)
        let config: GatewayConfig
        let engine: LiveEngine
        let server: ProxyServer
        let log: AuditLog?
        do {
            config = try gatewayConfig()
            engine = try LiveEngine(setup: config.masking)
            log = try AuditOptions.open(config.auditDatabase)
            server = try ProxyServer(config: config, engine: engine, log: log, logger: Logger(label: "veil.proxy"))
        } catch let error as ConfigError {
            throw CLIError.config(error.description)
        }
        let serving = Task {
            try await server.run { ports in
                for (listener, port) in zip(config.listeners, ports) {
                    Console.error("veil proxy listening on \(listener.tls == nil ? "http" : "https")://\(listener.host):\(port)")
                }
            }
        }
        // SIGHUP: build the rules again from their files; a bad set is refused, the old kept.
        let reload = SignalWatch(SignalWatch.reload) { _ in server.reloadRules() }
        // SIGTERM or SIGINT: stop accepting, let streams in flight finish, and give up on
        // them after the drain time.
        let stop = SignalWatch(SignalWatch.stop) { _ in
            Console.error("veil proxy: stopping; draining the streams in flight (at most \(Int(config.drainSeconds)) s).")
            server.stopAccepting()
            DispatchQueue.global().asyncAfter(deadline: .now() + config.drainSeconds) { serving.cancel() }
        }
        defer { stop.cancel(); reload.cancel() }
        do {
            try await serving.value
        } catch is CancellationError {
        } catch let failure as ProxyServer.ListenFailure {
            await server.shutdown()
            throw CLIError.config(failure.description)
        } catch {
            await server.shutdown()
            throw CLIError.runtime("the proxy stopped: \(error).")
        }
        await server.shutdown()
    }
}
