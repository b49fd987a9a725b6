/// The running sum of the magnitudes of one file's amounts. While it fits in 64 bits, no total, balance
/// or sum of the file's amounts can overflow, so the readers add with wrapping arithmetic behind it; a
/// file whose amounts pass ±922 337 203 685 477 kronor together is not a ledger, and the reader refuses
/// it whole (`amount-range`) instead of trapping on a hostile export.
package struct AmountMagnitude: Sendable {
    private var sum: Int64 = 0

    /// The magnitudes added so far.
    package var total: Int64 { sum }

    package init() {}

    /// Adds `|raw|`; `false`, and nothing added, when the sum would leave 64 bits.
    ///
    /// In this module, not in Domain, so that the readers' once-a-row call is inlined: `@inlinable` across
    /// modules left it an out-of-line call (seen in the disassembly).
    @inline(__always)
    package mutating func admit(_ raw: Int64) -> Bool {
        let (next, overflow) = sum.addingReportingOverflow(raw < 0 ? 0 &- raw : raw)
        guard !overflow, raw != .min else { return false }
        sum = next
        return true
    }

    /// Adds another part of the same file.
    package mutating func admit(_ other: AmountMagnitude) -> Bool { admit(other.total) }

    /// The message of the `amount-range` finding.
    package static let message =
        "the amounts add up to more than ±922 337 203 685 477 kronor: the file is not a real export, nothing of it is loaded"
}
