/// Makes realistic, valid personal data and secrets of every built-in type, and hard
/// negatives that look like them but are not. All values are synthetic.
public struct PIIFactory {
    /// The generator every value is drawn from.
    public var rng: SeededRandom

    /// A factory drawing from `seed`.
    public init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    static let firstNames = ["john", "jane", "maria", "li", "ahmed", "olga", "pierre", "anna", "kenji", "sofia"]
    static let lastNames = ["smith", "garcia", "mueller", "dupont", "rossi", "jansen", "kowalski", "tanaka", "silva", "novak"]
    static let domains = ["example.com", "mail.example.org", "corp.example.net", "example.co.uk", "test.example.de"]
    static let alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    /// Every built-in type, for loops over them.
    public static let types = ["EMAIL", "CREDIT_CARD", "IBAN", "US_SSN", "PHONE", "IPV4", "IPV6", "MAC_ADDRESS", "JWT",
                               "AWS_ACCESS_KEY", "API_TOKEN", "PRIVATE_KEY", "AUTH_HEADER", "URL_CREDENTIALS"]

    /// A value of `type`.
    public mutating func value(of type: String) -> PlantedValue {
        switch type {
        case "EMAIL": return email()
        case "CREDIT_CARD": return creditCard()
        case "IBAN": return iban()
        case "US_SSN": return ssn()
        case "PHONE": return phone()
        case "IPV4": return ipv4()
        case "IPV6": return ipv6()
        case "MAC_ADDRESS": return mac()
        case "JWT": return jwt()
        case "AWS_ACCESS_KEY": return awsKey()
        case "API_TOKEN": return apiToken()
        case "PRIVATE_KEY": return privateKey()
        case "AUTH_HEADER": return authHeader()
        case "URL_CREDENTIALS": return urlCredentials()
        default: preconditionFailure("unknown type \(type)")
        }
    }

    public mutating func email() -> PlantedValue {
        let first = rng.pick(Self.firstNames), last = rng.pick(Self.lastNames)
        let local = rng.pick(["\(first).\(last)", "\(first)_\(last)\(Int.random(in: 1...99, using: &rng))", "\(first)+tag", "\(first.prefix(1))\(last)"])
        return PlantedValue("\(local)@\(rng.pick(Self.domains))", type: "EMAIL")
    }

