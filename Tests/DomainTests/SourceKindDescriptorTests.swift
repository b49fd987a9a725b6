import Foundation
import TestSupport
import Testing

@testable import Domain

/// Every source kind has one descriptor, and docs/CONFIG.md documents what it says (issue #21 item 1).
@Suite("Source kind descriptors")
struct SourceKindDescriptorTests {
    static let configDoc: String = {
        (try? String(contentsOfFile: Fixtures.root + "/docs/CONFIG.md", encoding: .utf8)) ?? ""
    }()

    /// The rows of CONFIG.md's `[source.columns]` table that document a kind (one per layout for volume).
    static func columnRows(_ kind: SourceKind) -> [String] {
        configDoc.components(separatedBy: "\n").filter { $0.hasPrefix("| `\(kind.rawValue)`") && $0.contains(" | ") }
            .filter { !$0.contains("string, required") }
    }

    @Test("each kind's descriptor is its own", arguments: SourceKind.allCases)
    func descriptorOfItsKind(kind: SourceKind) {
        #expect(kind.descriptor.kind == kind)
        #expect(!kind.descriptor.label.isEmpty)
    }

    @Test("the labels tell the kinds apart")
    func labelsDistinct() {
        let labels = SourceKind.allCases.map(\.descriptor.label)
        #expect(Set(labels).count == labels.count)
    }

    @Test("CONFIG.md's `kind` row names every kind")
    func kindRowComplete() throws {
        let row = try #require(
            Self.configDoc.components(separatedBy: "\n").first { $0.hasPrefix("| `kind` |") })
        for kind in SourceKind.allCases { #expect(row.contains("`\(kind.rawValue)`"), "\(kind.rawValue)") }
    }

    @Test("CONFIG.md's column table names every column a kind reads", arguments: SourceKind.allCases)
    func columnsDocumented(kind: SourceKind) throws {
        let rows = Self.columnRows(kind)
        try #require(!rows.isEmpty, "no row for \(kind.rawValue) in the [source.columns] table")
        for layout in [SourceDefinition.Layout.long, .wide] {
            let columns = kind.descriptor.columns(layout)
            let row = rows.first { $0.contains(", \(layout.rawValue) |") } ?? rows[0]
            for key in columns.required + columns.optional {
                #expect(row.contains("`\(key)`"), "\(kind.rawValue) (\(layout.rawValue)): `\(key)` not documented")
            }
            if !kind.descriptor.columnsRequired {
                #expect(row.contains("none"), "\(kind.rawValue): the row should say it has no [source.columns] table")
            }
        }
    }

    @Test("a kind's produced measures have distinct ids", arguments: SourceKind.allCases)
    func producedMeasuresDistinct(kind: SourceKind) {
        var source = SourceDefinition(
            id: "s", kind: kind, inbox: "/tmp/*.csv", encoding: nil, delimiter: nil, columns: [:],
            unitKey: kind.descriptor.defaultUnitKey, layout: .wide,
            measureColumns: Dictionary(uniqueKeysWithValues: StaffMeasures.all.map { ($0.id, $0.id) }))
        source.measurePrefix = kind.descriptor.defaultMeasurePrefix
        let ids = source.producedMeasures.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } })
    }

    @Test("a survey file may hold the run's year, the others only up to the run's month")
    func horizon() throws {
        let day = try #require(Day(year: 2025, month: 5, day: 20))
        #expect(SourceKind.surveyCSV.descriptor.horizon.latestMonth(asOf: day) == Month(year: 2025, month: 12))
        #expect(SourceKind.ledgerCSV.descriptor.horizon.latestMonth(asOf: day) == Month(year: 2025, month: 5))
    }
}
