import Domain

/// What one year's reports withhold, decided once from the facts before anything renders, so that every
/// page, chart and CSV of every report shows the same hidden cells.
///
/// The cells are a unit's values in a group of indicators that count the same observations (the same n
/// measure) in one område. A unit is hidden in a group for the whole year
/// when any period the reports publish for that year — a month, a tertial, the year to date after T2, the
/// year — rests on fewer than the indicator's minimum n (primary suppression, on the exact n). Hiding the
/// whole year keeps the year from being taken apart into its tertials and months.
///
/// With `suppression = "complementary"` (the default) every aggregate the reports publish over the units —
/// the område total, and the egen regi and external units within it — must have none or at least two
/// hidden contributors in every period: where one has exactly one, the smallest published contributor (by
/// the year's n, then id) is hidden too, repeated until nothing changes. A group's decision holds for every
/// indicator of the group, so one indicator's published values never undo another's. An område total with
/// a single contributor that is hidden is itself hidden. With `suppression = "totals"` an område total with
/// any hidden contributor is hidden instead.
package struct PublicationPlan: Sendable {
    /// The cells one decision covers: the units of one område counted by one reference.
    struct Group: Hashable, Sendable {
        let omrade: String
        let reference: MeasureReference
        let minN: Int
    }

    package let year: Int
    private var hidden: [Group: Set<String>] = [:]
    /// Område totals withheld: område id → indicator ids.
    private var hiddenTotals: [String: Set<String>] = [:]

    /// The periods of a year the reports publish: the months, the tertials, the year to date after the second
    /// tertial, and the year.
    package static func periods(of year: Int) -> [Period] {
        Period.year(year).months.map(Period.month) + (1...3).map { Period.tertial(year: year, number: $0) }
            + [Period.tertial(year: year, number: 2).yearToDate, .year(year)]
    }

    /// What counts an indicator's observations: its n measure, or the cases a median indicator is taken of;
    /// `nil` = nothing to count, never suppressed. Only n measures enter the plan; a median's cases are
    /// tested period by period (`RuleEngine.unitValue`), since no total or other period gives a median away.
    package static func countReference(_ definition: IndicatorDefinition, config: Config) -> MeasureReference? {
        if let n = definition.nMeasure { return n }
        if case .measure(let reference) = definition.formula, config.measure(reference.measure)?.aggregation == .median
        {
            return reference
        }
        return nil
    }

    /// The observations behind `reference` for a unit over `months`, unrounded.
    static func count(_ reference: MeasureReference, enhet: Enhet, months: [Month], table: MeasureTable) -> Rational? {
        table.isMedian(reference.measure)
            ? table.observations(of: reference, enhet: enhet, months: months)
            : table.value(of: reference, enhet: enhet, months: months)
    }

    /// Decides the hidden cells of `year` from the facts in `table`, which must hold the whole year.
    package init(config: Config, table: MeasureTable, year: Int) {
        self.year = year
        let periods = Self.periods(of: year)
        let months = periods.map(\.months)
        let method = config.report.suppression
        // Primary suppression alone is each value's own test (`RuleEngine.unitValue`), period by period.
        guard method != .primary else { return }
        for omrade in config.omraden {
            let enheter = config.enheter.filter {
                $0.omrade == omrade.id && $0.isValid(inAnyOf: Period.year(year).months)
            }
            var order: [Group] = []
            var members: [Group: [IndicatorDefinition]] = [:]
            for definition in config.indicators where definition.applies(to: omrade.id) {
                // A median is no sum of its parts: it is suppressed per period on its own cases only.
                guard let reference = definition.nMeasure else { continue }
                for gender in [nil] + (definition.byGender ? Gender.allCases : []) {
                    let group = Group(
                        omrade: omrade.id, reference: reference.narrowed(to: gender), minN: definition.minN)
                    if members[group] == nil { order.append(group) }
                    members[group, default: []].append(definition)
                }
            }
            for group in order {
                var counts: [String: [Rational?]] = [:]
                for enhet in enheter {
                    counts[enhet.id] = months.map {
                        Self.count(group.reference, enhet: enhet, months: $0, table: table)
                    }
                }
                let minimum = Rational(group.minN)
                var hidden = Set(
                    enheter.filter { counts[$0.id]?.contains { ($0 ?? minimum) < minimum } == true }.map(\.id))
                let definitions = members[group] ?? []
                // Gender cells are published beside their unit's total only; `isHidden` hides them with it.
                if group.reference.gender == nil && !hidden.isEmpty {
                    switch method {
                    case .complementary:
                        let single = Self.complement(
                            &hidden, enheter: enheter, counts: counts, definitions: definitions, months: months,
                            table: table)
                        for id in single { hiddenTotals[omrade.id, default: []].insert(id) }
                    case .totals:
                        for definition in definitions
                        where enheter.contains(where: { definition.applies(to: $0.regi) && hidden.contains($0.id) }) {
                            hiddenTotals[omrade.id, default: []].insert(definition.id)
                        }
                    case .primary:
                        break
                    }
                }
                self.hidden[group] = hidden
            }
        }
    }

    /// Complementary suppression of one group to a fixed point; returns the indicators whose område total has
    /// a single contributor, hidden, and must be hidden itself.
    private static func complement(
        _ hidden: inout Set<String>, enheter: [Enhet], counts: [String: [Rational?]],
        definitions: [IndicatorDefinition], months: [[Month]], table: MeasureTable
    ) -> Set<String> {
        /// The order in which published units are hidden: smallest by the year's n (else their largest), then id.
        func size(_ enhet: Enhet) -> Rational {
            let values = counts[enhet.id] ?? []
            return values.last.flatMap { $0 } ?? values.compactMap { $0 }.max() ?? .zero
        }
        // Per indicator and period, the egen regi units, the external units and all units the område total
        // covers: those with a count and a computable value.
        let groups: [(definition: String, subsets: [[Enhet]])] = definitions.flatMap { definition in
            let applicable = enheter.filter { definition.applies(to: $0.regi) }
            return months.indices.map { period in
                let contributors = applicable.filter {
                    counts[$0.id]?[period] != nil
                        && table.isComputable(definition.formula, enhet: $0, months: months[period])
                }
                return (
                    definition.id,
                    [
                        contributors.filter { $0.regi == .egen }, contributors.filter { $0.regi == .extern },
                        contributors,
                    ]
                )
            }
        }
        var single: Set<String> = []
        var changed = true
        while changed {
            changed = false
            for group in groups {
                for (position, subset) in group.subsets.enumerated() {
                    guard subset.count(where: { hidden.contains($0.id) }) == 1 else { continue }
                    let candidate = subset.filter { !hidden.contains($0.id) }.min { a, b in
                        (size(a), a.id) < (size(b), b.id)
                    }
                    if let candidate {
                        hidden.insert(candidate.id)
                        changed = true
                    } else if position == 2 {
                        single.insert(group.definition)
                    }
                }
            }
        }
        return single
    }

    /// Whether a unit's value of an indicator is withheld in every period of the year; for a gender, also
    /// when the unit's total (both genders) is.
    package func isHidden(
        _ enhet: String, _ definition: IndicatorDefinition, omrade: String, gender: Gender?, config: Config
    )
        -> Bool
    {
        guard let reference = definition.nMeasure else { return false }
        func hides(_ gender: Gender?) -> Bool {
            hidden[Group(omrade: omrade, reference: reference.narrowed(to: gender), minN: definition.minN)]?
                .contains(enhet) == true
        }
        return hides(nil) || (gender.map(hides) ?? false)
    }

    /// Whether the område total of an indicator is withheld.
    package func isTotalHidden(omrade: String, indicator: String) -> Bool {
        hiddenTotals[omrade]?.contains(indicator) == true
    }

    /// The units of an område hidden in any group (both genders together): their counts are withheld too.
    package func hiddenUnits(omrade: String) -> Set<String> {
        hidden.filter { $0.key.omrade == omrade && $0.key.reference.gender == nil }.values.reduce(into: []) {
            $0.formUnion($1)
        }
    }
}
