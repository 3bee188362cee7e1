import Foundation
import ScanCore
import Yams

extension GatewayConfig {
    /// Reads a YAML config file (docs/CONFIG.md). Unknown keys are errors (a misspelled
    /// switch in a security gateway must not be ignored), and every error names the file,
    /// the line, the key and the reason. Relative paths in the file are relative to the
    /// file's directory.
    public static func load(file: String) throws(ConfigError) -> GatewayConfig {
        let text = try SmallFile.readText(file, what: "config file", limit: 1 << 20)
        return try parse(text, file: file)
    }

    /// Parses config text; `file` names it in errors and anchors relative paths.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> GatewayConfig {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ConfigError("\(file): not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "").")
        }
        guard let root else { throw ConfigError("\(file): the file is empty; see docs/CONFIG.md for its keys.") }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        var config = GatewayConfig()
        config.masking.actionsOrigin = "masking.actions"
        let top = ConfigField(node: root, key: "", file: file, base: base)
        for (key, field) in try top.mapping(known: ["version", "listeners", "upstreams", "masking", "audit", "limits", "shutdown"]) {
            switch key {
            case "version":
                guard field.node.int == 1 else { throw field.error("unsupported version; this Veil reads version 1.") }
            case "listeners":
                config.listeners = try field.list().map(listener)
            case "upstreams":
                config.upstreams = try field.list().enumerated().map { k, item throws(ConfigError) in try upstream(item, index: k) }
                var names = Set<String>()
                for (k, u) in config.upstreams.enumerated() where !names.insert(u.name).inserted {
                    throw ConfigError.at(file, line: nil, key: "upstreams[\(k)].name", "another upstream is already named '\(u.name)'.")
                }
            case "masking":
                config.masking = try masking(field)
            case "audit":
                for (key, value) in try field.mapping(known: ["database"]) where key == "database" {
                    config.auditDatabase = try value.path()
                }
            case "limits":
                for (key, value) in try field.mapping(known: ["max_request_body"]) where key == "max_request_body" {
                    config.maxRequestBody = try value.int(in: 1...(1 << 30))
                }
            case "shutdown":
                for (key, value) in try field.mapping(known: ["drain_seconds"]) where key == "drain_seconds" {
                    config.drainSeconds = try value.number(in: 0...3600)
                }
            default: break
            }
        }
        return config
    }

    static func listener(_ field: ConfigField) throws(ConfigError) -> Listener {
        var address: String?
        var tls: TLSFiles?
        for (key, value) in try field.mapping(known: ["listen", "tls"]) {
            if key == "listen" { address = try value.string() }
            if key == "tls" {
                var certificate: String?, privateKey: String?
                for (key, part) in try value.mapping(known: ["certificate", "key"]) {
                    if key == "certificate" { certificate = try part.path() } else { privateKey = try part.path() }
                }
                guard let certificate else { throw value.error("'certificate' is missing; TLS needs a PEM certificate chain and its key.") }
                guard let privateKey else { throw value.error("'key' is missing; TLS needs a PEM certificate chain and its key.") }
                tls = TLSFiles(certificate: certificate, key: privateKey)
            }
        }
        guard let address else { throw field.error("'listen' is missing; give the address as HOST:PORT.") }
        guard let listener = Listener(address: address, tls: tls) else {
            throw field.child("listen").error("'\(address)' is not HOST:PORT with a port from 0 to 65535.")
        }
        return listener
    }

    static func upstream(_ field: ConfigField, index: Int) throws(ConfigError) -> Upstream {
        var name = "upstream\(index)", path = "/", failClosed = FailClosed()
        var url: URL?, ca: String?
        for (key, value) in try field.mapping(known: ["name", "url", "path", "fail_closed", "ca_certificate"]) {
            switch key {
            case "name": name = try value.string()
            case "url": url = try upstreamURL(value.string(), field: value)
            case "ca_certificate": ca = try value.path()
            case "path":
                path = try value.string()
                guard path.hasPrefix("/") else { throw value.error("'\(path)' must start with '/'.") }
            case "fail_closed":
                for (key, flag) in try value.mapping(known: ["content_encoding", "unknown_content_type"]) {
                    if key == "content_encoding" { failClosed.contentEncoding = try flag.bool() } else { failClosed.unknownContentType = try flag.bool() }
                }
            default: break
            }
        }
        guard let url else { throw field.error("'url' is missing; give the MCP endpoint, such as http://127.0.0.1:8000/mcp.") }
        return Upstream(name: name, url: url, path: path, failClosed: failClosed, caCertificate: ca)
    }

    /// Checks an upstream URL; `field` places the error (nil for a command-line flag).
    public static func upstreamURL(_ text: String, field: ConfigField? = nil) throws(ConfigError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            let reason = "'\(text)' is not an http:// or https:// URL with a host."
            throw field?.error(reason) ?? ConfigError("--upstream \(reason)")
        }
        return url
    }

    static func masking(_ field: ConfigField) throws(ConfigError) -> MaskingSetup {
        var setup = MaskingSetup()
        for (key, value) in try field.mapping(known: ["rules", "actions", "pseudonymization_key"]) {
            switch key {
            case "rules":
                setup.ruleFiles = try value.list().map { item throws(ConfigError) in try item.path() }
            case "actions":
                for (type, action) in try value.mapping(known: nil) {
                    setup.actions.append(.init(type: type, action: try self.action(action)))
                }
            case "pseudonymization_key":
                let source = try value.mapping(known: ["env", "file"])
                guard source.count == 1, let (kind, where_) = source.first else {
                    throw value.error("give exactly one of 'env' (an environment variable's name) and 'file' (a path).")
                }
                setup.key = kind == "env" ? .environment(try where_.string()) : .file(try where_.path())
            default: break
            }
        }
        return setup
    }

    static func action(_ field: ConfigField) throws(ConfigError) -> Action {
        func named(_ name: String, keep: Int?) throws(ConfigError) -> Action {
            switch name {
            case "redact" where keep == nil: return .redact
            case "pseudonymize" where keep == nil: return .pseudonymize
            case "partial": return .partial(keep: keep ?? 4)
            case "redact", "pseudonymize": throw field.error("'keep' applies only with 'action: partial'.")
            default: throw field.error("unknown action '\(name)'; known actions are redact, partial and pseudonymize.")
            }
        }
        if field.node.scalar != nil { return try named(field.string(), keep: nil) }
        var name: String?, keep: Int?
        for (key, value) in try field.mapping(known: ["action", "keep"]) {
            if key == "action" { name = try value.string() } else { keep = try value.int(in: 1...32) }
        }
        guard let name else { throw field.error("'action' is missing.") }
        return try named(name, keep: keep)
    }
}

