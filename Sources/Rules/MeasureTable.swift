import Domain

/// Monthly facts indexed for aggregation: unit → measure → category → sums per month.
///
/// Built once per evaluation; every lookup then touches only the months of the period (at most twelve
/// dictionary reads per series), never the list of facts.
package struct MeasureTable: Sendable {
    /// The sums of one series per month ordinal, in ten-thousandths: the gender-less total as the source
    /// gave it, and the women's and men's parts.
    struct MonthSums: Sendable {
        var total: [Int: Int64] = [:]
        var women: [Int: Int64] = [:]
        var men: [Int: Int64] = [:]
        /// Months whose facts sum past the range of `FixedDecimal` (facts of several files, each in range):
        /// any period containing one is not computable.
        var overflowed: Set<Int> = []

        /// Adds `raw` to `sums[ordinal]`, or marks the month overflowed.
        static func add(_ raw: Int64, at ordinal: Int, to sums: inout [Int: Int64], overflowed: inout Set<Int>) {
            let (sum, overflow) = sums[ordinal, default: 0].addingReportingOverflow(raw)
            if overflow { overflowed.insert(ordinal) } else { sums[ordinal] = sum }
        }
    }

    /// How a mean counts the months of a period in which the unit is closed according to the register.
    package enum ClosedMonths: Sendable {
        /// Left out: the unit's own average over the months it is open, as its value is published.
        case leftOut
        /// Counted as zero: the unit's part of a group's average over the whole period.
        case asZero
    }

    /// The category key for "all categories summed".
    static let allCategories = "\u{0}all"

    private var sums: [String: [String: [String: MonthSums]]] = [:]
    /// Facts of `median` measures, each counting one observed value (`Fact.observed`).
    private var distributions: [String: [String: [Fact]]] = [:]
    private let measures: [String: Measure]

    package init(facts: [Fact], measures: [Measure]) {
        self.init(measures: measures)
        for fact in facts { add(fact) }
    }

    /// An empty table to `add` facts to one by one.
    package init(measures: [Measure]) {
        self.measures = Dictionary(measures.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Adds one monthly fact to its series.
    package mutating func add(_ fact: Fact) {
        if measures[fact.measure]?.aggregation == .median {
            distributions[fact.enhet, default: [:]][fact.measure, default: []].append(fact)
            return
        }
        let ordinal = fact.month.ordinal
        for category in [fact.category, Self.allCategories] {
            Self.add(
                fact, at: ordinal,
                to: &sums[fact.enhet, default: [:]][fact.measure, default: [:]][category, default: .init()])
        }
    }

    private static func add(_ fact: Fact, at ordinal: Int, to series: inout MonthSums) {
        switch fact.gender {
        case nil: MonthSums.add(fact.value.raw, at: ordinal, to: &series.total, overflowed: &series.overflowed)
        case .kvinnor?: MonthSums.add(fact.value.raw, at: ordinal, to: &series.women, overflowed: &series.overflowed)
        case .man?: MonthSums.add(fact.value.raw, at: ordinal, to: &series.men, overflowed: &series.overflowed)
        }
    }

    /// A measure aggregated over `months` for one unit by the measure's own rule.
    ///
    /// Categories are summed unless the reference names one or several (then those are summed). Without a gender in the reference, the
    /// gender-less total is used where the source gave one in the period, else K + M.
    ///
    /// A mean is the unit's average over the months of the period in which it has data: a preschool with 38
    /// children until it closes in June has 38 over the year, not 19. A month in which the unit is open but
    /// has no data is a gap and is left out of the average rather than counted as zero. With
    /// `closedMonths: .asZero` the months in which the unit is closed according to the register count as
    /// zero instead, which is the unit's part of a group's average over the whole period (an område total of
    /// the period's mean brukare, where a unit that closed in June adds half its stock). `last` takes the
    /// latest month with data.
    ///
    /// - Returns: `nil` when no month in the period has data, or when the period's sum passes the range of
    ///   `FixedDecimal` (the value is not computable; reports show `-`).
    package func value(
        of reference: MeasureReference, enhet: Enhet, months: [Month], closedMonths: ClosedMonths = .leftOut
    ) -> Rational? {
        let aggregation = measures[reference.measure]?.aggregation ?? .sum
        if aggregation == .median {
            return Self.median(of: observations(reference, enhet: enhet, months: Set(months)))
        }
        guard let series = series(of: reference, enhet: enhet) else { return nil }
        if !series.overflowed.isEmpty, months.contains(where: { series.overflowed.contains($0.ordinal) }) {
            return nil
        }
        var perMonth: [(ordinal: Int, raw: Int64)] = []
        perMonth.reserveCapacity(months.count)
        switch reference.gender {
        case .kvinnor?:
            for month in months { if let raw = series.women[month.ordinal] { perMonth.append((month.ordinal, raw)) } }
        case .man?:
            for month in months { if let raw = series.men[month.ordinal] { perMonth.append((month.ordinal, raw)) } }
        case nil:
            for month in months { if let raw = series.total[month.ordinal] { perMonth.append((month.ordinal, raw)) } }
            if perMonth.isEmpty {
                for month in months {
                    let women = series.women[month.ordinal]
                    let men = series.men[month.ordinal]
                    guard women != nil || men != nil else { continue }
                    let (both, overflow) = (women ?? 0).addingReportingOverflow(men ?? 0)
                    if overflow { return nil }
                    perMonth.append((month.ordinal, both))
                }
            }
        }
        guard !perMonth.isEmpty else { return nil }
        var raw: Int64 = 0
        for month in perMonth {
            let (partial, overflow) = raw.addingReportingOverflow(month.raw)
            if overflow { return nil }
            raw = partial
        }
        let sum = Rational(FixedDecimal(raw: raw))
        switch aggregation {
        case .sum, .median:
            return sum
        case .mean:
            guard closedMonths == .asZero else { return sum.divided(by: Rational(perMonth.count)) }
            let withData = Set(perMonth.map(\.ordinal))
            let closed = months.filter { !enhet.isValid(in: $0) && !withData.contains($0.ordinal) }.count
            return sum.divided(by: Rational(perMonth.count + closed))
        case .last:
            return perMonth.max { $0.ordinal < $1.ordinal }.map { Rational(FixedDecimal(raw: $0.raw)) }
        }
    }

    /// The monthly sums a reference reads: all categories, one, or several added month by month.
    private func series(of reference: MeasureReference, enhet: Enhet) -> MonthSums? {
        guard let byCategory = sums[enhet.id]?[reference.measure] else { return nil }
        guard reference.categories.count > 1 else {
            return byCategory[reference.categories.first ?? Self.allCategories]
        }
        let parts = reference.categories.compactMap { byCategory[$0] }
        guard !parts.isEmpty else { return nil }
        var merged = MonthSums()
        for part in parts {
            merged.overflowed.formUnion(part.overflowed)
            for (ordinal, raw) in part.total {
                MonthSums.add(raw, at: ordinal, to: &merged.total, overflowed: &merged.overflowed)
            }
            for (ordinal, raw) in part.women {
                MonthSums.add(raw, at: ordinal, to: &merged.women, overflowed: &merged.overflowed)
            }
            for (ordinal, raw) in part.men {
                MonthSums.add(raw, at: ordinal, to: &merged.men, overflowed: &merged.overflowed)
            }
        }
        return merged
    }

    /// The facts of a distribution (counts per observed value) for one unit over `months`: without a gender
    /// in the reference, the gender-less facts where there are any, else K and M.
    func observations(_ reference: MeasureReference, enhet: Enhet, months: Set<Month>) -> [Fact] {
        guard let facts = distributions[enhet.id]?[reference.measure] else { return [] }
        let relevant = facts.filter {
            months.contains($0.month) && (reference.categories.isEmpty || reference.categories.contains($0.category))
                && (reference.gender == nil || $0.gender == reference.gender)
        }
        return reference.gender == nil && relevant.contains(where: { $0.gender == nil })
            ? relevant.filter { $0.gender == nil } : relevant
    }

    /// The number of observations behind a `median` measure over `months` (the cases its median is taken
    /// of); `nil` when there are none or the measure is not a distribution.
    package func observations(of reference: MeasureReference, enhet: Enhet, months: [Month]) -> Rational? {
        guard measures[reference.measure]?.aggregation == .median else { return nil }
        let count = observations(reference, enhet: enhet, months: Set(months))
            .reduce(Int64(0)) { $0 + $1.value.raw / FixedDecimal.scale }
        return count > 0 ? Rational(Int(count)) : nil
    }

    /// The median of the cases of several units pooled, e.g. an område's handling time: the median of all
    /// its closed cases, never a sum or mean of the units' medians. `nil` without cases.
    package func pooledMedian(of reference: MeasureReference, enheter: [Enhet], months: [Month]) -> Rational? {
        let wanted = Set(months)
        return Self.median(of: enheter.flatMap { observations(reference, enhet: $0, months: wanted) })
    }

    /// How a measure's months combine into a period (`sum` for a measure not declared).
    package func aggregation(of measure: String) -> Aggregation { measures[measure]?.aggregation ?? .sum }

    /// Whether a measure is a distribution whose value is a median.
    package func isMedian(_ measure: String) -> Bool { measures[measure]?.aggregation == .median }

    /// The median of a distribution stored as counts (values) per observed value (`observed`).
    static func median(of facts: [Fact]) -> Rational? {
        var counts: [Rational: Int64] = [:]
        for fact in facts {
            // A distribution of a volume file loaded before the warehouse's v8 kept its observed value in
            // the category.
            guard let observed = Rational(decimalText: fact.observed.isEmpty ? fact.category : fact.observed)
            else { continue }
            let (count, overflow) = counts[observed, default: 0].addingReportingOverflow(
                fact.value.raw / FixedDecimal.scale)
            if overflow { return nil }
            counts[observed] = count
        }
        var total: Int64 = 0
        for count in counts.values {
            let (partial, overflow) = total.addingReportingOverflow(count)
            if overflow { return nil }
            total = partial
        }
        guard total > 0 else { return nil }
        let sorted = counts.sorted { $0.key < $1.key }
        // The mean of the two middle observations for an even count.
        func observation(at position: Int64) -> Rational {
            var seen: Int64 = 0
            for (value, count) in sorted {
                seen += count
                if seen > position { return value }
            }
            return sorted.last?.key ?? .zero
        }
        return total % 2 == 1
            ? observation(at: total / 2) : Rational.mean(observation(at: total / 2 - 1), observation(at: total / 2))
    }
}

extension MeasureTable {
    /// Whether a formula gives a value for the unit over `months`: it has data, and no divisor is zero or
    /// missing. Aggregates and the publication plan count a unit as a contributor by this one test.
    package func isComputable(_ formula: Formula, enhet: Enhet, months: [Month]) -> Bool {
        if case .value = FormulaEvaluator.evaluate(formula, lookup: { value(of: $0, enhet: enhet, months: months) }) {
            return true
        }
        return false
    }
}
