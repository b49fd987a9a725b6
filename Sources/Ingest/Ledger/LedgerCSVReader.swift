import Domain

/// Reads a ledger export as CSV into monthly cost and revenue facts per unit.
///
/// Each row has a date (or period), a unit code (ansvar), an account and an amount (decimal comma or
/// point, thousands spaces, `−`). `LedgerBook` maps the row; see there for the control totals.
package struct LedgerCSVReader {
    let definition: SourceDefinition
    let units: UnitIndex
    let mapping: LedgerMapping

    package init(definition: SourceDefinition, units: UnitIndex, mapping: LedgerMapping) {
        self.definition = definition
        self.units = units
        self.mapping = mapping
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        var csv = try CSVSource(
            path: path, displayPath: displayPath, definition: definition, wanted: definition.columns)
        var result = ReadResult()
        result.encoding = csv.reader.encoding
        var book = LedgerBook(units: units, mapping: mapping, unitKey: definition.unitKey)
        while true {
            do {
                guard try csv.reader.next() else { break }
            } catch {
                throw FileRejection(
                    Finding(
                        SourceLocation(file: displayPath, line: csv.reader.line + 1), rule: "unreadable",
                        message: "\(error)"))
            }
            result.rowsRead += 1
            if let finding = csv.fieldCountFinding() {
                result.rejects.append(finding)
                book.unparsable += 1
                continue
            }
            guard let amount = csv.decimal("amount"), amount.raw % 100 == 0 else {
                let text = csv.string("amount") ?? ""
                let expected = csv.decimal("amount") == nil ? "a decimal number" : "at most two decimals"
                result.rejects.append(
                    csv.reject("amount", rule: "amount-format", "expected \(expected), found '\(text)'"))
                book.unparsable += 1
                continue
            }
            let month: Month
            switch csv.month(monthColumn: "period", dateColumn: "date") {
            case .success(let value): month = value
            case .failure(let finding):
                result.rejects.append(finding)
                book.reject(amount: amount)
                continue
            }
            let account = csv.string("account") ?? ""
            guard !account.isEmpty, account.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                result.rejects.append(
                    csv.reject("account", rule: "account-format", "expected account digits, found '\(account)'"))
                book.reject(amount: amount)
                continue
            }
            let code = csv.string("unit") ?? ""
            if case .notValid(let enhet) = book.post(code: code, account: account, month: month, amount: amount) {
                result.rejects.append(csv.notValid(enhet, month: month))
            }
        }
        book.finish(into: &result)
        return result
    }
}
