import Domain

/// Posts ledger amounts to unit facts: the one mapping shared by the CSV and SIE readers.
///
/// Every amount read ends in exactly one of four places, so the control totals reconcile to the öre:
/// `amount.read = amount.facts + amount.excluded + amount.unmapped + amount.rejected`.
struct LedgerBook {
    let units: UnitIndex
    let mapping: LedgerMapping
    let unitKey: SourceDefinition.UnitKey

    private(set) var facts = FactAccumulator()
    private(set) var unmapped = UnmappedAccumulator()
    private(set) var read = FixedDecimal.zero
    private(set) var posted = FixedDecimal.zero
    private(set) var excluded = FixedDecimal.zero
    private(set) var rejected = FixedDecimal.zero
    private(set) var budget = FixedDecimal.zero
    private(set) var budgetUnmapped = FixedDecimal.zero
    /// Rows whose amount could not be read at all.
    var unparsable = 0

    enum Outcome {
        case fact
        case excluded
        case unmapped
        /// The unit exists but does not deliver in the month: the caller rejects the row with this unit.
        case notValid(Enhet)
    }

    init(units: UnitIndex, mapping: LedgerMapping, unitKey: SourceDefinition.UnitKey) {
        self.units = units
        self.mapping = mapping
        self.unitKey = unitKey
    }

    /// Posts one transaction amount (ledger sign: debit positive).
    mutating func post(code: String, account: String, month: Month, amount: FixedDecimal) -> Outcome {
        read += amount
        guard let range = mapping.range(for: account) else {
            excluded += amount
            return .excluded
        }
        guard let enhet = units.enhet(for: code, key: unitKey) else {
            unmapped.add(code: code, month: month, measure: range.measure, amount: amount)
            return .unmapped
        }
        guard enhet.isValid(in: month) else {
            rejected += amount
            return .notValid(enhet)
        }
        posted += amount
        facts.add(
            FactAccumulator.Key(enhet: enhet.id, month: month, measure: range.measure, category: "", gender: nil),
            range.sign < 0 ? -amount : amount)
        return .fact
    }

    /// Counts the amount of a row rejected for another reason (bad date, bad account).
    mutating func reject(amount: FixedDecimal) {
        read += amount
        rejected += amount
    }

    /// Posts a budget amount as the fact `budget_<measure>` of the unit.
    mutating func postBudget(code: String, account: String, month: Month, amount: FixedDecimal) {
        guard let range = mapping.range(for: account) else { return }
        budget += amount
        guard let enhet = units.enhet(for: code, key: unitKey), enhet.isValid(in: month) else {
            budgetUnmapped += amount
            return
        }
        facts.add(
            FactAccumulator.Key(
                enhet: enhet.id, month: month, measure: LedgerMapping.budgetMeasure(range.measure), category: "",
                gender: nil),
            range.sign < 0 ? -amount : amount)
    }

    /// Writes facts, unmapped amounts and control totals into `result`.
    func finish(into result: inout ReadResult) {
        result.facts = facts.facts(withN: false)
        result.months = facts.months
        result.unmapped = unmapped.amounts
        result.controlTotals = [
            "amount.read": read, "amount.facts": posted, "amount.excluded": excluded, "amount.unmapped": unmapped.total,
            "amount.rejected": rejected, "rows.unparsable": FixedDecimal(unparsable),
        ]
        if budget != .zero || budgetUnmapped != .zero {
            result.controlTotals["budget.read"] = budget
            result.controlTotals["budget.unmapped"] = budgetUnmapped
        }
    }
}
