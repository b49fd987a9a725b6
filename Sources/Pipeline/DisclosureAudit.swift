import Domain
import Foundation
import Reports

/// A hidden value that the published files give away, and how.
package struct Disclosure: Sendable, Hashable, CustomStringConvertible {
    /// How an outsider would recover the value.
    package enum Route: String, Sendable, Hashable {
        /// A suppressed row prints its exact n.
        case exactN = "exakt n"
        /// The område total minus the published units.
        case totalMinusParts = "summa minus delar"
        /// A ratio's område total times its denominator, minus the published units' numerators.
        case ratioOfSums = "kvot av summor"
        /// Both genders together minus the published gender.
        case totalMinusGender = "T minus K eller M"
        /// Last year's hidden value printed as this year's previous value.
        case previousYear = "föregående år"
        /// A hidden ratio or product whose two factors the unit has published.
        case productOfPublished = "produkt eller kvot av publicerade värden"
        /// A unit hidden in one period and published in another of the same sum (a tertial and the year to
        /// date, the months and the year to date).
        case sumOfPeriods = "summa av perioder"
    }

    package let file: String
    /// The hidden cell: period, område, unit, indicator and gender.
    package let cell: String
    package let route: Route
    /// The value recovered, as far as the route gives it.
    package let recovered: Double?

    package var description: String {
        let value =
            recovered.flatMap(Rational.init(printed:)).map {
                ", recovered as \(SwedishFormat.format($0, decimals: 2, style: .message))"
            } ?? ""
        return "\(file): error: [disclosure] \(cell) can be derived (\(route.rawValue))\(value)"
    }
}

