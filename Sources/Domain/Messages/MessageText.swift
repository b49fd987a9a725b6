/// The one place where text from input files is made safe before it reaches a person: stderr, the log, the
/// run manifest, the warehouse's rejected rows and the published data-quality page.
///
/// Input files are untrusted: a cell or a file name can hold a personnummer, a line break that forges a
/// log line, or an escape sequence that drives the operator's terminal. Every message and path goes
/// through `safe(_:)`; what is stored and published about a rejected row goes through `withoutValues(_:)`
/// as well.
package enum MessageText {
    /// What a personnummer or samordningsnummer is replaced with, whatever its form.
    package static let personnummerMask = "******-****"

    /// What a message says about a header line that lacks a wanted column, in place of its values: a file
    /// without its header line starts with a data row, and that row (free text, a personnummer) must not be
    /// echoed. The field count still hints at a wrong delimiter (one field).
    package static func headerNotQuoted(fields: Int) -> String {
        "the header line has \(fields) \(fields == 1 ? "field" : "fields"), not quoted: a file without its header starts with a data row"
    }

    /// The text masked (`masked(_:)`) and with control characters escaped (`escaped(_:)`).
    ///
    /// Applying it twice gives the same text as applying it once.
    package static func safe(_ text: String) -> String { escaped(masked(text)) }

    /// `safe(_:)` applied to each line of a text that holds several messages, one a line (a config error
    /// lists every finding): the line breaks between them stay, every other control character is escaped.
    /// Use it only on texts whose lines were built from safe messages.
    package static func safeLines(_ text: String) -> String {
        guard text.contains("\n") else { return safe(text) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { safe(String($0)) }
            .joined(separator: "\n")
    }

    /// Replaces every token shaped like a personnummer or samordningsnummer with `******-****`.
    ///
    /// The shapes: `YYYYMMDD-XXXX`, `YYMMDD-XXXX`, either with `+` for `-`, and the same without a
    /// separator (12 or 10 digits). The date part must be a plausible date: month 01–12 and a day that
    /// exists in that month, or that day plus 60 (samordningsnummer); a 12-digit form's year starts with
    /// 18, 19 or 20. A token is a whole run: the characters before and after it are not ASCII letters or
    /// digits, so a 16-digit number, an amount such as `1234567890` (month 34) or a run inside a
    /// hexadecimal hash is left alone.
    package static func masked(_ text: String) -> String {
        let bytes = Array(text.utf8)
        // Fast path: no run of six digits, no personnummer.
        var longest = 0
        var run = 0
        for byte in bytes {
            run = isDigit(byte) ? run + 1 : 0
            longest = max(longest, run)
        }
        guard longest >= 6 else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if isDigit(bytes[index]), startsToken(bytes, at: index),
                let length = personnummerLength(bytes, at: index)
            {
                out.append(contentsOf: personnummerMask.utf8)
                index += length
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Replaces control characters with visible escapes: `\n`, `\r`, `\t`, and `\u{1B}` for the rest (C0 and
    /// C1 controls, DEL, the Unicode line and paragraph separators and the bidirectional overrides), so a
    /// value can neither start a new log line nor reach the terminal as a command.
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// A finding's message as it is stored with a rejected row and published on the data-quality page: the
    /// rule and the place (file, line, column) say what is wrong; the cell's value is not repeated.
    ///
    /// A leading `column 'Name': ` (or `element 'name': `, `tidtrans 'timmar': `) names the configured
    /// column and stays. After it, a clause after `; ` (a hint for the operator) is dropped, `found '…'` ends
    /// the message (it is always the last clause), and every
    /// other quoted value becomes `'…'`; a value's closing quote is one followed by the end, a space or
    /// punctuation, so `'O'Brien'` is one value. Unquoted numbers stay (field counts, years). The result is
    /// also `safe(_:)`.
    package static func withoutValues(_ message: String) -> String {
        let characters = Array(safe(message))
        var prefixEnd = 0
        if let open = characters.firstIndex(of: "'"),
            let close = characters[(open + 1)...].firstIndex(of: "'"),
            close + 2 < characters.count, characters[close + 1] == ":", characters[close + 2] == " ",
            !characters[..<open].contains(":")
        {
            prefixEnd = close + 3
        }
        var rest = String(characters[prefixEnd...])
        // A clause after `; ` is a hint for the operator (the mapped codes, what to try): not stored.
        if let hint = rest.range(of: "; ") { rest = String(rest[..<hint.lowerBound]) }
        if let found = rest.range(of: "found '") {
            rest = String(rest[..<found.lowerBound])
            while let last = rest.last, last == " " || last == "," || last == ";" { rest.removeLast() }
        }
        let tail = Array(rest)
        func closes(_ index: Int) -> Bool {
            index + 1 == tail.count || " ,;:).".contains(tail[index + 1])
        }
        var out = String(characters[..<prefixEnd])
        var index = 0
        while index < tail.count {
            guard tail[index] == "'" else {
                out.append(tail[index])
                index += 1
                continue
            }
            // A quote never closed takes the rest of the message with it.
            var close = index + 1
            while close < tail.count, !(tail[close] == "'" && closes(close)) { close += 1 }
            out += "'…'"
            index = close + 1
        }
        return out.hasSuffix(" ") ? String(out.dropLast()) : out
    }

    // MARK: - Personnummer shapes

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    /// Whether a token can start at `index`: not after a letter or digit, nor after a decimal point or comma
    /// that follows a digit (the decimals of an amount).
    static func startsToken(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index > 0 else { return true }
        let before = bytes[index - 1]
        if before == 0x2E || before == 0x2C { return index == 1 || !isDigit(bytes[index - 2]) }
        return !isAlphanumeric(before)
    }

    /// The length of the personnummer-shaped token starting at `start`, or `nil`.
    static func personnummerLength(_ bytes: [UInt8], at start: Int) -> Int? {
        var digits = 0
        while start + digits < bytes.count, isDigit(bytes[start + digits]) { digits += 1 }
        // A decimal point or comma with a digit after it continues the number: `8001011234.50` is an amount.
        func endsToken(_ end: Int) -> Bool {
            guard end < bytes.count else { return true }
            if bytes[end] == 0x2E || bytes[end] == 0x2C { return end + 1 == bytes.count || !isDigit(bytes[end + 1]) }
            return !isAlphanumeric(bytes[end])
        }
        func number(_ from: Int, _ count: Int) -> Int {
            (from..<(from + count)).reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) }
        }
        func plausible(dateAt from: Int, century: Bool) -> Bool {
            if century {
                let prefix = number(from, 2)
                guard prefix >= 18 && prefix <= 20 else { return false }
            }
            let offset = century ? 4 : 2
            let year = number(from, offset)
            let month = number(from + offset, 2)
            var day = number(from + offset + 2, 2)
            if day > 60 { day -= 60 }
            guard (1...12).contains(month), day >= 1 else { return false }
            let lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            if month == 2 && day == 29 && century {
                return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            }
            return day <= lengths[month - 1]
        }
        switch digits {
        case 12, 10:
            guard endsToken(start + digits), plausible(dateAt: start, century: digits == 12) else { return nil }
            return digits
        case 8, 6:
            let separator = start + digits
            guard separator + 5 <= bytes.count, bytes[separator] == 0x2D || bytes[separator] == 0x2B,
                (1...4).allSatisfy({ isDigit(bytes[separator + $0]) }), endsToken(separator + 5),
                plausible(dateAt: start, century: digits == 8)
            else { return nil }
            return digits + 5
        default:
            return nil
        }
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
