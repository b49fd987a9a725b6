import Domain

/// What a reader made of one file: monthly facts, the rows it could not use, and control totals.
package struct ReadResult: Sendable {
    /// Facts aggregated to unit × month × measure × category × gender.
    package var facts: [Fact] = []
    /// The rejected rows: every one counted per rule, the first few per rule kept with their findings.
    package var rejects: RejectedRows
    /// Data rows read (the header not counted).
    package var rowsRead = 0
    package var rowsAccepted: Int { rowsRead - rejects.total }
    /// The months the file's accepted rows cover, ascending.
    package var months: [Month] = []
    /// Named sums that prove the load: e.g. for a ledger `amount.read` = `amount.facts` + `amount.excluded` +
    /// `amount.rejected`.
    package var controlTotals: [String: FixedDecimal] = [:]
    /// Ledger amounts whose unit code is not in the register, per code, month and measure: kept, not dropped,
    /// so the analyst can fix the register.
    package var unmapped: [UnmappedAmount] = []
    package var encoding: TextEncoding = .utf8

    /// An empty result that keeps `keepingRejects` rejected rows per rule (`[limits] rejected_rows_kept`).
    package init(keepingRejects: Int = IngestLimits.standard.rejectedRowsKept) {
        rejects = RejectedRows(keepPerRule: keepingRejects)
    }
}

/// The rejected rows of one file: an exact count per rule, and the findings of the first `keepPerRule` rows
/// of each rule in the order they were added.
///
/// A hostile file can hold millions of bad rows; their findings are not worth their memory (nor the
/// warehouse's space, nor the data-quality page's time), their number is. As a collection it is the kept
/// findings; `total` and `countByRule` count them all.
package struct RejectedRows: RandomAccessCollection, Equatable, Sendable {
    /// How many findings are kept per rule.
    package let keepPerRule: Int
    /// The kept findings.
    package private(set) var kept: [Finding] = []
    /// Every rejected row, per rule.
    package private(set) var countByRule: [String: Int] = [:]
    /// Every rejected row.
    package private(set) var total = 0
    private var keptByRule: [String: Int] = [:]

    package init(keepPerRule: Int = IngestLimits.standard.rejectedRowsKept) { self.keepPerRule = keepPerRule }

    package var startIndex: Int { kept.startIndex }
    package var endIndex: Int { kept.endIndex }
    package subscript(position: Int) -> Finding { kept[position] }

    /// Counts one rejected row and keeps its finding while its rule has room.
    package mutating func append(_ finding: Finding) {
        total += 1
        countByRule[finding.rule, default: 0] += 1
        keep(finding)
    }

    private mutating func keep(_ finding: Finding) {
        let keptSoFar = keptByRule[finding.rule, default: 0]
        guard keptSoFar < keepPerRule else { return }
        keptByRule[finding.rule] = keptSoFar + 1
        kept.append(finding)
    }

    /// Adds the rows `other` counted, its kept findings moved `lines` lines down (a part read from the middle
    /// of a file).
    package mutating func append(contentsOf other: RejectedRows, movedDown lines: Int = 0) {
        total += other.total
        for (rule, count) in other.countByRule { countByRule[rule, default: 0] += count }
        for finding in other.kept { keep(lines == 0 ? finding : finding.movedDown(lines)) }
    }

    /// Orders the kept findings by line (stable for equal lines).
    package mutating func sortByLine() {
        kept = kept.enumerated().sorted {
            (($0.element.location.line ?? 0), $0.offset) < (($1.element.location.line ?? 0), $1.offset)
        }.map(\.element)
    }

    /// Equal counts and equal kept findings.
    package static func == (lhs: RejectedRows, rhs: RejectedRows) -> Bool {
        lhs.total == rhs.total && lhs.countByRule == rhs.countByRule && lhs.kept == rhs.kept
    }
}

extension Dictionary where Key == String, Value == FixedDecimal {
    /// Adds `value` to the total under `key`; `false`, leaving the total as it was, when the sum would pass
    /// the range of `FixedDecimal`.
    @discardableResult
    mutating func add(_ value: FixedDecimal, to key: String) -> Bool {
        let (sum, overflow) = self[key, default: .zero].addingReportingOverflow(value)
        if !overflow { self[key] = sum }
        return !overflow
    }
}

/// Ledger amounts booked on a unit code the register does not know.
package struct UnmappedAmount: Sendable, Hashable {
    /// The code as the ledger wrote it; empty when the row had no object in the unit dimension.
    package let code: String
    package let month: Month
    package let measure: String
    /// The sum in the ledger's sign (debit positive).
    package let amount: FixedDecimal
    package let rows: Int
}

