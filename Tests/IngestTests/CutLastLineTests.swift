import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Ingest

/// Issue #18, section 4: a plain CSV cut short ends in a line without a line end; when that line has fewer
/// fields than the header it is a rejected row, not a value — in one piece and in parts alike.
@Suite("A cut last line")
struct CutLastLineTests {
    let config: Config
    init() throws { config = try Config.load(path: Fixtures.path("demo/kommun.toml")) }

    @Test("The ledger CSV: a last line cut in its amount is a field-count reject, read whole or in parts")
    func ledger() throws {
        let source = try #require(config.sources.first { $0.id == "ekonomi" })
        var lines = ["Bokföringsdatum;Ansvar;Konto;Verksamhet;Belopp;Text"]
        for index in 0..<3_000 { lines.append("2025-03-15;41010;5011;x;\(100 + index),00;t") }
        // The cut: the Belopp field is the last one read, its value 149 of 1497,80.
        let path = try Fixtures.temporaryFile(
            "cut.csv", lines.joined(separator: "\n") + "\n2025-03-16;41010;5011;x;149")
        var whole = LedgerCSVReader(
            definition: source, units: UnitIndex(config.enheter), enheter: config.enheter, mapping: config.ledger)
        whole.parallelThreshold = .max
        var inParts = whole
        inParts.parallelThreshold = 0
        inParts.partBytes = 4_096
        for reader in [whole, inParts] {
            let result = try reader.read(path: path, displayPath: "cut.csv")
            #expect(result.rowsRead == 3_001)
            #expect(
                result.rejects.map(\.description) == ["cut.csv:3002: error: [field-count] expected 6 fields, found 5"])
            #expect(result.controlTotals["amount.read"] == FixedDecimal((100 + 3_099) * 3_000 / 2))
        }
    }

    @Test("A volume CSV: a last line without a line end and short of fields is a rejected row")
    func volume() throws {
        let source = try #require(config.sources.first { $0.kind == .volumeCSV && $0.layout == .long })
        let header = source.columns.sorted { $0.key < $1.key }
        let names = header.map(\.value)
        func row(_ values: [String: String]) -> String { header.map { values[$0.key] ?? "" }.joined(separator: ";") }
        let good = row(["unit": "HT01", "month": "2025-02", "measure": "brukare", "value": "42"])
        let cut = String(row(["unit": "HT01", "month": "2025-03", "measure": "brukare", "value": "7"]).dropLast(3))
        let path = try Fixtures.temporaryFile(
            "cut-volume.csv", names.joined(separator: ";") + "\r\n" + good + "\r\n" + cut)
        let result = try SourceReader(config: config).read(path: path, displayPath: "v.csv", source: source)
        #expect(result.rowsRead == 2)
        #expect(result.rejects.first?.rule == "field-count")
        #expect(result.rejects.first?.location.line == 3)
        #expect(result.facts.count == 1)
    }
}
