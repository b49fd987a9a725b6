import Testing

@testable import Domain
@testable import Reports
@testable import Rules

/// The data-quality account on its own, from plain values: the reconciliation of the control totals, their
/// order and labels, the rejected rows per reason, what a superseded file still shows, and each source's
/// section.
@Suite("DataQuality")
struct DataQualityTests {
    static let source = SourceDefinition(
        id: "huvudbok", kind: .ledgerCSV, inbox: "/dev/null", encoding: nil, delimiter: nil, columns: [:],
        unitKey: .ledger, layout: .long, measureColumns: [:])

    static func file(
        path: String = "inkorg/huvudbok-2025-03.csv", sha: String = "ab12cd34ef56" + String(repeating: "0", count: 52),
        rowsRead: Int = 12, rowsRejected: Int = 2, totals: [String: String] = [:],
        loadedAt: String = "2025-04-03T01:00:00Z"
    ) -> DataQuality.File {
        DataQuality.File(
            path: path, sha256: sha, encoding: "UTF-8", months: [Month(year: 2025, month: 3) ?? Month(ordinal: 0)],
            rowsRead: rowsRead,
            rowsAccepted: rowsRead - rowsRejected, rowsRejected: rowsRejected, controlTotals: totals,
            loadedAt: loadedAt, selfReported: false)
    }

    static let balanced = [
        "amount.read": "-604186.83", "amount.facts": "-604000.00", "amount.excluded": "-100.00",
        "amount.unmapped": "-50.83", "amount.rejected": "-36.00",
    ]

    @Test("Control totals that add up to the amount read reconcile; one öre off is named; a missing part is no verdict")
    func reconciliation() {
        #expect(DataQuality.reconcile(Self.balanced)?.class == "green")
        #expect(DataQuality.reconcile(Self.balanced)?.label == "Stämmer")

        var off = Self.balanced
        off["amount.rejected"] = "-35.99"
        let mark = DataQuality.reconcile(off)
        #expect(mark?.class == "red")
        #expect(mark?.label == "Stämmer inte: skillnad −0,01\u{00A0}kr")

        // The ignored amount, where the config ignores codes, is part of the sum.
        var ignored = Self.balanced
        ignored["amount.facts"] = "-603900.00"
        #expect(DataQuality.reconcile(ignored)?.class == "red")
        ignored["amount.ignored"] = "-100.00"
        #expect(DataQuality.reconcile(ignored)?.class == "green")

        var partial = Self.balanced
        partial.removeValue(forKey: "amount.excluded")
        #expect(DataQuality.reconcile(partial) == nil)
        #expect(DataQuality.reconcile([:]) == nil)
    }

