import Domain

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
