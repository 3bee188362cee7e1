import ArgumentParser
import ScanCore

/// `veil rules`: inspect and check rule sets.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the active rules, check rule files, or score rules on labelled corpora.",
        subcommands: [List.self, Check.self, RuleTestCommand.self]
    )

    /// `veil rules list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the rules that would run: name, type, action, maximum length, origin and prefilter."
        )

        @OptionGroup var rules: RuleOptions

        @Flag(name: .customLong("simd"), help: "Show how the SIMD stage runs the probes instead: the kernel, the operator group's buckets (byte sets at offsets 0 to 2, estimated firing rate) and the keys left to the generic program.")
        var simd = false

        func run() throws {
            let set = try rules.ruleSet()
            let engine: MaskingEngine
            do { engine = try MaskingEngine(rules: set.rules, origins: set.origins, pseudonymKey: Array(repeating: 0, count: 32)) }
            catch { throw CLIError.config(error.description) }
            if simd {
                print(["PART", "TESTS", "RATE"].joined(separator: "\t"))
                for line in engine.simdPlan { print(line) }
                return
            }
            print(["RULE", "TYPE", "ACTION", "MAX", "ORIGIN", "PREFILTER"].joined(separator: "\t"))
            for rule in engine.rules {
                let probes = rule.hint.probes.map(\.description).joined(separator: " | ")
                let how = rule.hintIsDeclared ? probes : "derived: \(probes)"
                print([rule.name, rule.type, rule.rule.action.description, String(rule.maxLength),
                       set.origins[rule.name] ?? "built-in", how].joined(separator: "\t"))
            }
            for rule in set.rules where !rule.enabled {
                print([rule.name, rule.type, "disabled", "-", set.origins[rule.name] ?? "built-in", "-"].joined(separator: "\t"))
            }
        }
    }

    /// `veil rules check FILE...`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check rule files: YAML shape, patterns, bounds, validators, actions and labels.",
            discussion: "Exit status: 0 when every file is valid, 2 otherwise, with the file, rule and reason on stderr."
        )

        @Argument(help: ArgumentHelp("Rule files, applied in order on top of the built-in rules.", valueName: "FILE"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one rule file to check.") }
        }

        func run() throws {
            var set = RuleSet.builtin
            for file in files {
                let text = try InputFile.readText(file, what: "rule file")
                do { try set.apply(yaml: text, file: file) } catch { throw CLIError.config(error.description) }
            }
            let engine: MaskingEngine
            do { engine = try MaskingEngine(rules: set.rules, origins: set.origins, pseudonymKey: Array(repeating: 0, count: 32)) }
            catch { throw CLIError.config(error.description) }
            for rule in engine.rules where set.origins[rule.name] != nil && !rule.hintIsDeclared {
                let broad = rule.hint.probes.contains { p in p.tests.count == 1 && Int(p.tests[0].hi) - Int(p.tests[0].lo) > 60 }
                if broad {
                    Console.error("warning: rule '\(rule.name)' has no selective prefilter (its first bytes are too varied); it will be confirmed at most positions. Add 'prefilter: {literals: [...]}' or an anchor to keep it fast.")
                }
            }
            print("ok: \(engine.rules.count) rules enabled after applying \(files.joined(separator: ", ")).")
        }
    }
}
