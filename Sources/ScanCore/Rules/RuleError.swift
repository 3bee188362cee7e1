/// Why a rule or a rule file was refused. Every case names where the problem is and why, and
/// none quotes scanned data. A rule set with any error is refused whole: nothing is ever masked
/// with a half-loaded rule set.
public enum RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not valid YAML, or not the expected shape.
    case malformedFile(file: String, line: Int?, reason: String)
    /// A rule entry lacks a required key.
    case missingKey(file: String, rule: String, key: String)
    /// A key has a value of the wrong kind or out of range.
    case invalidValue(file: String, rule: String, key: String, reason: String)
    /// A key that rule files do not know (often a typo).
    case unknownKey(file: String, rule: String, key: String)
    /// PCRE2 refused the pattern.
    case invalidPattern(file: String, rule: String, message: String, offset: Int)
    /// The pattern can match without bound and no `max_length` was given.
    case unboundedPattern(file: String, rule: String)
    /// The pattern looks back further than 8 characters.
    case lookbehind(file: String, rule: String, characters: Int)
    /// The pattern can match the empty string.
    case emptyMatch(file: String, rule: String)
    /// The validator is not one Veil knows.
    case unknownValidator(file: String, rule: String, name: String)
    /// The action is not one Veil knows.
    case unknownAction(file: String, rule: String, name: String)
    /// The label could break the JSON it lands in, or is empty or too long.
    case invalidLabel(file: String, rule: String, reason: String)
    /// Two rules share a name within one file.
    case duplicateRule(file: String, rule: String)
    /// An override or `disable` names a rule that does not exist.
    case unknownRule(file: String, rule: String)
    /// A rule pseudonymizes but no pseudonymization key was given.
    case missingPseudonymKey(rule: String)

    /// A sentence a person can act on.
    public var description: String {
        switch self {
        case let .malformedFile(file, line, reason):
            return "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)"
        case let .missingKey(file, rule, key):
            return "\(file): rule '\(rule)': missing required key '\(key)'."
        case let .invalidValue(file, rule, key, reason):
            return "\(file): rule '\(rule)': key '\(key)': \(reason)"
        case let .unknownKey(file, rule, key):
            return "\(file): rule '\(rule)': unknown key '\(key)'; known keys are name, type, pattern, max_length, prefilter, validator, action, keep, label, enabled, keys, add_keys, remove_keys."
        case let .invalidPattern(file, rule, message, offset):
            return "\(file): rule '\(rule)': invalid regex at pattern offset \(offset): \(message)."
        case let .unboundedPattern(file, rule):
            return "\(file): rule '\(rule)': the pattern can match without bound (it uses *, + or {n,}); add 'max_length' to bound what the streaming scanner holds back."
        case let .lookbehind(file, rule, characters):
            return "\(file): rule '\(rule)': the pattern looks back \(characters) characters; at most 8 characters of lookbehind (such as \\b or (?<![0-9] )) are supported, because the stream keeps no more context than that."
        case let .emptyMatch(file, rule):
            return "\(file): rule '\(rule)': the pattern can match the empty string; make at least one character required."
        case let .unknownValidator(file, rule, name):
            return "\(file): rule '\(rule)': unknown validator '\(name)'; known validators are \(Validator.allCases.map(\.rawValue).joined(separator: ", "))."
        case let .unknownAction(file, rule, name):
            return "\(file): rule '\(rule)': unknown action '\(name)'; known actions are redact, partial and pseudonymize."
        case let .invalidLabel(file, rule, reason):
            return "\(file): rule '\(rule)': invalid label: \(reason)"
        case let .duplicateRule(file, rule):
            return "\(file): rule '\(rule)' is defined twice."
        case let .unknownRule(file, rule):
            return "\(file): no rule named '\(rule)' exists to override or disable; to add a new rule, give its 'type' and 'pattern'."
        case let .missingPseudonymKey(rule):
            return "rule '\(rule)' uses the pseudonymize action but no pseudonymization key was given (set VEIL_PSEUDONYM_KEY or pass --pseudonym-key-file)."
        }
    }
}
