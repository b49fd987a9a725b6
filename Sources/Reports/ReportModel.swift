import Domain
import Foundation
import Rules

/// Builds the plain dictionaries the Mustache templates render: the parts every report shares.
///
/// All wording and number formatting for the pages happens in the models, so templates only place text.
struct ReportModel {
    let config: Config

    // MARK: Numbers and symbols

    func format(_ value: Rational, _ definition: IndicatorDefinition) -> String {
        SwedishFormat.value(value, decimals: definition.decimals, unit: definition.unit)
    }

    /// A number from the config (a target, a limit), exactly as written, in the indicator's format.
    func format(_ value: Double, _ definition: IndicatorDefinition) -> String {
        Rational(printed: value).map { format($0, definition) } ?? SwedishFormat.notComputable
    }

    func text(_ value: IndicatorValue?, _ definition: IndicatorDefinition) -> String {
        guard let value else { return "" }
        if let number = value.value { return format(number, definition) }
        return value.missing?.symbol ?? "-"
    }

    /// Last year's value as last year's report published it, or its symbol.
    func previousText(_ value: IndicatorValue?, _ definition: IndicatorDefinition) -> String {
        if let previous = value?.previous { return format(previous, definition) }
        return value?.previousMissing?.symbol ?? "-"
    }

    /// What an område total covers, when it is fewer than the units the indicator applies to ("4 av 7
    /// enheter"): a unit without every measure the formula needs is left out of the total. `nil` when it
    /// covers them all, or there is no total.
    static func coverageText(_ indicator: IndicatorEvaluation?) -> String? {
        guard let indicator, indicator.total != nil,
            indicator.coverage.covered.count < indicator.coverage.applicable.count
        else { return nil }
        return "\(indicator.coverage.covered.count) av \(units(indicator.coverage.applicable.count))"
    }

    /// "1 enhet", "7 enheter".
    static func units(_ count: Int) -> String { SwedishText.count(count, "enhet", "enheter") }

    func change(_ value: Rational?, _ definition: IndicatorDefinition) -> String {
        value.map { SwedishFormat.change($0, decimals: definition.decimals, unit: Self.changeUnit(definition.unit)) }
            ?? ""
    }

    /// The unit of a difference: a change in a percentage is in percentage points.
    static func changeUnit(_ unit: String) -> String { unit == "%" ? "procentenheter" : unit }

    /// An amount in whole kronor: `1 234 kr`; with `unit: ""` (a table that names its unit in the caption)
    /// `1 234`.
    static func kronor(_ value: Rational?, unit: String = "kr") -> String {
        value.map { SwedishFormat.value($0, decimals: 0, unit: unit) } ?? "-"
    }

    static func kronorChange(_ value: Rational?, unit: String = "kr") -> String {
        value.map { SwedishFormat.change($0, decimals: 0, unit: unit) } ?? "-"
    }

    /// A margin or a requirement in percent, with the decimals it is judged with.
    static func percent(_ value: Rational?) -> String {
        value.map { SwedishFormat.value($0, decimals: EconomicFigures.marginDecimals, unit: "%") } ?? "-"
    }

    /// A status as the templates show it: a mark that needs no colour, the text label, and a CSS class.
    static func status(_ status: Status?) -> StatusMark? {
        status.map { StatusMark(label: $0.label, level: $0.level) }
    }

    /// Why a published value of an indicator that is judged has no status: too few units with a value for
    /// quartiles. `nil` where the value is judged, has none, or the indicator is not judged at all.
    static func statusNote(_ value: IndicatorValue?, _ indicator: IndicatorEvaluation) -> String? {
        guard let value, value.value != nil, value.status == nil, indicator.lacksQuartiles else { return nil }
        return notJudgedText
    }

    /// The words for an indicator judged by quartiles with too few units for them.
    static let notJudgedText = "Bedöms inte: färre än \(RuleEngine.quartileMinimum) enheter med värde"

