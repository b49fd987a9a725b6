/// A section of the index page, in the order the page shows them.
package enum IndexSection: String, Sendable, Hashable, CaseIterable {
    case comparison
    case tertial
    case verksamhetsberattelse

    /// The section's heading on the index page.
    package var heading: String {
        switch self {
        case .comparison: "Jämförelse av utförarenheter"
        case .tertial: "Tertialrapporter"
        case .verksamhetsberattelse: "Underlag till verksamhetsberättelsen"
        }
    }

    /// A file the index links: its section, the year it is about, its name and title.
    package typealias Entry = (section: IndexSection, year: Int, name: String, title: String)
}
