/// Everything one municipality's config file says, with paths resolved against the config's folder.
///
/// Built by `Config.load(path:)`; see docs/CONFIG.md for every key.
package struct Config: Sendable {
    package struct Kommun: Sendable {
        package let name: String
        /// The four-digit kommunkod, e.g. `0180`.
        package let code: String
    }

    /// Where things are; every path absolute.
    package struct Paths: Sendable {
        package var register: String
        package var templates: String
        package var warehouse: String
        package var output: String
        /// Analysts' commentary: `<commentary>/<period>/<enhet>.md`, e.g. `commentary/2025-T2/HT01.md`.
        package var commentary: String
        /// Where run manifests go; `nil` = `runs/` beside the warehouse.
        package var runs: String? = nil
        /// The log file; `nil` = `uppfoljning.log` beside the warehouse.
        package var log: String? = nil
        /// The operator's data-quality page goes here, outside the published output; `nil` = the default, the
        /// folder `datakvalitet` beside the output folder.
        package var quality: String? = nil

        /// The folder the data-quality page is written to.
        package var qualityFolder: String { quality ?? Config.defaultQualityFolder(output: output) }
    }

    package struct ReportSettings: Sendable {
        /// The title of the published comparison.
        package let title: String
        /// Values computed from fewer observations are suppressed in published output. The default is 5.
        package let minN: Int
        /// Days after a tertial's or year's end before its report is due (the ledger's closing). The
        /// default is 10.
        package var lagDays = 10
        /// How a published aggregate is kept from revealing a suppressed unit. The default is
        /// `.complementary`.
        package var suppression: SuppressionMethod = .complementary
        /// The complaint types whose counts are published per unit (e.g. `lex_sarah` where such reports are
        /// public documents). The område totals per type are always published. The default is none.
        package var publicCounts: [String] = []
    }

    /// The config file the values came from.
    package let file: String
    package let kommun: Kommun
    package var paths: Paths
    package let namnder: [Namnd]
    package let omraden: [Omrade]
    package let enheter: [Enhet]
    package let measures: [Measure]
    package let ledger: LedgerMapping
    package let sources: [SourceDefinition]
    package let indicators: [IndicatorDefinition]
    package let report: ReportSettings
    package let economics: EconomicsSettings
    package let actionRules: [ActionRule]
    package let inDepth: InDepthSettings
    /// The bounds on each input file (`[limits]`, `[report] earliest_year`); every source carries a copy.
    package var limits = IngestLimits.standard

    package func measure(_ id: String) -> Measure? { measures.first { $0.id == id } }
    package func omrade(_ id: String) -> Omrade? { omraden.first { $0.id == id } }
    package func enhet(_ id: String) -> Enhet? { enheter.first { $0.id == id } }
}

