import Domain

/// What a scan of a SIE file found: identification, counts, checks and totals. No personal data.
package struct SIEScan: Sendable {
    package struct FiscalYear: Sendable, Hashable {
        package let index: Int
        package let start: String
        package let end: String
    }

    package struct UnbalancedVoucher: Sendable, Hashable {
        package let series: String
        package let number: String
        package let line: Int
        package let difference: FixedDecimal
    }

    package enum KSumma: Sendable, Hashable {
        case absent
        case ok
        case mismatch(expected: UInt32, computed: UInt32)
        /// A closing `#KSUMMA n` without the opening bare `#KSUMMA`, or the opening without a closing one.
        case incomplete

        package var label: String {
            switch self {
            case .absent: return "absent"
            case .ok: return "ok"
            case .mismatch: return "mismatch"
            case .incomplete: return "incomplete"
            }
        }
    }

    package var encoding: TextEncoding = .cp437
    package var format: String?
    package var sieType: String?
    package var program: String?
    package var company: String?
    package var fiscalYears: [FiscalYear] = []
    /// Dimension number → name.
    package var dimensions: [String: String] = [:]
    /// Dimension number → count of `#OBJEKT`.
    package var objects: [String: Int] = [:]
    package var vouchers = 0
    /// `#TRANS` rows (not `#RTRANS`/`#BTRANS`).
    package var transactions = 0
    package var budgetRows = 0
    package var unbalanced: [UnbalancedVoucher] = []
    package var ksumma: KSumma = .absent
    /// First digit of the account → sum of `#TRANS` amounts.
    package var totalsByAccountClass: [String: FixedDecimal] = [:]
    /// `YYYY-MM` → sum of `#TRANS` amounts.
    package var totalsByMonth: [String: FixedDecimal] = [:]
    /// First digit of the account → sum of `#RES 0` (the current year's result per account), a control total.
    package var resultByAccountClass: [String: FixedDecimal] = [:]
    /// Problems with single rows (bad amount or date); the row is left out.
    package var rowFindings = RejectedRows()
    /// Problems that make the whole file untrustworthy: unbalanced vouchers, a wrong checksum.
    package var checkFindings: [Finding] = []
    package var lines = 0
    package var bytes = 0
    /// The magnitudes of the `#TRANS` and `#RES` amounts summed, so the totals above cannot overflow.
    var magnitude = AmountMagnitude()
    /// The amounts passed what 64 bits hold; a check finding says so, and nothing more was added.
    var outOfRange = false

    /// Admits an amount to the totals; on the first that passes the range, a check finding for the whole
    /// file (without a line, so a file read in two parts reports the same).
    mutating func admit(_ amount: FixedDecimal, file: String) -> Bool {
        guard !outOfRange else { return false }
        if magnitude.admit(amount.raw) { return true }
        outOfRange = true
        checkFindings.append(
            Finding(SourceLocation(file: file), rule: "amount-range", message: AmountMagnitude.message))
        return false
    }

    /// The checksum state at a split, so two parts' CRCs can be combined.
    struct Split: Sendable {
        /// First part: the checksum region was still open at its end, with this CRC so far.
        var openAtEnd = false
        var openCRC: UInt = 0
        /// Continuation: the CRC and byte count of its records before the closing marker, and that marker.
        var leadCRC: UInt = 0
        var leadBytes = 0
        var closing: (value: String, line: Int)?
        /// Continuation: it met an opening marker of its own (the split cannot be combined).
        var sawOpening = false
    }

    var split = Split()

    /// Adds a continuation's counts, totals and findings (its lines shifted by `lineOffset`).
    mutating func merge(_ other: SIEScan, lineOffset: Int, file: String) {
        for (key, value) in other.dimensions { dimensions[key] = value }
        for (key, value) in other.objects { objects[key, default: 0] += value }
        vouchers += other.vouchers
        transactions += other.transactions
        budgetRows += other.budgetRows
        unbalanced += other.unbalanced.map {
            UnbalancedVoucher(
                series: $0.series, number: $0.number, line: $0.line + lineOffset, difference: $0.difference)
        }
        rowFindings.append(contentsOf: other.rowFindings, movedDown: lineOffset)
        if !outOfRange && !other.outOfRange && magnitude.admit(other.magnitude) {
            for (key, value) in other.totalsByAccountClass { totalsByAccountClass[key, default: .zero] += value }
            for (key, value) in other.totalsByMonth { totalsByMonth[key, default: .zero] += value }
            for (key, value) in other.resultByAccountClass { resultByAccountClass[key, default: .zero] += value }
        } else if !outOfRange {
            outOfRange = true
            checkFindings.append(
                Finding(SourceLocation(file: file), rule: "amount-range", message: AmountMagnitude.message))
        }
        checkFindings += other.checkFindings.filter { $0.rule != "amount-range" }.map { $0.movedDown(lineOffset) }
        lines += other.lines
        bytes += other.bytes
    }
}
