import Domain

/// What a reader made of one file: monthly facts, the rows it could not use, and control totals.
package struct ReadResult: Sendable {
    /// Facts aggregated to unit × month × measure × category × gender.
    package var facts: [Fact] = []
    /// One finding per rejected row, in file order.
    package var rejects: [Finding] = []
    /// Data rows read (the header not counted).
    package var rowsRead = 0
    package var rowsAccepted: Int { rowsRead - rejects.count }
    /// The months the file's accepted rows cover, ascending.
    package var months: [Month] = []
    /// Named sums that prove the load: e.g. for a ledger `amount.read` = `amount.facts` + `amount.excluded` +
    /// `amount.rejected`.
    package var controlTotals: [String: FixedDecimal] = [:]
    package var encoding: TextEncoding = .utf8

    package init() {}
}

/// A file that cannot be loaded at all (unreadable, not the expected columns): the whole file is rejected.
package struct FileRejection: Error, Sendable, CustomStringConvertible {
    package let finding: Finding

    package init(_ finding: Finding) { self.finding = finding }

    package var description: String { finding.description }
}

/// Adds values per fact key while a reader streams.
struct FactAccumulator {
    struct Key: Hashable {
        let enhet: String
        let month: Month
        let measure: String
        let category: String
        let gender: Gender?
    }

    private(set) var sums: [Key: (value: FixedDecimal, n: Int)] = [:]

    mutating func add(_ key: Key, _ value: FixedDecimal) {
        sums[key, default: (.zero, 0)].value += value
        sums[key, default: (.zero, 0)].n += 1
    }

    /// The facts, sorted so the same file always yields the same order.
    func facts(withN: Bool) -> [Fact] {
        sums.map { key, sum in
            Fact(
                enhet: key.enhet, month: key.month, measure: key.measure, category: key.category, gender: key.gender,
                value: sum.value, n: withN ? sum.n : nil)
        }
        .sorted {
            ($0.enhet, $0.month, $0.measure, $0.category, $0.gender?.rawValue ?? "")
                < ($1.enhet, $1.month, $1.measure, $1.category, $1.gender?.rawValue ?? "")
        }
    }

    var months: [Month] { Set(sums.keys.map(\.month)).sorted() }
}
