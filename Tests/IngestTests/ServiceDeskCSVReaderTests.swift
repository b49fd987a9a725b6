import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Ingest

/// The service desk's tickets (issue #22): hand-computed working minutes and SLA verdicts on a TOPdesk-shaped
/// export, every rejection with file, line and column, and the real ServiceNow event log of
/// `../shared/samples/itsm` against counts made independently of the reader.
@Suite("ServiceDeskCSVReader")
struct ServiceDeskCSVReaderTests {
    static let demo: String = {
        (try? String(contentsOfFile: Fixtures.path("demo/kommun.toml"), encoding: .utf8)) ?? ""
    }()

    static let catalogue = Fixtures.serviceCatalogue

    static let topdesk = #"""
        [[source]]
        id = "arenden"
        kind = "service-desk-csv"
        inbox = "inbox/arenden/*.csv"

        [source.columns]
        number = "Ärendenummer"
        opened = "Anmäld"
        target = "Måltid"
        resolved = "Löst"
        closed = "Stängd"
        priority = "Prioritet"
        service = "Tjänst"
        customer = "Kund"

        """#

    /// The ServiceNow sample as an event log of one service, `event_log` as given.
    static func serviceNow(eventLog: Bool) -> String {
        """
        [[source]]
        id = "servicenow"
        kind = "service-desk-csv"
        inbox = "inbox/servicenow/*.csv"
        service = "it-support"
        event_log = \(eventLog)

        [source.columns]
        number = "number"
        opened = "opened_at"
        resolved = "resolved_at"
        closed = "closed_at"
        priority = "priority"
        made_sla = "made_sla"
        updated = "sys_updated_at"

