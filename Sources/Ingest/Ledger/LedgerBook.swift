import Domain

/// Posts ledger amounts to unit facts: the one mapping shared by the CSV and SIE readers.
///
/// A class, so the hot loop's closures call it without copying its state.
///
/// Every amount read ends in exactly one of five places, so the control totals reconcile to the öre:
/// `amount.read = amount.facts + amount.excluded + amount.unmapped + amount.ignored + amount.rejected`
/// (`amount.ignored`, the codes of `[ledger] ignore_units`, only where the file has any).
///
/// Built for ten million rows: unit codes and accounts arrive as raw bytes and are resolved through
/// caches keyed by the packed bytes, and sums are kept under integer keys; strings are made only once per
/// distinct code and for the final facts.
final class LedgerBook {
    let mapping: LedgerMapping
    private let enheter: [Enhet]
    private let units: UnitIndex
    private let unitKey: SourceDefinition.UnitKey
    /// How the export writes a unit code's non-ASCII bytes. A SIE reader learns it from the scan.
    var encoding: TextEncoding
    /// Unit id → index in `enheter`.
    private let unitNumber: [String: Int]
    /// Per unit index: its place among the units ordered by id, the order facts are listed in.
    private let unitRank: [Int]
    /// Per unit: the first and last month ordinal it delivers in.
    private let validity: [(first: Int, last: Int)]
    /// Distinct measures of the mapping, in first-appearance order; budget twins follow at `+ measures.count`.
    private let measures: [String]
    private let rangeMeasure: [Int]
    /// Per range of the mapping: -1 when its amounts change sign, else 1.
    private let rangeSign: [Int64]

    private let codeCache = IntegerTable()
    private var longCodeCache: [String: Int32] = [:]
    private let accountCache = IntegerTable()
    /// (unit, month ordinal, measure) → sum in ten-thousandths; budget twins at `measures.count + measure`.
    private let sums: UnitMonthSums
    private(set) var unmapped = UnmappedAccumulator()
    private(set) var read = FixedDecimal.zero
    private(set) var posted = FixedDecimal.zero
    private(set) var excluded = FixedDecimal.zero
    private(set) var rejected = FixedDecimal.zero
    private(set) var budget = FixedDecimal.zero
    private(set) var budgetUnmapped = FixedDecimal.zero
    /// Amounts on unit codes the config ignores (`[ledger] ignore_units`), and their rows.
    private(set) var ignored = FixedDecimal.zero
    private(set) var ignoredRows = 0
    private(set) var budgetIgnored = FixedDecimal.zero
    /// Rows whose amount could not be read at all.
    var unparsable = 0
    /// Every amount's magnitude, summed: the totals above are added with wrapping arithmetic behind it.
    private(set) var magnitude = AmountMagnitude()
    /// An amount was refused because the file's amounts passed the range: the reader refuses the file.
    private(set) var outOfRange = false

    /// Admits one amount to the book; `false` (and the book marked out of range) when the file's amounts
    /// pass what 64 bits hold.
    @inline(__always)
    private func admit(_ raw: Int64) -> Bool {
        if magnitude.admit(raw) { return true }
        outOfRange = true
        return false
    }

    enum Outcome {
        case fact
        case excluded
        case unmapped
        /// A unit code the config ignores.
        case ignored
        /// The row names no unit (an empty cell, no object in the unit dimension) on a mapped account: the
        /// caller rejects it; its amount is counted as rejected.
        case noUnit
        /// The unit exists but does not deliver in the month: the caller rejects the row with this unit
        /// (`enhet(at:)`). An index, not the unit: an outcome the size of an `Enhet` was copied on every row.
        case notValid(unit: Int)
    }

    init(
        units: UnitIndex, enheter: [Enhet], mapping: LedgerMapping, unitKey: SourceDefinition.UnitKey,
        encoding: TextEncoding = .utf8
    ) {
        self.mapping = mapping
        self.encoding = encoding
        self.enheter = enheter
        self.units = units
        self.unitKey = unitKey
        var unitNumber: [String: Int] = [:]
        for (index, enhet) in enheter.enumerated() where unitNumber[enhet.id] == nil { unitNumber[enhet.id] = index }
        self.unitNumber = unitNumber
        var unitRank = [Int](repeating: 0, count: enheter.count)
        for (rank, index) in enheter.indices.sorted(by: { enheter[$0].id < enheter[$1].id }).enumerated() {
            unitRank[index] = rank
        }
        self.unitRank = unitRank
        validity = enheter.map { enhet in
            (
                enhet.validFrom.map { $0.monthValue.ordinal } ?? Int.min,
                enhet.validTo.map { $0.monthValue.ordinal } ?? Int.max
            )
        }
        var measures: [String] = []
        var rangeMeasure: [Int] = []
        for range in mapping.accounts {
            if let index = measures.firstIndex(of: range.measure) {
                rangeMeasure.append(index)
            } else {
                rangeMeasure.append(measures.count)
                measures.append(range.measure)
            }
        }
        self.measures = measures
        self.rangeMeasure = rangeMeasure
        sums = UnitMonthSums(units: enheter.count, measures: 2 * measures.count)
        rangeSign = mapping.accounts.map { $0.sign < 0 ? -1 : 1 }
    }

