/// Writes CSV for open data: RFC 4180 quoting, and cells a spreadsheet would run as a formula neutralised.
package struct CSVWriter {
    package let delimiter: Character
    private(set) var text = ""

    package init(delimiter: Character = ",", byteOrderMark: Bool = false) {
        self.delimiter = delimiter
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
    }

    func encode(_ cell: Cell) -> String {
        switch cell {
        case .number(let value):
            return value
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
