import Yams

/// Reads the YAML rule-file format (docs/RULES.md) into entries, with errors that name the
/// file, the rule and the key.
enum RuleFileParser {
    /// One `rules:` entry: a new rule, or changes to an existing one.
    struct Entry {
        var name: String
        var type: String?
        var pattern: String?
        var maxLength: Int?
        var prefilter: PrefilterHint?
        var validator: Validator?
        var action: Action?
        var label: String?
        var enabled: Bool?
        /// A keyed rule's whole key list (``KeyedValues``), or keys to add to or remove from it.
        var keys: [String]?
        var addKeys: [String] = []
        var removeKeys: [String] = []

        /// Whether the entry changes a keyed rule's keys.
        var changesKeys: Bool { keys != nil || !addKeys.isEmpty || !removeKeys.isEmpty }

        /// Applies the entry; for keys, also regenerates the keyed rule's pattern and hint.
        func apply(to rule: inout Rule, file: String) throws(RuleError) {
            apply(to: &rule)
            guard changesKeys else { return }
            guard var list = keys ?? rule.keys else {
                throw .invalidValue(file: file, rule: name, key: addKeys.isEmpty ? "remove_keys" : "add_keys",
                                    reason: "'\(name)' is not a keyed rule; give it 'keys' or use 'pattern'.")
            }
            // Keys are one key whatever their spelling, so they are compared as words.
            var words = list.map { KeyedValues.words($0) }
            for key in addKeys where !words.contains(KeyedValues.words(key)) { list.append(key); words.append(KeyedValues.words(key)) }
            for key in removeKeys {
                let w = KeyedValues.words(key)
                guard words.contains(w) else {
                    throw .invalidValue(file: file, rule: name, key: "remove_keys", reason: "'\(key)' is not one of the rule's keys.")
                }
                list = zip(list, words).filter { $0.1 != w }.map(\.0)
                words.removeAll { $0 == w }
            }
            guard !list.isEmpty else {
                throw .invalidValue(file: file, rule: name, key: "remove_keys", reason: "no key would be left; disable the rule instead.")
            }
            let keyed = KeyedValues.rule(name: rule.name, type: rule.type, keys: list)
            rule.pattern = keyed.pattern; rule.prefilter = keyed.prefilter; rule.maxLength = keyed.maxLength
            rule.keys = list
        }

        func apply(to rule: inout Rule) {
            if let type { rule.type = type }
            if let pattern { rule.pattern = pattern; rule.prefilter = nil; rule.maxLength = nil }
            if let maxLength { rule.maxLength = maxLength }
            if let prefilter { rule.prefilter = prefilter }
            if let validator { rule.validator = validator }
            if let action { rule.action = action }
            if let label { rule.label = label }
            if let enabled { rule.enabled = enabled }
        }
    }

    struct Document {
        var entries: [Entry] = []
        var disable: [String] = []
    }

    static let ruleKeys: Set<String> = ["name", "type", "pattern", "max_length", "prefilter", "validator", "action", "keep", "label", "enabled",
                                          "keys", "add_keys", "remove_keys"]

