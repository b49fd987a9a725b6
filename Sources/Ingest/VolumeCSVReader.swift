import Domain

/// Reads volumes from the operational systems: brukare, vårddygn, besök, timmar … per unit and month.
///
/// Long layout: one row per unit, month, measure (declared measure id), optional category and value.
/// Wide layout: one row per unit, month and optional category, one column per measure as mapped in the
/// source's `[measures]` table; an empty cell means no value. Values must be zero or more. The same unit,
/// month, measure and category twice in one file is a conflict: the later row is rejected. For a
/// distribution (`median`) measure the category column holds the observed value, and the value is the
/// number of cases observed with it.
package struct VolumeCSVReader {
    let definition: SourceDefinition
    let units: UnitIndex
    let measures: Set<String>
    /// The distribution measures, whose category is an observed value.
    let distributions: Set<String>

    package init(definition: SourceDefinition, units: UnitIndex, measures: [Measure]) {
        self.definition = definition
        self.units = units
        self.measures = Set(measures.map(\.id))
        self.distributions = Set(measures.filter { $0.aggregation == .median }.map(\.id))
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        var wanted = definition.columns
        if definition.layout == .wide {
            for (measure, header) in definition.measureColumns { wanted["measure:" + measure] = header }
        }
        var csv = try CSVSource(path: path, displayPath: displayPath, definition: definition, wanted: wanted)
        var result = ReadResult(keepingRejects: definition.limits.rejectedRowsKept)
        var accumulator = FactAccumulator()
        var seen: Set<FactAccumulator.Key> = []
        let wideMeasures = definition.measureColumns.keys.sorted()
        var totals: [String: FixedDecimal] = [:]
        try csv.forEachRow(into: &result) { csv in
            let month: Month
            switch csv.month(monthColumn: "month", dateColumn: "date") {
            case .success(let value): month = value
            case .failure(let finding):
                return finding
            }
            let enhet: Enhet
            switch csv.enhet(code: csv.string("unit") ?? "", month: month, units: units, key: definition.unitKey) {
            case .success(let value): enhet = value
            case .failure(let finding):
                return finding
            }
            let category = csv.string("category") ?? ""
            var values: [(key: FactAccumulator.Key, value: FixedDecimal)] = []
            var problem: Finding?
            if definition.layout == .long {
                let measure = csv.string("measure") ?? ""
                if !measures.contains(measure) {
                    problem = csv.reject("measure", rule: "unknown-measure", "no [[measure]] has id '\(measure)'")
                } else if let value = csv.decimal("value") {
                    values.append(
                        (
                            FactAccumulator.Key(
                                enhet: enhet.id, month: month, measure: measure, category: category, gender: nil), value
                        ))
                } else {
                    problem = csv.reject(
                        "value", rule: "value-format", "expected a number, found '\(csv.string("value") ?? "")'")
                }
            } else {
                for measure in wideMeasures {
                    let column = "measure:" + measure
                    guard let text = csv.string(column), !text.isEmpty else { continue }
                    guard let value = csv.decimal(column) else {
                        problem = csv.reject(column, rule: "value-format", "expected a number, found '\(text)'")
                        break
                    }
                    values.append(
                        (
                            FactAccumulator.Key(
                                enhet: enhet.id, month: month, measure: measure, category: category, gender: nil), value
                        ))
                }
            }
            if problem == nil, let negative = values.first(where: { $0.value < .zero }) {
                let column = definition.layout == .long ? "value" : "measure:" + negative.key.measure
                problem = csv.reject(column, rule: "negative-value", "expected zero or more, found '\(negative.value)'")
            }
            if problem == nil, let duplicate = values.first(where: { seen.contains($0.key) }) {
                let what = duplicate.key.category.isEmpty ? "" : " category '\(duplicate.key.category)'"
                problem = Finding(
                    SourceLocation(file: displayPath, line: csv.reader.line), rule: "duplicate-row",
                    message:
                        "unit '\(enhet.id)' \(month) measure '\(duplicate.key.measure)'\(what) appears earlier in the file"
                )
            }
            if let problem {
                return problem
            }
            for (key, value) in values {
                seen.insert(key)
                accumulator.add(key, value)
                if !totals.add(value, to: "value." + key.measure) { accumulator.markOverflow() }
            }
            return nil
        }
        try accumulator.checkRange(file: displayPath)
        result.controlTotals = totals
        accumulator.finish(into: &result)
        if !distributions.isEmpty {
            result.facts = result.facts.map { fact in
                guard distributions.contains(fact.measure) else { return fact }
                return Fact(
                    enhet: fact.enhet, month: fact.month, measure: fact.measure, gender: fact.gender,
                    observed: fact.category, value: fact.value)
            }
        }
        return result
    }
}
