import Domain

/// Reads a ledger export as CSV into monthly cost and revenue facts per unit.
///
/// Each row has a date (or period), a unit code (ansvar), an account and an amount (decimal comma or
/// point, thousands spaces, `−`). The account's range in the ledger mapping decides the measure and sign;
/// accounts outside every range (class 8, the balance sheet) are excluded from unit results but counted in
/// the control totals, so `amount.read = amount.facts + amount.excluded + amount.rejected` to the öre.
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
        var accumulator = FactAccumulator()
        var read = FixedDecimal.zero
        var facts = FixedDecimal.zero
        var excluded = FixedDecimal.zero
        var rejected = FixedDecimal.zero
        var unparsable = 0
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
                unparsable += 1
                continue
            }
            guard let amount = csv.decimal("amount") else {
                let text = csv.string("amount") ?? ""
                result.rejects.append(
                    csv.reject("amount", rule: "amount-format", "expected a decimal number, found '\(text)'"))
                unparsable += 1
                continue
            }
            if amount.raw % 100 != 0 {
                result.rejects.append(
                    csv.reject(
                        "amount", rule: "amount-format",
                        "expected at most two decimals, found '\(csv.string("amount") ?? "")'"))
                unparsable += 1
                continue
            }
            read += amount
            let month: Month
            switch csv.month(monthColumn: "period", dateColumn: "date") {
            case .success(let value): month = value
            case .failure(let finding):
                result.rejects.append(finding)
                rejected += amount
                continue
            }
            let account = csv.string("account") ?? ""
            guard !account.isEmpty, account.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                result.rejects.append(
                    csv.reject("account", rule: "account-format", "expected account digits, found '\(account)'"))
                rejected += amount
                continue
            }
            guard let range = mapping.range(for: account) else {
                excluded += amount
                continue
            }
            let code = csv.string("unit") ?? ""
            let enhet: Enhet
            switch csv.enhet(code: code, month: month, units: units, key: definition.unitKey) {
            case .success(let value): enhet = value
            case .failure(let finding):
                result.rejects.append(finding)
                rejected += amount
                continue
            }
            facts += amount
            let key = FactAccumulator.Key(
                enhet: enhet.id, month: month, measure: range.measure, category: "", gender: nil)
            accumulator.add(key, range.sign < 0 ? -amount : amount)
        }
        result.facts = accumulator.facts(withN: false)
        result.months = accumulator.months
        result.controlTotals = [
            "amount.read": read, "amount.facts": facts, "amount.excluded": excluded, "amount.rejected": rejected,
            "rows.unparsable": FixedDecimal(unparsable),
        ]
        return result
    }
}
