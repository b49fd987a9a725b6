/// The rejected rows of one file: an exact count per rule, and the findings of the first `keepPerRule` rows
/// of each rule in the order they were added.
///
/// A hostile file can hold millions of bad rows; their findings are not worth their memory (nor the
/// warehouse's space, nor the data-quality page's time), their number is. As a collection it is the kept
/// findings; `total` and `countByRule` count them all.
package struct RejectedRows: RandomAccessCollection, Equatable, Sendable {
    /// How many findings are kept per rule.
    package let keepPerRule: Int
    /// The kept findings.
    package private(set) var kept: [Finding] = []
    /// Every rejected row, per rule.
    package private(set) var countByRule: [String: Int] = [:]
    /// Every rejected row.
    package private(set) var total = 0
    private var keptByRule: [String: Int] = [:]

    package init(keepPerRule: Int = IngestLimits.standard.rejectedRowsKept) { self.keepPerRule = keepPerRule }

    package var startIndex: Int { kept.startIndex }
    package var endIndex: Int { kept.endIndex }
    package subscript(position: Int) -> Finding { kept[position] }

    /// Counts one rejected row and keeps its finding while its rule has room.
    package mutating func append(_ finding: Finding) {
        total += 1
        countByRule[finding.rule, default: 0] += 1
        keep(finding)
    }

    private mutating func keep(_ finding: Finding) {
        let keptSoFar = keptByRule[finding.rule, default: 0]
        guard keptSoFar < keepPerRule else { return }
        keptByRule[finding.rule] = keptSoFar + 1
        kept.append(finding)
    }

    /// Adds the rows `other` counted, its kept findings moved `lines` lines down (a part read from the middle
    /// of a file).
    package mutating func append(contentsOf other: RejectedRows, movedDown lines: Int = 0) {
        total += other.total
        for (rule, count) in other.countByRule { countByRule[rule, default: 0] += count }
        for finding in other.kept { keep(lines == 0 ? finding : finding.movedDown(lines)) }
    }

    /// Orders the kept findings by line (stable for equal lines).
    package mutating func sortByLine() {
        kept = kept.enumerated().sorted {
            (($0.element.location.line ?? 0), $0.offset) < (($1.element.location.line ?? 0), $1.offset)
        }.map(\.element)
    }

    /// Equal counts and equal kept findings.
    package static func == (lhs: RejectedRows, rhs: RejectedRows) -> Bool {
        lhs.total == rhs.total && lhs.countByRule == rhs.countByRule && lhs.kept == rhs.kept
    }
}
