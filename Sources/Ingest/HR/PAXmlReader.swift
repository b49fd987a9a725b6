import Domain

/// Reads PAXml 2.0 payroll and time exports into staffing, hours and sick leave per unit and month — and
/// keeps no person's data.
///
/// Employees are told apart inside the reader only (by `anstid` or `persnr`, in memory); what leaves it
/// are sums per unit, month, staff category and gender: `personal_antal` (distinct persons),
/// `arsarbetare` (sum of employment degrees), hours per time code mapped to measures
/// (`arbetade_timmar`, `sjuktimmar`, `overtidstimmar`, `semestertimmar`, `vabtimmar` by default), and
/// `schematimmar` from the schedules. Gender comes from the personnummer's second-to-last digit when the
/// file has one; totals are always written, the split where known. Rejected records carry their line and
/// reason, never an id. A time transaction without `timmar` but with a date range and `omfattning`
/// counts 8 hours a weekday times the percentage.
package struct PAXmlReader {
    let definition: SourceDefinition
    let units: UnitIndex

    package init(definition: SourceDefinition, units: UnitIndex) {
        self.definition = definition
        self.units = units
    }

    /// Month ordinals are stored relative to January 2000 in 12 bits (until 2341).
    static let baseMonth = 2000 * 12
    /// The months the packed hour keys can hold (12 bits from January 2000): payroll dates outside are
    /// rejected as typing errors rather than wrapped into another unit's key.
    static let monthRange = baseMonth...(baseMonth + 0xFFF)

    /// The default time-code mapping; `[source.time_codes]` overrides it code by code.
    static let defaultTimeCodes: [String: String] = [
        "ARB": "arbetade_timmar", "TID": "arbetade_timmar", "SJK": "sjuktimmar", "SJ": "sjuktimmar",
        "SEM": "semestertimmar", "VAB": "vabtimmar",
    ]

    func measure(forCode code: String) -> String? {
        if let mapped = definition.timeCodes[code] { return mapped.isEmpty ? nil : mapped }
        if let mapped = Self.defaultTimeCodes[code] { return mapped }
        if code.hasPrefix("ÖT") || code.hasPrefix("OT") { return "overtidstimmar" }
        return nil
    }

    struct Person {
        var unit: String?
        var category = ""
        var gender: Gender?
        var degree: FixedDecimal?
        /// The line of the person record that gave the degree, and the degree as written.
        var degreeLine = 0
        var degreeText = ""
        var transactionUnit: String?
        /// Paid by the hour (`lonform` TIM or an hourly `anstform`): worked hours also count as `timavlonade_timmar`.
        var hourly = false
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        var result = ReadResult(keepingRejects: definition.limits.rejectedRowsKept)
        var persons: [Person] = []
        // (person index, unit code index or 0, month ordinal, measure index) packed → hours in ten-thousandths
        let hours = IntegerTable(capacity: 1 << 16)
        // A sum of hours passed the range of `FixedDecimal`: the file is refused.
        var overflowed = false
        var unitCodes: [String: Int] = [:]
        var unitCodeList: [String] = [""]
        var measureIndex: [String: Int] = [:]
        var measureList: [String] = []
        func measureNumber(_ id: String) -> Int {
            if let found = measureIndex[id] { return found }
            measureIndex[id] = measureList.count
            measureList.append(id)
            return measureList.count - 1
        }
        func unitNumber(_ code: String) -> Int {
            guard !code.isEmpty else { return 0 }
            if let found = unitCodes[code] { return found }
            unitCodes[code] = unitCodeList.count
            unitCodeList.append(code)
            return unitCodeList.count - 1
        }
        func key(person: Int, unit: Int, month: Int, measure: Int) -> UInt64 {
            UInt64(person) << 40 | UInt64(unit) << 20 | UInt64(month - Self.baseMonth) << 8 | UInt64(measure)
        }
        let schedule = measureNumber("schematimmar")
        let dimension = definition.unitDimension
        var hoursByCode: [String: FixedDecimal] = [:]
        // Percentages or fractions, decided per file: `sysgrad` over the persons, `omfattning` over the time
        // transactions. The transactions with an `omfattning` wait in `extents` until the file is read.
        var degreeForm = DegreeForm()
        var extentForm = DegreeForm()
        var extents: [Extent] = []

        func index(_ record: PAXmlRecord) -> Int? {
            guard let person = record.person else { return nil }
            while persons.count <= person { persons.append(Person()) }
            return person
        }
        func reject(_ line: Int, _ rule: String, _ message: String) {
            result.rejects.append(Finding(SourceLocation(file: displayPath, line: line), rule: rule, message: message))
        }
        func unitCode(_ record: PAXmlRecord) -> String? { record.units.first { $0.0 == dimension }?.1 }
        /// Adds a time transaction's hours per month to its code's control total and, for a mapped code, to
        /// the person's hours on the transaction's unit (`""`: the person's own).
        func post(person: Int, unit: String, code: String, spans: [(Month, FixedDecimal)]) {
            for (month, value) in spans {
                if !hoursByCode.add(value, to: code) { overflowed = true }
                guard let measure = measure(forCode: code) else { continue }
                let added = hours.addChecked(
                    key(person: person, unit: unitNumber(unit), month: month.ordinal, measure: measureNumber(measure)),
                    value.raw)
                if !added { overflowed = true }
            }
        }

        let events = PAXmlEvents { record in
            result.rowsRead += 1
            guard let person = index(record) else {
                reject(record.line, "employee-missing", "\(record.kind.name) has neither 'anstid' nor 'persnr'")
                return
            }
            // The packed hour keys hold 24 bits of person number.
            guard person < 1 << 24 else {
                reject(record.line, "too-many-persons", "more than 16,777,215 employees in one file; split the export")
                return
            }
            if persons[person].gender == nil { persons[person].gender = record.gender }
            switch record.kind {
            case .person:
                persons[person].unit = unitCode(record) ?? persons[person].unit
                persons[person].category = record[.kategori] ?? persons[person].category
                let form = (record[.lonform] ?? record[.anstform] ?? "").lowercased()
                persons[person].hourly = form == "t" || HRCSVReader.hourlyForms.contains(form)
                if let text = record[.sysgrad], !text.isEmpty {
                    guard let degree = FixedDecimal(text), degree >= .zero
                    else {
                        reject(record.line, "number-format", "person 'sysgrad': expected a percentage, found '\(text)'")
                        return
                    }
                    persons[person].degree = degree
                    persons[person].degreeLine = record.line
                    persons[person].degreeText = text
                    degreeForm.observe(degree, text: text, line: record.line)
                }
            case .schema:
                for day in record.days {
                    if let invalid = record.invalid(day) {
                        reject(invalid.line, invalid.rule, invalid.message)
                        continue
                    }
                    let month = Int(day.month)
                    guard Self.monthRange.contains(month) else {
                        reject(
                            record.line, "date-range",
                            "schema 'dag': a date in \(Month(ordinal: month).year) is outside the payroll years 2000–2340"
                        )
                        continue
                    }
                    if !hours.addChecked(key(person: person, unit: 0, month: month, measure: schedule), day.hours) {
                        overflowed = true
                    }
                }
            case .tidtrans:
                let code = record[.tidkod] ?? ""
                var spans: [(Month, FixedDecimal)] = []
                switch record.explicitHours() {
                case .failure(let problem)?:
                    reject(record.line, problem.rule, problem.message)
                    return
                case .success(let span)?:
                    spans = [span]
                case nil:
                    let fromText = record[.datumfrom] ?? record[.datum] ?? ""
                    let toText = record[.datumtom] ?? fromText
                    guard let from = Day(String(fromText.prefix(10))), let to = Day(String(toText.prefix(10))),
                        from <= to
                    else {
                        reject(
                            record.line, "date-format",
                            "tidtrans: expected 'datumfrom' and 'datumtom' as YYYY-MM-DD, found '\(fromText)' and '\(toText)'"
                        )
                        return
                    }
                    guard to.ordinal - from.ordinal <= 366 else {
                        reject(
                            record.line, "date-range",
                            "tidtrans: 'datumfrom' \(from) to 'datumtom' \(to) is more than a year; split it per year")
                        return
                    }
                    let percentText = record[.omfattning] ?? "100"
                    guard let percent = FixedDecimal(percentText), (.zero...FixedDecimal(200)).contains(percent) else {
                        reject(
                            record.line, "number-format",
                            "tidtrans 'omfattning': expected a percentage from 0 to 200, found '\(percentText)'")
                        return
                    }
                    var weekdays: [Month: Int64] = [:]
                    for ordinal in from.ordinal...to.ordinal where (ordinal + 3) % 7 < 5 {
                        weekdays[Day.fromOrdinal(ordinal).monthValue, default: 0] += 1
                    }
                    let days = weekdays.sorted { $0.key < $1.key }
                    if let outside = days.first(where: { !Self.monthRange.contains($0.key.ordinal) }) {
                        reject(
                            record.line, "date-range",
                            "tidtrans: a date in \(outside.key.year) is outside the payroll years 2000–2340")
                        return
                    }
                    if record[.omfattning] != nil {
                        extentForm.observe(percent, text: percentText, line: record.line)
                        if !days.isEmpty, measure(forCode: code) != nil, let unit = unitCode(record), !unit.isEmpty {
                            persons[person].transactionUnit = unit
                        }
                        extents.append(
                            Extent(
                                person: person, unit: unitCode(record) ?? "", code: code,
                                weekdays: days.map { ($0.key, $0.value) }, percent: percent, text: percentText,
                                line: record.line))
                        return
                    }
                    spans = days.map { ($0.key, FixedDecimal(raw: $0.value * (8 * percent.raw / 100))) }
                }
                if let outside = spans.first(where: { !Self.monthRange.contains($0.0.ordinal) }) {
                    reject(
                        record.line, "date-range",
                        "tidtrans: a date in \(outside.0.year) is outside the payroll years 2000–2340")
                    return
                }
                if !spans.isEmpty, measure(forCode: code) != nil, let unit = unitCode(record), !unit.isEmpty {
                    persons[person].transactionUnit = unit
                }
                post(person: person, unit: unitCode(record) ?? "", code: code, spans: spans)
            case .lonetrans:
                return
            }
        }
        do {
            result.encoding = try events.parse(
                path: path, displayPath: displayPath, maxDecompressedBytes: definition.limits.maxDecompressedBytes)
        } catch {
            throw FileRejection(error.finding)
        }
        // The file is read: each percentage column's form is known.
        for extent in extents {
            guard !extentForm.isAmbiguous(extent.percent) else {
                reject(
                    extent.line, "extent-form",
                    "tidtrans 'omfattning': " + extentForm.ambiguity(found: extent.text, what: "extents"))
                continue
            }
            let percent = extentForm.percentage(extent.percent)
            post(
                person: extent.person, unit: extent.unit, code: extent.code,
                spans: extent.weekdays.map { ($0.0, FixedDecimal(raw: $0.1 * (8 * percent.raw / 100))) })
        }
        for index in persons.indices {
            guard let degree = persons[index].degree else { continue }
            if degreeForm.isAmbiguous(degree) {
                reject(
                    persons[index].degreeLine, "degree-form",
                    "person 'sysgrad': " + degreeForm.ambiguity(found: persons[index].degreeText, what: "degrees"))
                persons[index].degree = nil
            } else {
                persons[index].degree = degreeForm.percentage(degree)
            }
        }

        // Resolve each person's unit and write the sums per unit, month, category and gender, by interned
        // numbers: an entry costs a few integer hashes, whatever the length of unit ids and categories.
        var accumulator = FactAccumulator()
        var present: Set<UInt64> = []
        var unknownUnits: [String: Int] = [:]
        let measureSlots = measureList.map { accumulator.measure($0) }
        let hourly = accumulator.measure("timavlonade_timmar")
        let headcount = accumulator.measure("personal_antal")
        let fte = accumulator.measure("arsarbetare")
        let worked = measureIndex["arbetade_timmar"]
        let categorySlots = persons.map { accumulator.category($0.category) }
        // Each unit code resolved once: the transactions' codes, and each person's own (schedules carry none).
        func enhet(_ code: String) -> Int32? {
            units.enhet(for: code, key: definition.unitKey).map { accumulator.enhet($0.id) }
        }
        let personCodes = persons.map { $0.unit ?? $0.transactionUnit ?? "" }
        let personEnhets = personCodes.map(enhet)
        let codeEnhets = unitCodeList.map(enhet)
        // In the table's order: every sum below is the same whatever the order, and the facts are sorted at
        // the end.
        hours.forEach { packed, raw in
            let person = Int(packed >> 40)
            let unitNumber = Int((packed >> 20) & 0xFFFFF)
            let ordinal = Int((packed >> 8) & 0xFFF) + Self.baseMonth
            let measure = Int(packed & 0xFF)
            guard let enhetSlot = unitNumber == 0 ? personEnhets[person] : codeEnhets[unitNumber] else {
                unknownUnits[unitNumber == 0 ? personCodes[person] : unitCodeList[unitNumber], default: 0] += 1
                return
            }
            let who = persons[person]
            var slot = FactAccumulator.Slot(
                enhet: enhetSlot, month: Int32(ordinal), measure: measureSlots[measure],
                category: categorySlots[person])
            accumulator.addTotalAndSplit(slot, gender: who.gender, raw)
            if who.hourly && measure == worked {
                slot.measure = hourly
                accumulator.addTotalAndSplit(slot, gender: who.gender, raw)
            }
            if present.insert(UInt64(person) << 40 | UInt64(enhetSlot) << 20 | UInt64(ordinal - Self.baseMonth))
                .inserted
            {
                slot.measure = headcount
                accumulator.addTotalAndSplit(slot, gender: who.gender, FixedDecimal.scale)
                if let degree = who.degree {
                    slot.measure = fte
                    accumulator.addTotalAndSplit(slot, gender: who.gender, degree.raw / 100)
                }
            }
        }
        // The person-level sums are done with: their memory goes back before the facts are built.
        hours.removeAll()
        for (code, count) in unknownUnits.sorted(by: { $0.key < $1.key }) {
            let name =
                code.isEmpty
                ? "no unit (no 'resenhet' of dimension \(dimension))" : "\(definition.unitKey.label) '\(code)'"
            result.rejects.append(
                Finding(
                    SourceLocation(file: displayPath), rule: "unknown-unit",
                    message: "\(name) is not in the unit register: \(count) person-months of hours not loaded"))
        }
        if overflowed { accumulator.markOverflow() }
        try accumulator.checkRange(file: displayPath)
        accumulator.finish(into: &result)
        for (code, value) in hoursByCode { result.controlTotals["hours." + code] = value }
        result.controlTotals["persons"] = FixedDecimal(persons.count)
        return result
    }

    /// A time transaction given as a date range and an `omfattning`, waiting for the file's percentage form.
    struct Extent {
        let person: Int
        /// The transaction's unit code; `""` for the person's own.
        let unit: String
        let code: String
        /// Weekdays of the range per month.
        let weekdays: [(Month, Int64)]
        let percent: FixedDecimal
        /// The `omfattning` as written.
        let text: String
        let line: Int
    }

    /// K or M from a twelve- or ten-digit personnummer (the second-to-last digit: odd = man); `nil` otherwise.
    static func gender(personnummer: String) -> Gender? {
        var text = personnummer
        return text.withUTF8 { gender(personnummerBytes: $0) }
    }

    /// The same from the bytes of the `persnr` attribute.
    static func gender(personnummerBytes: UnsafeBufferPointer<UInt8>) -> Gender? {
        var count = 0
        var previous: UInt8 = 0
        var last: UInt8 = 0
        for byte in personnummerBytes where byte >= 0x30 && byte <= 0x39 {
            count += 1
            previous = last
            last = byte
        }
        guard count == 12 || count == 10 else { return nil }
        return (previous - 0x30) % 2 == 1 ? .man : .kvinnor
    }
}
