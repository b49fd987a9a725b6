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
    /// gender-less total is used where the source gave one, else K + M. Months without data do not count:
    /// a mean is over the months that have data and `last` takes the latest month with data.
    ///
    /// - Returns: `nil` when no month in the period has data.
    package func value(of reference: MeasureReference, enhet: String, months: [Month]) -> Double? {
        guard let facts = byUnit[enhet]?[reference.measure] else { return nil }
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
            return perMonth.values.reduce(FixedDecimal.zero, +).doubleValue / Double(perMonth.count)
        case .last:
            return perMonth.max { $0.key < $1.key }?.value.doubleValue
        }
    }
}
