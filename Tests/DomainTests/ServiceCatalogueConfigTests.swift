import Foundation
import TestSupport
import Testing

@testable import Domain

/// The service organisation's config: `[services]`, `[calendar]`, `[[customer]]`, `[[service]]` with its prices
/// and SLA targets (issue #22), and each mistake reported by key path.
@Suite("Service catalogue config")
struct ServiceCatalogueConfigTests {
    static let demo: String = {
        (try? String(contentsOfFile: Fixtures.path("demo/kommun.toml"), encoding: .utf8)) ?? ""
    }()

    static let catalogue = #"""
        [services]
        nollresultat_tolerance_percent = 1.5

        [calendar]
        opens = "07:30"
        closes = "16:30"
        closed_days = ["2025-05-02"]

        [[customer]]
        id = "SOF"
        name = "Socialförvaltningen"
        codes = ["1200", "SOC"]
        namnd = "von"

        [[customer]]
        id = "UBF"
        name = "Utbildningsförvaltningen"
        codes = ["1300"]

        [[service]]
        id = "it-support"
        name = "IT-support"
        owner = "HT01"
        delivery_unit = "ärende"
        price_type = "B"
        codes = ["ITSUP"]

        [[service.price]]
        year = 2025
        base_fee = "450.00"
        unit_price = 12.5
        market_price = 14

        [[service.sla]]
        id = "p2"
        name = "Prioritet 2 lösta inom 8 arbetstimmar"
        priority = "2"
        resolve_within_hours = 8
        target = { 2024 = 85, 2025 = 90 }
        red_limit = 80

        [[service]]
        id = "lokalvard"
        name = "Lokalvård"
        owner = "HT01"
        delivery_unit = "m²"
        price_type = "C"

        [[service.price]]
        year = 2025
        allocation_key = "brukare"

        [[service]]
        id = "licenser"
        name = "Programlicenser"
        owner = "HT01"
        delivery_unit = "licens"
        price_type = "A"

