import Domain

/// Reads a SIE 4 ledger export into monthly facts per unit, with `#PBUDGET` as budget facts.
///
/// The unit is the object of the config's unit dimension (`ledger.unit_dimension`, default 1) in each
/// `#TRANS` object list. A file with an unbalanced voucher or a wrong `#KSUMMA` is not loaded at all: every
/// such problem is reported. Rows with an unreadable amount or date are rejected; the rest loads.
package struct LedgerSIEReader {
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
        let book = LedgerBook(units: units, enheter: enheter, mapping: mapping, unitKey: definition.unitKey)
        let dimension = Array(String(mapping.unitDimension).utf8)[...]
        var rejects: [Finding] = []
        let scan: SIEScan
        do {
            let source = try FileByteSource(path: path)
            scan = try SIEScanner(file: displayPath).scan(
                source,
                onTransaction: { entry in
                    let code =
                        entry.objectsField.flatMap { entry.record.object(in: $0, dimension: dimension) }
                        ?? UnsafeBufferPointer(start: nil, count: 0)
                    let outcome: LedgerBook.Outcome? =
                        LedgerBook.isAccount(entry.account)
                        ? book.post(code: code, account: entry.account, month: entry.month, amount: entry.amount) : nil
                    switch outcome {
                    case nil:
                        rejects.append(
                            Finding(
                                SourceLocation(file: displayPath, line: entry.line), rule: "account-format",
                                message:
                                    "#TRANS account: expected digits, found '\(String(decoding: entry.account, as: UTF8.self))'"
                            ))
                        book.reject(amount: entry.amount)
                    case .notValid(let enhet):
                        let to = enhet.validTo.map(\.description) ?? "…"
                        let from = enhet.validFrom.map(\.description) ?? "…"
                        rejects.append(
                            Finding(
                                SourceLocation(file: displayPath, line: entry.line), rule: "unit-not-valid",
                                message:
                                    "unit '\(enhet.id)' (object '\(String(decoding: code, as: UTF8.self))') is not valid in \(entry.month) (valid \(from) to \(to))"
                            ))
                    default:
                        break
                    }
                },
                onBudget: { entry in
                    let code =
                        entry.objectsField.flatMap { entry.record.object(in: $0, dimension: dimension) }
                        ?? UnsafeBufferPointer(start: nil, count: 0)
                    book.postBudget(code: code, account: entry.account, month: entry.month, amount: entry.amount)
                })
        } catch {
            throw FileRejection(Finding(SourceLocation(file: displayPath), rule: "unreadable", message: "\(error)"))
        }
        guard scan.checkFindings.isEmpty else { throw FileRejection(scan.checkFindings) }
        var result = ReadResult()
        result.encoding = scan.encoding
        result.rowsRead = scan.transactions + scan.budgetRows
        book.unparsable = scan.rowFindings.filter { $0.rule == "amount-format" }.count
        result.rejects = (scan.rowFindings + rejects).sorted { ($0.location.line ?? 0) < ($1.location.line ?? 0) }
        book.finish(into: &result)
        return result
    }
}
