import Foundation

/// Renders the analysts' commentary (a small, safe subset of Markdown) to HTML.
///
/// Paragraphs separated by blank lines, `-` or `*` bullet lists, `#` headings (shown one level below the
/// unit's heading), `**strong**` and `*emphasis*`. Everything else is text: HTML in the file is escaped, so
/// a comment can never inject markup or script into a published page.
enum Markdown {
    static func html(_ text: String, headingLevel: Int = 4) -> String {
        var blocks: [String] = []
        var paragraph: [String] = []
        var items: [String] = []
        func flush() {
            if !paragraph.isEmpty { blocks.append("<p>\(inline(paragraph.joined(separator: " ")))</p>") }
            if !items.isEmpty { blocks.append("<ul>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul>") }
            paragraph = []
            items = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("#") {
                flush()
                let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                blocks.append("<h\(headingLevel)>\(inline(title))</h\(headingLevel)>")
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                if !paragraph.isEmpty { flush() }
                items.append(String(line.dropFirst(2)))
            } else if !items.isEmpty {
                items[items.count - 1] += " " + line
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return blocks.joined(separator: "\n")
    }

    /// Escapes the text, then turns `**…**` into strong and `*…*` into emphasis where both markers pair up.
    static func inline(_ text: String) -> String {
        var out = BarChart.escape(text)
        for (marker, tag) in [("**", "strong"), ("*", "em")] {
            var parts = out.components(separatedBy: marker)
            guard parts.count >= 3 else { continue }
            var result = parts.removeFirst()
            while parts.count >= 2 {
                result += "<\(tag)>\(parts.removeFirst())</\(tag)>" + parts.removeFirst()
            }
            if let rest = parts.first { result += marker + rest }
            out = result
        }
        return out
    }
}
