import Domain
import Rules

/// The data-quality account of the warehouse: per source its freshness, per file what was read, accepted
/// and rejected (grouped by reason, with the first lines), unmapped codes and the reconciled control totals.
///
/// Built from plain values: the pipeline reads the files on record and Rules decides which sources are stale.
package struct DataQuality: Sendable {
    /// A file on record, as the page shows it.
    package struct File: Sendable {
        let path: String
        let sha256: String
        let encoding: String
        let months: [Month]
        let rowsRead: Int
        let rowsAccepted: Int
        let rowsRejected: Int
        /// Control totals as decimal strings, keyed as the reader named them.
        let controlTotals: [String: String]
        let loadedAt: String
        /// The facts were reported by the provider itself.
        let selfReported: Bool

        package init(
            path: String, sha256: String, encoding: String, months: [Month], rowsRead: Int, rowsAccepted: Int,
            rowsRejected: Int, controlTotals: [String: String], loadedAt: String, selfReported: Bool
        ) {
            self.path = path
            self.sha256 = sha256
            self.encoding = encoding
            self.months = months
            self.rowsRead = rowsRead
            self.rowsAccepted = rowsAccepted
            self.rowsRejected = rowsRejected
            self.controlTotals = controlTotals
            self.loadedAt = loadedAt
            self.selfReported = selfReported
        }
    }

    package struct FileRecord: Sendable {
        let file: File
        /// The first rejected rows of each rule, as examples.
        let rejected: [(line: Int?, column: Int?, rule: String, message: String)]
        /// Every rejected row, per rule.
        let rejectedCounts: [String: Int]
        let unmapped: [(code: String, amount: FixedDecimal, rows: Int)]
        /// Unmapped codes on record that the config now ignores (`[ledger] ignore_units`, added after the file
        /// was loaded): shown as excluded by config, not as unmapped.
        let ignoredCodes: [(code: String, amount: FixedDecimal, rows: Int)]
        /// The file that replaced this one, if any.
        let supersededBy: File?

        package init(
            file: File, rejected: [(line: Int?, column: Int?, rule: String, message: String)],
            rejectedCounts: [String: Int], unmapped: [(code: String, amount: FixedDecimal, rows: Int)],
            ignoredCodes: [(code: String, amount: FixedDecimal, rows: Int)], supersededBy: File?
        ) {
            self.file = file
            self.rejected = rejected
            self.rejectedCounts = rejectedCounts
            self.unmapped = unmapped
            self.ignoredCodes = ignoredCodes
            self.supersededBy = supersededBy
        }
    }

    package let sources: [SourceStatus]
    let files: [String: [FileRecord]]
    /// The sources whose inbox glob matches no file now, with the glob as the page shows it (relative to
    /// the config's folder). The default is none.
    package var emptyInboxes: [(source: String, inbox: String)] = []
    /// The config's measure names by id, for the control totals of volume files (`value.<measure>`). The
    /// default is none: the id is shown.
    var measureNames: [String: String] = [:]
    /// The config's measure units by id, so a volume file's sum of a measure in kronor (a budget loaded from a
    /// CSV) prints with `kr`. The default is none.
    var measureUnits: [String: String] = [:]

    /// Rejected rows shown per reason and file; the rest are counted.
    package static let examplesPerReason = 3

    /// An account of `files` (per source id) and the sources' freshness.
    ///
    /// - Parameters:
    ///   - sources: Each source's status, in the config's order.
    ///   - files: Per source id, its files on record, by path.
    ///   - measures: The config's measures, naming the control totals of volume files. The default is none.
    package init(sources: [SourceStatus], files: [String: [FileRecord]], measures: [Measure] = []) {
        self.sources = sources
        self.files = files
        measureNames = Dictionary(measures.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        measureUnits = Dictionary(measures.map { ($0.id, $0.unit) }, uniquingKeysWith: { first, _ in first })
    }

    func model() -> [SourceSection] {
        sources.map { status in
            let source = status.model
            let records = files[status.source.id] ?? []
            return SourceSection(
                id: source.id, kind: source.kind, files: source.files, latest: source.latest, stale: source.stale,
                fileList: records.map(fileModel),
                emptyInbox: emptyInboxes.first { $0.source == status.source.id }.map {
                    "Inkorgen är tom: ingen fil matchar \(MessageText.safe($0.inbox))."
                },
                rowsRead: SwedishFormat.number(records.map(\.file.rowsRead).reduce(0, +)),
                rowsRejected: SwedishFormat.number(records.map(\.file.rowsRejected).reduce(0, +)))
        }
    }

    /// The ledger readers' control totals reconciled: every amount read is accounted for as facts, excluded
    /// (accounts outside the mapping), unmapped (unknown unit codes), ignored (codes the config ignores; a
    /// file without any has no such total) or rejected.
    static func reconcile(_ totals: [String: String]) -> StatusMark? {
        let parts = ["amount.facts", "amount.excluded", "amount.unmapped", "amount.rejected"]
        guard let read = totals["amount.read"].flatMap(FixedDecimal.init) else { return nil }
        var sum = FixedDecimal.zero
        for key in parts {
            guard let value = totals[key].flatMap(FixedDecimal.init) else { return nil }
            sum += value
        }
        sum += totals["amount.ignored"].flatMap(FixedDecimal.init) ?? .zero
        return sum == read
            ? StatusMark(label: "Stämmer", level: .green)
            : StatusMark(label: "Stämmer inte: skillnad \(kronor(read - sum))", level: .red)
    }

    /// An amount of a control total in kronor with öre: `−604 186,83 kr`.
    static func kronor(_ amount: FixedDecimal) -> String {
        SwedishFormat.number(amount, decimals: 2) + "\u{00A0}kr"
    }

    /// A file's control totals as the page prints them: each with its Swedish label and its value in Swedish
    /// number format, in the order of the reconciliation (read, facts, excluded, ignored, unmapped,
    /// rejected), then rows, budget, persons, hours and measures. A key the page does not know is shown as
    /// it is stored, so nothing on record is left out.
    func controlTotals(_ totals: [String: String]) -> [FileRow.ControlTotal] {
        let order = [
            "amount.read", "amount.facts", "amount.excluded", "amount.ignored", "amount.unmapped", "amount.rejected",
            "rows.unparsable", "rows.ignored", "rows.accepted", "rows.closed", "budget.read", "budget.unmapped",
            "budget.ignored", "persons",
        ]
        func rank(_ key: String) -> Int {
            order.firstIndex(of: key) ?? (key.hasPrefix("hours.") ? order.count : order.count + 1)
        }
        return totals.sorted { (rank($0.key), $0.key) < (rank($1.key), $1.key) }.map { key, value in
            let (label, text) = controlTotal(key: key, value: value)
            return FileRow.ControlTotal(
                key: MessageText.safe(key), label: MessageText.safe(label), value: MessageText.safe(text))
        }
    }

    /// One control total's label and value: `amount.facts` `-604186.83` → `Fördelat på enheter`,
    /// `−604 186,83 kr`.
    func controlTotal(key: String, value: String) -> (label: String, value: String) {
        let labels = [
            "amount.read": "Läst belopp",
            "amount.facts": "Fördelat på enheter",
            "amount.excluded": "Konton utanför kontomappningen",
            "amount.ignored": "Undantaget enligt konfigurationen",
            "amount.unmapped": "På koder som saknas i enhetsregistret",
            "amount.rejected": "I avvisade rader",
            "budget.read": "Läst budget",
            "budget.unmapped": "Budget på koder som saknas i enhetsregistret",
            "budget.ignored": "Budget undantagen enligt konfigurationen",
            "rows.unparsable": "Oläsbara rader",
            "rows.ignored": "Rader på undantagna koder",
            "rows.accepted": "Godtagna ärenden",
            "rows.closed": "Avslutade ärenden",
            "persons": "Personer",
        ]
        let label: String
        if let known = labels[key] {
            label = known
        } else if key.hasPrefix("hours.") {
            label = "Timmar, kod \(key.dropFirst("hours.".count))"
        } else if key.hasPrefix("value.") {
            let measure = String(key.dropFirst("value.".count))
            label = "Summa \(measureNames[measure].map(SwedishText.inSentence) ?? measure)"
        } else {
            label = key
        }
        guard let number = FixedDecimal(value) else { return (label, value) }
        if key.hasPrefix("amount.") || key.hasPrefix("budget.")
            || (key.hasPrefix("value.") && measureUnits[String(key.dropFirst("value.".count))] == "kr")
        {
            return (label, Self.kronor(number))
        }
        return (label, SwedishFormat.number(number))
    }

    /// What the page says of a superseded file: the day it was loaded and the file that replaced it, with
    /// the start of that file's SHA-256 and its day, so a re-export under the same name is told apart from
    /// the file it replaced (whose own hash the row shows).
    static func replacementText(_ file: File, by replacement: File) -> String {
        let newer = "\(replacement.sha256.prefix(12)), inläst \(replacement.loadedAt.prefix(10))"
        let name =
            replacement.path == file.path
            ? "en nyare export med samma namn" : MessageText.safe(replacement.path)
        return "inläst \(file.loadedAt.prefix(10)), ersatt av \(name) (\(newer))"
    }

    func fileModel(_ record: FileRecord) -> FileRow {
        let file = record.file
        var byRule: [String: [(line: Int?, column: Int?, rule: String, message: String)]] = [:]
        for rule in record.rejectedCounts.keys { byRule[rule] = [] }
        for row in record.rejected { byRule[row.rule, default: []].append(row) }
        // A superseded file's rejected rows and unmapped codes are no longer in force: the file that replaced
        // it is what the reports use, so only its own are listed (the file row still counts them).
        let inForce = record.supersededBy == nil
        let rejects = byRule.sorted { $0.key < $1.key }.filter { _ in inForce }.map { rule, rows in
            let count = max(record.rejectedCounts[rule] ?? 0, rows.count)
            let shown = min(rows.count, Self.examplesPerReason)
            return FileRow.RejectGroup(
                rule: rule, count: count,
                heading: "\(SwedishText.count(count, "rad avvisad", "rader avvisade")) av regeln \(rule)",
                examples: rows.prefix(Self.examplesPerReason).map { row in
                    var place = row.line.map { "rad \($0)" } ?? "filen"
                    if let column = row.column { place += ", kolumn \(column)" }
                    // Rows stored before messages lost their values are published without them too.
                    return FileRow.Example(place: place, message: MessageText.withoutValues(row.message))
                },
                more: count > shown
                    ? "och \(SwedishText.count(count - shown, "rad", "rader")) till av samma slag" : nil)
        }
        var ignored: FileRow.IgnoredSum?
        if inForce, let amount = file.controlTotals["amount.ignored"].flatMap(FixedDecimal.init) {
            let rows = file.controlTotals["rows.ignored"].flatMap(FixedDecimal.init).map {
                Int($0.raw / FixedDecimal.scale)
            }
            ignored = FileRow.IgnoredSum(
                amount: SwedishFormat.value(Rational(amount), decimals: 2, unit: "kr"),
                rows: rows.map { SwedishFormat.number($0) } ?? "",
                rowsText: rows.map { SwedishText.count($0, "rad", "rader") + ", " } ?? "")
        }
        func codes(_ list: [(code: String, amount: FixedDecimal, rows: Int)]) -> [FileRow.Code] {
            guard inForce else { return [] }
            return list.map {
                FileRow.Code(
                    code: $0.code, amount: SwedishFormat.value(Rational($0.amount), decimals: 2, unit: "kr"),
                    rows: $0.rows, rowsText: SwedishText.count($0.rows, "rad", "rader"))
            }
        }
        return FileRow(
            path: MessageText.safe(file.path),
            sha: String(file.sha256.prefix(12)),
            encoding: file.encoding,
            months: file.months.isEmpty
                ? "-"
                : file.months.count == 1
                    ? file.months[0].description : "\(file.months[0])–\(file.months[file.months.count - 1])",
            rowsRead: SwedishFormat.number(file.rowsRead),
            rowsAccepted: SwedishFormat.number(file.rowsAccepted),
            rowsRejected: SwedishFormat.number(file.rowsRejected),
            controlTotals: controlTotals(file.controlTotals),
            selfReported: file.selfReported,
            supersededBy: record.supersededBy.map { Self.replacementText(file, by: $0) },
            reconciliation: Self.reconcile(file.controlTotals),
            rejects: rejects, ignored: ignored, ignoredCodes: codes(record.ignoredCodes),
            unmapped: codes(record.unmapped))
    }
}

extension DataQuality {
    /// One source's section of the page: its row in the table of sources and its files.
    struct SourceSection {
        let id: String
        let kind: String
        let files: Int
        let latest: String
        /// Present on every row (see `SourceModel.stale`).
        let stale: LocalText
        let fileList: [FileRow]
        /// The warning when the source's inbox glob matches no file.
        let emptyInbox: String?
        /// Rows read and rejected in all its files, formatted.
        let rowsRead: String
        let rowsRejected: String
    }

    /// One file on record as the page shows it: its counts, control totals and reconciliation, rejected rows
    /// grouped by rule, and the codes not in the register or ignored by config.
    struct FileRow {
        /// One control total: its key as stored, its Swedish label and its value.
        struct ControlTotal {
            let key: String
            let label: String
            let value: String
        }

        /// The rejected rows of one rule, with the first few as examples.
        struct RejectGroup {
            let rule: String
            let count: Int
            let heading: String
            let examples: [Example]
            /// How many more rows the rule rejected than are shown; `nil` when all are shown.
            let more: String?
        }

        /// A rejected row: where it is and why.
        struct Example {
            let place: String
            let message: String
        }

        /// The amount on codes the config ignores, with its rows.
        struct IgnoredSum {
            let amount: String
            let rows: String
            /// "3 rader, ", or empty when the file does not count them.
            let rowsText: String
        }

        /// A unit code not in the register, or ignored by config, with its amount and rows.
        struct Code {
            let code: String
            let amount: String
            let rows: Int
            let rowsText: String
        }

        let path: String
        /// The start of the file's SHA-256.
        let sha: String
        let encoding: String
        let months: String
        let rowsRead: String
        let rowsAccepted: String
        let rowsRejected: String
        let controlTotals: [ControlTotal]
        let selfReported: Bool
        /// The day it was loaded and the file that replaced it; `nil` while it is in force.
        let supersededBy: String?
        /// Whether the ledger control totals add up; `nil` for a file without them.
        let reconciliation: StatusMark?
        let rejects: [RejectGroup]
        let ignored: IgnoredSum?
        let ignoredCodes: [Code]
        let unmapped: [Code]
    }
}