    /// A Luhn-valid card number, plain, spaced or dashed.
    public mutating func creditCard() -> PlantedValue {
        let (prefix, length) = rng.pick([("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15), ("6011", 16), ("4", 19)])
        var digits = prefix + rng.digits(length - prefix.count - 1)
        digits.append(Character(String(Self.luhnCheckDigit(digits))))
        return PlantedValue(groupCard(digits), type: "CREDIT_CARD")
    }

    /// A card-like number whose Luhn check fails.
    public mutating func invalidCard() -> String {
        var digits = "4" + rng.digits(14)
        let good = Self.luhnCheckDigit(digits)
        digits.append(Character(String((good + 1 + Int.random(in: 0...8, using: &rng)) % 10)))
        return groupCard(digits)
    }

    mutating func groupCard(_ digits: String) -> String {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return digits
        default:
            let sep = rng.pick([" ", "-"])
            var out = "", i = 0
            for c in digits { if i > 0 && i % 4 == 0 { out += sep }; out.append(c); i += 1 }
            return out
        }
    }

    /// The digit that makes `digits` + it pass the Luhn check.
    public static func luhnCheckDigit(_ digits: String) -> Int {
        var sum = 0
        for (i, c) in digits.reversed().enumerated() {
            var d = Int(String(c))!
            if i % 2 == 0 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return (10 - sum % 10) % 10
    }

    static let ibanShapes: [(String, String)] = [  // country, BBAN shape (n = digit, a = letter)
        ("DE", "nnnnnnnnnnnnnnnnnn"), ("GB", "aaaannnnnnnnnnnnnn"), ("FR", "nnnnnnnnnnnnnnnnnnnnnnn"),
        ("NL", "aaaannnnnnnnnn"), ("ES", "nnnnnnnnnnnnnnnnnnnn"), ("IT", "annnnnnnnnnnnnnnnnnnnnn"),
        ("BE", "nnnnnnnnnnnn"), ("CH", "nnnnnnnnnnnnnnnnn"),
    ]

    /// A valid IBAN, plain or grouped by four.
    public mutating func iban(valid: Bool = true) -> PlantedValue {
        let (country, shape) = rng.pick(Self.ibanShapes)
        var bban = ""
        for s in shape { bban += s == "n" ? rng.digits(1) : rng.string("ABCDEFGHIJKLMNOPQRSTUVWXYZ", count: 1) }
        var check = 98 - Self.mod97(bban + country + "00")
        if !valid { check = (check + 1 + Int.random(in: 0...50, using: &rng)) % 97 + 2; if check == 98 - Self.mod97(bban + country + "00") { check = check % 97 + 2 } }
        let raw = country + (check < 10 ? "0" : "") + String(check) + bban
        let grouped = Bool.random(using: &rng)
        var text = raw
        if grouped {
            text = ""
            for (i, c) in raw.enumerated() { if i > 0 && i % 4 == 0 { text += " " }; text.append(c) }
        }
        return PlantedValue(text, type: "IBAN")
    }

    static func mod97(_ s: String) -> Int {
        var r = 0
        for c in s {
            if let d = c.wholeNumberValue { r = (r * 10 + d) % 97 }
            else { r = (r * 100 + Int(c.asciiValue! - 55)) % 97 }
        }
        return r
    }

    /// A valid SSN, `AAA-GG-SSSS`.
    public mutating func ssn() -> PlantedValue {
        var area = Int.random(in: 1...899, using: &rng)
        if area == 666 { area = 667 }
        let group = Int.random(in: 1...99, using: &rng), serial = Int.random(in: 1...9999, using: &rng)
        return PlantedValue(Self.pad(area, 3) + "-" + Self.pad(group, 2) + "-" + Self.pad(serial, 4), type: "US_SSN")
    }

    /// An SSN-shaped number with a forbidden area (000, 666 or 9xx).
    public mutating func invalidSSN() -> String {
        let area = rng.pick(["000", "666", "9" + rng.digits(2)])
        return area + "-" + Self.pad(Int.random(in: 1...99, using: &rng), 2) + "-" + Self.pad(Int.random(in: 1...9999, using: &rng), 4)
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// A phone number in one of the supported layouts.
    public mutating func phone() -> PlantedValue {
        let d = { (n: Int, r: inout SeededRandom) in r.digits(n) }
        let nz = { (r: inout SeededRandom) in String(Int.random(in: 2...9, using: &r)) }
        let text: String
        switch Int.random(in: 0..<14, using: &rng) {
        case 0: text = "+1 \(nz(&rng))\(d(2, &rng)) \(nz(&rng))\(d(2, &rng)) \(d(4, &rng))"
        case 1: text = "(\(nz(&rng))\(d(2, &rng))) \(nz(&rng))\(d(2, &rng))-\(d(4, &rng))"
        case 2: text = "\(nz(&rng))\(d(2, &rng))-\(nz(&rng))\(d(2, &rng))-\(d(4, &rng))"
        case 3: text = "+44 20 \(d(4, &rng)) \(d(4, &rng))"
        case 4: text = "020 \(d(4, &rng)) \(d(4, &rng))"
        case 5: text = "07700 \(d(6, &rng))"
        case 6: text = "+49 30 \(d(8, &rng))"
        case 7: text = "030 \(d(8, &rng))"
        case 8: text = "0\(nz(&rng)) \(d(2, &rng)) \(d(2, &rng)) \(d(2, &rng)) \(d(2, &rng))"
        case 9: text = "+33 \(nz(&rng)) \(d(2, &rng)) \(d(2, &rng)) \(d(2, &rng)) \(d(2, &rng))"
        case 10: text = "020-\(d(7, &rng))"
        case 11: text = "06-\(d(8, &rng))"
        case 12: text = "06 \(d(4, &rng)) \(d(4, &rng))"
        default: text = "\(Int.random(in: 6...9, using: &rng))\(d(2, &rng)) \(d(3, &rng)) \(d(3, &rng))"
        }
        return PlantedValue(text, type: "PHONE")
    }

    public mutating func ipv4() -> PlantedValue {
        let parts = (0..<4).map { i in String(Int.random(in: (i == 0 ? 1 : 0)...255, using: &rng)) }
        return PlantedValue(parts.joined(separator: "."), type: "IPV4")
    }

    public mutating func ipv6() -> PlantedValue {
        let g = { (r: inout SeededRandom) in String(Int.random(in: 1...0xffff, using: &r), radix: 16) }
        let text: String
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: text = (0..<8).map { _ in g(&rng) }.joined(separator: ":")
        case 1: text = "2001:db8::\(g(&rng)):\(g(&rng))"
        default: text = "fe80::\(g(&rng)):\(g(&rng)):\(Int.random(in: 1...9, using: &rng))\(String(Int.random(in: 1...0xfff, using: &rng), radix: 16))"
        }
        return PlantedValue(text, type: "IPV6")
    }

    public mutating func mac() -> PlantedValue {
        let sep = rng.pick([":", "-"])
        let text = (0..<6).map { _ in rng.string("0123456789ABCDEF", count: 2) }.joined(separator: sep)
        return PlantedValue(text, type: "MAC_ADDRESS")
    }

    public mutating func jwt() -> PlantedValue {
        let header = Self.base64url(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let payload = Self.base64url(Array("{\"sub\":\"\(rng.digits(10))\",\"name\":\"\(rng.pick(Self.firstNames))\",\"iat\":\(rng.digits(10))}".utf8))
        let signature = Self.base64url((0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) })
        return PlantedValue("\(header).\(payload).\(signature)", type: "JWT")
    }

    public mutating func awsKey() -> PlantedValue {
        PlantedValue(rng.pick(["AKIA", "ASIA"]) + rng.string("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", count: 16), type: "AWS_ACCESS_KEY")
    }

    public mutating func apiToken() -> PlantedValue {
        let text: String
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: text = "ghp_" + rng.string(Self.alnum, count: 36)
        // A fine-grained token: `github_pat_`, 22 characters, `_`, 59 characters.
        case 1: text = "github_pat_" + rng.string(Self.alnum, count: 22) + "_" + rng.string(Self.alnum, count: 59)
        case 2: text = "xoxb-" + rng.digits(12) + "-" + rng.digits(12) + "-" + rng.string(Self.alnum, count: 24)
        case 3: text = rng.pick(["sk_live_", "rk_live_"]) + rng.string(Self.alnum, count: 24)
        default: text = "AIza" + rng.string(Self.alnum + "_-", count: 35)
        }
        return PlantedValue(text, type: "API_TOKEN")
    }

    /// A PEM private key block, with lines joined by `newline` (a raw newline, or `\n` for JSON).
    public mutating func privateKey(newline: String = "\n") -> PlantedValue {
        let kind = rng.pick(["RSA ", "EC ", "", "OPENSSH "])
        var lines = ["-----BEGIN \(kind)PRIVATE KEY-----"]
        for _ in 0..<Int.random(in: 3...12, using: &rng) { lines.append(rng.string(Self.alnum + "+/", count: 64)) }
        lines.append(rng.string(Self.alnum + "+/", count: 20) + "==")
        lines.append("-----END \(kind)PRIVATE KEY-----")
        return PlantedValue(lines.joined(separator: newline), type: "PRIVATE_KEY")
    }

    public mutating func authHeader() -> PlantedValue {
        let scheme = rng.pick(["Bearer", "Basic"])
        let token = scheme == "Basic" ? Self.base64url(Array("\(rng.pick(Self.firstNames)):\(rng.string(Self.alnum, count: 12))".utf8)).replacingOccurrences("-", "+")
                                      : rng.string(Self.alnum + "._-", count: 40)
        return PlantedValue(prefix: "Authorization: \(scheme) ", secret: token, type: "AUTH_HEADER")
    }

    public mutating func urlCredentials() -> PlantedValue {
        let scheme = rng.pick(["https", "postgres", "redis", "ftp", "mongodb+srv"])
        let user = rng.pick(Self.firstNames), pass = rng.string(Self.alnum + "!$*", count: 14)
        return PlantedValue(prefix: "\(scheme)://", secret: "\(user):\(pass)", suffix: "@db.example.com:5432/app", type: "URL_CREDENTIALS")
    }

    /// A value of `type` cut short or left incomplete so that it is no longer one: an address
    /// without its domain, too few digits, a header without its token.
    public mutating func nearMiss(of type: String) -> String {
        let t = value(of: type).text
        func cut(_ n: Int) -> String { String(t.prefix(n)) }
        switch type {
        case "EMAIL": return String(t.prefix { $0 != "@" }) + "@"
        case "CREDIT_CARD": return cut(8)
        case "IBAN": return cut(10)
        case "US_SSN": return cut(7)
        case "PHONE": return cut(5)
        case "IPV4": return t.split(separator: ".").prefix(2).joined(separator: ".")
        case "IPV6": return String(t.prefix { $0 != ":" }) + ":"
        case "MAC_ADDRESS": return cut(8)
        case "JWT": return String(t.prefix { $0 != "." })
        case "AWS_ACCESS_KEY": return cut(12)
        case "API_TOKEN": return cut(10)
        case "PRIVATE_KEY": return String(t.prefix { $0 != "\n" })
        case "AUTH_HEADER": return "Authorization: " + rng.pick(["Bearer", "Basic"])
        default: return String(t.prefix { $0 != ":" })
        }
    }

    /// A text that looks like personal data but is not: what a masker must leave alone.
    public mutating func hardNegative() -> String {
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: return invalidCard()
        case 1: return iban(valid: false).text
        case 2: return invalidSSN()
        case 3: return Self.uuid(&rng)
        case 4: return rng.string("0123456789abcdef", count: rng.pick([32, 40, 64]))
        case 5: return "2024-\(Self.pad(Int.random(in: 1...12, using: &rng), 2))-\(Self.pad(Int.random(in: 1...28, using: &rng), 2))T\(Self.pad(Int.random(in: 0...23, using: &rng), 2)):\(Self.pad(Int.random(in: 0...59, using: &rng), 2)):00Z"
        case 6: return "ORD-\(Int.random(in: 2019...2026, using: &rng))-\(rng.digits(6))"
        case 7: return "v\(Int.random(in: 0...9, using: &rng)).\(Int.random(in: 0...30, using: &rng)).\(Int.random(in: 0...99, using: &rng))"
        case 8: return "\(Int.random(in: 1...9999, using: &rng)).\(rng.digits(2))"
        case 9: return String(Int.random(in: 1_600_000_000...1_800_000_000, using: &rng))
        case 10: return "\(Int.random(in: 0...23, using: &rng)):\(Self.pad(Int.random(in: 0...59, using: &rng), 2)):\(Self.pad(Int.random(in: 0...59, using: &rng), 2))"
        default: return "1\(rng.digits(12))"
        }
    }

    static func uuid(_ rng: inout SeededRandom) -> String {
        [8, 4, 4, 4, 12].map { rng.string("0123456789abcdef", count: $0) }.joined(separator: "-")
    }

    /// Base64url without padding.
    public static func base64url(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var out = ""
        var i = 0
        while i < bytes.count {
            let b0 = Int(bytes[i]), b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0, b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            out.append(table[n >> 18 & 63]); out.append(table[n >> 12 & 63])
            if i + 1 < bytes.count { out.append(table[n >> 6 & 63]) }
            if i + 2 < bytes.count { out.append(table[n & 63]) }
            i += 3
        }
        return out
    }
}

extension String {
    func replacingOccurrences(_ a: Character, _ b: Character) -> String { String(map { $0 == a ? b : $0 }) }
}
