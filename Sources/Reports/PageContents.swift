import Domain

/// The data-quality page's own content; the frame is the page's.
struct DataQualityPage {
    /// A report the disclosure audit stopped, and each cell that could have been derived.
    struct Withheld {
        let report: String
        let findings: [ReportModel.Item]
    }

    /// A source whose inbox holds no file.
    struct EmptyInbox {
        let id: String
        let inbox: String
    }

    let sourceList: [DataQuality.SourceSection]
    let withheld: [Withheld]
    let hasWithheld: Bool
    let emptyInboxes: [EmptyInbox]
    /// How many sources are stale, in a sentence; `nil` when none is.
    let stale: String?

    init(_ quality: DataQuality, withheld: [WithheldReport]) {
        self.sourceList = quality.model()
        self.withheld = withheld.map { Withheld(report: $0.report, findings: $0.findings.map(ReportModel.Item.init)) }
        self.hasWithheld = !withheld.isEmpty
        self.emptyInboxes = quality.emptyInboxes.map { EmptyInbox(id: $0.source, inbox: MessageText.safe($0.inbox)) }
        let stale = quality.sources.filter(\.stale).count
        self.stale = stale == 0 ? nil : stale == 1 ? "1 källa är inaktuell." : "\(stale) källor är inaktuella."
    }
}

/// The index page's own content: the listed reports by section, newest year first.
struct IndexPage {
    /// A section's heading and its reports.
    struct Group {
        let heading: String
        let reports: [Report]
    }

    /// A linked report.
    struct Report {
        let name: String
        let title: String
    }

    let groups: [Group]

    init(_ entries: [IndexSection.Entry]) {
        self.groups = IndexSection.allCases.compactMap { section in
            let members = entries.filter { $0.section == section }.sorted { ($0.year, $1.name) > ($1.year, $0.name) }
            guard !members.isEmpty else { return nil }
            return Group(heading: section.heading, reports: members.map { Report(name: $0.name, title: $0.title) })
        }
    }
}
