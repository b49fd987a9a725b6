/// Bounds on what one input file may cost and contain, from the config's `[limits]` and `[report]` tables.
///
/// Every input file is untrusted: these bounds keep the work of a hostile file (millions of rejected rows,
/// a gzip bomb, a placeholder date a century back) proportional to what is worth reading.
package struct IngestLimits: Sendable, Hashable {
    /// A gzip-compressed file that decompresses to more bytes than this is refused whole (`[limits]
    /// max_decompressed_mb`, in MiB). The default is 4096 MiB.
    package var maxDecompressedBytes: Int
    /// How many rejected rows are kept, with their findings, per file and rule; the rest are counted
    /// exactly but not kept (`[limits] rejected_rows_kept`). The default is 100.
    package var rejectedRowsKept: Int
    /// The first year whose months a file may hold; a file with data for an earlier month is refused
    /// whole (`[report] earliest_year`). The default is 2000.
    package var earliestYear: Int

    /// The default bounds.
    package init(maxDecompressedBytes: Int = 4096 << 20, rejectedRowsKept: Int = 100, earliestYear: Int = 2000) {
        self.maxDecompressedBytes = maxDecompressedBytes
        self.rejectedRowsKept = rejectedRowsKept
        self.earliestYear = earliestYear
    }

    /// The bounds of a config without `[limits]`.
    package static let standard = IngestLimits()
}
