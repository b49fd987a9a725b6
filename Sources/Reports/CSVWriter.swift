/// Writes CSV for open data: RFC 4180 quoting, and cells a spreadsheet would run as a formula neutralised.
package struct CSVWriter {
    package let delimiter: Character
    /// Whether a code of digits only is written as the text formula `="0180"`, so that Excel, opening the file
    /// with a double click, keeps it as the text `0180` instead of the number 180. The default is `false`.
    package let codesAsText: Bool
    private(set) var text = ""

    package init(delimiter: Character = ",", byteOrderMark: Bool = false, codesAsText: Bool = false) {
        self.delimiter = delimiter
        self.codesAsText = codesAsText
        if byteOrderMark { text = "\u{FEFF}" }
    }

    /// Appends one row; `\r\n` ends it as RFC 4180 says.
    package mutating func row(_ cells: [Cell]) {
        text += cells.map(encode).joined(separator: String(delimiter)) + "\r\n"
    }

    package var output: String { text }

    /// A cell: text is neutralised and quoted as needed; numbers are written as they are.
    package enum Cell {
        case text(String)
        case number(String)
        /// A code that must stay text (kommunkod, an id, a year): like `text`, except that with `codesAsText` a
        /// code of ASCII digits only is written as `="0180"`. That is the only formula the writer ever writes,
        /// and it is built by the writer from digits alone: text from the input is never put in a formula.
        case code(String)
    }

    func encode(_ cell: Cell) -> String {
        switch cell {
        case .number(let value):
            return value
        case .code(let value):
            guard codesAsText, !value.isEmpty, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                return encode(.text(value))
            }
            // `="0180"` quoted as RFC 4180 asks: every reader gets the cell `="0180"`, Excel the text 0180.
            return "\"=\"\"" + value + "\"\"\""
        case .text(var value):
            // A leading = + - @ (or tab/CR) would make Excel or LibreOffice evaluate the cell.
            // A lone '-' (the symbol for a missing value) is no formula and stays as it is. The first Unicode
            // scalar is what a spreadsheet reads: `=` with a combining accent is one Character but still `=`.
            if value != "-", let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
                value = "'" + value
            }
            if value.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }
    }
}
