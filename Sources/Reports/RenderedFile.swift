import Foundation

/// A rendered output: its file name, title and bytes, what format they are in, and where the file goes.
package struct RenderedFile: Sendable, Hashable {
    package let name: String
    package let title: String
    package let format: Format
    package let bytes: [UInt8]
    /// The nämnd the file is about; `nil` for a file about the whole organisation.
    package var namnd: String?
    /// The index page's section that links the file; `nil` for a file the index does not link (unit pages
    /// are linked from their comparison instead, the data-quality page is not published).
    package var section: IndexSection?
    /// Where it goes: the published output, or the operator's data-quality folder.
    package var folder: Folder = .output

    /// The format of a rendered file's bytes.
    package enum Format: String, Sendable, Hashable, CaseIterable {
        /// A whole HTML page.
        case html
        /// A piece of HTML to paste into another document (the verksamhetsberättelse inputs).
        case htmlFragment = "html-fragment"
        /// Open data: UTF-8, comma, point decimals.
        case csv
        /// CSV for Excel: BOM, semicolon, decimal comma.
        case excelCSV = "csv-excel"

        /// The IANA media type, as a catalogue (DCAT `dcat:mediaType`) states it.
        package var mediaType: String {
            switch self {
            case .html, .htmlFragment: "text/html"
            case .csv, .excelCSV: "text/csv"
            }
        }
    }

    package enum Folder: String, Sendable, Hashable {
        case output
        /// `paths.quality`: the data-quality page, outside the published output.
        case quality
    }

    package init(
        name: String, title: String, format: Format, bytes: [UInt8], namnd: String? = nil,
        section: IndexSection? = nil, folder: Folder = .output
    ) {
        self.name = name
        self.title = title
        self.format = format
        self.bytes = bytes
        self.namnd = namnd
        self.section = section
        self.folder = folder
    }

    /// A file of text, stored as its UTF-8 bytes.
    package init(
        name: String, title: String, format: Format, text: String, namnd: String? = nil,
        section: IndexSection? = nil, folder: Folder = .output
    ) {
        self.init(
            name: name, title: title, format: format, bytes: Array(text.utf8), namnd: namnd, section: section,
            folder: folder)
    }

    /// The media type of the bytes.
    package var mediaType: String { format.mediaType }

    /// The bytes read as UTF-8 (for the disclosure audit and tests of text formats).
    package var text: String { String(decoding: bytes, as: UTF8.self) }
}
