import ArgumentParser
import ScanCore
import StreamProxy

/// The options every masking command shares: rule files and the pseudonymization key.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A YAML rule file applied on top of the built-in rules (repeatable; see docs/RULES.md).", valueName: "FILE"))
    var ruleFiles: [String] = []

    @Option(name: .customLong("pseudonym-key-file"), help: ArgumentHelp("A file holding the secret key (16+ bytes) for the pseudonymize action; VEIL_PSEUDONYM_KEY is used when absent.", valueName: "FILE"))
    var pseudonymKeyFile: String?

    /// The setup these options describe.
    var setup: MaskingSetup {
        MaskingSetup(ruleFiles: ruleFiles, key: pseudonymKeyFile.map { .file($0) } ?? .environment("VEIL_PSEUDONYM_KEY"))
    }

    /// The rule set: built-ins plus every `--rules` file, in order.
    func ruleSet() throws -> RuleSet {
        do { return try setup.ruleSet() } catch { throw CLIError.config(error.description) }
    }

    /// The compiled engine. With `needsKey` false (scanning, which renders no replacement),
    /// a placeholder key stands in when none was given.
    func engine(needsKey: Bool = true) throws -> MaskingEngine {
        do { return try setup.engine(needsKey: needsKey) } catch { throw CLIError.config(error.description) }
    }
}
