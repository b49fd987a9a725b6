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

    /// Escapes the text, then turns `**…**` into strong and `*…*` into emphasis where the markers pair up.
    ///
    /// Markers pair like brackets: a marker closes only the innermost open element of its kind, so the tags
    /// always nest (`*a **b* c**` gives `*a <strong>b* c</strong>`); a marker that cannot close what is
    /// innermost, or an opener never closed, stays as text.
    static func inline(_ text: String) -> String {
        let characters = Array(BarChart.escape(text))
        var pieces: [String] = []
        var open: [(tag: String, piece: Int)] = []
        var plain = ""
        var index = 0
        func emit(_ marker: String, _ tag: String) {
            pieces.append(plain)
            plain = ""
            if open.last?.tag == tag, let last = open.popLast() {
                pieces[last.piece] = "<\(tag)>"
                pieces.append("</\(tag)>")
            } else if open.contains(where: { $0.tag == tag }) {
                pieces.append(marker)
            } else {
                open.append((tag, pieces.count))
                pieces.append(marker)
            }
        }
        while index < characters.count {
            guard characters[index] == "*" else {
                plain.append(characters[index])
                index += 1
                continue
            }
            var run = 0
            while index + run < characters.count, characters[index + run] == "*" { run += 1 }
            // A run of three or more closes an open emphasis first, so `***x***` nests as strong around
            // emphasis; otherwise two stars are strong.
            if run >= 2 && !(run >= 3 && open.last?.tag == "em") {
                emit("**", "strong")
                index += 2
            } else {
                emit("*", "em")
                index += 1
            }
        }
        pieces.append(plain)
        return pieces.joined()
    }
}
