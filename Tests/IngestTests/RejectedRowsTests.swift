import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Ingest

/// Issue #18, section 6: the rejected rows of a file are counted exactly but kept only up to
/// `[limits] rejected_rows_kept` per rule, so a file of millions of bad rows costs bounded memory.
@Suite("RejectedRows")
struct RejectedRowsTests {
    static func finding(_ rule: String, line: Int) -> Finding {
        Finding(SourceLocation(file: "f.csv", line: line), rule: rule, message: "m")
    }

    @Test("The first rows of each rule are kept, every row is counted; a merged part moves its lines down")
    func boundedPerRule() {
        var rows = RejectedRows(keepPerRule: 2)
        for line in 2...6 { rows.append(Self.finding(line % 2 == 0 ? "even" : "odd", line: line)) }
        #expect(rows.total == 5)
        #expect(rows.countByRule == ["even": 3, "odd": 2])
        #expect(rows.map(\.location.line) == [2, 3, 4, 5])
        var part = RejectedRows(keepPerRule: 2)
        part.append(Self.finding("odd", line: 1))
        part.append(Self.finding("new", line: 2))
        rows.append(contentsOf: part, movedDown: 10)
        #expect(rows.total == 7)
        #expect(rows.countByRule == ["even": 3, "odd": 3, "new": 1])
        #expect(rows.map(\.location.line) == [2, 3, 4, 5, 12])
    }

    @Test("200,000 rejected rows in a gzip volume file: 100 kept per rule, the counts exact")
    func manyRejectedRows() throws {
        let config = try Config.load(path: Fixtures.path("bad/kommun.toml"))
        let source = try #require(config.sources.first { $0.id == "volymer" })
        #expect(source.limits.rejectedRowsKept == 100)
        let directory = NSTemporaryDirectory() + "rejects-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = "Enhet;Månad;Mått;Värde\r\n"
        text.reserveCapacity(6_000_000)
        for row in 0..<200_000 {
            // Every other row an unknown unit, the rest a negative value.
            text += row % 2 == 0 ? "HT99;2025-02;brukare;1\r\n" : "HT01;2025-02;brukare;-1\r\n"
        }
        text += "HT01;2025-02;brukare;7\r\n"
        let path = directory + "/many.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-n", path]
        try gzip.run()
        gzip.waitUntilExit()
        let result = try SourceReader(config: config).read(
            path: path + ".gz", displayPath: "many.csv.gz", source: source)
        #expect(result.rowsRead == 200_001)
        #expect(result.rowsAccepted == 1)
        #expect(result.rejects.total == 200_000)
        #expect(result.rejects.countByRule == ["unknown-unit": 100_000, "negative-value": 100_000])
        #expect(result.rejects.count == 200)
        #expect(result.rejects.first?.location.line == 2)
        #expect(result.rejects.last?.location.line == 201)
        #expect(result.facts.map(\.value) == [FixedDecimal(7)])
    }
}