        [[service.price]]
        year = 2025
        markup_percent = 4
        """#

    func parse(_ extra: String) throws(ConfigError) -> Config {
        try Config.parse(Self.demo + "\n" + extra, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
    }

    func messages(_ extra: String) -> [String] {
        do {
            _ = try parse(extra)
            return []
        } catch {
            return error.findings.map(\.description)
        }
    }

    @Test("a municipality without a service organisation has an empty catalogue")
    func none() throws {
        let config = try parse("")
        #expect(config.services.isEmpty)
        #expect(config.services.calendar == WorkingCalendar())
    }

    @Test("the catalogue, its prices, SLA targets, customers and calendar load exactly")
    func loads() throws {
        let config = try parse(Self.catalogue)
        let catalogue = config.services
        #expect(catalogue.services.map(\.id) == ["it-support", "lokalvard", "licenser"])
        #expect(catalogue.resultTolerancePercent == Rational(decimalText: "1.5"))
        #expect(catalogue.priceTolerancePercent == ServiceCatalogue.defaultPriceTolerancePercent)
        let it = try #require(catalogue.service(code: "ITSUP"))
        #expect(it.priceType == .b && it.owner == "HT01")
        #expect(it.price(in: 2025)?.baseFee == Rational(450))
        #expect(it.price(in: 2025)?.unitPrice == Rational(decimalText: "12.5"))
        #expect(it.price(in: 2024) == nil)
        let level = try #require(it.levels.first)
        #expect(level.target(in: 2025) == Rational(90) && level.target(in: 2026) == Rational(90))
        #expect(level.target(in: 2024) == Rational(85) && level.target(in: 2023) == nil)
        #expect(level.resolveWithinHours == Rational(8) && level.direction == .higher && level.unit == "%")
        #expect(catalogue.customer(code: "SOC")?.id == "SOF")
        #expect(catalogue.customer(code: "1300")?.namnd == nil)
        #expect(catalogue.customer(code: "9999") == nil)
        #expect(catalogue.calendar.opens == 7 * 60 + 30 && catalogue.calendar.closes == 16 * 60 + 30)
        #expect(catalogue.calendar.isWorkingDay(Day(year: 2025, month: 5, day: 2) ?? Day.fromOrdinal(0)) == false)
    }

    @Test(
        "each mistake is reported by its key path",
        arguments: [
            (
                #"price_type = "B""#, #"price_type = "E""#,
                "key 'service[it-support].price_type': expected 'A', 'B', 'C' or 'D', found 'E'"
            ),
            (
                #"base_fee = "450.00""#, #"base_fee = "450.00"\#nhourly_rate = 900"#,
                "key 'service[it-support].price[#1].hourly_rate': does not apply to price type B; it takes 'base_fee' or 'unit_price'"
            ),
            (
                "markup_percent = 4", "market_price = 4",
                "key 'service[licenser].price[#1]': a price of type A needs 'markup_percent'"
            ),
            (
                #"owner = "HT01"\#ndelivery_unit = "m²""#, #"owner = "IT99"\#ndelivery_unit = "m²""#,
                "key 'service[lokalvard].owner': no unit 'IT99' in the unit register"
            ),
            (#"namnd = "von""#, #"namnd = "kfn""#, "key 'customer[SOF].namnd': no [[namnd]] has id 'kfn'"),
            (
                #"codes = ["1300"]"#, #"codes = ["1200"]"#,
                "key 'customer[UBF].codes': the code '1200' names customer 'SOF' already"
            ),
            (
                #"opens = "07:30""#, #"opens = "7.30""#,
                "key 'calendar.opens': expected a time of day HH:MM, found '7.30'"
            ),
            (
                "resolve_within_hours = 8", "resolve_within_hours = 0",
                "key 'service[it-support].sla[p2].resolve_within_hours': expected more than 0, found 0"
            ),
            (
                "resolve_within_hours = 8", #"resolve_within_hours = 8\#nmeasure = "brukare""#,
                "key 'service[it-support].sla[p2]': give 'resolve_within_hours' (a ticket target) or 'measure', not both"
            ),
            ("red_limit = 80", "red_limt = 80", "key 'service[it-support].sla[p2].red_limt': unknown key"),
        ])
    func mistakes(original: String, broken: String, expected: String) {
        #expect(Self.catalogue.contains(original), "the test's original text")
        let found = messages(Self.catalogue.replacingOccurrences(of: original, with: broken))
        #expect(found.contains { $0.hasSuffix(expected) }, "\(found)")
    }

    /// The "Service organisation" section of docs/CONFIG.md.
    static func documentedSection() throws -> String {
        let text = try String(contentsOfFile: Fixtures.root + "/docs/CONFIG.md", encoding: .utf8)
        let start = try #require(text.range(of: "## Service organisation"))
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    @Test("the docs' example loads onto the demo config as documented")
    func documentedExample() throws {
        let section = try Self.documentedSection()
        let example =
            try #require(section.components(separatedBy: "```toml\n").dropFirst().first)
            .components(separatedBy: "```").first ?? ""
        let config = try parse(example)
        let it = try #require(config.services.service(code: "ITSUP"))
        #expect(it.price(in: 2025)?.unitPrice == Rational(decimalText: "12.50"))
        #expect(it.levels.first?.target(in: 2025) == Rational(90))
        #expect(config.services.customer(code: "1200")?.id == "SOF")
        #expect(config.services.resultTolerancePercent == Rational(2))
    }

    @Test("every key the catalogue's loader reads is documented, and every documented key is read")
    func everyKeyDocumented() throws {
        let section = try Self.documentedSection()
        let documented = Set(
            section.components(separatedBy: "\n").filter { $0.hasPrefix("| `") }.compactMap { row in
                row.dropFirst(3).split(separator: "`").first.map(String.init)
            }
            .filter { !$0.hasPrefix("[") })
        var read: Set<String> = []
        for name in ["ServiceCatalogue+TOML.swift", "WorkingCalendar+TOML.swift"] {
            let source = try String(
                contentsOfFile: Fixtures.root + "/Sources/Domain/Services/\(name)", encoding: .utf8)
            let pattern = try Regex(#"(?:string|strings|rational|int|bool|child|children|has)\("([a-z_]+)""#)
            for match in source.matches(of: pattern) {
                if let key = match.output[1].substring { read.insert(String(key)) }
            }
            for match in source.matches(of: try Regex(#"\("(opens|closes)", \\"#)) {
                if let key = match.output[1].substring { read.insert(String(key)) }
            }
        }
        read.subtract(["services", "calendar", "customer", "service", "price", "sla"])
        #expect(read.subtracting(documented).isEmpty, "read but not documented: \(read.subtracting(documented))")
        #expect(documented.subtracting(read).isEmpty, "documented but not read: \(documented.subtracting(read))")
    }
}
