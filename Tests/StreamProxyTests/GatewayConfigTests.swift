import Foundation
import ScanCore
import Testing
@testable import StreamProxy

/// The YAML config file: every key read as documented in docs/CONFIG.md, and every bad
/// config refused with the file, line, key and reason.
@Suite struct GatewayConfigTests {
    static let full = """
        version: 1
        listeners:
          - listen: 127.0.0.1:8443
            tls:
              certificate: tls/cert.pem
              key: /etc/veil/key.pem
          - listen: "[::1]:8080"
        upstreams:
          - name: crm
            url: https://crm.internal:8000/mcp
            path: /crm
            ca_certificate: ca.pem
            fail_closed:
              content_encoding: false
          - url: http://127.0.0.1:9000/mcp
        masking:
          rules: [rules/site.yaml]
          actions:
            EMAIL: pseudonymize
            CREDIT_CARD: {action: partial, keep: 2}
          pseudonymization_key:
            file: /run/secrets/veil-key
        audit:
          database: audit.db
        limits:
          max_request_body: 1048576
        shutdown:
          drain_seconds: 2.5
        """

    @Test func everyKeyIsRead() throws {
        let config = try GatewayConfig.parse(Self.full, file: "/etc/veil/veil.yaml")
        #expect(config.listeners == [.init(host: "127.0.0.1", port: 8443, tls: .init(certificate: "/etc/veil/tls/cert.pem", key: "/etc/veil/key.pem")),
                                     .init(host: "::1", port: 8080)])
        #expect(config.upstreams.map(\.name) == ["crm", "upstream1"])
        #expect(config.upstreams[0].url.absoluteString == "https://crm.internal:8000/mcp")
        #expect(config.upstreams[0].path == "/crm" && config.upstreams[1].path == "/")
        #expect(config.upstreams[0].failClosed == .init(contentEncoding: false, unknownContentType: true))
        #expect(config.upstreams[1].failClosed == .init())
        #expect(config.upstreams[0].caCertificate == "/etc/veil/ca.pem")
        #expect(config.masking.ruleFiles == ["/etc/veil/rules/site.yaml"])
        #expect(config.masking.actions == [.init(type: "EMAIL", action: .pseudonymize), .init(type: "CREDIT_CARD", action: .partial(keep: 2))])
        #expect(config.masking.key == .file("/run/secrets/veil-key"))
        #expect(config.auditDatabase == "/etc/veil/audit.db")
        #expect(config.maxRequestBody == 1 << 20 && config.drainSeconds == 2.5)
    }

    @Test func requestsAreRoutedByTheLongestPathPrefix() throws {
        let config = try GatewayConfig.parse(Self.full, file: "veil.yaml")
        #expect(config.upstream(for: "/crm")?.name == "crm")
        #expect(config.upstream(for: "/crm/mcp?x=1")?.name == "crm")
        #expect(config.upstream(for: "/crmx")?.name == "upstream1")
        #expect(config.upstream(for: "/mcp")?.name == "upstream1")
    }

    @Test(arguments: [
        ("listeners:\n  - listen: 127.0.0.1\n", "veil.yaml:2: 'listeners[0].listen': '127.0.0.1' is not HOST:PORT"),
        ("listeners:\n  - listen: 127.0.0.1:80\n    tls: {certificate: c.pem}\n", "'listeners[0].tls': 'key' is missing"),
        ("upstreams:\n  - url: ftp://x/mcp\n", "veil.yaml:2: 'upstreams[0].url': 'ftp://x/mcp' is not an http:// or https:// URL"),
        ("upstreams:\n  - url: http://a/mcp\n    fail_closed: {content_encodin: false}\n", "'upstreams[0].fail_closed.content_encodin': unknown key"),
        ("upstreams:\n  - url: http://a/mcp\n    fail_closed: {content_encoding: maybe}\n", "'upstreams[0].fail_closed.content_encoding': expected true or false"),
        ("upstreams:\n  - {name: a, url: 'http://a/mcp'}\n  - {name: a, url: 'http://b/mcp', path: /b}\n", "'upstreams[1].name': another upstream is already named 'a'"),
        ("masking:\n  actions: {EMAIL: shred}\n", "'masking.actions.EMAIL': unknown action 'shred'"),
        ("masking:\n  pseudonymization_key: {env: A, file: b}\n", "'masking.pseudonymization_key': give exactly one of"),
        ("limits:\n  max_request_body: -1\n", "'limits.max_request_body': expected a whole number"),
        ("listner: []\n", "veil.yaml:1: 'listner': unknown key; known keys here are audit, limits, listeners, masking, shutdown, upstreams, version"),
        ("version: 2\n", "'version': unsupported version"),
        ("listeners: [\n", "veil.yaml: not valid YAML"),
        ("", "veil.yaml: the file is empty"),
    ])
    func badConfigsNameTheKeyAndTheReason(text: String, expected: String) {
        #expect(throws: ConfigError.self) { try GatewayConfig.parse(text, file: "veil.yaml") }
        do {
            _ = try GatewayConfig.parse(text, file: "veil.yaml")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func anActionForATypeNoRuleHasIsRefusedWhenTheRulesLoad() throws {
        let config = try GatewayConfig.parse("masking:\n  actions: {EMIAL: redact}\n", file: "veil.yaml")
        #expect(throws: ConfigError.self) { try config.masking.ruleSet() }
        do { _ = try config.masking.ruleSet() } catch {
            #expect(error.description.hasPrefix("'masking.actions.EMIAL': no rule has type 'EMIAL'; the types are "))
        }
    }

    @Test func actionsApplyToEveryRuleOfTheirType() throws {
        let setup = MaskingSetup(actions: [.init(type: "EMAIL", action: .partial(keep: 3))])
        let engine = try setup.engine(needsKey: false)
        let masker = engine.makeMasker(format: .text)
        var sink = CollectingSink()
        Array("write to ann.smith@example.com now".utf8).withUnsafeBytes { bytes in
            sink.chunk = bytes
            masker.feed(bytes, into: &sink)
        }
        masker.finish(into: &sink)
        #expect(String(decoding: sink.output, as: UTF8.self) == "write to [EMAIL:****com] now")
    }

    @Test func aMissingListenerOrUpstreamNamesTheFlagAndTheKey() {
        let empty = GatewayConfig()
        #expect(throws: ConfigError("no listener: give --listen HOST:PORT or 'listeners' in veil.yaml.")) { try empty.validate(file: "veil.yaml") }
        let noUpstream = GatewayConfig(listeners: [.init(host: "127.0.0.1", port: 1)])
        #expect(throws: ConfigError("no upstream: give --upstream URL.")) { try noUpstream.validate(file: nil) }
    }
}