    /// The unit at `index` of the register.
    func enhet(at index: Int) -> Enhet { enheter[index] }

    /// Whether the bytes are a non-empty string of ASCII digits.
    static func isAccount(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Up to seven bytes and their count packed into one integer; `nil` for longer input.
    @inline(__always)
    static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count <= 7 else { return nil }
        var key = UInt64(bytes.count)
        for b in bytes { key = key << 8 | UInt64(b) }
        return key
    }

    /// `unitIndex(_:)` of a code the config ignores.
    static let ignoredUnit = -2

    /// The index of the unit a code belongs to, `ignoredUnit` for a code the config ignores, or -1.
    @inline(__always)
    func unitIndex(_ code: UnsafeBufferPointer<UInt8>) -> Int {
        if let key = Self.packed(code) {
            if let hit = codeCache.value(key) { return Int(hit) }
            let index = lookup(encoding.decode(code))
            codeCache.set(key, Int64(index))
            return index
        }
        let text = encoding.decode(code)
        if let hit = longCodeCache[text] { return Int(hit) }
        let index = lookup(text)
        longCodeCache[text] = Int32(index)
        return index
    }

    private func lookup(_ code: String) -> Int {
        guard let enhet = units.enhet(for: code, key: unitKey) else {
            return mapping.ignores(code) ? Self.ignoredUnit : -1
        }
        return unitNumber[enhet.id] ?? -1
    }

    /// The index of the account's range in the mapping, or -1 when the account is left out. `account`
    /// must be digits.
    @inline(__always)
    func rangeIndex(_ account: UnsafeBufferPointer<UInt8>) -> Int {
        var key: UInt64 = UInt64(account.count)
        if account.count <= 15 {
            for b in account { key = key &* 10 &+ UInt64(b &- 0x30) }
            key = key << 4 | UInt64(account.count)
            if let hit = accountCache.value(key) { return Int(hit) }
        }
        let text = String(decoding: account, as: UTF8.self)
        let index = mapping.accounts.firstIndex { $0.contains(text) } ?? -1
        if account.count <= 15 { accountCache.set(key, Int64(index)) }
        return index
    }

    /// Posts one transaction amount (ledger sign: debit positive). `account` must be digits.
    func post(
        code: UnsafeBufferPointer<UInt8>, account: UnsafeBufferPointer<UInt8>, month: Month, amount: FixedDecimal
    ) -> Outcome {
        let range = rangeIndex(account)
        guard range >= 0 else {
            postExcluded(raw: amount.raw)
            return .excluded
        }
        let code = code.trimmingSpaces
        guard !code.isEmpty else {
            reject(amount: amount)
            return .noUnit
        }
        let unit = unitIndex(code)
        if unit == Self.ignoredUnit {
            guard admit(amount.raw) else { return .ignored }
            read.raw &+= amount.raw
            ignored.raw &+= amount.raw
            ignoredRows += 1
            return .ignored
        }
        guard unit >= 0 else {
            guard admit(amount.raw) else { return .unmapped }
            read.raw &+= amount.raw
            unmapped.add(
                code: encoding.decode(code), month: month, measure: mapping.accounts[range].measure, amount: amount)
            return .unmapped
        }
        let ordinal = month.ordinal
        guard delivers(unit: unit, ordinal: ordinal) else {
            reject(amount: amount)
            return .notValid(unit: unit)
        }
        postFact(unit: unit, range: range, ordinal: ordinal, raw: amount.raw)
        return .fact
    }

    /// The line scanner's posting of a row known to have an account of digits and a plain amount: an
    /// account left out, or a fact of a unit that delivers in the month. `false`, with nothing counted, for
    /// any other row (an unknown or padded unit code, a unit outside its validity): `post` takes it then.
    @inline(__always)
    func postPlain(code: UnsafeBufferPointer<UInt8>, account: UnsafeBufferPointer<UInt8>, ordinal: Int, raw: Int64)
        -> Bool
    {
        let range = rangeIndex(account)
        if range < 0 {
            postExcluded(raw: raw)
            return true
        }
        guard let first = code.first, let last = code.last, first != 0x20, first != 0x09, last != 0x20, last != 0x09
        else { return false }
        let unit = unitIndex(code)
        guard unit >= 0, delivers(unit: unit, ordinal: ordinal) else { return false }
        postFact(unit: unit, range: range, ordinal: ordinal, raw: raw)
        return true
    }

