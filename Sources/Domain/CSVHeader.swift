/// The header line of a CSV export and the one rule by which a column is found in it, shared by the
/// source readers, the unit register and `inspect`.
///
/// A name matches a field when both are equal ignoring case, after the surrounding spaces of the name
/// looked for are trimmed (a config may write `" Belopp"`); of several matching fields, the first wins.
package struct CSVHeader: Sendable {
    /// The fields as written in the file.
    package let names: [String]
    private let folded: [String]

    package init(_ names: [String]) {
        self.names = names
        folded = names.map { $0.lowercased() }
    }

    /// The 0-based index of the first field named `name`.
    package func index(of name: String) -> Int? { folded.firstIndex(of: Self.fold(name)) }

    /// The 0-based index of the first field named any of `candidates` (the names a column goes by).
    package func index(ofAny candidates: [String]) -> Int? {
        let wanted = Set(candidates.map(Self.fold))
        return folded.firstIndex(where: wanted.contains)
    }

    private static func fold(_ name: String) -> String { name.lowercased().trimmingSpaces() }
}
