import Domain

/// Reads the HR system's monthly employment snapshot as CSV: one row per employment and month.
///
/// Columns (mapped in the config): employee id, unit code, month (or a date), staff category, employment
/// degree in percent or as a fraction (decided per file by a first pass over the column, `DegreeForm`),
/// employment form, gender, and optionally hours worked, sick, scheduled and overtime. Persons are counted inside the reader; only sums per unit, month, category and gender leave it:
/// `personal_antal`, `arsarbetare`, the hour measures, and `timavlonade_timmar` for the hours worked by
/// employments whose form is hourly pay. The employee id is used only to count distinct persons and is
/// never stored, logged or written; a rejected row's message never quotes it.
package struct HRCSVReader {
    let definition: SourceDefinition
    let units: UnitIndex

    /// Employment forms that mean hourly pay. The defaults are `TIM`, `timavlönad`, `timanställd`.
    static let hourlyForms: Set<String> = ["tim", "timavlönad", "timanställd", "timavlonad", "timanstalld"]

    static let hourColumns: [(column: String, measure: String)] = [
        ("worked", "arbetade_timmar"), ("sick", "sjuktimmar"), ("scheduled", "schematimmar"),
        ("overtime", "overtidstimmar"),
    ]

    package init(definition: SourceDefinition, units: UnitIndex) {
        self.definition = definition
        self.units = units
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        let form = try degreeForm(path: path, displayPath: displayPath)
        var csv = try CSVSource(
            path: path, displayPath: displayPath, definition: definition, wanted: definition.columns)
        var result = ReadResult(keepingRejects: definition.limits.rejectedRowsKept)
        var accumulator = FactAccumulator()
        /// (employee, unit, month) already counted in `personal_antal`, and the distinct employees.
        var counted: Set<PersonMonth> = []
        var persons: Set<String> = []
        try csv.forEachRow(into: &result) { csv in
            let employee = csv.string("employee") ?? ""
            guard !employee.isEmpty else {
                return csv.reject("employee", rule: "employee-missing", "expected an employee id, found nothing")
            }
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
            var degree = FixedDecimal.zero
            if let text = csv.string("degree"), !text.isEmpty {
                guard let value = csv.decimal("degree"), value >= .zero, value <= FixedDecimal(200) else {
                    return csv.reject(
                        "degree", rule: "degree-format", "expected a percentage from 0 to 200, found '\(text)'")
                }
                guard !form.isAmbiguous(value) else {
                    return csv.reject("degree", rule: "degree-form", form.ambiguity(found: text, what: "degrees"))
                }
                degree = form.percentage(value)
            }
            var gender: Gender?
            switch (csv.string("gender") ?? "").lowercased() {
            case "": gender = nil
            case "k", "kvinna", "f": gender = .kvinnor
            case "m", "man": gender = .man
            default:
                return csv.reject(
                    "gender", rule: "gender-format",
                    "expected K, M or nothing, found '\(csv.string("gender") ?? "")'")
            }
            var hours: [(String, FixedDecimal)] = []
            var bad: Finding?
            for (column, measure) in Self.hourColumns where csv.columnIndex(column) != nil {
                guard let text = csv.string(column), !text.isEmpty else { continue }
                guard let value = csv.decimal(column), value >= .zero else {
                    bad = csv.reject(column, rule: "hours-format", "expected hours of zero or more, found '\(text)'")
                    break
                }
                hours.append((measure, value))
            }
            if let bad {
                return bad
            }
            let category = csv.string("category") ?? ""
            let hourly = Self.hourlyForms.contains((csv.string("form") ?? "").lowercased())
            func add(_ measure: String, _ value: FixedDecimal) {
                accumulator.addTotalAndSplit(
                    enhet: enhet.id, month: month, measure: measure, category: category, gender: gender, value)
            }
            if counted.insert(PersonMonth(employee: employee, enhet: enhet.id, month: month.ordinal)).inserted {
                add("personal_antal", FixedDecimal(1))
                persons.insert(employee)
            }
            add("arsarbetare", FixedDecimal(raw: degree.raw / 100))
            for (measure, value) in hours {
                add(measure, value)
                if hourly && measure == "arbetade_timmar" { add("timavlonade_timmar", value) }
            }
            return nil
        }
        try accumulator.checkRange(file: displayPath)
        accumulator.finish(into: &result)
        result.controlTotals["persons"] = FixedDecimal(persons.count)
        return result
    }

    /// Whether the file writes its degrees as percentages or as fractions: a first pass over the degree
    /// column, taking every value that reads as a number from 0 to 200 (the rows the second pass rejects for
    /// another reason too: the form is the column's, not the accepted rows').
    func degreeForm(path: String, displayPath: String) throws(FileRejection) -> DegreeForm {
        var form = DegreeForm()
        guard definition.columns["degree"] != nil else { return form }
        var csv = try CSVSource(
            path: path, displayPath: displayPath, definition: definition, wanted: definition.columns)
        var scratch = ReadResult(keepingRejects: 0)
        try csv.forEachRow(into: &scratch) { csv in
            if let value = csv.decimal("degree"), value >= .zero, value <= FixedDecimal(200) {
                form.observe(value, text: csv.string("degree") ?? "", line: csv.reader.line)
            }
            return nil
        }
        return form
    }

    struct PersonMonth: Hashable {
        let employee: String
        let enhet: String
        let month: Int
    }
}
