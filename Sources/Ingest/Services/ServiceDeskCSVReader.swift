import Domain

/// Reads a service desk's ticket export (`service-desk-csv`): one row per ticket, or, for an event log such as
/// ServiceNow's audit trail (`event_log = true`), one row per state change of which a ticket's last row is its
/// final state.
///
/// A ticket belongs to a service of the catalogue (its `service` column, or the source's `service`) and so to
/// the service's owner, the unit its facts are stored under; the customer (a `[[customer]]` code), where the
/// column is mapped, is the facts' counterparty and the priority (`3 - Moderate`, `P3`, `3` → `3`) their
/// category. Facts per month: `<prefix>_inkomna` (opened), `<prefix>_losta` (resolved, or closed without a
/// resolution time), `<prefix>_sla_bedomda` and `<prefix>_inom_sla` (resolved tickets judged against an SLA,
/// and those within it), `<prefix>_losningstid_minuter` (the working minutes to resolution, a distribution)
/// and `<prefix>_oppna` (open at month end, zero where none is).
///
/// A ticket is judged by the export's own verdict where it gives one (`made_sla`), else by its target time
/// (`target`: resolved at or before it), else by the catalogue's target for its priority
/// (`resolve_within_hours` working hours of the `[calendar]`). The ticket number only tells tickets apart: it is
/// kept as a 128-bit hash for the length of the read, never stored, logged or printed; free text, callers and
/// resolvers are never read.
package struct ServiceDeskCSVReader {
    let definition: SourceDefinition
    let catalogue: ServiceCatalogue
    let enheter: [String: Enhet]

    package init(definition: SourceDefinition, catalogue: ServiceCatalogue, enheter: [Enhet]) {
        self.definition = definition
        self.catalogue = catalogue
        self.enheter = Dictionary(enheter.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        var csv = try CSVSource(
            path: path, displayPath: displayPath, definition: definition, wanted: definition.columns)
        var result = ReadResult(keepingRejects: definition.limits.rejectedRowsKept)
        var book = TicketBook(definition: definition, catalogue: catalogue, enheter: enheter)
        try csv.forEachRow(into: &result) { csv in book.add(csv) }
        book.finish(into: &result)
        return result
    }
}

/// The tickets of one file, reduced to what the facts need, and the facts made from them.
struct TicketBook {
    let definition: SourceDefinition
    let catalogue: ServiceCatalogue
    let enheter: [String: Enhet]
    /// The services of the catalogue by code, and the calendars their ticket targets count in.
    private let serviceByCode: [String: Int]
    private let customerByCode: [String: Int]
    /// Priorities in the order first seen.
    private var priorities: [String] = []
    private var priorityIndex: [String: Int] = [:]
    /// The final state of each ticket, by the hash of its number.
    private var tickets: [ReferenceHash: Ticket] = [:]
    /// Rows of an event log replaced by a later row of the same ticket.
    private var superseded = 0

    /// One ticket as its latest accepted row states it.
    struct Ticket {
        var service: Int
        var customer: Int
        var priority: Int
        var opened: Timestamp
        var resolved: Timestamp?
        var target: Timestamp?
        var madeSLA: Bool?
        /// The row's `updated` time, which orders an event log's rows where the export has it.
        var updated: Timestamp?
        var line: Int
    }

    /// Counted facts: unit and service follow from `service`, the observed value is the working minutes of a
    /// resolution time (`-1` for every other measure).
    struct CountKey: Hashable {
        let measure: Int
        let service: Int
        let customer: Int
        let priority: Int
        let month: Int
        let observed: Int
    }

    /// The measures in the order they are written.
    static let measureNames = ["inkomna", "losta", "sla_bedomda", "inom_sla", "losningstid_minuter", "oppna"]
    static let (opened, resolved, judged, within, minutes, open) = (0, 1, 2, 3, 4, 5)

    init(definition: SourceDefinition, catalogue: ServiceCatalogue, enheter: [String: Enhet]) {
        self.definition = definition
        self.catalogue = catalogue
        self.enheter = enheter
        serviceByCode = catalogue.serviceIndexByCode
        customerByCode = catalogue.customerIndexByCode
    }

    /// Whether a field holds nothing: empty, or the `?` and `NULL` of ITSM exports.
    static func isMissing(_ text: String) -> Bool { text.isEmpty || text == "?" || text == "NULL" || text == "-" }

    /// The number a priority begins with: `3 - Moderate`, `P3`, `3` and `Prio 3` are `3`.
    static func priorityNumber(_ text: String) -> String? {
        var rest = Substring(text)
        for prefix in ["Prio ", "prio ", "Prioritet ", "prioritet ", "P", "p"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2 else { return nil }
        let after = rest.dropFirst(digits.count).first
        guard after == nil || after == " " || after == "-" || after == "." || after == ":" else { return nil }
        return Int(digits).map(String.init)
    }

    /// A TRUE/FALSE verdict as exports write it.
    static func verdict(_ text: String) -> Bool?? {
        switch text.lowercased() {
        case "true", "1", "ja", "yes", "y", "j": return .some(true)
        case "false", "0", "nej", "no", "n": return .some(false)
        default: return isMissing(text) ? .some(nil) : nil
        }
    }

    /// Reads one row into its ticket, or returns why it is rejected.
    mutating func add(_ csv: CSVSource) -> Finding? {
        let number = csv.string("number") ?? ""
        guard !Self.isMissing(number) else {
            return csv.reject("number", rule: "missing-value", "no ticket number")
        }
        let serviceCode = csv.string("service") ?? definition.service ?? ""
        guard let service = serviceByCode[serviceCode] else {
            return csv.reject(
                "service", rule: "unknown-code", "service code '\(serviceCode)' is not in the servicekatalog")
        }
        var customer = -1
        if let code = csv.string("customer") {
            guard !Self.isMissing(code) else { return csv.reject("customer", rule: "missing-value", "no customer") }
            guard let index = customerByCode[code] else {
                return csv.reject("customer", rule: "unknown-code", "customer code '\(code)' is not a [[customer]]")
            }
            customer = index
        }
        var priority = -1
        if let text = csv.string("priority"), !Self.isMissing(text) {
            guard let number = Self.priorityNumber(text) else {
                return csv.reject(
                    "priority", rule: "priority-format",
                    "expected a priority that begins with its number (2, P2, '2 - High'), found '\(text)'")
            }
            priority =
                priorityIndex[number]
                ?? {
                    priorities.append(number)
                    priorityIndex[number] = priorities.count - 1
                    return priorities.count - 1
                }()
        }
        func timestamp(_ logical: String) -> Result<Timestamp?, Finding> {
            guard let text = csv.string(logical), !Self.isMissing(text) else { return .success(nil) }
            guard let value = Timestamp(text) else {
                return .failure(
                    csv.reject(
                        logical, rule: "date-format",
                        "expected a date and time (YYYY-MM-DD HH:MM or DD-MM-YYYY HH:MM), found '\(text)'"))
            }
            return .success(value)
        }
        let openedText = csv.string("opened") ?? ""
        guard !Self.isMissing(openedText) else {
            return csv.reject("opened", rule: "missing-value", "no time the ticket was opened")
        }
        var times: [Timestamp?] = []
        for logical in ["opened", "resolved", "closed", "target", "updated"] {
            switch timestamp(logical) {
            case .success(let value): times.append(value)
            case .failure(let finding): return finding
            }
        }
        guard let opened = times[0] else { return nil }
        let resolved = times[1] ?? times[2]
        if let resolved, resolved < opened {
            let logical = times[1] != nil ? "resolved" : "closed"
            return csv.reject(logical, rule: "resolved-before-opened", "\(resolved) is before opened \(opened)")
        }
        var madeSLA: Bool?
        if let text = csv.string("made_sla") {
            guard let value = Self.verdict(text) else {
                return csv.reject(
                    "made_sla", .unexpectedValue(expected: "TRUE or FALSE (true/false, ja/nej, 1/0)", found: text))
            }
            madeSLA = value
        }
        let owner = catalogue.services[service].owner
        if let enhet = enheter[owner], !enhet.isValid(in: opened.day.monthValue) {
            return csv.reject(
                "opened", .unitNotValid(enhet, object: nil, period: opened.day.monthValue.description))
        }
        let ticket = Ticket(
            service: service, customer: customer, priority: priority, opened: opened, resolved: resolved,
            target: times[3], madeSLA: madeSLA, updated: times[4], line: csv.reader.line)
        let key = ReferenceHash(number)
        if let earlier = tickets[key] {
            guard definition.eventLog else {
                return csv.reject(
                    "number", rule: "duplicate-row",
                    "the same ticket number as on line \(earlier.line) (an event log with a row per change needs "
                        + "event_log = true)")
            }
            superseded += 1
            // The later change wins: by the export's update time where it has one, else by the order of rows.
            if let before = earlier.updated, let now = ticket.updated, now < before { return nil }
        }
        tickets[key] = ticket
        return nil
    }

    /// The working minutes from opening to resolution of a ticket, in the calendar its target counts in.
    func workingMinutes(_ ticket: Ticket, resolved: Timestamp) -> Int {
        let service = catalogue.services[ticket.service]
        let level = service.ticketLevel(priority: ticket.priority < 0 ? "" : priorities[ticket.priority])
        let calendar = level?.aroundTheClock == true ? WorkingCalendar.alwaysOpen : catalogue.calendar
        return calendar.workingMinutes(from: ticket.opened, to: resolved)
    }

    /// Writes the tickets' facts and control totals into `result`.
    func finish(into result: inout ReadResult) {
        var counts: [CountKey: Int] = [:]
        func count(_ measure: Int, _ ticket: Ticket, month: Int, observed: Int = -1) {
            let key = CountKey(
                measure: measure, service: ticket.service, customer: ticket.customer, priority: ticket.priority,
                month: month, observed: observed)
            counts[key, default: 0] += 1
        }
        var horizon = Int.min
        var first = Int.max
        var within = 0
        var judged = 0
        for ticket in tickets.values {
            let openedMonth = ticket.opened.day.monthValue.ordinal
            count(Self.opened, ticket, month: openedMonth)
            first = min(first, openedMonth)
            horizon = max(horizon, openedMonth)
            guard let resolved = ticket.resolved else { continue }
            let month = resolved.day.monthValue.ordinal
            horizon = max(horizon, month)
            count(Self.resolved, ticket, month: month)
            let minutes = workingMinutes(ticket, resolved: resolved)
            count(Self.minutes, ticket, month: month, observed: minutes)
            let priority = ticket.priority < 0 ? "" : priorities[ticket.priority]
            let verdict: Bool? =
                if let made = ticket.madeSLA {
                    made
                } else if let target = ticket.target {
                    !(target < resolved)
                } else if let hours = catalogue.services[ticket.service].ticketLevel(priority: priority)?
                    .resolveWithinHours
                {
                    hours.multiplied(by: Rational(60)).map { !($0 < Rational(minutes)) }
                } else {
                    nil
                }
            if let verdict {
                count(Self.judged, ticket, month: month)
                judged += 1
                if verdict {
                    count(Self.within, ticket, month: month)
                    within += 1
                }
            }
        }
        // Open at month end, with explicit zeros for every service, customer and priority the file has, so a
        // period's last month never shows a stale backlog.
        var open: [CountKey: Int] = [:]
        if first <= horizon {
            for ticket in tickets.values {
                let zero = CountKey(
                    measure: Self.open, service: ticket.service, customer: ticket.customer,
                    priority: ticket.priority, month: first, observed: -1)
                if open[zero] == nil {
                    for month in first...horizon {
                        open[
                            CountKey(
                                measure: Self.open, service: ticket.service, customer: ticket.customer,
                                priority: ticket.priority, month: month, observed: -1)] = 0
                    }
                }
                let start = ticket.opened.day.monthValue.ordinal
                let end = ticket.resolved.map { $0.day.monthValue.ordinal - 1 } ?? horizon
                guard end >= start else { continue }
                for month in start...end {
                    open[
                        CountKey(
                            measure: Self.open, service: ticket.service, customer: ticket.customer,
                            priority: ticket.priority, month: month, observed: -1), default: 0] += 1
                }
            }
        }
        counts.merge(open) { $0 + $1 }
        let prefix = definition.measurePrefix
        let measures = Self.measureNames.map { prefix + "_" + $0 }
        var facts = counts.map { key, value in
            let service = catalogue.services[key.service]
            return Fact(
                enhet: service.owner, month: Month(ordinal: key.month), measure: measures[key.measure],
                category: key.priority < 0 ? "" : priorities[key.priority],
                observed: key.observed < 0 ? "" : String(key.observed),
                counterparty: key.customer < 0 ? "" : catalogue.customers[key.customer].id, service: service.id,
                value: FixedDecimal(value))
        }
        facts.sort { a, b in
            if (a.enhet, a.month, a.measure, a.service) != (b.enhet, b.month, b.measure, b.service) {
                return (a.enhet, a.month, a.measure, a.service) < (b.enhet, b.month, b.measure, b.service)
            }
            return (a.counterparty, a.category, a.observed.count, a.observed)
                < (b.counterparty, b.category, b.observed.count, b.observed)
        }
        result.facts = facts
        result.months = first <= horizon ? (first...horizon).map { Month(ordinal: $0) } : []
        result.controlTotals["rows.accepted"] = FixedDecimal(tickets.count + superseded)
        result.controlTotals["tickets"] = FixedDecimal(tickets.count)
        if definition.eventLog { result.controlTotals["rows.superseded"] = FixedDecimal(superseded) }
        result.controlTotals["tickets.resolved"] = FixedDecimal(tickets.values.filter { $0.resolved != nil }.count)
        result.controlTotals["tickets.judged"] = FixedDecimal(judged)
        result.controlTotals["tickets.within_sla"] = FixedDecimal(within)
    }
}