/// A node of a config file with its dotted key, for errors that say where.
public struct ConfigField {
    let node: Node
    let key: String
    let file: String
    let base: URL

    func error(_ reason: String) -> ConfigError { .at(file, line: node.mark?.line, key: key, reason) }

    func child(_ name: String) -> ConfigField {
        let node = self.node.mapping?[name] ?? self.node
        return ConfigField(node: node, key: key.isEmpty ? name : "\(key).\(name)", file: file, base: base)
    }

    /// The entries of a mapping, checked against `known` keys (nil accepts any string key).
    func mapping(known: Set<String>?) throws(ConfigError) -> [(String, ConfigField)] {
        guard let map = node.mapping else {
            throw error(key.isEmpty ? "the file must be a mapping of keys (see docs/CONFIG.md)." : "expected a mapping of keys.")
        }
        var entries: [(String, ConfigField)] = []
        var seen = Set<String>()
        for (k, v) in map {
            guard let name = k.string else { throw error("keys must be strings.") }
            let field = ConfigField(node: v, key: key.isEmpty ? name : "\(key).\(name)", file: file, base: base)
            if let known, !known.contains(name) {
                throw field.error("unknown key; known keys here are \(known.sorted().joined(separator: ", ")).")
            }
            guard seen.insert(name).inserted else { throw field.error("the key is given twice.") }
            entries.append((name, field))
        }
        return entries
    }

    func list() throws(ConfigError) -> [ConfigField] {
        guard let items = node.sequence else { throw error("expected a list.") }
        return items.enumerated().map { k, item in ConfigField(node: item, key: "\(key)[\(k)]", file: file, base: base) }
    }

    func string() throws(ConfigError) -> String {
        guard let scalar = node.scalar, !scalar.string.isEmpty else { throw error("expected a non-empty string.") }
        return scalar.string
    }

    /// A path, resolved against the config file's directory when relative.
    func path() throws(ConfigError) -> String {
        let text = try string()
        return text.hasPrefix("/") ? text : base.appendingPathComponent(text).path
    }

    func int(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let value = node.int, range.contains(value) else { throw error("expected a whole number from \(range.lowerBound) to \(range.upperBound).") }
        return value
    }

    func number(in range: ClosedRange<Double>) throws(ConfigError) -> Double {
        guard let value = node.float ?? node.int.map(Double.init), range.contains(value) else {
            throw error("expected a number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    func bool() throws(ConfigError) -> Bool {
        guard let value = node.bool else { throw error("expected true or false.") }
        return value
    }
}
