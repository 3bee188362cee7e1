import NIOSSL

/// TLS for the gateway's listeners and upstreams, loaded at start so that a bad certificate or
/// key is a configuration error (exit 2) naming its key, never a failure at the first client.
enum TLSSetup {
    /// The server context for a listener's certificate chain and key; `key` names the
    /// listener in errors, such as `listeners[0].tls`.
    static func serverContext(_ files: GatewayConfig.TLSFiles, key: String) throws(ConfigError) -> NIOSSLContext {
        let chain = try certificates(files.certificate, key: "\(key).certificate")
        let keyBytes = try SmallFile.readBytes(files.key, what: "TLS key file ('\(key).key')")
        let privateKey: NIOSSLPrivateKey
        do { privateKey = try NIOSSLPrivateKey(bytes: keyBytes, format: .pem) } catch {
            throw ConfigError("'\(key).key': '\(files.key)' is not a PEM private key.")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(privateKey))
        do { return try NIOSSLContext(configuration: configuration) } catch {
            throw ConfigError("'\(key)': the certificate and the key cannot serve TLS together (\(error)).")
        }
    }

    /// The client TLS configuration for an upstream that trusts `caFile` (nil: the system's
    /// trust store, and the default configuration).
    static func upstreamTrust(_ caFile: String?, key: String) throws(ConfigError) -> TLSConfiguration? {
        guard let caFile else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(try certificates(caFile, key: "\(key).ca_certificate"))
        return configuration
    }

    /// The certificates of a PEM file; `key` names the setting in errors.
    static func certificates(_ path: String, key: String) throws(ConfigError) -> [NIOSSLCertificate] {
        let bytes = try SmallFile.readBytes(path, what: "certificate file ('\(key)')")
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMBytes(bytes) } catch {
            throw ConfigError("'\(key)': '\(path)' is not a PEM certificate file.")
        }
        guard !chain.isEmpty else { throw ConfigError("'\(key)': '\(path)' holds no certificate.") }
        return chain
    }
}
