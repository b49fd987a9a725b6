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
    }

    /// The category key for "all categories summed".
    static let allCategories = "\u{0}all"

    private var sums: [String: [String: [String: MonthSums]]] = [:]
    /// Facts of `median` measures, whose categories are observed values.
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
            switch fact.gender {
            case nil:
                sums[fact.enhet, default: [:]][fact.measure, default: [:]][category, default: .init()].total[
                    ordinal, default: 0] += fact.value.raw
            case .kvinnor?:
                sums[fact.enhet, default: [:]][fact.measure, default: [:]][category, default: .init()].women[
                    ordinal, default: 0] += fact.value.raw
            case .man?:
                sums[fact.enhet, default: [:]][fact.measure, default: [:]][category, default: .init()].men[
                    ordinal, default: 0] += fact.value.raw
            }
        }
    }

    /// A measure aggregated over `months` for one unit by the measure's own rule.
    ///
    /// Categories are summed unless the reference names one. Without a gender in the reference, the
    /// gender-less total is used where the source gave one in the period, else K + M.
    ///
    /// A mean is an average over the whole period: months in which the unit is closed according to the
    /// register count as zero (a closed unit has no brukare), so a unit open half the year shows half its
    /// monthly stock and a cost per brukare comparable with units open all year. A month in which the unit
    /// is open but has no data is a gap and is left out of the average rather than counted as zero.
    /// `last` takes the latest month with data.
    ///
    /// - Returns: `nil` when no month in the period has data.
    package func value(of reference: MeasureReference, enhet: Enhet, months: [Month]) -> Double? {
        let aggregation = measures[reference.measure]?.aggregation ?? .sum
        if aggregation == .median {
            return Self.median(of: observations(reference, enhet: enhet, months: Set(months)))
        }
        guard let series = sums[enhet.id]?[reference.measure]?[reference.category ?? Self.allCategories] else {
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
                    if women != nil || men != nil { perMonth.append((month.ordinal, (women ?? 0) + (men ?? 0))) }
                }
            }
        }
        guard !perMonth.isEmpty else { return nil }
        let sum = FixedDecimal(raw: perMonth.reduce(0) { $0 + $1.raw }).doubleValue
        switch aggregation {
        case .sum, .median:
            return sum
        case .mean:
            let withData = Set(perMonth.map(\.ordinal))
            let closedMonths = months.filter { !enhet.isValid(in: $0) && !withData.contains($0.ordinal) }.count
            return sum / Double(perMonth.count + closedMonths)
        case .last:
            return perMonth.max { $0.ordinal < $1.ordinal }.map { FixedDecimal(raw: $0.raw).doubleValue }
        }
    }

    /// The facts of a distribution (counts per observed value) for one unit over `months`: without a gender
    /// in the reference, the gender-less facts where there are any, else K and M.
    func observations(_ reference: MeasureReference, enhet: Enhet, months: Set<Month>) -> [Fact] {
        guard let facts = distributions[enhet.id]?[reference.measure] else { return [] }
        let relevant = facts.filter {
            months.contains($0.month) && (reference.category == nil || $0.category == reference.category)
                && (reference.gender == nil || $0.gender == reference.gender)
        }
        return reference.gender == nil && relevant.contains(where: { $0.gender == nil })
            ? relevant.filter { $0.gender == nil } : relevant
    }

    /// The number of observations behind a `median` measure over `months` (the cases its median is taken
    /// of); `nil` when there are none or the measure is not a distribution.
    package func observations(of reference: MeasureReference, enhet: Enhet, months: [Month]) -> Double? {
        guard measures[reference.measure]?.aggregation == .median else { return nil }
        let count = observations(reference, enhet: enhet, months: Set(months))
            .reduce(Int64(0)) { $0 + $1.value.raw / FixedDecimal.scale }
        return count > 0 ? Double(count) : nil
    }

    /// The median of the cases of several units pooled, e.g. an område's handling time: the median of all
    /// its closed cases, never a sum or mean of the units' medians. `nil` without cases.
    package func pooledMedian(of reference: MeasureReference, enheter: [Enhet], months: [Month]) -> Double? {
        let wanted = Set(months)
        return Self.median(of: enheter.flatMap { observations(reference, enhet: $0, months: wanted) })
    }

    /// Whether a measure is a distribution whose value is a median.
    package func isMedian(_ measure: String) -> Bool { measures[measure]?.aggregation == .median }

    /// The median of a distribution stored as counts (values) per observed value (categories).
    static func median(of facts: [Fact]) -> Double? {
        var counts: [Double: Int64] = [:]
        for fact in facts {
            guard let observed = Double(fact.category) else { continue }
            counts[observed, default: 0] += fact.value.raw / FixedDecimal.scale
        }
        let total = counts.values.reduce(0, +)
        guard total > 0 else { return nil }
        let sorted = counts.sorted { $0.key < $1.key }
        // The mean of the two middle observations for an even count.
        func observation(at position: Int64) -> Double {
            var seen: Int64 = 0
            for (value, count) in sorted {
                seen += count
                if seen > position { return value }
            }
            return sorted.last?.key ?? 0
        }
        return total % 2 == 1
            ? observation(at: total / 2) : (observation(at: total / 2 - 1) + observation(at: total / 2)) / 2
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