        """
    }

    static let samplePath = Fixtures.root + "/../shared/samples/itsm/servicenow-incident-event-log.csv"

    func config(_ extra: String) throws -> Config {
        try Config.parse(Self.demo + "\n" + extra, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
    }

    func read(_ config: Config, source id: String, path: String, display: String) throws -> ReadResult {
        let source = try #require(config.sources.first { $0.id == id })
        return try SourceReader(config: config).read(path: path, displayPath: display, source: source)
    }

    /// The facts as `month measure service customer priority observed value`.
    static func lines(_ facts: [Fact]) -> [String] {
        facts.map {
            "\($0.enhet) \($0.month) \($0.measure) \($0.service) \($0.counterparty) \($0.category) "
                + "\($0.observed.isEmpty ? "-" : $0.observed) \($0.value)"
        }
    }

    /// The median of a distribution measure's facts: observed value → count.
    static func median(_ facts: [Fact]) -> Int? {
        var values: [Int] = []
        for fact in facts {
            guard let value = Int(fact.observed), let count = Int(fact.value.description) else { return nil }
            values += Array(repeating: value, count: count)
        }
        values.sort()
        guard !values.isEmpty, values.count % 2 == 1 else { return nil }
        return values[values.count / 2]
    }

    @Test("Hand-computed: working minutes across an evening, a weekend and Easter; verdicts by target and catalogue")
    func handComputed() throws {
        let config = try config(Self.catalogue + Self.topdesk)
        let file = "fixtures/service-desk-csv/arenden-2025-03.csv"
        let result = try read(
            config, source: "arenden", path: Fixtures.path("service-desk-csv/arenden-2025-03.csv"), display: file)
        #expect(
            result.rejects.map(\.description) == [
                "\(file):8:7: error: [unknown-code] column 'Tjänst': service code 'PRINT' is not in the servicekatalog",
                "\(file):9:8: error: [unknown-code] column 'Kund': customer code '9999' is not a [[customer]]",
                "\(file):10:4: error: [resolved-before-opened] column 'Löst': 2025-03-01 11:00 is before opened 2025-03-02 10:00",
                "\(file):11:2: error: [date-format] column 'Anmäld': expected a date and time (YYYY-MM-DD HH:MM or DD-MM-YYYY HH:MM), found '03/04/2025 10:00'",
                "\(file):12:1: error: [duplicate-row] column 'Ärendenummer': the same ticket number as on line 2 (an event log with a row per change needs event_log = true)",
                "\(file):13:6: error: [priority-format] column 'Prioritet': expected a priority that begins with its number (2, P2, '2 - High'), found 'Hög'",
            ])
        // I-001 360 minutes, within 8 h; I-002 16:00–17:00 and 08:00–16:30 = 570, breached; I-003 Friday 10–17,
        // Monday, Tuesday 08–09 = 1020, within its target time; I-004 open; I-005 Thursday 14–17, långfredagen
        // and annandag påsk closed, Tuesday 08–10 = 300, within; I-006 closed without a resolution time, 60
        // minutes, no target for priority 4.
        #expect(
            Self.lines(result.facts) == [
                "HT01 2025-03 servicedesk_inkomna it-support SOF 2 - 2",
                "HT01 2025-03 servicedesk_inkomna it-support SOF 3 - 2",
                "HT01 2025-03 servicedesk_inom_sla it-support SOF 2 - 1",
                "HT01 2025-03 servicedesk_losningstid_minuter it-support SOF 2 360 1",
                "HT01 2025-03 servicedesk_losningstid_minuter it-support SOF 2 570 1",
                "HT01 2025-03 servicedesk_losta it-support SOF 2 - 2",
                "HT01 2025-03 servicedesk_oppna it-support SOF 2 - 0",
                "HT01 2025-03 servicedesk_oppna it-support SOF 3 - 2",
                "HT01 2025-03 servicedesk_oppna it-support SOF 4 - 0",
                "HT01 2025-03 servicedesk_oppna it-support UBF 2 - 0",
                "HT01 2025-03 servicedesk_sla_bedomda it-support SOF 2 - 2",
                "HT01 2025-04 servicedesk_inkomna it-support SOF 4 - 1",
                "HT01 2025-04 servicedesk_inkomna it-support UBF 2 - 1",
                "HT01 2025-04 servicedesk_inom_sla it-support SOF 3 - 1",
                "HT01 2025-04 servicedesk_inom_sla it-support UBF 2 - 1",
                "HT01 2025-04 servicedesk_losningstid_minuter it-support SOF 3 1020 1",
                "HT01 2025-04 servicedesk_losningstid_minuter it-support SOF 4 60 1",
                "HT01 2025-04 servicedesk_losningstid_minuter it-support UBF 2 300 1",
                "HT01 2025-04 servicedesk_losta it-support SOF 3 - 1",
                "HT01 2025-04 servicedesk_losta it-support SOF 4 - 1",
                "HT01 2025-04 servicedesk_losta it-support UBF 2 - 1",
                "HT01 2025-04 servicedesk_oppna it-support SOF 2 - 0",
                "HT01 2025-04 servicedesk_oppna it-support SOF 3 - 1",
                "HT01 2025-04 servicedesk_oppna it-support SOF 4 - 0",
                "HT01 2025-04 servicedesk_oppna it-support UBF 2 - 0",
                "HT01 2025-04 servicedesk_sla_bedomda it-support SOF 3 - 1",
                "HT01 2025-04 servicedesk_sla_bedomda it-support UBF 2 - 1",
            ])
        #expect(result.rowsRead == 12 && result.rejects.total == 6)
        #expect(result.controlTotals["tickets"] == FixedDecimal(6))
        #expect(result.controlTotals["tickets.judged"] == FixedDecimal(4))
        #expect(result.controlTotals["tickets.within_sla"] == FixedDecimal(3))
        #expect(result.months.map(\.description) == ["2025-03", "2025-04"])
        // The ticket numbers and the free text never leave the reader.
        let printed = result.rejects.map(\.description).joined() + Self.lines(result.facts).joined()
        for secret in ["I-00", "I-01", "Skrivaren", "lösenord", "Samma ärende"] {
            #expect(!printed.contains(secret), "\(secret)")
        }
    }

    @Test("The ServiceNow event log: the last row per incident, SLA and median time to resolve per priority")
    func serviceNowSample() throws {
        // Counted independently of the reader (Python over the CSV): 890 incidents in 5,998 rows; on the last
        // row of each, priorities 1–4 are 15, 33, 757 and 85 incidents, made_sla TRUE 1, 0, 456 and 38 (495 of
        // 890); every incident has a resolved_at or a closed_at (29 only the latter). Median minutes to resolve
        // around the clock 21091, 1607, 3393 and 9022; in working hours (weekdays 08–17 but Swedish holidays
        // and eves) 5751, 707, 1427 and 2542.
        for (calendar, medians) in [
            ("", ["1": 5751, "2": 707, "3": 1427, "4": 2542]),
            ("[calendar]\naround_the_clock = true\n", ["1": 21091, "2": 1607, "3": 3393, "4": 9022]),
        ] {
            let config = try config(Self.catalogue + calendar + Self.serviceNow(eventLog: true))
            let result = try read(config, source: "servicenow", path: Self.samplePath, display: "servicenow.csv")
            #expect(result.rowsRead == 5998 && result.rejects.total == 0)
            #expect(result.controlTotals["tickets"] == FixedDecimal(890))
            #expect(result.controlTotals["rows.superseded"] == FixedDecimal(5998 - 890))
            #expect(result.controlTotals["tickets.resolved"] == FixedDecimal(890))
            #expect(result.controlTotals["tickets.judged"] == FixedDecimal(890))
            #expect(result.controlTotals["tickets.within_sla"] == FixedDecimal(495))
            func total(_ measure: String, _ priority: String) -> Int {
                result.facts.filter { $0.measure == measure && $0.category == priority }
                    .reduce(0) { $0 + (Int($1.value.description) ?? 0) }
            }
            for (priority, count, within) in [("1", 15, 1), ("2", 33, 0), ("3", 757, 456), ("4", 85, 38)] {
                #expect(total("servicedesk_inkomna", priority) == count)
                #expect(total("servicedesk_losta", priority) == count)
                #expect(total("servicedesk_inom_sla", priority) == within)
                let distribution = result.facts.filter {
                    $0.measure == "servicedesk_losningstid_minuter" && $0.category == priority
                }
                #expect(Self.median(distribution) == medians[priority], "priority \(priority) \(calendar)")
            }
            // Opened in February and March 2016; the last resolved in January 2017.
            #expect(total("servicedesk_inkomna", "3") == 757)
            #expect(result.months.first?.description == "2016-02" && result.months.last?.description == "2017-01")
            #expect(result.facts.allSatisfy { $0.enhet == "HT01" && $0.service == "it-support" })
            #expect(!Self.lines(result.facts).joined().contains("INC"))
        }
    }

    @Test("Read as a snapshot, the event log's repeated numbers are duplicates that name the way out")
    func snapshotOfAnEventLog() throws {
        let config = try config(Self.catalogue + Self.serviceNow(eventLog: false))
        let result = try read(config, source: "servicenow", path: Self.samplePath, display: "servicenow.csv")
        #expect(result.rejects.total == 5998 - 890)
        #expect(result.controlTotals["tickets"] == FixedDecimal(890))
        #expect(
            result.rejects.first?.description
                == "servicenow.csv:3:1: error: [duplicate-row] column 'number': the same ticket number as on line 2 "
                + "(an event log with a row per change needs event_log = true)")
    }

    @Test(
        "Config: a service-desk source needs its service; an unknown service is named by key path",
        arguments: [
            (
                #"service = "it-support""#, "",
                "key 'source[servicenow]': one of 'service' (the service of every row) or 'columns.service' is required"
            ),
            (
                #"service = "it-support""#, #"service = "it""#,
                "key 'source[servicenow].service': no [[service]] has id 'it'"
            ),
        ])
    func configMistakes(original: String, broken: String, expected: String) {
        let text = Self.serviceNow(eventLog: true)
        #expect(text.contains(original))
        do {
            _ = try config(Self.catalogue + text.replacingOccurrences(of: original, with: broken))
            Issue.record("loaded")
        } catch {
            let found = (error as? ConfigError)?.findings.map(\.description) ?? []
            #expect(found.contains { $0.hasSuffix(expected) }, "\(found)")
        }
    }

    @Test("Property: a priority is the number it begins with, or refused; never a guess")
    func priorities() {
        for (text, number) in [
            ("3 - Moderate", "3"), ("P2", "2"), ("p1", "1"), ("2", "2"), ("Prio 4", "4"), ("04", "4"),
            ("1: Kritisk", "1"),
        ] {
            #expect(TicketBook.priorityNumber(text) == number, "\(text)")
        }
        for text in ["Hög", "P", "2a", "123", "-1", "High 2"] {
            #expect(TicketBook.priorityNumber(text) == nil, "\(text)")
        }
        var generator = SplitMix64(seed: 22)
        let alphabet = Array("0123P p-:Mod")
        for _ in 0..<2000 {
            let text = String(
                (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                })
            if let number = TicketBook.priorityNumber(text) {
                #expect(Int(number) != nil && text.contains(number.last ?? "x"), "\(text) → \(number)")
            }
        }
    }
}

/// The internal invoicing export (issue #22): exact sums per service, customer and month, every rejection with
/// file, line and column, and control totals that reconcile.
@Suite("InternalInvoicesCSVReader")
struct InternalInvoicesCSVReaderTests {
    static let source = #"""
        [[source]]
        id = "interndebitering"
        kind = "internal-invoices-csv"
        inbox = "inbox/interndebitering/*.csv"

