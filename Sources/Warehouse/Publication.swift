import GRDB

/// One file a report published (or wrote for the operator), as the warehouse records it: what it is, where it
/// is, and its size and checksum. The index page, and later the PDF step and the DCAT catalogue, read these
/// records instead of parsing file names.
package struct Publication: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    /// The report request that wrote it (`annual 2025`), a `renderedReport` row.
    package var request: String
    /// The report kind (`annual`, `tertial`, `data-quality`).
    package var kind: String
    /// The period the report is about (`2025`, `2025-T2`); `nil` for a report of every file on record.
    package var period: String?
    /// The nämnd the file is about; `nil` for one about the whole organisation.
    package var namnd: String?
    /// The format (`html`, `html-fragment`, `csv`, `csv-excel`).
    package var format: String
    /// The IANA media type (`text/html`, `text/csv`).
    package var mediaType: String
    /// The file's name in its folder.
    package var fileName: String
    /// `output` (published) or `quality` (the operator's data-quality folder).
    package var folder: String
    package var title: String
    /// The index page's section that links the file; `nil` when the index does not link it.
    package var section: String?
    /// The file's size; `nil` for files recorded before migration v9.
    package var bytes: Int?
    /// The SHA-256 of the file's bytes, lowercase hex; `nil` for files recorded before migration v9.
    package var sha256: String?
    /// When the file was rendered (ISO 8601).
    package var renderedAt: String

    package enum Columns {
        static let request = Column(CodingKeys.request)
        static let fileName = Column(CodingKeys.fileName)
    }

    package init(
        request: String, kind: String, period: String?, namnd: String?, format: String, mediaType: String,
        fileName: String, folder: String, title: String, section: String?, bytes: Int?, sha256: String?,
        renderedAt: String
    ) {
        self.request = request
        self.kind = kind
        self.period = period
        self.namnd = namnd
        self.format = format
        self.mediaType = mediaType
        self.fileName = fileName
        self.folder = folder
        self.title = title
        self.section = section
        self.bytes = bytes
        self.sha256 = sha256
        self.renderedAt = renderedAt
    }
}
