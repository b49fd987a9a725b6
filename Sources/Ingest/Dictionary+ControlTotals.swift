import Domain

extension Dictionary where Key == String, Value == FixedDecimal {
    /// Adds `value` to the total under `key`; `false`, leaving the total as it was, when the sum would pass
    /// the range of `FixedDecimal`.
    @discardableResult
    mutating func add(_ value: FixedDecimal, to key: String) -> Bool {
        let (sum, overflow) = self[key, default: .zero].addingReportingOverflow(value)
        if !overflow { self[key] = sum }
        return !overflow
    }
}