/// Sums unmapped ledger amounts per code, month and measure.
struct UnmappedAccumulator {
    private var sums: [String: [Month: [String: (FixedDecimal, Int)]]] = [:]
    private(set) var total = FixedDecimal.zero

    mutating func add(code: String, month: Month, measure: String, amount: FixedDecimal, rows: Int = 1) {
        sums[code, default: [:]][month, default: [:]][measure, default: (.zero, 0)].0 += amount
        sums[code, default: [:]][month, default: [:]][measure, default: (.zero, 0)].1 += rows
        total += amount
    }

    /// Adds everything `other` collected.
    mutating func merge(_ other: UnmappedAccumulator) {
        for amount in other.amounts {
            add(
                code: amount.code, month: amount.month, measure: amount.measure, amount: amount.amount,
                rows: amount.rows)
        }
    }

    var amounts: [UnmappedAmount] {
        sums.keys.sorted().flatMap { code in
            (sums[code] ?? [:]).keys.sorted().flatMap { month in
                (sums[code]?[month] ?? [:]).sorted { $0.key < $1.key }.map {
                    UnmappedAmount(code: code, month: month, measure: $0.key, amount: $0.value.0, rows: $0.value.1)
                }
            }
        }
    }
}

/// A file that cannot be loaded at all (unreadable, not the expected columns, failed checks): the whole file
/// is rejected with every reason found.
package struct FileRejection: Error, Sendable, CustomStringConvertible {
    package let findings: [Finding]

    package init(_ finding: Finding) { self.findings = [finding] }

    package init(_ findings: [Finding]) { self.findings = findings }

    /// The first reason.
    package var finding: Finding { findings[0] }

    package var description: String { findings.map(\.description).joined(separator: "\n") }
}

/// Adds values per fact key while a reader streams.
///
/// Unit ids, measures and categories are interned as small integers, so an addition hashes five integers
/// instead of three strings; readers with millions of additions intern once and add by `Slot`.
struct FactAccumulator {
    struct Key: Hashable {
        let enhet: String
        let month: Month
        let measure: String
        let category: String
        let gender: Gender?
    }

    /// A fact key by interned numbers; `gender` 0 is the total, 1 women, 2 men (the order of their codes).
    struct Slot: Hashable {
        var enhet: Int32
        var month: Int32
        var measure: Int32
        var category: Int32
        var gender: Int8 = 0
    }

    /// Strings numbered in the order first seen.
    struct Interner {
        private var numbers: [String: Int32] = [:]
        private(set) var strings: [String] = []

        mutating func number(_ text: String) -> Int32 {
            if let found = numbers[text] { return found }
            let number = Int32(strings.count)
            numbers[text] = number
            strings.append(text)
            return number
        }

        /// The strings sorted by their UTF-8 bytes, and each number's position among them.
        var order: (strings: [String], ranks: [Int]) {
            var ranks = [Int](repeating: 0, count: strings.count)
            let sorted = strings.indices.sorted { strings[$0].utf8.lexicographicallyPrecedes(strings[$1].utf8) }
            for (rank, index) in sorted.enumerated() { ranks[index] = rank }
            return (sorted.map { strings[$0] }, ranks)
        }
    }

    private var sums: [Slot: Int64] = [:]
    /// An addition passed the range of `FixedDecimal`: that sum was left as it was, and the file must be
    /// refused (`checkRange(file:)`), since a fact without one of its rows would be wrong.
    private(set) var overflowed = false
    private var enhets = Interner()
    private var measures = Interner()
    private var categories = Interner()

    mutating func enhet(_ id: String) -> Int32 { enhets.number(id) }
    mutating func measure(_ id: String) -> Int32 { measures.number(id) }
    mutating func category(_ text: String) -> Int32 { categories.number(text) }

    static func genderNumber(_ gender: Gender?) -> Int8 {
        switch gender {
        case nil: 0
        case .kvinnor: 1
        case .man: 2
        }
    }

    mutating func add(_ key: Key, _ value: FixedDecimal) {
        add(
            Slot(
                enhet: enhet(key.enhet), month: Int32(key.month.ordinal), measure: measure(key.measure),
                category: category(key.category), gender: Self.genderNumber(key.gender)), value.raw)
    }

    @inline(__always)
    mutating func add(_ slot: Slot, _ raw: Int64) {
        var overflow = false
        Self.add(raw, to: &sums[slot, default: 0], overflow: &overflow)
        if overflow { overflowed = true }
    }

    @inline(__always)
    private static func add(_ raw: Int64, to sum: inout Int64, overflow: inout Bool) {
        let (partial, overflowed) = sum.addingReportingOverflow(raw)
        if overflowed { overflow = true } else { sum = partial }
    }

