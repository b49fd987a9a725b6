import Domain

/// What `uppfoljning inspect` reports about one export file, without a config.
///
/// The JSON form (snake_case keys, sorted) is a stable interface for scripts. It never holds an id,
/// a name of a person or a personnummer; only counts, codes of accounts and dimensions, and sums.
package struct Inspection: Encodable, Sendable {
    package struct FiscalYear: Encodable, Sendable {
        package let index: Int
        package let start: String
        package let end: String
    }

    package struct Unbalanced: Encodable, Sendable {
        let series: String
        let number: String
        let line: Int
        let difference: String
    }

    package var format: String
    package var encoding: String
    package var file: String
    package var bytes: Int
    package var lines: Int?

    // SIE
    package var sieType: String?
    package var program: String?
    package var company: String?
    package var fiscalYears: [FiscalYear]?
    package var dimensions: [String: String]?
    package var objects: [String: Int]?
    package var vouchers: Int?
    package var transactions: Int?
    package var budgetRows: Int?
    package var unbalancedVouchers: [Unbalanced]?
    package var ksumma: String?
    package var resultByAccountClass: [String: String]?

    // CSV
    package var delimiter: String?
    package var columns: [String: String]?
    package var rows: Int?
    package var units: Int?

    // PAXml
    package var version: String?
    package var records: [String: Int]?
    package var persons: Int?
    package var hoursByCode: [String: String]?
    package var hoursByMonth: [String: String]?
    package var scheduledHours: String?
    package var rejected: Int?

    package var totalsByAccountClass: [String: String]? = [:]
    package var totalsByMonth: [String: String]? = [:]
    /// Every problem found, in the one message format.
    package var problems: [String] = []

    enum CodingKeys: String, CodingKey {
        case format, encoding, file, bytes, lines
        case sieType = "sie_type"
        case program, company
        case fiscalYears = "fiscal_years"
        case dimensions, objects, vouchers, transactions
        case budgetRows = "budget_rows"
        case unbalancedVouchers = "unbalanced_vouchers"
        case ksumma
        case resultByAccountClass = "result_by_account_class"
        case delimiter, columns, rows, units
        case version, records, persons
        case hoursByCode = "hours_by_code"
        case hoursByMonth = "hours_by_month"
        case scheduledHours = "scheduled_hours"
        case rejected
        case totalsByAccountClass = "totals_by_account_class"
        case totalsByMonth = "totals_by_month"
        case problems
    }

    init(format: String, encoding: String, file: String, bytes: Int) {
        self.format = format
        self.encoding = encoding
        self.file = file
        self.bytes = bytes
    }
}
