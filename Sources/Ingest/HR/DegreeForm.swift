import Domain

/// How one file writes a percentage column — employment degrees, a time transaction's extent: as percentages
/// (`75`) or as fractions (`0,75`).
///
/// Decided once per file and column from every value in it, never per row: when no value is above 1,5 the
/// column holds fractions (1 is full time); otherwise percentages (100 is full time), and then a value above
/// 0 and at most 1,5 is ambiguous — a fraction among percentages, or a tiny percentage — and its row is
/// rejected with the line of a percentage for comparison. Zero reads the same in both forms. A file without
/// any value (or only zeros) is read as fractions, which changes nothing.
struct DegreeForm {
    /// The largest fraction a file of fractions may hold.
    static let fractionLimit = FixedDecimal(raw: 15_000)

    /// The first value above the fraction limit, as written, and its line: the evidence of percentages.
    private(set) var firstPercentage: (line: Int, text: String)?

    /// Takes one value of the column into the decision.
    mutating func observe(_ value: FixedDecimal, text: String, line: Int) {
        if firstPercentage == nil && value > Self.fractionLimit { firstPercentage = (line, text) }
    }

    /// Whether the file's values are fractions.
    var isFraction: Bool { firstPercentage == nil }

    /// Whether `value` cannot be read in the file's form: a fraction-sized value in a file of percentages.
    func isAmbiguous(_ value: FixedDecimal) -> Bool {
        !isFraction && value > .zero && value <= Self.fractionLimit
    }

    /// `value` as a percentage: a fraction times 100, a percentage as it is.
    func percentage(_ value: FixedDecimal) -> FixedDecimal {
        isFraction ? FixedDecimal(raw: value.raw * 100) : value
    }

    /// The reason an ambiguous value is rejected, naming the percentage it is compared with; `what` is the
    /// column's plural ("degrees", "extents").
    func ambiguity(found text: String, what: String) -> String {
        let evidence = firstPercentage.map { "line \($0.line)'s '\($0.text)'" } ?? "the rest of the file"
        return
            "expected a percentage like \(evidence), found '\(text)' (a fraction?): write all of a file's \(what) as percentages or all as fractions"
    }
}