    /// Records that a sum outside the accumulator (a control total) overflowed.
    mutating func markOverflow() { overflowed = true }

    /// Refuses the file when any of its sums passed the range of `FixedDecimal`.
    ///
    /// - Throws: `FileRejection` with `[value-overflow]`.
    func checkRange(file: String) throws(FileRejection) {
        guard overflowed else { return }
        throw FileRejection(
            Finding(
                SourceLocation(file: file), rule: "value-overflow",
                message:
                    "the file's values sum past ±922 337 203 685 477 (for one unit and month, or in all): not loaded; check the values"
            ))
    }

    /// Adds a sum about people to the total (no gender) and, where the gender is known, to that gender's
    /// split: the one rule by which the HR readers write totals and splits.
    mutating func addTotalAndSplit(
        enhet: String, month: Month, measure: String, category: String, gender: Gender?, _ value: FixedDecimal
    ) {
        addTotalAndSplit(
            Slot(
                enhet: self.enhet(enhet), month: Int32(month.ordinal), measure: self.measure(measure),
                category: self.category(category)), gender: gender, value.raw)
    }

    /// The same rule by interned numbers (`slot.gender` is ignored).
    @inline(__always)
    mutating func addTotalAndSplit(_ slot: Slot, gender: Gender?, _ raw: Int64) {
        var slot = slot
        slot.gender = 0
        add(slot, raw)
        if gender != nil {
            slot.gender = Self.genderNumber(gender)
            add(slot, raw)
        }
    }

    /// Hands the facts and their months to `result` and empties the accumulator, whose memory goes back
    /// before the list of facts is made (a year of payroll in one file is a million facts).
    ///
    /// The facts are sorted so the same file always yields the same order: by unit, month, measure, category
    /// and gender, each string by its UTF-8 bytes (compared once per distinct string, not once per fact).
    mutating func finish(into result: inout ReadResult) {
        result.months = months
        let enhetOrder = enhets.order
        let measureOrder = measures.order
        let categoryOrder = categories.order
        let genders: [Gender?] = [nil, .kvinnor, .man]
        // One integer per fact orders it and names its strings: unit rank (16 bits), month (17 bits: years to
        // 10,922), measure rank (10), category rank (16), gender (2) — whenever they fit, which is short of a
        // file with 65,536 units or categories always.
        let fits =
            enhetOrder.strings.count <= 1 << 16 && measureOrder.strings.count <= 1 << 10
            && categoryOrder.strings.count <= 1 << 16 && sums.keys.allSatisfy { (0..<(1 << 17)).contains($0.month) }
        if fits {
            var keyed: [(order: UInt64, raw: Int64)] = []
            keyed.reserveCapacity(sums.count)
            for (slot, raw) in sums {
                let order =
                    UInt64(enhetOrder.ranks[Int(slot.enhet)]) << 45 | UInt64(slot.month) << 28
                    | UInt64(measureOrder.ranks[Int(slot.measure)]) << 18
                    | UInt64(categoryOrder.ranks[Int(slot.category)]) << 2 | UInt64(slot.gender)
                keyed.append((order, raw))
            }
            sums = [:]
            keyed.sort { $0.order < $1.order }
            result.facts = keyed.map { order, raw in
                Fact(
                    enhet: enhetOrder.strings[Int(order >> 45)], month: Month(ordinal: Int(order >> 28 & 0x1FFFF)),
                    measure: measureOrder.strings[Int(order >> 18 & 0x3FF)],
                    category: categoryOrder.strings[Int(order >> 2 & 0xFFFF)], gender: genders[Int(order & 3)],
                    value: FixedDecimal(raw: raw), n: nil)
            }
        } else {
            func order(_ slot: Slot) -> (Int, Int32, Int, Int, Int8) {
                (
                    enhetOrder.ranks[Int(slot.enhet)], slot.month, measureOrder.ranks[Int(slot.measure)],
                    categoryOrder.ranks[Int(slot.category)], slot.gender
                )
            }
            result.facts = sums.sorted { order($0.key) < order($1.key) }.map { slot, raw in
                Fact(
                    enhet: enhets.strings[Int(slot.enhet)], month: Month(ordinal: Int(slot.month)),
                    measure: measures.strings[Int(slot.measure)], category: categories.strings[Int(slot.category)],
                    gender: genders[Int(slot.gender)], value: FixedDecimal(raw: raw), n: nil)
            }
            sums = [:]
        }
    }

    var months: [Month] { Set(sums.keys.map(\.month)).sorted().map { Month(ordinal: Int($0)) } }
}