/// How ledger accounts become measures and which dimension names the unit.
package struct LedgerMapping: Sendable {
    /// An inclusive range of accounts, compared on as many leading digits as `from` has.
    package struct AccountRange: Sendable, Hashable {
        package let from: String
        package let to: String
        package let measure: String
        /// +1 keeps the ledger's sign; −1 turns credits (revenues) into positive values.
        package let sign: Int

        package init(from: String, to: String, measure: String, sign: Int) {
            self.from = from
            self.to = to
            self.measure = measure
            self.sign = sign
        }

        /// Whether `account` (digits) falls in the range.
        package func contains(_ account: String) -> Bool {
            let width = from.count
            var key = String(account.prefix(width))
            if key.count < width { key += String(repeating: "0", count: width - key.count) }
            return key >= from && key <= to.padding(toLength: width, withPad: "9", startingAt: 0)
        }
    }

    /// A ledger unit code, or an inclusive range of codes, that names no unit: a central account, the
    /// nämnd's own ansvar (`[ledger] ignore_units`).
    package struct IgnoredUnits: Sendable, Hashable {
        /// The code, or the range's first code.
        package let from: String
        /// The range's last code; `from` for a single code.
        package let to: String

        /// Reads an entry: a code, or `FROM-TO` where both are digits of the same length and FROM is not
        /// above TO; `nil`, with the expectation, otherwise.
        package static func parse(_ text: String) -> Result<IgnoredUnits, IgnoredUnitsError> {
            let code = text.trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else { return .failure(.empty) }
            let parts = code.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            let digits = { (part: String) in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
            guard parts.count == 2, digits(parts[0]), digits(parts[1]) else {
                return .success(IgnoredUnits(from: code, to: code))
            }
            guard parts[0].count == parts[1].count else { return .failure(.lengths) }
            guard parts[0] <= parts[1] else { return .failure(.order) }
            return .success(IgnoredUnits(from: parts[0], to: parts[1]))
        }

        /// Whether a unit code (as the ledger wrote it, spaces trimmed) is ignored.
        package func contains(_ code: String) -> Bool {
            from == to ? code == from : code.count == from.count && code >= from && code <= to
        }
    }

    /// Why an entry of `ignore_units` is refused.
    package enum IgnoredUnitsError: Error, Sendable {
        case empty, lengths, order
    }

    /// The SIE dimension whose objects identify the unit. The default is 1 (kostnadsställe).
    package let unitDimension: Int
    package let accounts: [AccountRange]
    /// Unit codes that name no unit and are expected in the ledger: their amounts are counted as
    /// `amount.ignored`, not unmapped. The default is none.
    package var ignoredUnits: [IgnoredUnits] = []

    /// Whether a unit code not in the register is one the config ignores.
    package func ignores(_ code: String) -> Bool { ignoredUnits.contains { $0.contains(code) } }

    /// The measure and sign for an account; `nil` means the account is left out of unit results.
    package func range(for account: String) -> AccountRange? { accounts.first { $0.contains(account) } }

    /// The Kommun-Bas defaults: class 3 revenues (shown positive), 4 purchases, 5 personnel, 6–7 other
    /// costs; class 8 and the balance sheet (1–2) are left out.
    package static let kommunBasAccounts: [AccountRange] = [
        AccountRange(from: "3", to: "3", measure: "intakter", sign: -1),
        AccountRange(from: "4", to: "4", measure: "kop_av_tjanster", sign: 1),
        AccountRange(from: "5", to: "5", measure: "personalkostnader", sign: 1),
        AccountRange(from: "6", to: "7", measure: "ovriga_kostnader", sign: 1),
    ]

    /// The measure id of the budget of a ledger measure: `budget_personalkostnader`.
    package static func budgetMeasure(_ measure: String) -> String { "budget_" + measure }

    /// The measures the Kommun-Bas defaults produce, declared automatically when the config does not.
    package static let kommunBasMeasures: [Measure] = [
        Measure(
            id: "intakter", name: "Intäkter", unit: "kr", aggregation: .sum,
            description: "Kontoklass 3, intäkter (visas positivt)"),
        Measure(
            id: "kop_av_tjanster", name: "Köp av material och tjänster", unit: "kr", aggregation: .sum,
            description: "Kontoklass 4"),
        Measure(
            id: "personalkostnader", name: "Personalkostnader", unit: "kr", aggregation: .sum,
            description: "Kontoklass 5"),
        Measure(
            id: "ovriga_kostnader", name: "Övriga kostnader", unit: "kr", aggregation: .sum,
            description: "Kontoklass 6 och 7"),
    ]
}

/// The kinds of source files the readers understand.
package enum SourceKind: String, Sendable, CaseIterable {
    /// Ledger transactions as CSV.
    case ledgerCSV = "ledger-csv"
    /// Ledger vouchers as SIE 4 (`#VER`/`#TRANS`), with `#PBUDGET` as budget.
    case ledgerSIE = "ledger-sie"
    /// Volumes per unit and month as CSV.
    case volumeCSV = "volume-csv"
    /// Payroll and time exports in PAXml 2.0.
    case paxml
    /// The HR system's monthly employment snapshot as CSV.
    case hrCSV = "hr-csv"
    /// User survey results per unit, question and period as CSV.
    case surveyCSV = "survey-csv"
    /// The complaints register: one row per synpunkt, klagomål, beröm, lex Sarah/Maria or avvikelse.
    case complaintsCSV = "complaints-csv"
    /// The complaints register exported as XML: one element per entry.
    case complaintsXML = "complaints-xml"
}

/// One configured source: a kind of export dropped into an inbox folder.
package struct SourceDefinition: Sendable {
    /// Which register column a file's unit codes refer to.
    package enum UnitKey: String, Sendable {
        /// The register's `id`.
        case id
        /// A ledger code (ansvar).
        case ledger
        /// An HR code.
        case hr
        /// Another system's code (register column `ovriga_koder`), e.g. the national statistics' unit id.
        case other

        /// How messages name a code of this kind.
        package var label: String {
            switch self {
            case .id: return "unit id"
            case .ledger: return "ledger code"
            case .hr: return "HR code"
            case .other: return "code"
            }
        }
    }

    /// Long files have one row per unit, month and measure; wide ones a column per measure.
    package enum Layout: String, Sendable {
        case long
        case wide
    }

    package let id: String
    package let kind: SourceKind
    /// An absolute glob, e.g. `/srv/kommun/inbox/ekonomi/*.csv`.
    package let inbox: String
    /// `nil` = detect.
    package let encoding: TextEncoding?
    /// `nil` = sniff from the header.
    package let delimiter: UInt8?
    /// Logical column → header name in the file.
    package let columns: [String: String]
    package let unitKey: UnitKey
    package let layout: Layout
    /// For wide volume files: measure id → header name.
    package let measureColumns: [String: String]
    /// Facts from this source were reported by the provider itself (external providers' own reports).
    package var selfReported = false
    /// What a newer file of this source replaces.
    package var snapshot: Snapshot = .months
    /// The source is flagged stale when its latest month lies more than this many months before the newest
    /// month of any source. The default is 12 for surveys, 2 for everything else.
    package var staleAfterMonths = 2

    /// What one file of a source is a complete picture of.
    package enum Snapshot: String, Sendable {
        /// Every unit for the months the file covers: a newer file replaces all the source's facts for them.
        case months
        /// Only the units in the file: a newer file replaces the source's facts for its own units' months
        /// (one file per provider).
        case unitMonths = "unit-months"
    }
    /// Survey and complaints sources: the prefix of the measures they produce.
    package var measurePrefix = ""
    /// PAXml sources: the `resenhet` dimension that names the unit. The default is "1".
    package var unitDimension = "1"
    /// PAXml sources: time code → measure id (empty = ignore), over the defaults.
    package var timeCodes: [String: String] = [:]
    /// XML sources: the element that holds one entry.
    package var record = ""
    /// The bounds every file of the source is read within (the config's `[limits]`, shared by all sources).
    package var limits = IngestLimits.standard
    /// Complaints sources: the register's own type code → one of `ComplaintType`.
    package var complaintTypes: [String: ComplaintType] = [:]
    /// `survey-csv`: a question as the file writes it (its text, in a national download) → the question id
    /// stored as the category and named in formulas. A question not listed is stored as written. The default
    /// is none.
    package var questions: [String: String] = [:]
}

extension SourceDefinition {
    /// The measures a survey or complaints source produces, declared automatically unless the config
    /// declares them: with the default prefixes `enkat_positiva`, `enkat_svarande`, `enkat_svarsfrekvens`
    /// and `klagomal_antal`, `klagomal_oppna`, `klagomal_handlaggningsdagar`.
    package static func producedMeasures(_ source: SourceDefinition) -> [Measure] {
        let p = source.measurePrefix
        switch source.kind {
        case .surveyCSV:
            return [
                Measure(
                    id: p + "_positiva", name: "Positiva svar", unit: "antal", aggregation: .sum,
                    description: "Svarande som svarat positivt, per fråga (kategori)"),
                Measure(
                    id: p + "_svarande", name: "Svarande", unit: "antal", aggregation: .sum,
                    description: "Svarande med giltigt svar (utan 'vet ej'), per fråga (kategori)"),
                Measure(
                    id: p + "_svarsfrekvens", name: "Svarsfrekvens", unit: "%", aggregation: .mean,
                    description: "Svarsfrekvens enligt källan, per fråga (kategori)"),
            ]
        case .complaintsCSV, .complaintsXML:
            return [
                Measure(
                    id: p + "_antal", name: "Inkomna ärenden", unit: "antal", aggregation: .sum,
                    description: "Inkomna ärenden per typ (kategori) och månad"),
                Measure(
                    id: p + "_oppna", name: "Öppna ärenden vid månadens slut", unit: "antal", aggregation: .last,
                    description: "Ärenden som inte var avslutade vid månadens slut, per typ (kategori)"),
                Measure(
                    id: p + "_handlaggningsdagar", name: "Handläggningstid", unit: "dagar", aggregation: .median,
                    description:
                        "Dagar från inkommet till avslutat för ärenden avslutade under månaden; perioden visar medianen"
                ),
            ]
        case .paxml, .hrCSV:
            return staffMeasures
        case .volumeCSV:
            // A provider's own report (docs/PROVIDER-TEMPLATE.md) maps staff measures: they are declared as the
            // HR readers declare them, so the config need not.
            return staffMeasures.filter { source.measureColumns[$0.id] != nil }
        default:
            return []
        }
    }

    /// The measures of staffing the HR readers (PAXml, HR CSV) produce, which a volume source may map too.
    package static let staffMeasures: [Measure] = {
        let hours: [(String, String)] = [
            ("arbetade_timmar", "Arbetade timmar"), ("sjuktimmar", "Sjuktimmar"),
            ("overtidstimmar", "Övertidstimmar"),
            ("semestertimmar", "Semestertimmar"), ("vabtimmar", "Timmar vård av barn"),
            ("schematimmar", "Schemalagda timmar"),
        ]
        return hours.map { Measure(id: $0.0, name: $0.1, unit: "timmar", aggregation: .sum) } + [
            Measure(
                id: "personal_antal", name: "Anställda", unit: "antal", aggregation: .mean,
                description: "Personer med tid eller schema under månaden"),
            Measure(
                id: "arsarbetare", name: "Årsarbetare", unit: "årsarbetare", aggregation: .mean,
                description: "Summan av sysselsättningsgrader"),
        ]
    }()
}

/// The kinds of entries in a complaints register.
package enum ComplaintType: String, Sendable, CaseIterable {
    case synpunkt
    case klagomal
    case berom
    case lexSarah = "lex_sarah"
    case lexMaria = "lex_maria"
    case avvikelse
}

/// The follow-up family an indicator belongs to.
package enum Family: String, Sendable, CaseIterable {
    case volym
    case resurser
    case produktivitet
    case kvalitet
    case klagomal
    case ekonomi

    package var label: String {
        switch self {
        case .volym: return "Volym"
        case .resurser: return "Resurser"
        case .produktivitet: return "Produktivitet"
        case .kvalitet: return "Kvalitet"
        case .klagomal: return "Klagomål"
        case .ekonomi: return "Ekonomi"
        }
    }
}

/// Whether a higher or a lower value is better.
package enum Direction: String, Sendable {
    case higher
    case lower
    /// Neither: volumes are followed, not judged.
    case none
}

/// An indicator as the beställarnämnd defines it.
package struct IndicatorDefinition: Sendable {
    package let id: String
    package let name: String
    package let description: String
    package let family: Family
    package let formulaText: String
    package let formula: Formula
    package let unit: String
    package let decimals: Int
    package let direction: Direction
    /// The target value, if the nämnd has set one.
    package var target: Double? {
        if case .target(let target, _) = statusRule { return target }
        return nil
    }
    /// How values are judged green, yellow or red.
    package let statusRule: StatusRule
    /// Whether the indicator is also computed for women and men separately (from gender-split facts).
    package let byGender: Bool
    /// The områden the indicator applies to; empty = all.
    package let omraden: [String]
    /// The regi it applies to; other units show it as not applicable (`.`).
    package let regi: [Regi]
    /// The measure whose value counts the observations behind the indicator (e.g. `brukare`, or
    /// `enkat_svarande[category=helhet]`); `nil` = none.
    package let nMeasure: MeasureReference?
    /// Fewer observations than this and the value is suppressed (`..`).
    package let minN: Int

    package func applies(to omrade: String) -> Bool { omraden.isEmpty || omraden.contains(omrade) }
    package func applies(to regi: Regi) -> Bool { self.regi.contains(regi) }
}
