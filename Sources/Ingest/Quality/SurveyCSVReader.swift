import Domain

/// Reads user survey results (brukarundersökning, national surveys downloaded as CSV) per unit, period,
/// question and optionally gender.
///
/// Each row gives the respondents, optionally how many answered "vet ej" (left out of the denominator), and
/// either the positive answers or their share in percent. Facts (category = question id):
/// `<prefix>_positiva`, `<prefix>_svarande` (valid respondents) and `<prefix>_svarsfrekvens` where the
/// source gives a response rate. A year (`2025`) is stored in its December, also for a unit open only part of
/// the year (it must be open in some month of it); a month as given (the unit must be open in that month).
package struct SurveyCSVReader {
    let definition: SourceDefinition
    let units: UnitIndex

    package init(definition: SourceDefinition, units: UnitIndex) {
        self.definition = definition
        self.units = units
    }

    struct RowKey: Hashable {
        let enhet: String
        let month: Month
        let question: String
        let gender: Gender?
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        var csv = try CSVSource(
            path: path, displayPath: displayPath, definition: definition, wanted: definition.columns)
        var result = ReadResult(keepingRejects: definition.limits.rejectedRowsKept)
        var accumulator = FactAccumulator()
        var seen: Set<RowKey> = []
        let prefix = definition.measurePrefix
        try csv.forEachRow(into: &result) { csv in
            switch row(csv) {
            case .failure(let finding):
                return finding
            case .success(let row):
                let key = RowKey(enhet: row.enhet, month: row.month, question: row.question, gender: row.gender)
                guard seen.insert(key).inserted else {
                    return Finding(
                        SourceLocation(file: displayPath, line: csv.reader.line), rule: "duplicate-row",
                        message:
                            "unit '\(row.enhet)' \(row.month) question '\(row.question)'\(row.gender.map { " gender '\($0.rawValue)'" } ?? "") appears earlier in the file"
                    )
                }
                func add(_ measure: String, _ value: FixedDecimal) {
                    accumulator.add(
                        FactAccumulator.Key(
                            enhet: row.enhet, month: row.month, measure: measure, category: row.question,
                            gender: row.gender),
                        value)
                }
                add(prefix + "_positiva", row.positive)
                add(prefix + "_svarande", FixedDecimal(row.valid))
                if let rate = row.responseRate { add(prefix + "_svarsfrekvens", rate) }
            }
            return nil
        }
        try accumulator.checkRange(file: displayPath)
        accumulator.finish(into: &result)
        for fact in result.facts where !result.controlTotals.add(fact.value, to: "value." + fact.measure) {
            accumulator.markOverflow()
        }
        try accumulator.checkRange(file: displayPath)
        return result
    }

    struct Row {
        let enhet: String
        let month: Month
        let question: String
        let gender: Gender?
        let valid: Int
        let positive: FixedDecimal
        let responseRate: FixedDecimal?
    }

    func row(_ csv: CSVSource) -> Result<Row, Finding> {
        if let finding = csv.fieldCountFinding() { return .failure(finding) }
        let periodText = csv.string("period") ?? ""
        let month: Month
        var year: Int?
        if periodText.count == 4, let value = Int(periodText), let december = Month(year: value, month: 12) {
            month = december
            year = value
        } else if let value = Month(periodText) ?? Day(periodText)?.monthValue {
            month = value
        } else {
            return .failure(
                csv.reject("period", rule: "period-format", "expected YYYY, YYYY-MM or YYYYMM, found '\(periodText)'"))
        }
        let enhet: Enhet
        // A year's figure belongs to every unit open in some month of it, though it is stored in December.
        let code = csv.string("unit") ?? ""
        let found =
            year.map { csv.enhet(code: code, year: $0, units: units, key: definition.unitKey) }
            ?? csv.enhet(code: code, month: month, units: units, key: definition.unitKey)
        switch found {
        case .success(let value): enhet = value
        case .failure(let finding): return .failure(finding)
        }
        let written = csv.string("question") ?? ""
        // A national download gives the question as text: the source's [questions] table names its id.
        let question = definition.questions[written] ?? written
        guard !question.isEmpty else {
            return .failure(csv.reject("question", rule: "question-missing", "expected a question id, found nothing"))
        }
        func count(_ column: String) -> Result<Int?, Finding> {
            guard let text = csv.string(column), !text.isEmpty else { return .success(nil) }
            guard let value = csv.decimal(column), value.raw % FixedDecimal.scale == 0, value >= .zero else {
                return .failure(
                    csv.reject(column, rule: "count-format", "expected a whole number of zero or more, found '\(text)'")
                )
            }
            return .success(Int(value.raw / FixedDecimal.scale))
        }
        let respondents: Int
        switch count("respondents") {
        case .success(let value?): respondents = value
        case .success(nil):
            return .failure(
                csv.reject("respondents", rule: "count-format", "expected the number of respondents, found nothing"))
        case .failure(let finding): return .failure(finding)
        }
        var dontKnow = 0
        switch count("dont_know") {
        case .success(let value): dontKnow = value ?? 0
        case .failure(let finding): return .failure(finding)
        }
        guard dontKnow <= respondents else {
            return .failure(
                csv.reject(
                    "dont_know", rule: "n-smaller-than-answers",
                    "'vet ej' answers \(dontKnow) exceed the respondents \(respondents)"))
        }
        let valid = respondents - dontKnow
        let positive: FixedDecimal
        if csv.columnIndex("positive") != nil {
            switch count("positive") {
            case .success(let value?): positive = FixedDecimal(value)
            case .success(nil):
                return .failure(
                    csv.reject("positive", rule: "count-format", "expected the positive answers, found nothing"))
            case .failure(let finding): return .failure(finding)
            }
        } else {
            let text = csv.string("share") ?? ""
            guard let share = csv.decimal("share"), share >= .zero, share <= FixedDecimal(100) else {
                return .failure(
                    csv.reject("share", rule: "share-format", "expected a percentage from 0 to 100, found '\(text)'"))
            }
            // share % of the valid respondents, rounded to four decimals.
            let (product, overflow) = share.raw.multipliedReportingOverflow(by: Int64(valid))
            guard !overflow, product <= Int64.max - 50 else {
                return .failure(csv.reject("share", .respondentsOverflow(share: share, respondents: valid)))
            }
            positive = FixedDecimal(raw: (product + 50) / 100)
        }
        guard positive <= FixedDecimal(valid) else {
            return .failure(
                csv.reject(
                    csv.columnIndex("positive") != nil ? "positive" : "share", rule: "n-smaller-than-answers",
                    "positive answers \(positive) exceed the valid respondents \(valid)"))
        }
        var gender: Gender?
        let genderText = (csv.string("gender") ?? "").lowercased()
        switch genderText {
        case "", "t", "totalt", "total", "alla": gender = nil
        case "k", "kvinna", "kvinnor", "f", "female": gender = .kvinnor
        case "m", "man", "män", "male": gender = .man
        default:
            return .failure(
                csv.reject(
                    "gender", rule: "gender-format",
                    "expected K, M, T or nothing, found '\(csv.string("gender") ?? "")'"))
        }
        var rate: FixedDecimal?
        if let text = csv.string("response_rate"), !text.isEmpty {
            guard let value = csv.decimal("response_rate"), value >= .zero, value <= FixedDecimal(100) else {
                return .failure(
                    csv.reject(
                        "response_rate", rule: "share-format", "expected a percentage from 0 to 100, found '\(text)'"))
            }
            rate = value
        }
        return .success(
            Row(
                enhet: enhet.id, month: month, question: question, gender: gender, valid: valid, positive: positive,
                responseRate: rate))
    }
}