    @Test("Control totals in reconciliation order with Swedish labels and kronor; an unknown key is shown as stored")
    func controlTotalOrder() {
        var quality = DataQuality(
            sources: [], files: [:], measures: [Measure(id: "besok", name: "Besök", unit: "st", aggregation: .sum)])
        quality.measureUnits["budget_kr"] = "kr"
        let totals = quality.controlTotals(
            Self.balanced.merging(
                [
                    "zz.custom": "7", "hours.ARB": "160.5", "rows.ignored": "3", "value.besok": "1234",
                    "value.budget_kr": "1500.5", "amount.ignored": "0",
                ],
                uniquingKeysWith: { first, _ in first }))
        #expect(
            totals.map(\.key) == [
                "amount.read", "amount.facts", "amount.excluded", "amount.ignored", "amount.unmapped",
                "amount.rejected",
                "rows.ignored", "hours.ARB", "value.besok", "value.budget_kr", "zz.custom",
            ])
        let byKey = Dictionary(uniqueKeysWithValues: totals.map { ($0.key, ($0.label, $0.value)) })
        #expect(byKey["amount.read"]! == ("Läst belopp", "−604\u{00A0}186,83\u{00A0}kr"))
        #expect(byKey["hours.ARB"]! == ("Timmar, kod ARB", "160,5"))
        #expect(byKey["value.besok"]! == ("Summa besök", "1\u{00A0}234"))
        #expect(byKey["value.budget_kr"]! == ("Summa budget_kr", "1\u{00A0}500,50\u{00A0}kr"))
        #expect(byKey["zz.custom"]! == ("zz.custom", "7"))
    }

    @Test("Rejected rows grouped by rule: three examples with line and column, the rest counted, values withheld")
    func rejectedRows() {
        let rows: [(line: Int?, column: Int?, rule: String, message: String)] =
            (1...5).map { (line: $0 + 1, column: 4, rule: "amount", message: "ogiltigt belopp") }
            + [(line: nil, column: nil, rule: "header", message: "kolumnen 'konto' saknas")]
        let record = DataQuality.FileRecord(
            file: Self.file(rowsRejected: 8), rejected: rows, rejectedCounts: ["amount": 7, "header": 1],
            unmapped: [(code: "9999", amount: FixedDecimal("-50.83")!, rows: 2)], ignoredCodes: [],
            supersededBy: nil)
        let row = DataQuality(sources: [], files: [:]).fileModel(record)
        #expect(row.rejects.map(\.rule) == ["amount", "header"])
        let amount = row.rejects[0]
        #expect(amount.count == 7)
        #expect(amount.heading == "7 rader avvisade av regeln amount")
        #expect(amount.examples.map(\.place) == ["rad 2, kolumn 4", "rad 3, kolumn 4", "rad 4, kolumn 4"])
        #expect(amount.more == "och 4 rader till av samma slag")
        #expect(row.rejects[1].examples.map(\.place) == ["filen"])
        #expect(row.rejects[1].more == nil)
        #expect(row.unmapped.map(\.code) == ["9999"])
        #expect(row.unmapped.first?.rowsText == "2 rader")
        #expect(row.months == "2025-03")
        #expect(row.sha == "ab12cd34ef56")
    }

    @Test("A superseded file keeps its counts but lists neither rejected rows nor codes, and names its replacement")
    func supersededFile() {
        let newer = Self.file(sha: "ffee" + String(repeating: "1", count: 60), loadedAt: "2025-04-10T01:00:00Z")
        let record = DataQuality.FileRecord(
            file: Self.file(), rejected: [(line: 3, column: nil, rule: "amount", message: "ogiltigt belopp")],
            rejectedCounts: ["amount": 1], unmapped: [(code: "9999", amount: FixedDecimal("1")!, rows: 1)],
            ignoredCodes: [], supersededBy: newer)
        let row = DataQuality(sources: [], files: [:]).fileModel(record)
        #expect(row.rejects.isEmpty)
        #expect(row.unmapped.isEmpty)
        #expect(row.rowsRejected == "2")
        #expect(
            row.supersededBy
                == "inläst 2025-04-03, ersatt av en nyare export med samma namn (ffee11111111, inläst 2025-04-10)")
    }

    @Test("Each source's section sums its files and says when its inbox is empty")
    func sourceSections() {
        let status = SourceStatus(
            source: Self.source, files: 2, latestMonth: Month(year: 2025, month: 3), stale: true)
        let records = [Self.file(rowsRead: 1000, rowsRejected: 3), Self.file(rowsRead: 500, rowsRejected: 0)].map {
            DataQuality.FileRecord(
                file: $0, rejected: [], rejectedCounts: [:], unmapped: [], ignoredCodes: [], supersededBy: nil)
        }
        var quality = DataQuality(sources: [status], files: ["huvudbok": records])
        quality.emptyInboxes = [(source: "huvudbok", inbox: "inkorg/huvudbok-*.csv")]
        let sections = quality.model()
        #expect(sections.count == 1)
        #expect(sections[0].rowsRead == "1\u{00A0}500")
        #expect(sections[0].rowsRejected == "3")
        #expect(sections[0].fileList.count == 2)
        #expect(sections[0].emptyInbox == "Inkorgen är tom: ingen fil matchar inkorg/huvudbok-*.csv.")
        #expect(sections[0].stale.text?.hasPrefix("inaktuell") == true)
    }
}
