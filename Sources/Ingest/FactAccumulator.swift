import Domain

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
        throw FileRejection(Finding(SourceLocation(file: file), .valueOverflow))
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
