import Testing

@testable import Reports

@Suite("SwedishFormat")
struct SwedishFormatTests {
    @Test(
        "Numbers as Swedish readers expect them",
        arguments: [
            (1_234_567.0, 0, "kr", "1\u{00A0}234\u{00A0}567\u{00A0}kr"),
            (12.5, 1, "%", "12,5\u{00A0}%"),
            (-3.24, 1, "", "\u{2212}3,2"),
            (-0.04, 1, "", "0,0"),
            (999.5, 0, "", "1\u{00A0}000"),
            (0.125, 2, "", "0,13"),
        ])
    func value(number: Double, decimals: Int, unit: String, text: String) {
        #expect(SwedishFormat.value(number, decimals: decimals, unit: unit) == text)
    }

    @Test("Changes carry a sign; open data uses points")
    func changeAndPlain() {
        #expect(SwedishFormat.change(Double(1_200), decimals: 0, unit: "kr") == "+1\u{00A0}200\u{00A0}kr")
        #expect(SwedishFormat.change(-3.2, decimals: 1, unit: "") == "\u{2212}3,2")
        #expect(SwedishFormat.change(0.01, decimals: 0, unit: "") == "±0")
        #expect(SwedishFormat.plain(-1_234.567, decimals: 2) == "-1234.57")
        #expect(SwedishFormat.plain(-0.001, decimals: 2) == "0.00")
    }

    @Test(
        "A value too large to print exactly prints as not computable, never as 0",
        arguments: [9.0e16, -9.0e16, 1.0e300, Double.infinity, Double.nan])
    func tooLarge(number: Double) {
        #expect(SwedishFormat.value(number, decimals: 2, unit: "kr") == "-")
        #expect(SwedishFormat.number(number, decimals: 2) == "-")
        #expect(SwedishFormat.change(number, decimals: 2, unit: "kr") == "-")
        #expect(SwedishFormat.plain(number, decimals: 2) == "")
        #expect(SwedishFormat.value(8.9e16, decimals: 2, unit: "kr").hasPrefix("89\u{00A0}"))
    }
}

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