    /// A yes/no judgement (resultatkrav) in the same form as an indicator status.
    static func judgement(_ met: Bool?, yes: String, no: String) -> StatusMark? {
        guard let met else { return nil }
        return met ? StatusMark(label: yes, level: .green) : StatusMark(label: no, level: .red)
    }

    /// The target in words: `minst 80 %`.
    func targetText(_ definition: IndicatorDefinition) -> String? {
        switch definition.statusRule {
        case .none: return nil
        case .quartile: return nil
        case .target(let target, let redLimit):
            let comparison = definition.direction == .higher ? "minst" : "högst"
            var text = "\(comparison) \(format(target, definition))"
            if let redLimit { text += " (rött bortom \(format(redLimit, definition)))" }
            return text
        }
    }

    /// How values are judged, as a sentence for the indicator's introduction.
    func judgementText(_ definition: IndicatorDefinition) -> String? {
        if case .quartile = definition.statusRule { return "Bedöms mot områdets kvartiler." }
        return targetText(definition).map { "Mål: \($0)." }
    }

    /// The href of a unit's page for a year.
    static func unitPage(_ enhet: Enhet, year: Int) -> String { "enhet-\(year)-\(enhet.id).html" }

    /// The note beside a unit's name when it opened or closed in the months a table covers (`öppnade
    /// 2025-08-01`, `stängde 2025-06-30`): its stocks are averaged over the months it was open, and its
    /// flows cover only those. `nil` for a unit open throughout.
    static func validityNote(_ enhet: Enhet, months: [Month]) -> String? {
        let covered = Set(months)
        var parts: [String] = []
        if let from = enhet.validFrom, covered.contains(from.monthValue) { parts.append("öppnade \(from)") }
        if let to = enhet.validTo, covered.contains(to.monthValue) { parts.append("stängde \(to)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    // MARK: Åtgärdsplaner and fördjupad uppföljning

    func reasonText(_ reason: ActionPlanReason) -> String {
        var text = reason.rule.reason
        if let indicator = reason.indicator {
            var detail = indicator.name
            if let value = reason.value { detail += " \(format(value, indicator))" }
            if let limit = reason.limit {
                let word: String
                if case .red = reason.rule.condition { word = "mål" } else { word = "gräns" }
                detail += ", \(word) \(format(limit, indicator))"
            }
            text += ": \(detail)"
        } else if case .resultatkravMissed = reason.rule.condition {
            text += ": rörelsemarginal \(Self.percent(reason.value)), krav \(Self.percent(reason.limit))"
        }
        return text
    }

    func actionPlans(_ plans: [ActionPlan], omrade: String? = nil, year: Int) -> [ActionPlanRow] {
        plans.filter { omrade == nil || $0.enhet.omrade == omrade }.map { plan in
            ActionPlanRow(
                enhet: plan.enhet.name, enhetId: plan.enhet.id, href: Self.unitPage(plan.enhet, year: year),
                omrade: config.omrade(plan.enhet.omrade)?.name ?? plan.enhet.omrade,
                reasons: plan.reasons.map { Item(text: reasonText($0)) })
        }
    }

    func inDepth(_ due: [InDepthReview], omrade: String? = nil) -> [InDepthRow] {
        due.filter { omrade == nil || $0.enhet.omrade == omrade }.map { review in
            InDepthRow(
                enhet: review.enhet.name, enhetId: review.enhet.id,
                omrade: config.omrade(review.enhet.omrade)?.name ?? review.enhet.omrade,
                last: review.last?.description ?? "ingen registrerad", due: String(review.dueYear))
        }
    }

    // MARK: Economics

    /// One row of an economics table; `meetsResultatkrav` is the unit's judgement (`nil` for sums).
    ///
    /// - Parameter amountUnit: the unit after each amount; `""` in a wide table whose caption says "belopp i
    ///   kr" (the tertial and annual economics tables, which must fit a desktop page). The default is `kr`.
    func economicsRow(
        _ name: String, _ figures: EconomicFigures, meetsResultatkrav: Bool?, href: String? = nil,
        amountUnit: String = "kr"
    ) -> EconomicsRow {
        func kronor(_ value: Rational?) -> String { Self.kronor(value, unit: amountUnit) }
        func kronorChange(_ value: Rational?) -> String { Self.kronorChange(value, unit: amountUnit) }
        return EconomicsRow(
            name: name,
            revenue: kronor(figures.revenue),
            costs: kronor(figures.costs),
            result: kronor(figures.result),
            margin: Self.percent(figures.margin),
            budgetResult: kronor(figures.budgetResult),
            budgetDeviation: kronorChange(figures.budgetDeviation),
            forecast: kronor(figures.forecastResult),
            forecastMargin: Self.percent(figures.forecastMargin),
            forecastChange: kronorChange(figures.forecastChange),
            openingEquity: kronor(figures.openingEquity),
            closingEquity: kronor(figures.closingEquity),
            forecastEquity: kronor(figures.forecastClosingEquity),
            href: href,
            krav: Self.judgement(meetsResultatkrav, yes: "Nås", no: "Nås inte"))
    }

    // MARK: Page frame

    /// The parts every page shares: title, symbols, the methodology generated from the config.
    ///
    /// - Parameter omraden: the områden the page reports on; its methodology defines only the indicators
    ///   of those (a nämnd's tertial report lists its own). `nil` = every område.
    func page(title: String, periodLabel: String, sources: [SourceStatus] = [], omraden: [String]? = nil)
        -> PageFrame
    {
        let shown = omraden ?? config.omraden.map(\.id)
        return PageFrame(
            kommun: config.kommun.name,
            kommunkod: config.kommun.code,
            title: title,
            periodLabel: periodLabel,
            minN: config.report.minN,
            suppressionText: Self.suppressionText(config.report),
            symbols: [
                PageFrame.Symbol(
                    symbol: "..", meaning: "för få observationer (färre än \(config.report.minN)); värdet visas inte"),
                PageFrame.Symbol(
                    symbol: ".", meaning: "ej tillämpligt, t.ex. redovisningsuppgifter för externa utförare"),
                PageFrame.Symbol(symbol: "-", meaning: "uppgift saknas eller kan inte beräknas"),
            ],
            statuses: [
                PageFrame.StatusLegend(level: .green, meaning: "grön: når målet eller bland de 25 % bästa"),
                PageFrame.StatusLegend(
                    level: .yellow,
                    meaning: "gul: nära målet (mellan målet och gränsen för rött) eller i mittenhälften"),
                PageFrame.StatusLegend(level: .red, meaning: "röd: når inte målet eller bland de 25 % svagaste"),
            ],
            definitions: config.indicators.filter { indicator in shown.contains { indicator.applies(to: $0) } }
                .map { definition($0, omraden: shown) },
            numbersText: Self.numbersText,
            sources: sources.map(\.model),
            hasSources: !sources.isEmpty,
            resultatkrav: config.economics.resultatkrav.sorted { $0.key < $1.key }.map {
                PageFrame.Requirement(year: String($0.key), percent: Self.percent(Rational(printed: $0.value)))
            },
            forecastMethod: config.economics.forecast == .linear
                ? "hittills i år uppräknat till tolv månader (för en enhet som startar eller upphör under året till de månader den är öppen)"
                : "hittills i år plus budget för årets återstående månader (de månader enheten är öppen)",
            inDepthInterval: config.inDepth.intervalYears,
            inDepthEvery: SwedishText.everyYears(config.inDepth.intervalYears),
            resultatkravText: SwedishText.parenthesis(
                config.economics.resultatkrav.sorted { $0.key < $1.key }.map {
                    (String($0.key), Self.percent(Rational(printed: $0.value)))
                }
            ))
    }

    /// How values are withheld, in words, for the methodology of every page (docs/REPORTS.md, "Sekretess").
    static func suppressionText(_ settings: Config.ReportSettings) -> String {
        let n = settings.minN
        let primary =
            "Värden som bygger på färre än \(n) observationer redovisas inte (..), för att skydda enskildas integritet. Det prövas på det exakta antalet, inte på ett avrundat, och en dold cell redovisar inte sitt antal observationer. Medianer av färre än \(n) ärenden redovisas inte."
        let year =
            " En enhet som har för få observationer under någon månad, något tertial eller året redovisas inte för någon av årets perioder, så att året inte kan delas upp i sina delar."
        let gender =
            " När ett värde för kvinnor eller män inte redovisas, redovisas inte heller det andra könets värde, och inte heller kvinnor och män när totalen döljs."
        let previous = " Förra årets värde visas bara om det redovisades förra året."
        let audit =
            " Innan en rapport publiceras prövar en separat kontroll om något dolt värde kan räknas fram ur det som publiceras (summa minus delar, totalen minus kvinnor eller män, förra årets värde, kvoter och produkter av publicerade värden); kan det det, publiceras rapporten inte."
        switch settings.suppression {
        case .complementary:
            return primary + year
                + " Så att ett dolt värde inte kan räknas fram ur en summa döljs också ett värde till där summan annars skulle avslöja det: när områdets summa, eller summan för enheterna i egen regi eller för de externa utförarna, har exakt en dold enhet under någon period, döljs den minsta redovisade enheten också (sekundär röjandekontroll). Samma enheter döljs i alla indikatorer som räknar samma observationer, och en dold enhets antal klagomål per ärendetyp redovisas inte."
                + gender + previous + audit
        case .totals:
            return primary + year + " När en summa har en dold enhet redovisas inte summan." + gender + previous + audit
        case .primary:
            return primary + gender + previous + audit
        }
    }

    /// How values, totals, medians, rounding and status are computed, in words (docs/REPORTS.md, "Numbers"
    /// and "Aggregates").
    static let numbersText =
        "Värdena räknas exakt, utan binära avrundningsfel, och avrundas en gång till det antal decimaler som visas; en halva avrundas bort från noll (90,5 blir 91). Medianer, kvartiler, rangordning, status, skillnad mot medianen och förändring från förra året räknas på de avrundade värdena, så det som står på sidan går att räkna om: skillnaden mot medianen är det visade värdet minus den visade medianen. Status bedöms på det visade värdet mot målet som det är skrivet. En kvot för området räknas på summerade mått för de enheter som har alla mått som kvoten behöver; täcker summan färre enheter än indikatorn gäller står det vid summan. En median för området, till exempel av handläggningstid, är medianen av alla områdets ärenden, inte ett medelvärde av enheternas medianer. Ett lagervärde, till exempel antal brukare, är medelvärdet av de månader enheten var öppen."

    func definition(_ definition: IndicatorDefinition, omraden shown: [String]? = nil) -> PageFrame.Definition {
        PageFrame.Definition(
            name: definition.name,
            description: definition.description,
            formula: definition.formulaText,
            formulaWords: words(definition.formula),
            family: definition.family.label,
            unit: definition.unit,
            direction: definition.direction == .higher
                ? "högre värde är bättre"
                : definition.direction == .lower ? "lägre värde är bättre" : "värdet bedöms inte",
            minN: definition.minN,
            byGender: definition.byGender,
            regi: Self.appliesText(definition, omraden: (shown ?? config.omraden.map(\.id)).compactMap(config.omrade)),
            judgement: judgementText(definition),
            nMeasure: definition.nMeasure.map { n in
                config.measure(n.measure).map { SwedishText.inSentence($0.name) } ?? n.measure
            })
    }

    /// A formula in words: measures by their Swedish names, operators spelled out.
    func words(_ formula: Formula) -> String {
        switch formula {
        case .number(let value):
            return SwedishFormat.number(value, decimals: value.exactDecimals ?? 2)
        case .measure(let reference):
            var text = config.measure(reference.measure).map { SwedishText.inSentence($0.name) } ?? reference.measure
            var filters: [String] = []
            if !reference.categories.isEmpty {
                let names = reference.categories.map { category in
                    ComplaintType(rawValue: category) != nil
                        ? TertialModel.complaintLabel(category).lowercased()
                        : category.replacingOccurrences(of: "_", with: " ")
                }
                filters.append(SwedishText.list(names))
            }
            if let gender = reference.gender { filters.append(gender == .kvinnor ? "kvinnor" : "män") }
            if !filters.isEmpty { text += " (\(filters.joined(separator: ", ")))" }
            return text
        case .negate(let inner): return "minus \(words(inner))"
        case .binary(let op, let lhs, let rhs):
            func side(_ f: Formula) -> String {
                if case .binary(let inner, _, _) = f, precedence(inner) < precedence(op) { return "(\(words(f)))" }
                return words(f)
            }
            let verb: String
            switch op {
            case .add: verb = "plus"
            case .subtract: verb = "minus"
            case .multiply: verb = "gånger"
            case .divide: verb = "delat med"
            }
            return "\(side(lhs)) \(verb) \(side(rhs))"
        }
    }

    private func precedence(_ op: Formula.Operator) -> Int { op == .add || op == .subtract ? 1 : 2 }
}

extension ReportModel {
    /// Which units an indicator applies to, among a page's områden: "alla enheter", "egen regi i
    /// hemtjänst och särskilt boende".
    static func appliesText(_ definition: IndicatorDefinition, omraden: [Omrade]) -> String {
        let regi =
            definition.regi.count == Regi.allCases.count
            ? "alla enheter" : definition.regi.map(\.label).joined(separator: " och ")
        let own = omraden.filter { definition.applies(to: $0.id) }
        guard !definition.omraden.isEmpty, own.count < omraden.count, !own.isEmpty else { return regi }
        return "\(regi) i \(SwedishText.list(own.map(\.name)))"
    }
}

extension ReportModel {
    /// A cell of a table row (`{{value}}`).
    struct Cell {
        let value: String
    }

    /// A column heading (`{{label}}`).
    struct Heading {
        let label: String
    }

    /// An item of a list (`{{text}}`).
    struct Item {
        let text: String
    }

    /// A unit that must hand in an åtgärdsplan, with the reasons.
    struct ActionPlanRow {
        let enhet: String
        let enhetId: String
        /// Its unit page.
        let href: String
        /// The name of its område.
        let omrade: String
        let reasons: [Item]
    }

    /// A unit due for a fördjupad uppföljning.
    struct InDepthRow {
        let enhet: String
        let enhetId: String
        let omrade: String
        /// The year of the latest review, or `ingen registrerad`.
        let last: String
        /// The year it has been due since.
        let due: String
    }

    /// One row of an economics table, every amount formatted.
    struct EconomicsRow {
        let name: String
        let revenue: String
        let costs: String
        let result: String
        let margin: String
        let budgetResult: String
        let budgetDeviation: String
        let forecast: String
        let forecastMargin: String
        let forecastChange: String
        let openingEquity: String
        let closingEquity: String
        let forecastEquity: String
        /// The unit's page, where the table links it.
        let href: String?
        /// Whether the unit meets the resultatkrav; `nil` for sums.
        let krav: StatusMark?
        /// The unit's validity note in the months the table covers. Set on every unit row of the annual and
        /// tertial tables (empty for a unit open throughout); `nil` on other rows.
        var validity: LocalText?
        /// The result of the tertial (tertial report only).
        var tertialResult: String?
        /// The result of the same period last year (tertial report only).
        var lastYearResult: String?
    }
}
