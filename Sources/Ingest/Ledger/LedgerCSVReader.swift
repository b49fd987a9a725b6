import Domain

/// Reads a ledger export as CSV into monthly cost and revenue facts per unit.
///
/// Each row has a date (or period), a unit code (ansvar), an account and an amount (decimal comma or
/// point, thousands spaces, `−`). `LedgerBook` maps the row; see there for the control totals.
package struct LedgerCSVReader {
    let definition: SourceDefinition
    let units: UnitIndex
    let enheter: [Enhet]
    let mapping: LedgerMapping

    package init(definition: SourceDefinition, units: UnitIndex, enheter: [Enhet], mapping: LedgerMapping) {
        self.definition = definition
        self.units = units
        self.enheter = enheter
        self.mapping = mapping
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        var csv = try CSVSource(
            path: path, displayPath: displayPath, definition: definition, wanted: definition.columns)
        var result = ReadResult()
        result.encoding = csv.reader.encoding
        var book = LedgerBook(units: units, enheter: enheter, mapping: mapping, unitKey: definition.unitKey)
        let amountColumn = csv.columns["amount"] ?? 0
        let accountColumn = csv.columns["account"] ?? 0
        let unitColumn = csv.columns["unit"] ?? 0
        let dateColumn = csv.columns["date"]
        let periodColumn = dateColumn == nil ? csv.columns["period"] : nil
        let fieldCount = csv.header.count
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
            // The hot path: every field from the raw record, no strings. Anything unusual falls through to the
            // slower path below, which names the problem.
            let fast: LedgerBook.Outcome? = csv.reader.withRawFields { base, starts, ends in
                guard starts.count == fieldCount else { return nil }
                func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(start: base + starts[index], count: ends[index] - starts[index])
                }
                var month: Month?
                if let dateColumn {
                    month = Day(bytes: LedgerBook.trimmed(field(dateColumn)))?.monthValue
                } else if let periodColumn {
                    month = Month(bytes: LedgerBook.trimmed(field(periodColumn)))
                }
                let account = LedgerBook.trimmed(field(accountColumn))
                guard let month, let amount = DecimalParser.parse(field(amountColumn)), amount.raw % 100 == 0,
                    LedgerBook.isAccount(account)
                else { return nil }
                return book.post(code: field(unitColumn), account: account, month: month, amount: amount)
            }
            switch fast {
            case .fact, .excluded, .unmapped: continue
            case .notValid(let enhet):
                result.rejects.append(
                    csv.notValid(
                        enhet,
                        month: csv.monthFromBytes(monthColumn: "period", dateColumn: "date").value ?? Month(ordinal: 0))
                )
                continue
            case nil: break
            }
            if let finding = csv.fieldCountFinding() {
                result.rejects.append(finding)
                book.unparsable += 1
                continue
            }
            guard let amount = csv.reader.withField(amountColumn, { DecimalParser.parse($0) }), amount.raw % 100 == 0
            else {
                let text = csv.string("amount") ?? ""
                let expected = csv.decimal("amount") == nil ? "a decimal number" : "at most two decimals"
                result.rejects.append(
                    csv.reject("amount", rule: "amount-format", "expected \(expected), found '\(text)'"))
                book.unparsable += 1
                continue
            }
            switch csv.monthFromBytes(monthColumn: "period", dateColumn: "date") {
            case .success:
                let account = csv.string("account") ?? ""
                result.rejects.append(
                    csv.reject("account", rule: "account-format", "expected account digits, found '\(account)'"))
            case .failure(let finding):
                result.rejects.append(finding)
            }
            book.reject(amount: amount)
        }
        book.finish(into: &result)
        return result
    }
}
