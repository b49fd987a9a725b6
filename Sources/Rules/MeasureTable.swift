import Domain

/// Monthly facts indexed for aggregation: unit → measure → facts.
package struct MeasureTable: Sendable {
    private var byUnit: [String: [String: [Fact]]] = [:]
    private let measures: [String: Measure]

    package init(facts: [Fact], measures: [Measure]) {
        self.measures = Dictionary(measures.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for fact in facts { byUnit[fact.enhet, default: [:]][fact.measure, default: []].append(fact) }
    }

    /// A measure aggregated over `months` for one unit by the measure's own rule.
    ///
    /// Categories are summed unless the reference names one. Without a gender in the reference, the
    /// gender-less total is used where the source gave one, else K + M.
    ///
    /// A mean is an average over the whole period: months in which the unit is closed according to the
    /// register count as zero (a closed unit has no brukare), so a unit open half the year shows half its
    /// monthly stock and a cost per brukare comparable with units open all year. A month in which the unit
    /// is open but has no data is a gap and is left out of the average rather than counted as zero.
    /// `last` takes the latest month with data.
    ///
    /// - Returns: `nil` when no month in the period has data.
    package func value(of reference: MeasureReference, enhet: Enhet, months: [Month]) -> Double? {
        guard let facts = byUnit[enhet.id]?[reference.measure] else { return nil }
        let wanted = Set(months)
        var relevant = facts.filter { wanted.contains($0.month) }
        if let category = reference.category { relevant = relevant.filter { $0.category == category } }
        if let gender = reference.gender {
            relevant = relevant.filter { $0.gender == gender }
        } else if relevant.contains(where: { $0.gender == nil }) {
            relevant = relevant.filter { $0.gender == nil }
        }
        guard !relevant.isEmpty else { return nil }
        var perMonth: [Month: FixedDecimal] = [:]
        for fact in relevant { perMonth[fact.month, default: .zero] += fact.value }
        switch measures[reference.measure]?.aggregation ?? .sum {
        case .sum:
            return perMonth.values.reduce(FixedDecimal.zero, +).doubleValue
        case .mean:
            let closedMonths = months.filter { !enhet.isValid(in: $0) && perMonth[$0] == nil }.count
            return perMonth.values.reduce(FixedDecimal.zero, +).doubleValue / Double(perMonth.count + closedMonths)
        case .last:
            return perMonth.max { $0.key < $1.key }?.value.doubleValue
        case .median:
            return Self.median(of: relevant)
        }
    }

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
