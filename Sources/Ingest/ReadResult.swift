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
    /// Ledger amounts whose unit code is not in the register, per code, month and measure: kept, not dropped,
    /// so the analyst can fix the register.
    package var unmapped: [UnmappedAmount] = []
    package var encoding: TextEncoding = .utf8

    package init() {}
}

/// Ledger amounts booked on a unit code the register does not know.
package struct UnmappedAmount: Sendable, Hashable {
    /// The code as the ledger wrote it; empty when the row had no object in the unit dimension.
    package let code: String
    package let month: Month
    package let measure: String
    /// The sum in the ledger's sign (debit positive).
    package let amount: FixedDecimal
    package let rows: Int
}

/// Sums unmapped ledger amounts per code, month and measure.
struct UnmappedAccumulator {
    private var sums: [String: [Month: [String: (FixedDecimal, Int)]]] = [:]
    private(set) var total = FixedDecimal.zero

    mutating func add(code: String, month: Month, measure: String, amount: FixedDecimal, rows: Int = 1) {
        sums[code, default: [:]][month, default: [:]][measure, default: (.zero, 0)].0 += amount
        sums[code, default: [:]][month, default: [:]][measure, default: (.zero, 0)].1 += rows
        total += amount
    }

    /// Adds everything `other` collected.
    mutating func merge(_ other: UnmappedAccumulator) {
        for amount in other.amounts {
            add(
                code: amount.code, month: amount.month, measure: amount.measure, amount: amount.amount,
                rows: amount.rows)
        }
    }

    var amounts: [UnmappedAmount] {
        sums.keys.sorted().flatMap { code in
            (sums[code] ?? [:]).keys.sorted().flatMap { month in
                (sums[code]?[month] ?? [:]).sorted { $0.key < $1.key }.map {
                    UnmappedAmount(code: code, month: month, measure: $0.key, amount: $0.value.0, rows: $0.value.1)
                }
            }
        }
    }
}

/// A file that cannot be loaded at all (unreadable, not the expected columns, failed checks): the whole file
/// is rejected with every reason found.
package struct FileRejection: Error, Sendable, CustomStringConvertible {
    package let findings: [Finding]

    package init(_ finding: Finding) { self.findings = [finding] }

    package init(_ findings: [Finding]) { self.findings = findings }

    /// The first reason.
    package var finding: Finding { findings[0] }

    package var description: String { findings.map(\.description).joined(separator: "\n") }
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

    /// Adds a sum about people to the total (no gender) and, where the gender is known, to that gender's
    /// split: the one rule by which the HR readers write totals and splits.
    mutating func addTotalAndSplit(
        enhet: String, month: Month, measure: String, category: String, gender: Gender?, _ value: FixedDecimal
    ) {
        add(Key(enhet: enhet, month: month, measure: measure, category: category, gender: nil), value)
        if let gender {
            add(Key(enhet: enhet, month: month, measure: measure, category: category, gender: gender), value)
        }
    }

    /// The facts, sorted so the same file always yields the same order: by unit, month, measure, category and
    /// gender, comparing UTF-8 bytes (one byte key per fact, not a Unicode string comparison per step).
    func facts(withN: Bool) -> [Fact] {
        var keyed: [(key: [UInt8], fact: Fact)] = []
        keyed.reserveCapacity(sums.count)
        for (key, sum) in sums {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(key.enhet.utf8.count + key.measure.utf8.count + key.category.utf8.count + 12)
            bytes += key.enhet.utf8
            bytes.append(0)
            let ordinal = key.month.ordinal
            bytes += [
                UInt8(truncatingIfNeeded: ordinal >> 16), UInt8(truncatingIfNeeded: ordinal >> 8),
                UInt8(truncatingIfNeeded: ordinal),
            ]
            bytes += key.measure.utf8
            bytes.append(0)
            bytes += key.category.utf8
            bytes.append(0)
            bytes += (key.gender?.rawValue ?? "").utf8
            let fact = Fact(
                enhet: key.enhet, month: key.month, measure: key.measure, category: key.category, gender: key.gender,
                value: sum.value, n: withN ? sum.n : nil)
            keyed.append((bytes, fact))
        }
        keyed.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return keyed.map(\.fact)
    }

    var months: [Month] { Set(sums.keys.map(\.month)).sorted() }
}
