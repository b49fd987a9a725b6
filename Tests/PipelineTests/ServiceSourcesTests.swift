import Foundation
import Logging
import TestSupport
import Testing

@testable import Domain
@testable import Pipeline
@testable import Warehouse

/// The service organisation's exports through the nightly ingest (issue #22): stored with their service and
/// customer, rejected rows kept, and nothing of a ticket number or an invoice reference in the warehouse.
@Suite("Service-desk and invoicing sources in the warehouse")
struct ServiceSourcesTests {
    static let catalogue =
        Fixtures.serviceCatalogue + #"""

            [[source]]
            id = "arenden"
            kind = "service-desk-csv"
            inbox = "arenden/*.csv"

            [source.columns]
            number = "Ärendenummer"
            opened = "Anmäld"
            target = "Måltid"
            resolved = "Löst"
            closed = "Stängd"
            priority = "Prioritet"
            service = "Tjänst"
            customer = "Kund"

            [[source]]
            id = "interndebitering"
            kind = "internal-invoices-csv"
            inbox = "interndebitering/*.csv"

            [source.columns]
            reference = "Fakturanr"
            month = "Period"
            service = "Tjänstekod"
            customer = "Kundkod"
            price_type = "Pristyp"
            quantity = "Antal"
            amount = "Belopp"

            """#

    @Test("ingest stores the facts with service and customer, keeps the rejected rows, stores no reference")
    func ingest() throws {
        let directory = try LedgerInbox.make("services")
        for (folder, file) in [
            ("arenden", "service-desk-csv/arenden-2025-03.csv"),
            ("interndebitering", "internal-invoices-csv/interndebitering-2025-03.csv"),
        ] {
            try FileManager.default.createDirectory(
                atPath: directory + "/" + folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: Fixtures.path(file),
                toPath: directory + "/" + folder + "/" + (file.split(separator: "/").last ?? ""))
        }
        let config = directory + "/kommun.toml"
        try (try String(contentsOfFile: config, encoding: .utf8) + Self.catalogue)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let pipeline = try LedgerInbox.pipeline(directory)
        let warehouse = try pipeline.openWarehouse()
        let summary = try pipeline.ingest(into: warehouse, asOf: try #require(Day("2025-12-31")))
        #expect(summary.loaded == 2 && summary.failed == 0)
        #expect(summary.rejectedRows == 6 + 8)
        let facts = try warehouse.monthlyFacts(
            from: try #require(Month("2025-03")), through: try #require(Month("2025-04")))
        let invoiced = facts.filter { $0.measure == "interndebitering_belopp" && $0.month.description == "2025-03" }
        #expect(
            invoiced.map { "\($0.enhet) \($0.service) \($0.counterparty) \($0.value)" }.sorted()
                == ["HT01 it-support SOF 2075", "HT01 it-support UBF 950"])
        let minutes = facts.filter { $0.measure == "servicedesk_losningstid_minuter" }
        #expect(
            minutes.map { "\($0.month) \($0.category) \($0.observed) \($0.value)" }.sorted() == [
                "2025-03 2 360 1", "2025-03 2 570 1", "2025-04 2 300 1", "2025-04 3 1020 1", "2025-04 4 60 1",
            ])
        // No ticket number, invoice reference or free text anywhere in the database file.
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("w.sqlite") }
        #expect(files.contains("w.sqlite"))
        var stored = Data()
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
            for secret in ["I-001", "F-1001", "Skrivaren", "Kreditering"] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in \(file)")
            }
            stored += bytes
        }
        // The scan sees what is stored: the service's id is there.
        #expect(stored.range(of: Data("it-support".utf8)) != nil)
    }
}
