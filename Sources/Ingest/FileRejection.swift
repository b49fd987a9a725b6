import Domain

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
