/// The record writers behind ``CorpusShape``. Every choice comes from one seeded generator,
/// so a shape, size and seed always give the same bytes.
struct CorpusGenerator {
    var f: PIIFactory
    var id = 0

    init(seed: UInt64) { f = PIIFactory(seed: seed) }

    static let names = ["María García", "Jörg Müller", "Zoë Dupont", "Łukasz Nowak", "Ólafur Jónsson", "Chloé Martin",
                        "Søren Ølgaard", "Ana Conceição", "李伟", "Ahmed Hassan", "John Smith", "Priya Natarajan"]
    static let streets = ["Hauptstraße 12, 10115 Berlin", "12 rue de Rivoli, 75001 Paris", "Calle Mayor 5, 28013 Madrid",
                          "Keizersgracht 221, 1016 DV Amsterdam", "Via Roma 1, 00184 Roma", "221B Baker Street, London NW1 6XE"]
    static let prose = ["The quarterly report shows steady growth across all regions.",
                        "Please review the attached summary before the meeting.",
                        "Shipment delayed due to weather; new ETA in two days.",
                        "All systems nominal after the 2.14.3 rollout.",
                        "Customer asked for an itemised invoice and a refund of the late fee.",
                        "Ticket escalated to tier two after three failed attempts.",
                        "Inventory count reconciled; variance within tolerance."]
    static let agents = ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
                         "curl/8.5.0", "python-requests/2.32.3", "Go-http-client/2.0"]

    mutating func rand(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &f.rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &f.rng) < p }

    mutating func uuid() -> String { [8, 4, 4, 4, 12].map { f.rng.string("0123456789abcdef", count: $0) }.joined(separator: "-") }
    mutating func timestamp() -> String {
        "2024-\(PIIFactory.pad(rand(1...12), 2))-\(PIIFactory.pad(rand(1...28), 2))T\(PIIFactory.pad(rand(0...23), 2)):\(PIIFactory.pad(rand(0...59), 2)):\(PIIFactory.pad(rand(0...59), 2)).\(f.rng.digits(3))Z"
    }
    mutating func price() -> String { "\(rand(1...9999)).\(f.rng.digits(2))" }

    /// A type for a value in free text: mostly personal data, some secrets.
    mutating func anyType() -> String {
        f.rng.pick(["EMAIL", "EMAIL", "EMAIL", "PHONE", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IPV4", "IPV6", "MAC_ADDRESS",
                    "JWT", "AWS_ACCESS_KEY", "API_TOKEN", "AUTH_HEADER", "URL_CREDENTIALS", "PRIVATE_KEY"])
    }

    /// Clean filler text with numbers that look like data but are not personal data.
    mutating func filler(_ w: inout CorpusWriter, _ e: CorpusWriter.Escaping, sentences: Int) {
        for _ in 0..<sentences {
            w.text(f.rng.pick(Self.prose) + " ", e)
            if chance(0.3) { w.text("Ref \(f.hardNegative()) ", e) }
        }
    }

    // MARK: mcp_json

    mutating func mcpMessage(_ w: inout CorpusWriter) {
        id += 1
        if chance(0.15) {
            w.text("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"\(uuid())\",\"progress\":\(rand(1...99)),\"total\":100,\"message\":\"")
            filler(&w, .jsonString, sentences: 1)
            if chance(0.3) { w.text("Processing record for ", .jsonString); w.value(f.email(), .jsonString) }
            w.text("\"}}\n")
            return
        }
        w.text("{\"jsonrpc\":\"2.0\",\"id\":\(id),\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"")
        // content[].text: prose, sometimes JSON in text (escaped twice).
        filler(&w, .jsonString, sentences: rand(4...12))
        if chance(0.45) {
            w.text("{\"customer\": \"", .jsonString)
            w.text(f.rng.pick(Self.names), .jsonString)
            w.text("\", \"contact\": \"", .jsonString)
            plantIn(&w, .jsonInJSONString)
            w.text("\", \"address\": \"", .jsonString)
            w.value(PlantedValue(f.rng.pick(Self.streets), type: "ADDRESS"), .jsonString)
            w.text("\", \"updated\": \"\(timestamp())\"} ", .jsonString)
        }
        if chance(0.25) { w.text("Contact ", .jsonString); plantIn(&w, .jsonString); w.text(" for details. ", .jsonString) }
        filler(&w, .jsonString, sentences: rand(4...14))
        w.text("\"}],\"structuredContent\":{\"id\":\"\(uuid())\",\"sha256\":\"\(f.rng.string("0123456789abcdef", count: 64))\",")
        w.text("\"created\":\"\(timestamp())\",\"version\":\"\(rand(1...9)).\(rand(0...30)).\(rand(0...99))\",\"total\":\(price()),\"items\":[")
        for k in 0..<rand(1...5) {
            if k > 0 { w.text(",") }
            w.text("{\"sku\":\"SKU-\(f.rng.digits(6))\",\"qty\":\(rand(1...20)),\"unit_price\":\(price()),\"order\":\"ORD-\(rand(2019...2026))-\(f.rng.digits(6))\"}")
        }
        w.text("]")
        if chance(0.2) {
            w.text(",\"owner\":{\"name\":\"")
            w.value(PlantedValue(f.rng.pick(Self.names), type: "PERSON"))
            w.text("\",\"email\":\"")
            w.value(f.email(), .jsonString)
            w.text("\"}")
        }
        w.text("},\"isError\":false}}\n")
    }

    mutating func plantIn(_ w: inout CorpusWriter, _ e: CorpusWriter.Escaping) {
        let type = anyType()
        let v = type == "PRIVATE_KEY" ? f.privateKey(newline: "\n") : f.value(of: type)
        w.value(v, e)
    }

    // MARK: logs

    mutating func logLine(_ w: inout CorpusWriter) {
        let ts = timestamp()
        switch rand(0...9) {
        case 0...5:
            // Access log: the client address is personal data.
            w.value(chance(0.85) ? f.ipv4() : f.ipv6())
            w.text(" - - [\(ts)] \"\(f.rng.pick(["GET", "POST", "PUT"])) /api/v\(rand(1...3))/orders/\(rand(1000...999999))?page=\(rand(1...40)) HTTP/1.1\" \(f.rng.pick([200, 200, 201, 304, 404, 500])) \(rand(100...99999)) \"-\" \"\(f.rng.pick(Self.agents))\" rt=\(rand(0...2)).\(f.f3()) req=\(uuid())\n")
        case 6...8:
            w.text("\(ts) \(f.rng.pick(["INFO", "WARN", "DEBUG"])) [\(f.rng.pick(["billing", "auth", "sync"]))-worker-\(rand(1...16))] request_id=\(uuid()) latency_ms=\(rand(1...900)) ")
            if chance(0.35) { w.text("user="); w.value(f.email()); w.text(" ") }
            if chance(0.1) { w.text("card_last_checked "); w.value(f.creditCard()); w.text(" ") }
            filler(&w, .raw, sentences: 1)
            w.text("\n")
        default:
            w.text("\(ts) ERROR upstream call failed: ")
            if chance(0.5) { w.value(f.authHeader()) } else { w.value(f.urlCredentials()) }
            w.text(" status=\(f.rng.pick([401, 403, 502, 503])) retry=\(rand(0...5))\n")
        }
    }

    // MARK: dense

    mutating func csvRow(_ w: inout CorpusWriter, header: Bool) {
        if header { w.text("id,name,email,phone,iban,card,ssn,ip,created\n") }
        id += 1
        w.text("\(id),\(f.rng.pick(Self.names)),")
        w.value(f.email()); w.text(",")
        w.value(f.phone()); w.text(",")
        w.value(f.iban()); w.text(",")
        w.value(f.creditCard()); w.text(",")
        w.value(f.ssn()); w.text(",")
        w.value(f.ipv4()); w.text(",\(timestamp())\n")
    }

    // MARK: clean

    mutating func cleanRecord(_ w: inout CorpusWriter) {
        id += 1
        w.text("{\"id\":\(id),\"uuid\":\"\(uuid())\",\"sha1\":\"\(f.rng.string("0123456789abcdef", count: 40))\",\"ts\":\"\(timestamp())\",")
        w.text("\"epoch\":\(rand(1_600_000_000...1_800_000_000)),\"price\":\(price()),\"version\":\"v\(rand(0...9)).\(rand(0...30)).\(rand(0...99))\",")
        w.text("\"order\":\"ORD-\(rand(2019...2026))-\(f.rng.digits(6))\",\"ratio\":0.\(f.rng.digits(12)),\"note\":\"")
        filler(&w, .jsonString, sentences: rand(1...5))
        w.text("\",\"tags\":[\"\(f.rng.pick(["alpha", "beta", "prod", "eu-west-1"]))\",\"build-\(f.rng.digits(4))\"]}\n")
    }

    // MARK: adversarial

    mutating func adversarialRecord(_ w: inout CorpusWriter) {
        switch rand(0...9) {
        case 0: w.text(f.rng.digits(rand(100...5000)) + "\n")
        case 1: w.text(String(repeating: "@", count: rand(100...5000)) + "\n")
        case 2: w.text(String(repeating: "a@", count: rand(100...2000)) + "\n")
        case 3:
            // Near misses: truncated values of every type.
            for _ in 0..<rand(10...40) { w.text(f.nearMiss(of: anyType()) + " | ") }
            w.text("\n")
        case 4:
            // A huge single string with values spread through it.
            w.text("{\"blob\":\"")
            for _ in 0..<rand(50...200) {
                filler(&w, .jsonString, sentences: 1)
                if chance(0.1) { plantIn(&w, .jsonString); w.text(" ", .jsonString) }
            }
            w.text("\"}\n")
        case 5:
            let depth = rand(50...400)
            w.text(String(repeating: "{\"a\":[", count: depth))
            w.text("\""); w.value(f.email(), .jsonString); w.text("\"")
            w.text(String(repeating: "]}", count: depth) + "\n")
        case 6: w.raw((0..<rand(50...500)).map { _ in UInt8.random(in: 0x80...0xFF, using: &f.rng) }); w.text("\n")
        case 7: w.text(String(repeating: "-", count: rand(50...3000)) + String(repeating: ":", count: rand(50...3000)) + "\n")
        case 8: w.text(String(repeating: "eyJ", count: rand(50...1000)) + " " + String(repeating: "AKIA", count: rand(50...500)) + "\n")
        default: w.text("ok "); plantIn(&w, .raw); w.text(" " + String(repeating: "1.", count: rand(100...2000)) + "\n")
        }
    }
}

extension PIIFactory {
    mutating func f3() -> String { rng.digits(3) }
}