    static func parse(_ text: String, file: String) throws(RuleError) -> Document {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .malformedFile(file: file, line: nil, reason: "not valid YAML: \(yamlReason(error))")
        } catch {
            throw .malformedFile(file: file, line: nil, reason: "not valid YAML.")
        }
        guard let root, let top = root.mapping else {
            throw .malformedFile(file: file, line: root?.mark?.line, reason: "expected a mapping with a 'rules' list at the top level.")
        }
        var document = Document()
        for (keyNode, value) in top {
            guard let key = keyNode.string else { throw .malformedFile(file: file, line: keyNode.mark?.line, reason: "top-level keys must be strings.") }
            switch key {
            case "version":
                guard value.int == 1 else { throw .malformedFile(file: file, line: value.mark?.line, reason: "unsupported version; this Veil reads version 1.") }
            case "rules":
                guard let items = value.sequence else { throw .malformedFile(file: file, line: value.mark?.line, reason: "'rules' must be a list.") }
                for item in items { document.entries.append(try entry(item, file: file)) }
            case "disable":
                guard let items = value.sequence else { throw .malformedFile(file: file, line: value.mark?.line, reason: "'disable' must be a list of rule names.") }
                for item in items {
                    guard let name = item.string else { throw .malformedFile(file: file, line: item.mark?.line, reason: "'disable' entries must be rule names.") }
                    document.disable.append(name)
                }
            default:
                throw .malformedFile(file: file, line: keyNode.mark?.line, reason: "unknown top-level key '\(key)'; known keys are version, rules and disable.")
            }
        }
        return document
    }

    static func entry(_ node: Node, file: String) throws(RuleError) -> Entry {
        guard let map = node.mapping else { throw .malformedFile(file: file, line: node.mark?.line, reason: "each entry under 'rules' must be a mapping.") }
        guard let name = map["name"]?.string, !name.isEmpty else {
            throw .malformedFile(file: file, line: node.mark?.line, reason: "a rule is missing its 'name'.")
        }
        guard name.utf8.allSatisfy({ ByteSet(ascii: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-").contains($0) }), name.utf8.count <= 64 else {
            throw .invalidValue(file: file, rule: name, key: "name", reason: "use 1 to 64 letters, digits, '_', '.' or '-'.")
        }
        for (k, _) in map {
            guard let key = k.string, ruleKeys.contains(key) else { throw .unknownKey(file: file, rule: name, key: k.string ?? "?") }
        }
        var e = Entry(name: name)
        func string(_ key: String) throws(RuleError) -> String? {
            guard let v = map[key] else { return nil }
            guard let s = v.string, v.scalar != nil else { throw .invalidValue(file: file, rule: name, key: key, reason: "expected a string.") }
            return s
        }
        e.type = try string("type")
        if let t = e.type, !(t.utf8.first.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ?? false)
            || !t.utf8.allSatisfy({ ByteSet(ascii: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_").contains($0) }) {
            throw .invalidValue(file: file, rule: name, key: "type", reason: "types are upper case, such as EMPLOYEE_ID.")
        }
        e.pattern = try string("pattern")
        if let v = map["max_length"] {
            guard let n = v.int, n >= 1, n <= 1 << 20 else { throw .invalidValue(file: file, rule: name, key: "max_length", reason: "expected a whole number of bytes from 1 to 1048576.") }
            e.maxLength = n
        }
        if let v = map["enabled"] {
            guard let b = v.bool else { throw .invalidValue(file: file, rule: name, key: "enabled", reason: "expected true or false.") }
            e.enabled = b
        }
        e.label = try string("label")
        if let label = e.label, let problem = CompiledRule.labelProblem(label) {
            throw .invalidLabel(file: file, rule: name, reason: problem)
        }
        if let v = try string("validator") {
            guard let validator = Validator(rawValue: v) else { throw .unknownValidator(file: file, rule: name, name: v) }
            e.validator = validator
        }
        var keep: Int? = nil
        if let v = map["keep"] {
            guard let n = v.int, (1...32).contains(n) else { throw .invalidValue(file: file, rule: name, key: "keep", reason: "expected a number of characters from 1 to 32.") }
            keep = n
        }
        if let a = try string("action") {
            switch a {
            case "redact": e.action = .redact
            case "pseudonymize": e.action = .pseudonymize
            case "partial": e.action = .partial(keep: keep ?? 4)
            default: throw .unknownAction(file: file, rule: name, name: a)
            }
        }
        if keep != nil, e.action != .partial(keep: keep!) {
            throw .invalidValue(file: file, rule: name, key: "keep", reason: "'keep' applies only with 'action: partial'.")
        }
        if let v = map["prefilter"] {
            e.prefilter = try prefilter(v, file: file, rule: name)
        }
        func keyList(_ key: String) throws(RuleError) -> [String]? {
            guard let v = map[key] else { return nil }
            guard let items = v.sequence, !items.isEmpty else { throw .invalidValue(file: file, rule: name, key: key, reason: "expected a non-empty list of keys.") }
            var keys: [String] = []
            for item in items {
                guard let k = item.string, item.scalar != nil else { throw .invalidValue(file: file, rule: name, key: key, reason: "keys are strings.") }
                if let problem = KeyedValues.problem(with: k) { throw .invalidValue(file: file, rule: name, key: key, reason: "'\(k)': \(problem)") }
                keys.append(k)
            }
            return keys
        }
        e.keys = try keyList("keys")
        e.addKeys = try keyList("add_keys") ?? []
        e.removeKeys = try keyList("remove_keys") ?? []
        if e.changesKeys && (e.pattern != nil || e.prefilter != nil || e.maxLength != nil) {
            throw .invalidValue(file: file, rule: name, key: e.keys != nil ? "keys" : (e.addKeys.isEmpty ? "remove_keys" : "add_keys"),
                                reason: "a keyed rule's pattern, prefilter and max_length come from its keys; give keys or a pattern, not both.")
        }
        if e.keys != nil && (!e.addKeys.isEmpty || !e.removeKeys.isEmpty) {
            throw .invalidValue(file: file, rule: name, key: "keys", reason: "give the whole list in 'keys', or change it with 'add_keys' and 'remove_keys', not both.")
        }
        return e
    }

    static func prefilter(_ node: Node, file: String, rule: String) throws(RuleError) -> PrefilterHint {
        guard let map = node.mapping else { throw .invalidValue(file: file, rule: rule, key: "prefilter", reason: "expected a mapping with 'literals' or 'anchor'.") }
        var probes: [Probe] = []
        var hint = PrefilterHint(probes: [])
        for (k, v) in map {
            switch k.string ?? "" {
            case "literals":
                guard let items = v.sequence, !items.isEmpty else { throw .invalidValue(file: file, rule: rule, key: "prefilter.literals", reason: "expected a non-empty list of strings.") }
                for item in items {
                    guard let s = item.string, !s.isEmpty, s.utf8.allSatisfy({ $0 < 0x80 }) else {
                        throw .invalidValue(file: file, rule: rule, key: "prefilter.literals", reason: "literals must be non-empty ASCII strings.")
                    }
                    probes.append(.literal(s))
                }
            case "anchor":
                guard let s = v.string, s.utf8.count == 1 else { throw .invalidValue(file: file, rule: rule, key: "prefilter.anchor", reason: "expected one ASCII character.") }
                probes.append(Probe([LaneTest(offset: 0, s.utf8.first!, s.utf8.first!)]))
            case "back":
                guard let s = v.string, let set = byteClass(s) else { throw .invalidValue(file: file, rule: rule, key: "prefilter.back", reason: "expected a character class body such as 'A-Za-z0-9._-'.") }
                hint.back = set
            case "max_back":
                guard let n = v.int, (0...1024).contains(n) else { throw .invalidValue(file: file, rule: rule, key: "prefilter.max_back", reason: "expected a number of bytes from 0 to 1024.") }
                hint.maxBack = n
            case "not_after":
                guard let s = v.string, let set = byteClass(s) else { throw .invalidValue(file: file, rule: rule, key: "prefilter.not_after", reason: "expected a character class body such as 'A-Za-z0-9_'.") }
                hint.notAfter = set
            default:
                throw .invalidValue(file: file, rule: rule, key: "prefilter", reason: "unknown key '\(k.string ?? "?")'; known keys are literals, anchor, back, max_back and not_after.")
            }
        }
        guard !probes.isEmpty else { throw .invalidValue(file: file, rule: rule, key: "prefilter", reason: "give 'literals' or 'anchor'.") }
        hint.probes = probes
        return hint
    }

    /// Parses a character-class body such as `A-Za-z0-9._%+-` (a `-` at either end is literal;
    /// `\` escapes the next character).
    static func byteClass(_ s: String) -> ByteSet? {
        let b = Array(s.utf8)
        guard !b.isEmpty, b.allSatisfy({ $0 < 0x80 }) else { return nil }
        var set = ByteSet()
        var i = 0
        while i < b.count {
            var c = b[i]
            if c == UInt8(ascii: "\\") { guard i + 1 < b.count else { return nil }; i += 1; c = b[i] }
            if i + 2 < b.count, b[i + 1] == UInt8(ascii: "-") {
                let hi = b[i + 2]
                guard hi >= c else { return nil }
                for x in c...hi { set.insert(x) }
                i += 3
            } else {
                set.insert(c); i += 1
            }
        }
        return set
    }

    static func yamlReason(_ error: YamlError) -> String {
        // YamlError's description can quote the offending line; keep only the problem.
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            return "line \(mark.line): \(problem)\(context.map { " \($0.text)" } ?? "")."
        default:
            return "the YAML could not be read."
        }
    }
}
