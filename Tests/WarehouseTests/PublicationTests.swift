import Foundation
import GRDB
import Testing

@testable import Warehouse

/// Issue #21 item 2: every rendered file is a `publication` row with real columns; migration v9 turns the
/// tab- and newline-joined `renderedReport.files` of older warehouses into those rows.
@Suite("Publications")
struct PublicationTests {
    static let oldFiles = [
        "arsjamforelse-2025.html\tJämförelse 2025\tlisted\toutput",
        "arsjamforelse-2025-excel.csv\tJämförelse 2025 (CSV för Excel)\tlisted\toutput",
        "enhet-2025-HT01.html\tHT01 2025\t\toutput",
        "verksamhetsberattelse-2025-von-fragment.html\tUnderlag, VON (HTML-utdrag)\tlisted\toutput",
    ].joined(separator: "\n")

    @Test("v9 parses each old file line once into a publication; size and checksum stay unknown")
    func migration() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v8-observed-value")
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO renderedReport (request, fingerprint, files, renderedAt) VALUES (?, ?, ?, ?)",
                arguments: ["annual 2025", "f1", Self.oldFiles, "2026-01-20T03:00:00Z"])
            try db.execute(
                sql: "INSERT INTO renderedReport (request, fingerprint, files, renderedAt) VALUES (?, ?, ?, ?)",
                arguments: ["tertial 2025-T2", "f2", "tertialrapport-2025-T2-von.html\tTertialrapport", "t"])
            try db.execute(
                sql: "INSERT INTO renderedReport (request, fingerprint, files, renderedAt) VALUES (?, ?, ?, ?)",
                arguments: ["data quality", "f3", "datakvalitet.html\tDatakvalitet\t\tquality", "t"])
        }
        try Schema.migrator.migrate(queue)
        let rows = try queue.read { db in try Publication.order(Column("id")).fetchAll(db) }
        #expect(
            rows.map { [$0.request, $0.kind, $0.period ?? "-", $0.namnd ?? "-", $0.format, $0.section ?? "-"] } == [
                ["annual 2025", "annual", "2025", "-", "html", "comparison"],
                ["annual 2025", "annual", "2025", "-", "csv-excel", "comparison"],
                ["annual 2025", "annual", "2025", "-", "html", "-"],
                ["annual 2025", "annual", "2025", "von", "html-fragment", "verksamhetsberattelse"],
                // The oldest lines have no listed flag or folder: not linked, in the output.
                ["tertial 2025-T2", "tertial", "2025-T2", "von", "html", "-"],
                ["data quality", "data-quality", "-", "-", "html", "-"],
            ])
        #expect(rows.map(\.folder) == ["output", "output", "output", "output", "output", "quality"])
        #expect(rows[1].mediaType == "text/csv" && rows[1].title == "Jämförelse 2025 (CSV för Excel)")
        #expect(rows.allSatisfy { $0.bytes == nil && $0.sha256 == nil })
        let columns = try queue.read { db in try db.columns(in: "renderedReport").map(\.name) }
        #expect(columns == ["request", "fingerprint", "renderedAt"])
    }

    @Test("Recording a report replaces its publications; the fingerprint and files read back in order")
    func record() throws {
        let warehouse = try Warehouse()
        func publication(_ name: String, bytes: Int) -> Publication {
            Publication(
                request: "tertial 2025-T2", kind: "tertial", period: "2025-T2", namnd: "von", format: "html",
                mediaType: "text/html", fileName: name, folder: "output", title: name, section: "tertial",
                bytes: bytes, sha256: String(repeating: "0", count: 64), renderedAt: "t")
        }
        try warehouse.recordRendered(
            request: "tertial 2025-T2", fingerprint: "a", publications: [publication("b.html", bytes: 1)], at: "t")
        try warehouse.recordRendered(
            request: "tertial 2025-T2", fingerprint: "b",
            publications: [publication("z.html", bytes: 2), publication("a.html", bytes: 3)], at: "t")
        let recorded = try #require(try warehouse.renderedReports()["tertial 2025-T2"])
        #expect(recorded.fingerprint == "b")
        #expect(recorded.publications.map(\.fileName) == ["z.html", "a.html"])
        #expect(recorded.publications.map(\.bytes) == [2, 3])
    }
}