    /// Whether `unit` delivers in the month.
    @inline(__always)
    private func delivers(unit: Int, ordinal: Int) -> Bool {
        ordinal >= validity[unit].first && ordinal <= validity[unit].last
    }

    /// An amount on an account left out of unit results.
    @inline(__always)
    private func postExcluded(raw: Int64) {
        guard admit(raw) else { return }
        read.raw &+= raw
        excluded.raw &+= raw
    }

    /// An amount of a unit that delivers in the month, on a mapped account.
    @inline(__always)
    private func postFact(unit: Int, range: Int, ordinal: Int, raw: Int64) {
        guard admit(raw) else { return }
        read.raw &+= raw
        posted.raw &+= raw
        sums.add(unit: unit, month: ordinal, measure: rangeMeasure[range], rangeSign[range] &* raw)
    }

    /// Counts the amount of a row rejected for another reason (bad date, bad account).
    func reject(amount: FixedDecimal) {
        guard admit(amount.raw) else { return }
        read.raw &+= amount.raw
        rejected.raw &+= amount.raw
    }

    /// Posts a budget amount as the fact `budget_<measure>` of the unit.
    func postBudget(
        code: UnsafeBufferPointer<UInt8>, account: UnsafeBufferPointer<UInt8>, month: Month, amount: FixedDecimal
    ) {
        guard Self.isAccount(account) else { return }
        let range = rangeIndex(account)
        guard range >= 0, admit(amount.raw) else { return }
        budget.raw &+= amount.raw
        let unit = unitIndex(code.trimmingSpaces)
        if unit == Self.ignoredUnit {
            budgetIgnored.raw &+= amount.raw
            return
        }
        guard unit >= 0, delivers(unit: unit, ordinal: month.ordinal) else {
            budgetUnmapped.raw &+= amount.raw
            return
        }
        sums.add(
            unit: unit, month: month.ordinal, measure: measures.count + rangeMeasure[range],
            rangeSign[range] &* amount.raw)
    }

    /// Adds everything `other` posted: the book of another part of the same file.
    func merge(_ other: LedgerBook) {
        guard !other.outOfRange, magnitude.admit(other.magnitude) else {
            outOfRange = true
            return
        }
        other.sums.forEach { unit, month, measure, raw in sums.add(unit: unit, month: month, measure: measure, raw) }
        unmapped.merge(other.unmapped)
        read.raw &+= other.read.raw
        posted.raw &+= other.posted.raw
        excluded.raw &+= other.excluded.raw
        rejected.raw &+= other.rejected.raw
        budget.raw &+= other.budget.raw
        budgetUnmapped.raw &+= other.budgetUnmapped.raw
        ignored.raw &+= other.ignored.raw
        ignoredRows += other.ignoredRows
        budgetIgnored.raw &+= other.budgetIgnored.raw
        unparsable += other.unparsable
    }

    /// Writes facts, unmapped amounts and control totals into `result`.
    func finish(into result: inout ReadResult) {
        // Measure names (the budget twins after the rest) and their places in name order.
        let names = measures + measures.map(LedgerMapping.budgetMeasure)
        var measureRank = [Int](repeating: 0, count: names.count)
        for (rank, index) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() {
            measureRank[index] = rank
        }
        // Ordered by unit id, month and measure name through one integer key per sum, not by comparing strings.
        var entries: [(order: UInt64, unit: Int, month: Int, measure: Int, raw: Int64)] = []
        entries.reserveCapacity(sums.count)
        var months: Set<Int> = []
        sums.forEach { unit, ordinal, measure, raw in
            months.insert(ordinal)
            let order = UInt64(unitRank[unit]) << 44 | UInt64(ordinal) << 12 | UInt64(measureRank[measure])
            entries.append((order, unit, ordinal, measure, raw))
        }
        entries.sort { $0.order < $1.order }
        result.facts = entries.map { entry in
            Fact(
                enhet: enheter[entry.unit].id, month: Month(ordinal: entry.month), measure: names[entry.measure],
                value: FixedDecimal(raw: entry.raw))
        }
        result.months = months.sorted().map(Month.init(ordinal:))
        result.unmapped = unmapped.amounts
        result.controlTotals = [
            "amount.read": read, "amount.facts": posted, "amount.excluded": excluded, "amount.unmapped": unmapped.total,
            "amount.rejected": rejected, "rows.unparsable": FixedDecimal(unparsable),
        ]
        if ignoredRows > 0 {
            result.controlTotals["amount.ignored"] = ignored
            result.controlTotals["rows.ignored"] = FixedDecimal(ignoredRows)
        }
        if budget != .zero || budgetUnmapped != .zero {
            result.controlTotals["budget.read"] = budget
            result.controlTotals["budget.unmapped"] = budgetUnmapped
        }
        if budgetIgnored != .zero { result.controlTotals["budget.ignored"] = budgetIgnored }
    }
}
