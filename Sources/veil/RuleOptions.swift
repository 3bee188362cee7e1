import ArgumentParser
import ScanCore
#if canImport(Glibc)
import Glibc
#endif

/// The options every masking command shares: rule files and the pseudonymization key.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A YAML rule file applied on top of the built-in rules (repeatable; see docs/RULES.md).", valueName: "FILE"))
    var ruleFiles: [String] = []

    @Option(name: .customLong("pseudonym-key-file"), help: ArgumentHelp("A file holding the secret key (16+ bytes) for the pseudonymize action; VEIL_PSEUDONYM_KEY is used when absent.", valueName: "FILE"))
    var pseudonymKeyFile: String?

    /// The rule set: built-ins plus every `--rules` file, in order.
    func ruleSet() throws -> RuleSet {
        var set = RuleSet.builtin
        for file in ruleFiles {
            let text = try InputFile.readText(file, what: "rule file")
            do { try set.apply(yaml: text, file: file) } catch { throw CLIError.config(error.description) }
        }
        return set
    }

    /// The pseudonymization key, if one was given.
    func pseudonymKey() throws -> [UInt8]? {
        var key: [UInt8]
        if let file = pseudonymKeyFile {
            key = try InputFile.readBytes(file, what: "pseudonymization key file")
            while let last = key.last, last == 10 || last == 13 { key.removeLast() }
        } else if let env = getenv("VEIL_PSEUDONYM_KEY") {
            key = Array(String(cString: env).utf8)
        } else {
            return nil
        }
        guard key.count >= 16 else {
            throw CLIError.config("the pseudonymization key must be at least 16 bytes long (it has \(key.count)).")
        }
        return key
    }

    /// The compiled engine. With `needsKey` false (scanning, which renders no replacement),
    /// a placeholder key stands in when none was given.
    func engine(needsKey: Bool = true) throws -> MaskingEngine {
        let set = try ruleSet()
        let key = try pseudonymKey() ?? (needsKey ? nil : Array(repeating: 0, count: 32))
        do { return try set.compile(pseudonymKey: key) } catch { throw CLIError.config(error.description) }
    }
}
