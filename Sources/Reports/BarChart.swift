/// An inline SVG bar chart of one indicator across the units of an område: one horizontal bar per unit,
/// named on the left, its value on the right, the median marked by a dashed line.
///
/// Egen regi is drawn solid and external units hatched, so the series differ without colour; the same
/// numbers always follow in a table. Coordinates are whole pixels, so the output is byte-stable.
struct BarChart {
    struct Bar {
        let label: String
        /// `nil` draws no bar and shows `text` (the symbol) instead.
        let value: Double?
        let text: String
        let hatched: Bool
    }

    let id: String
    let title: String
    let bars: [Bar]
    let median: Double?
    let medianText: String

    static let width = 720
    static let labelWidth = 270
    static let valueWidth = 120
    static let rowHeight = 24
    static let top = 30

    var svg: String {
        let plot = Self.width - Self.labelWidth - Self.valueWidth
        let height = Self.top + bars.count * Self.rowHeight + 8
        let values = bars.compactMap(\.value) + (median.map { [$0] } ?? [])
        var low = min(0, values.min() ?? 0)
        var high = max(0, values.max() ?? 0)
        if high == low {
            low -= 1
            high += 1
        }
        func x(_ value: Double) -> Int {
            Self.labelWidth + Int(((value - low) / (high - low) * Double(plot)).rounded())
        }
        let zero = x(0)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.width)" height="\(height)" \
            viewBox="0 0 \(Self.width) \(height)" role="img" aria-labelledby="\(id)-t">
            <title id="\(id)-t">\(Self.escape(title)). Samma uppgifter finns i tabellen under diagrammet.</title>
            <defs><pattern id="\(id)-h" width="6" height="6" patternUnits="userSpaceOnUse" \
            patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>\
            <rect width="3" height="6" fill="#2f5d8a"/></pattern></defs>
            <text x="0" y="14" class="legend">Heldragen stapel: egen regi. Randig stapel: extern utförare.</text>

            """
        for (index, bar) in bars.enumerated() {
            let y = Self.top + index * Self.rowHeight
            let middle = y + Self.rowHeight / 2 + 5
            out +=
                "<text x=\"\(Self.labelWidth - 8)\" y=\"\(middle)\" text-anchor=\"end\">\(Self.escape(bar.label))</text>"
            if let value = bar.value {
                let end = x(value)
                let left = min(zero, end)
                let width = max(1, abs(end - zero))
                let fill = bar.hatched ? "url(#\(id)-h)" : "#2f5d8a"
                out += "<rect x=\"\(left)\" y=\"\(y + 4)\" width=\"\(width)\" height=\"\(Self.rowHeight - 8)\" "
                out += "fill=\"\(fill)\" stroke=\"#1b3a57\"/>"
            }
            out += "<text x=\"\(Self.labelWidth + plot + 8)\" y=\"\(middle)\">\(Self.escape(bar.text))</text>\n"
        }
        out += "<line x1=\"\(zero)\" y1=\"\(Self.top)\" x2=\"\(zero)\" y2=\"\(height - 8)\" stroke=\"#1b1b1b\"/>\n"
        if let median {
            let position = x(median)
            out += "<line x1=\"\(position)\" y1=\"\(Self.top - 6)\" x2=\"\(position)\" y2=\"\(height - 4)\" "
            out += "stroke=\"#1b1b1b\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
            let anchor = position > Self.labelWidth + plot / 2 ? "end" : "start"
            let offset = anchor == "end" ? -4 : 4
            out += "<text x=\"\(position + offset)\" y=\"\(Self.top - 10)\" text-anchor=\"\(anchor)\" class=\"median\">"
            out += "Median \(Self.escape(medianText))</text>\n"
        }
        return out + "</svg>"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