/// An outsider's attack on what a report would publish: written apart from the Rules' publication plan, from
/// the published files and the documented meaning of their columns only, so that a mistake in the plan is
/// caught rather than repeated.
///
/// It reads the open-data CSV (one row per unit, indicator and gender) and the verksamhetsberättelse CSVs (the
/// område totals) of a report, and last year's published open data where it is on disk, and tries the routes
/// of `Disclosure.Route`. A value counts as recovered when a route isolates it, whatever the rounding.
package struct DisclosureAudit: Sendable {
    let config: Config
    /// The register's units by id.
    let enheter: [String: Enhet]

    package init(config: Config) {
        self.config = config
        enheter = Dictionary(config.enheter.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A published open-data row.
    struct Row {
        let period: String
        let omrade: String
        let enhet: String
        let indicator: String
        let gender: String
        let value: Double?
        let symbol: String
        let n: String
        let previous: Double?

        var isHidden: Bool { symbol == ".." }
        var cell: String { "\(period) \(omrade) \(enhet) \(indicator) \(gender)" }
    }

    /// Attacks the files of one report; `lastYear` is the previous year's open-data CSV where published.
    package func audit(_ files: [RenderedFile], lastYear: String?) -> [Disclosure] {
        var findings: [Disclosure] = []
        let previousRows = lastYear.map(Self.openDataRows) ?? []
        var totals: [String: Double] = [:]
        for file in files where file.name.hasPrefix("verksamhetsberattelse-") && file.name.hasSuffix(".csv") {
            for record in Self.records(file.text) {
                guard let value = record["value"].flatMap(Double.init) else { continue }
                totals[Self.key(record["year"] ?? "", record["omrade_id"] ?? "", record["indicator_id"] ?? "")] = value
            }
        }
        for file in files
        where file.name.hasPrefix("arsjamforelse-") && file.name.hasSuffix(".csv")
            && !file.name.hasSuffix("-excel.csv")
        {
            let rows = Self.openDataRows(file.text)
            findings += exactN(rows, file: file.name)
            findings += genders(rows, file: file.name)
            findings += previousYear(rows, lastYear: previousRows, file: file.name)
            findings += totalsMinusParts(rows, totals: totals, file: file.name)
            findings += products(rows, file: file.name)
        }
        for file in files where file.name.hasPrefix("tertialrapport-") && file.name.hasSuffix(".html") {
            findings += tables(file.text, file: file.name)
        }
        return findings
    }

    // MARK: The tertial reports' tables

    /// One table of a rendered page marked for the audit: `data-audit`, `data-indicator`, and per row
    /// (`data-enhet`, or `data-total` for the område) the cells by `data-col`, in order.
    struct Table {
        let kind: String
        let indicator: String
        /// Each cell's column, its text, and whether the config (not the plan) withholds it.
        var rows: [(enhet: String?, cells: [(column: String, text: String, byConfig: Bool)])] = []
    }

    static func tables(in html: String) -> [Table] {
        var result: [Table] = []
        for chunk in html.components(separatedBy: "<table data-audit=\"").dropFirst() {
            guard let body = chunk.components(separatedBy: "</table>").first else { continue }
            let kind = String(body.prefix { $0 != "\"" })
            var table = Table(kind: kind, indicator: attribute("data-indicator", in: body.prefix { $0 != ">" }) ?? "")
            for row in body.components(separatedBy: "<tr").dropFirst() {
                let head = row.prefix { $0 != ">" }
                let enhet = attribute("data-enhet", in: head)
                guard enhet != nil || head.contains("data-total") else { continue }
                var cells: [(column: String, text: String, byConfig: Bool)] = []
                for cell in row.components(separatedBy: "<td").dropFirst() {
                    let open = cell.prefix { $0 != ">" }
                    guard let column = attribute("data-col", in: open) else { continue }
                    let text = cell.dropFirst(open.count + 1).prefix { $0 != "<" }
                    // A count the config withholds per unit (not in `report.public_counts`) is told apart from
                    // one the plan hides.
                    let withheld = attribute("data-withheld", in: open) == "config"
                    cells.append((column, String(text), withheld))
                }
                table.rows.append((enhet, cells))
            }
            result.append(table)
        }
        return result
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: "\(name)=\"") else { return nil }
        return String(tag[range.upperBound...].prefix { $0 != "\"" })
    }

    /// A number as the pages print it (`1 234,5 st`, `−3,2`); `nil` for a symbol or nothing.
    static func number(_ text: String) -> Double? {
        var digits = ""
        for character in text.replacingOccurrences(of: "\u{2212}", with: "-") {
            if character.isNumber || character == "-" || character == "," {
                digits.append(character == "," ? "." : character)
            } else if character == " " || character == "\u{00A0}" || character == "\u{202F}" {
                continue
            } else {
                break
            }
        }
        return Double(digits)
    }

    /// Total minus parts per column, and a unit hidden in one period but published in another.
    func tables(_ html: String, file: String) -> [Disclosure] {
        var result: [Disclosure] = []
        let medians = Set(
            config.indicators.filter { definition in
                if case .measure(let reference) = definition.formula {
                    return config.measure(reference.measure)?.aggregation == .median
                }
                return false
            }.map(\.id))
        let tertial = Self.tertial(ofFile: file)
        for table in Self.tables(in: html) where !medians.contains(table.indicator) {
            let units = table.rows.filter { $0.enhet != nil }
            let formula = table.kind == "counts" ? nil : config.indicators.first { $0.id == table.indicator }?.formula
            // The område row minus the units, column by column (only sums: the indicator tables' totals
            // are additive where the indicator is a single summed or averaged measure).
            if let total = table.rows.first(where: { $0.enhet == nil }),
                table.kind == "counts" || additive(table.indicator)
            {
                for (position, cell) in total.cells.enumerated() {
                    guard let sum = Self.number(cell.text) else { continue }
                    let column = units.filter { $0.cells.indices.contains(position) }
                    let hidden = column.filter { $0.cells[position].text == ".." }
                    let period = cell.column == "ytd" ? tertial?.yearToDate : tertial
                    let published = column.compactMap { unit in
                        Self.number(unit.cells[position].text).map {
                            $0 * (formula.flatMap { share(unit.enhet ?? "", period: period, formula: $0) } ?? 1)
                        }
                    }.reduce(0, +)
                    // One hidden unit is the total minus the others; any number of them is 0 each where the
                    // others make up the total (counts and stocks are never negative).
                    var residual = sum - published
                    guard hidden.count == 1 || (!hidden.isEmpty && abs(residual) < 1e-9) else { continue }
                    // A total of 0 over two or more units whose counts of the type the config withholds (none
                    // hidden by the plan) says that none of them had a case of the type: published by policy
                    // (docs/REPORTS.md, Sekretess, 5).
                    if hidden.count >= 2,
                        hidden.allSatisfy({ $0.cells[position].byConfig })
                    {
                        continue
                    }
                    if hidden.count == 1, let formula,
                        let part = share(hidden[0].enhet ?? "", period: period, formula: formula),
                        part > 0
                    {
                        residual /= part
                    }
                    for unit in hidden {
                        result.append(
                            Disclosure(
                                file: file,
                                cell:
                                    "\(table.indicator.isEmpty ? "antal" : table.indicator) \(unit.enhet ?? "") \(cell.column)",
                                route: .totalMinusParts, recovered: hidden.count == 1 ? residual : 0))
                    }
                }
            }
            guard table.kind != "counts" else { continue }
            for unit in units {
                let hidden = unit.cells.contains { $0.text == ".." }
                let published = unit.cells.contains { Self.number($0.text) != nil }
                if hidden, published, let enhet = unit.enhet {
                    result.append(
                        Disclosure(
                            file: file, cell: "\(table.indicator) \(enhet)", route: .sumOfPeriods, recovered: nil))
                }
            }
        }
        return result
    }

    /// The tertial of a tertial report's file name (`tertialrapport-2025-T2-von.html`).
    static func tertial(ofFile name: String) -> Period? {
        let parts = name.split(separator: "-")
        guard parts.count >= 3 else { return nil }
        return Period("\(parts[1])-\(parts[2])")
    }

    /// The part of a unit's published value of `formula` that an område total of `period` adds up.
    ///
    /// A total of a stock (`mean`) is the group's average over the whole period, in which a unit counts as
    /// zero in the months it is closed, while the unit's own value is its average over the months it is
    /// open (docs/REPORTS.md): a unit open in half the months adds half its value. The months come from the
    /// register, whose dates the pages print beside the unit's name. 1 for a flow, a unit open throughout or
    /// an unknown period; `nil` for a formula mixing stocks and flows of a unit open part of the period.
    func share(_ enhet: String, period: Period?, formula: Formula) -> Double? {
        guard let period, let unit = enheter[enhet] else { return 1 }
        let months = period.months
        let open = months.count { unit.isValid(in: $0) }
        guard open < months.count else { return 1 }
        let aggregations = Set(formula.references.compactMap { config.measure($0.measure)?.aggregation })
        guard aggregations.contains(.mean) else { return 1 }
        return aggregations == [.mean] ? Double(open) / Double(months.count) : nil
    }

    /// Whether an indicator is a single summed or averaged measure, so its område total is the sum of the
    /// units' values.
    func additive(_ indicator: String) -> Bool {
        config.indicators.first { $0.id == indicator }.flatMap { additive($0.formula) } != nil
    }

    /// The measure of a formula that is a single summed or averaged measure, whose group total is the sum
    /// of the units' values; `nil` otherwise.
    func additive(_ formula: Formula) -> MeasureReference? {
        guard case .measure(let reference) = formula,
            let aggregation = config.measure(reference.measure)?.aggregation,
            aggregation == .sum || aggregation == .mean
        else { return nil }
        return reference
    }

    // MARK: Routes

    func exactN(_ rows: [Row], file: String) -> [Disclosure] {
        rows.filter { $0.isHidden && !$0.n.isEmpty }.map {
            Disclosure(file: file, cell: $0.cell, route: .exactN, recovered: Double($0.n))
        }
    }

    func genders(_ rows: [Row], file: String) -> [Disclosure] {
        var result: [Disclosure] = []
        let byCell = Dictionary(grouping: rows) { "\($0.period)\u{0}\($0.enhet)\u{0}\($0.indicator)" }
        for (_, group) in byCell.sorted(by: { $0.key < $1.key }) {
            guard let total = group.first(where: { $0.gender == "T" }), total.value != nil else { continue }
            let sides = group.filter { $0.gender != "T" }
            let hidden = sides.filter(\.isHidden)
            if hidden.count == 1, sides.count == 2, sides.contains(where: { $0.value != nil }) {
                result.append(Disclosure(file: file, cell: hidden[0].cell, route: .totalMinusGender, recovered: nil))
            }
        }
        return result
    }

    func previousYear(_ rows: [Row], lastYear: [Row], file: String) -> [Disclosure] {
        let hiddenLastYear = Set(lastYear.filter(\.isHidden).map { "\($0.enhet)\u{0}\($0.indicator)\u{0}\($0.gender)" })
        return rows.filter {
            $0.previous != nil && hiddenLastYear.contains("\($0.enhet)\u{0}\($0.indicator)\u{0}\($0.gender)")
        }.map {
            Disclosure(file: file, cell: "\($0.cell) (föregående år)", route: .previousYear, recovered: $0.previous)
        }
    }

    /// The additive indicators (a single measure, summed or averaged per unit): the total is the sum of the
    /// units' values. Ratios of two such measures: the total is the ratio of the sums.
    func totalsMinusParts(_ rows: [Row], totals: [String: Double], file: String) -> [Disclosure] {
        var result: [Disclosure] = []
        let tRows = rows.filter { $0.gender == "T" }
        let groups = Dictionary(grouping: tRows) { Self.key($0.period, $0.omrade, $0.indicator) }
        /// The part of a row's value that the område total of `formula` adds up (`share(_:period:formula:)`).
        func share(_ row: Row, _ formula: Formula) -> Double? {
            self.share(row.enhet, period: Period(row.period), formula: formula)
        }
        /// The sum of the published values as the område total of `formula` adds them up.
        func publishedSum(_ rows: [Row], _ formula: Formula) -> Double {
            rows.compactMap { row in row.value.map { $0 * (share(row, formula) ?? 1) } }.reduce(0, +)
        }
        /// Each unit's value of the additive indicator counting `reference`, where published or derivable, and
        /// the part of it the total adds up.
        func denominators(_ reference: MeasureReference, period: String, omrade: String)
            -> [String: (value: Double, share: Double)]?
        {
            guard let indicator = config.indicators.first(where: { additive($0.formula) == reference }),
                let group = groups[Self.key(period, omrade, indicator.id)]
            else { return nil }
            var known = Dictionary(
                group.compactMap { row in row.value.map { (row.enhet, ($0, share(row, indicator.formula) ?? 1)) } }
            ) { a, _ in a }
            let hidden = group.filter(\.isHidden)
            if hidden.count == 1, let total = totals[Self.key(period, omrade, indicator.id)],
                let part = share(hidden[0], indicator.formula), part > 0
            {
                known[hidden[0].enhet] = ((total - publishedSum(group, indicator.formula)) / part, part)
            }
            return known
        }
        for (key, group) in groups.sorted(by: { $0.key < $1.key }) {
            guard let first = group.first, let total = totals[key],
                let definition = config.indicators.first(where: { $0.id == first.indicator })
            else { continue }
            let hidden = group.filter(\.isHidden)
            let published = publishedSum(group, definition.formula)
            // Several hidden units of a never-negative sum are 0 each where the others make up the total
            // (within the rounding of what is printed).
            let rounding = 0.5 * pow(10, -Double(definition.decimals)) * Double(group.count + 1)
            if hidden.count > 1, additive(definition.formula) != nil, abs(total - published) < rounding {
                result += hidden.map {
                    Disclosure(file: file, cell: $0.cell, route: .totalMinusParts, recovered: total - published)
                }
                continue
            }
            guard hidden.count == 1 else { continue }
            if additive(definition.formula) != nil {
                let part = share(hidden[0], definition.formula) ?? 1
                result.append(
                    Disclosure(
                        file: file, cell: hidden[0].cell, route: .totalMinusParts,
                        recovered: part > 0 ? (total - published) / part : nil))
                continue
            }
            // numerator / denominator × k: the numerator of the total minus the published units' numerators.
            guard let denominator = Self.denominator(definition.formula),
                let units = denominators(denominator, period: first.period, omrade: first.omrade),
                let hiddenDenominator = units[hidden[0].enhet]
            else { continue }
            let contributing = group.filter { $0.value != nil || $0.isHidden }
            guard contributing.allSatisfy({ units[$0.enhet] != nil }) else { continue }
            // A unit's part of the total's numerator is its value times its part of the total's denominator: a
            // stock beside a flow is over the whole period in the unit's value too, and a ratio of two stocks
            // is the same over the months the unit was open.
            let denominatorTotal = contributing.compactMap { units[$0.enhet].map { $0.value * $0.share } }
                .reduce(0, +)
            let publishedNumerators = group.compactMap { row in
                row.value.flatMap { value in units[row.enhet].map { value * $0.value * $0.share } }
            }.reduce(0, +)
            let hiddenPart = hiddenDenominator.value * hiddenDenominator.share
            guard hiddenPart != 0 else { continue }
            // The constant factor is in the total and in every unit's value alike, so it cancels.
            let recovered = (total * denominatorTotal - publishedNumerators) / hiddenPart
            result.append(Disclosure(file: file, cell: hidden[0].cell, route: .ratioOfSums, recovered: recovered))
        }
        return result
    }

    /// A hidden value whose formula is the product or quotient of two measures that the same unit publishes
    /// as indicators of their own.
    func products(_ rows: [Row], file: String) -> [Disclosure] {
        let published = Dictionary(
            rows.compactMap { row in
                row.value.map { ("\(row.period)\u{0}\(row.enhet)\u{0}\(row.indicator)\u{0}\(row.gender)", $0) }
            }
        ) { a, _ in a }
        func single(_ reference: MeasureReference) -> String? {
            config.indicators.first { definition in
                if case .measure(let own) = definition.formula { return own == reference }
                return false
            }?.id
        }
        var result: [Disclosure] = []
        for row in rows where row.isHidden {
            guard let definition = config.indicators.first(where: { $0.id == row.indicator }),
                let (a, b) = Self.factors(definition.formula), let first = single(a), let second = single(b),
                published["\(row.period)\u{0}\(row.enhet)\u{0}\(first)\u{0}\(row.gender)"] != nil,
                published["\(row.period)\u{0}\(row.enhet)\u{0}\(second)\u{0}\(row.gender)"] != nil
            else { continue }
            result.append(Disclosure(file: file, cell: row.cell, route: .productOfPublished, recovered: nil))
        }
        return result
    }

    // MARK: Formulas and files

    /// The denominator of `x / b` or `x / b * k` (a constant `k`), with `b` a measure.
    static func denominator(_ formula: Formula) -> MeasureReference? {
        switch formula {
        case .binary(.divide, _, .measure(let denominator)): return denominator
        case .binary(.multiply, let inner, .number), .binary(.multiply, .number, let inner): return denominator(inner)
        default: return nil
        }
    }

    /// The two measures of a product or quotient of two measures (constants aside).
    static func factors(_ formula: Formula) -> (MeasureReference, MeasureReference)? {
        switch formula {
        case .binary(.divide, .measure(let a), .measure(let b)), .binary(.multiply, .measure(let a), .measure(let b)):
            return (a, b)
        case .binary(.multiply, let inner, .number), .binary(.multiply, .number, let inner),
            .binary(.divide, let inner, .number):
            return factors(inner)
        default: return nil
        }
    }

    static func key(_ parts: String...) -> String { parts.joined(separator: "\u{0}") }

    static func openDataRows(_ content: String) -> [Row] {
        records(content).map { record in
            Row(
                period: record["period"] ?? "", omrade: record["omrade_id"] ?? "", enhet: record["enhet_id"] ?? "",
                indicator: record["indicator_id"] ?? "", gender: record["gender"] ?? "",
                value: record["value"].flatMap(Double.init), symbol: record["symbol"] ?? "", n: record["n"] ?? "",
                previous: record["previous_value"].flatMap(Double.init))
        }
    }

    /// The records of a comma-separated file with a header line, by column name.
    static func records(_ content: String) -> [[String: String]] {
        guard var reader = try? CSVReader(source: MemoryByteSource(Array(content.utf8)), delimiter: UInt8(ascii: ","))
        else { return [] }
        var header: [String] = []
        var result: [[String: String]] = []
        while (try? reader.next()) == true {
            let fields = (0..<reader.fieldCount).map { reader.string($0) }
            if header.isEmpty {
                header = fields
                continue
            }
            result.append(Dictionary(zip(header, fields).map { ($0, $1) }) { a, _ in a })
        }
        return result
    }
}
