import Foundation
import Testing

/// The published figures add up as printed (#19 item 5): a reader who subtracts the printed median from a
/// printed value gets the printed difference, on every row of the demo's open data.
@Suite("Published arithmetic: differences equal the difference of the printed values")
struct PublishedArithmeticTests {
    @Test("Every from_median in the annual open data is value − median as printed")
    func fromMedian() throws {
        let text = try String(contentsOfFile: Golden.directory + "/arsjamforelse-2025.csv", encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        let header = try #require(lines.first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let value = try #require(header.firstIndex(of: "value"))
        let median = try #require(header.firstIndex(of: "median"))
        let difference = try #require(header.firstIndex(of: "from_median"))
        var checked = 0
        var medians: [String: String] = [:]
        for line in lines.dropFirst() {
            // No demo name holds a comma or a quote; a quoted field would show as a wrong column count.
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == header.count, "\(line)")
            if !cells[median].isEmpty { medians[cells[2] + "/" + cells[8]] = cells[median] }
        }
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !cells[difference].isEmpty else { continue }
            let printedMedian = try #require(medians[cells[2] + "/" + cells[8]], "\(line)")
            // Foundation's decimal reads the printed text exactly.
            let v = try #require(Decimal(string: cells[value]))
            let m = try #require(Decimal(string: printedMedian))
            #expect(v - m == Decimal(string: cells[difference]), "\(line)")
            checked += 1
        }
        #expect(checked > 100)
    }
}
