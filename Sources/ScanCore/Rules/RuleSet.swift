/// An ordered list of rule definitions, built from the built-in pack and any number of rule
/// files applied on top, then compiled into a ``MaskingEngine``.
///
/// Applying a file either succeeds whole or throws and leaves the set as it was.
public struct RuleSet: Sendable {
    /// The rules in priority order (disabled ones included, marked).
    public private(set) var rules: [Rule]
    /// Where each rule (by name) was last defined or changed: a file name or `built-in`.
    public private(set) var origins: [String: String]

    /// The built-in pack.
    public static var builtin: RuleSet { RuleSet(rules: BuiltinRules.all, origins: [:]) }

    /// A set holding `rules`.
    public init(rules: [Rule], origins: [String: String] = [:]) {
        self.rules = rules
        self.origins = origins
    }

    /// Applies the rule file `text`, named `file` in errors: adds new rules (after the
    /// existing ones), overrides fields of existing rules by name, and disables rules.
    public mutating func apply(yaml text: String, file: String) throws(RuleError) {
        var next = self
        let document = try RuleFileParser.parse(text, file: file)
        var seen = Set<String>()
        for entry in document.entries {
            guard seen.insert(entry.name).inserted else { throw .duplicateRule(file: file, rule: entry.name) }
            if let k = next.rules.firstIndex(where: { $0.name == entry.name }) {
                var rule = next.rules[k]
                try entry.apply(to: &rule, file: file)
                next.rules[k] = rule
            } else {
                // An entry naming no existing rule and giving neither type nor pattern is most
                // likely a misspelled override.
                if entry.type == nil && entry.pattern == nil && entry.keys == nil { throw .unknownRule(file: file, rule: entry.name) }
                guard let type = entry.type else { throw .missingKey(file: file, rule: entry.name, key: "type") }
                var rule: Rule
                if let keys = entry.keys {
                    // A new keyed rule: its pattern and hint come from its keys.
                    rule = KeyedValues.rule(name: entry.name, type: type, keys: keys)
                } else {
                    guard let pattern = entry.pattern else { throw .missingKey(file: file, rule: entry.name, key: "pattern") }
                    rule = Rule(name: entry.name, type: type, pattern: pattern)
                }
                if entry.addKeys.count + entry.removeKeys.count > 0 {
                    throw .invalidValue(file: file, rule: entry.name, key: entry.addKeys.isEmpty ? "remove_keys" : "add_keys",
                                        reason: "a new rule gives its whole list in 'keys'.")
                }
                entry.apply(to: &rule)
                next.rules.append(rule)
            }
            next.origins[entry.name] = file
            // Check the rule now, enabled or not, so a file with a bad rule is refused whole.
            let rule = next.rules.first { $0.name == entry.name }!
            _ = try CompiledRule(rule, index: 0, origin: file)
        }
        for name in document.disable {
            guard let k = next.rules.firstIndex(where: { $0.name == name }) else { throw .unknownRule(file: file, rule: name) }
            next.rules[k].enabled = false
            next.origins[name] = file
        }
        self = next
    }

    /// Sets the action of every rule of `type`, enabled or not, and returns how many rules
    /// that is (0 when no rule has the type, which callers report as an error).
    public mutating func setAction(_ action: Action, forType type: String, origin: String) -> Int {
        var changed = 0
        for k in rules.indices where rules[k].type == type {
            rules[k].action = action
            origins[rules[k].name] = origin
            changed += 1
        }
        return changed
    }

    /// The types of the rules, in order of first appearance.
    public var types: [String] {
        var seen = Set<String>()
        return rules.map(\.type).filter { seen.insert($0).inserted }
    }

    /// Compiles the enabled rules. `pseudonymKey` is required when any rule pseudonymizes.
    public func compile(pseudonymKey: [UInt8]? = nil) throws(RuleError) -> MaskingEngine {
        try MaskingEngine(rules: rules, origins: origins, pseudonymKey: pseudonymKey)
    }
}
