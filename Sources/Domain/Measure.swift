/// How a measure's monthly values combine into a longer period.
package enum Aggregation: String, Sendable, CaseIterable {
    /// Flows: costs, hours, visits. The period's value is the sum of its months.
    case sum
    /// Stocks: brukare, inskrivna barn. The period's value is the mean of the months that have data.
    case mean
    /// Stocks read at period end: the value of the latest month that has data.
    case last
    /// A distribution: each fact's `observed` is an observed value (e.g. handling days) and its value the
    /// number of observations; the period's value is the median of all observations of its months (of the
    /// categories a reference names, e.g. complaint types).
    case median
}

/// A measure: one quantity the readers produce per unit and month, e.g. `personalkostnader` or `brukare`.
package struct Measure: Hashable, Sendable {
    package let id: String
    package let name: String
    /// The unit the value is in, e.g. `kr`, `antal`, `timmar`.
    package let unit: String
    package let aggregation: Aggregation
    package let description: String

    package init(id: String, name: String, unit: String, aggregation: Aggregation, description: String = "") {
        self.id = id
        self.name = name
        self.unit = unit
        self.aggregation = aggregation
        self.description = description
    }
}

/// Gender as the sources report it; totals carry none.
package enum Gender: String, Sendable, CaseIterable, Codable {
    case kvinnor = "K"
    case man = "M"
}

/// One monthly value of one measure for one unit: the grain of the warehouse. Besides the unit, month and
/// measure a fact is told apart by its category, gender, observed value (a distribution), counterparty and
/// service; each is empty where it does not apply.
package struct Fact: Hashable, Sendable {
    package var enhet: String
    package var month: Month
    package var measure: String
    /// A breakdown such as a brukare category, staff category or complaint type; empty for none.
    package var category: String
    package var gender: Gender?
    /// For a distribution (`median`) measure: the observed value the fact counts, e.g. `22` handling
    /// days, as exact decimal text; empty for every other fact.
    package var observed: String
    /// The other party of a transaction between two units, e.g. the förvaltning an internal invoice is sent
    /// to; empty where there is none.
    package var counterparty: String
    /// The service a fact is about, a servicekatalog id; empty where there is none.
    package var service: String
    package var value: FixedDecimal
    /// How many observations (respondents, source rows) the value rests on, where that matters.
    package var n: Int?

    package init(
        enhet: String, month: Month, measure: String, category: String = "", gender: Gender? = nil,
        observed: String = "", counterparty: String = "", service: String = "", value: FixedDecimal, n: Int? = nil
    ) {
        self.enhet = enhet
        self.month = month
        self.measure = measure
        self.category = category
        self.gender = gender
        self.observed = observed
        self.counterparty = counterparty
        self.service = service
        self.value = value
        self.n = n
    }
}
