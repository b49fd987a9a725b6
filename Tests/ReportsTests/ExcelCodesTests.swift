import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Reports
@testable import Rules

/// Issue #20 item 23: a four-digit kommunkod such as `0180` keeps its leading zero in the Excel CSV opened
/// with a double click, and the formula guard stays whole.
@Suite("Codes in the Excel CSV")
struct ExcelCodesTests {
    @Test(
        "With codesAsText, a code of digits only is the text formula =\"…\", quoted as RFC 4180 asks",
        arguments: [("0180", "\"=\"\"0180\"\"\""), ("2025", "\"=\"\"2025\"\"\""), ("HT01", "HT01"), ("", "")])
    func digits(code: String, expected: String) {
        var writer = CSVWriter(delimiter: ";", codesAsText: true)
        writer.row([.code(code)])
        #expect(writer.output == expected + "\r\n")
    }

    @Test(
        "Input text never becomes a formula: anything but digits is a text cell, neutralised as before",
        arguments: [
            ("=1+1", "'=1+1"), ("0180\";=HYPERLINK(\"x\")", "\"0180\"\";=HYPERLINK(\"\"x\"\")\""), ("+46", "'+46"),
            ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("０１８０", "０１８０"), ("0180 ", "0180 "), ("12a", "12a"),
        ])
    func notDigits(code: String, expected: String) {
        var writer = CSVWriter(delimiter: ";", codesAsText: true)
        writer.row([.code(code)])
        #expect(writer.output == expected + "\r\n")
    }

    @Test("Without codesAsText (the open-data file) and for text cells, digits are written as they are")
    func plain() {
        var open = CSVWriter()
        open.row([.code("0180"), .text("0180")])
        #expect(open.output == "0180,0180\r\n")
        var excel = CSVWriter(delimiter: ";", codesAsText: true)
        excel.row([.text("0180"), .number("0180")])
        #expect(excel.output == "0180;0180\r\n")
    }

    @Test("The Excel CSV writes kommunkod 0002 and the year as text formulas; the open-data file as plain text")
    func openData() throws {
        let config = try RulesFixture.config()
        #expect(config.kommun.code == "0002")
        let evaluation = RuleEngine(config: config).evaluate(period: .year(2025), facts: RulesFixture.facts())
        let excel = OpenDataCSV(config: config).render([evaluation], dialect: .excel)
        let rows = excel.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count > 1)
        for row in rows.dropFirst() {
            #expect(
                row.hasPrefix("\"=\"\"0002\"\"\";\"=\"\"2025\"\"\";ht;Hemtjänst;")
                    || row.hasPrefix("\"=\"\"0002\"\"\";\"=\"\"2025\"\"\";sb;"), "\(row)")
        }
        let open = OpenDataCSV(config: config).render([evaluation])
        #expect(open.components(separatedBy: "\r\n")[1].hasPrefix("0002,2025,ht,Hemtjänst,"))
        #expect(!open.contains("="))
    }
}