        [source.columns]
        reference = "Fakturanr"
        month = "Period"
        service = "Tjänstekod"
        customer = "Kundkod"
        price_type = "Pristyp"
        quantity = "Antal"
        amount = "Belopp"

        """#

    @Test("Hand-computed: sums to the öre per service, customer and month; each bad line rejected where it is wrong")
    func handComputed() throws {
        let config = try Config.parse(
            ServiceDeskCSVReaderTests.demo + "\n" + ServiceDeskCSVReaderTests.catalogue + Self.source,
            file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
        let source = try #require(config.sources.first { $0.id == "interndebitering" })
        let file = "fixtures/internal-invoices-csv/interndebitering-2025-03.csv"
        let result = try SourceReader(config: config).read(
            path: Fixtures.path("internal-invoices-csv/interndebitering-2025-03.csv"), displayPath: file,
            source: source)
        #expect(
            result.rejects.map(\.description) == [
                "\(file):6:6: error: [negative-quantity] column 'Antal': expected 0 or more, found -5 (a credit is a negative amount, not a negative quantity)",
                "\(file):7:3: error: [unknown-code] column 'Tjänstekod': service code 'PRINT' is not in the servicekatalog",
                "\(file):8:4: error: [unknown-code] column 'Kundkod': customer code '9999' is not a [[customer]]",
                "\(file):9:1: error: [duplicate-row] column 'Fakturanr': the same invoice reference as on line 2",
                "\(file):10:5: error: [unknown-price-type] column 'Pristyp': price type 'E' is none of the catalogue's A, B, C and D",
                "\(file):11:5: error: [price-type-mismatch] column 'Pristyp': price type A, but the servicekatalog gives 'it-support' price type B",
                "\(file):12:2: error: [month-format] column 'Period': expected YYYY-MM or YYYYMM, found '2025-13'",
                "\(file):13:7: error: [amount-format] column 'Belopp': expected an amount such as -1234,50, found 'tio'",
            ])
        #expect(
            ServiceDeskCSVReaderTests.lines(result.facts) == [
                "HT01 2025-03 interndebitering_antal it-support SOF  - 130",
                "HT01 2025-03 interndebitering_antal it-support UBF  - 40",
                "HT01 2025-03 interndebitering_belopp it-support SOF  - 2075",
                "HT01 2025-03 interndebitering_belopp it-support UBF  - 950",
                "HT01 2025-03 interndebitering_rader it-support SOF  - 2",
                "HT01 2025-03 interndebitering_rader it-support UBF  - 1",
                "HT01 2025-04 interndebitering_antal it-support SOF  - 100",
                "HT01 2025-04 interndebitering_belopp it-support SOF  - 1700.5",
                "HT01 2025-04 interndebitering_rader it-support SOF  - 1",
            ])
        // Accepted 1950 + 950 + 125 + 1700,50; rejected with a readable amount −62,50 + 10 + 10 + 1950 + 10 + 10
        // + 10 (the line with 'tio' has none).
        #expect(result.controlTotals["amount.facts"] == FixedDecimal("4725.50"))
        #expect(result.controlTotals["amount.rejected"] == FixedDecimal("1937.50"))
        #expect(result.controlTotals["amount.read"] == FixedDecimal("6663.00"))
        #expect(result.rowsRead == 12 && result.rowsAccepted == 4)
        let printed = result.rejects.map(\.description).joined()
        for secret in ["F-10", "Kreditering", "Toner"] { #expect(!printed.contains(secret), "\(secret)") }
    }
}
