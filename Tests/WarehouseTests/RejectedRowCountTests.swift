import Foundation
import Testing

@testable import Domain
@testable import Warehouse

/// Issue #18, section 6: the warehouse keeps the rejected rows a reader kept and the exact count per rule.
@Suite("Rejected row counts")
struct RejectedRowCountTests {
    @Test("Only the kept rows are stored; the counts per rule are exact and the examples bounded per rule")
    func counts() throws {
        let warehouse = try Warehouse()
        var result = ReadResult(keepingRejects: 5)
        for line in 2..<10_002 {
            result.rejects.append(
                Finding(
                    SourceLocation(file: "a.csv", line: line), rule: line % 4 == 0 ? "unknown-unit" : "value-format",
                    message: "x"))
        }
        result.rowsRead = 10_000
        _ = try warehouse.store(
            path: "a.csv", sha256: "aa", source: WarehouseTests.source, result: result, loadedAt: "t")
        let file = try #require(try warehouse.loadedFile(sha256: "aa"))
        #expect(file.rowsRejected == 10_000)
        #expect(try warehouse.rejectedRows(fileID: file.id).count == 10)
        #expect(try warehouse.rejectedRowCounts(fileID: file.id) == ["unknown-unit": 2_500, "value-format": 7_500])
        let examples = try warehouse.rejectedRows(fileID: file.id, perRule: 3)
        #expect(examples.map(\.line) == [2, 3, 4, 5, 8, 12])
        #expect(try warehouse.counts().rejectedRows == 10)
    }
}
