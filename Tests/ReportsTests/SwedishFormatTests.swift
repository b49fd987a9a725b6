import Testing

@testable import Reports

@Suite("CSVWriter")
struct CSVWriterTests {
    @Test("Quoting and formula neutralisation")
    func cells() {
        var writer = CSVWriter()
        writer.row([
            .text("=HYPERLINK(\"x\")"), .text("a,b"), .text("+46"), .text("@SUM"), .text("-1"), .number("-1.50"),
            .text("Söder"),
        ])
        #expect(writer.output == "\"'=HYPERLINK(\"\"x\"\")\",\"a,b\",'+46,'@SUM,'-1,-1.50,Söder\r\n")
    }

    @Test(
        "A cell whose first Unicode scalar is a formula character is neutralised, a combining mark after it or not",
        arguments: ["=\u{301}1+1", "+\u{308}46", "-\u{301}", "@\u{300}SUM"])
    func formulaScalar(cell: String) {
        var writer = CSVWriter()
        writer.row([.text(cell)])
        #expect(writer.output == "'\(cell)\r\n")
    }

    @Test("Excel variant: semicolon and BOM")
    func excel() {
        var writer = CSVWriter(delimiter: ";", byteOrderMark: true)
        writer.row([.text("a;b"), .number("1,5")])
        #expect(writer.output == "\u{FEFF}\"a;b\";1,5\r\n")
    }
}
