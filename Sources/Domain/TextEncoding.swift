/// The text encodings Swedish exports arrive in.
package enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case iso885915 = "iso-8859-15"
    case iso88591 = "iso-8859-1"
    case cp437 = "cp437"

    /// Parses a config value; `auto` is handled by the caller.
    package init?(configValue: String) {
        let normalized = configValue.lowercased().replacingOccurrences(of: "_", with: "-")
        switch normalized {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252": self = .windows1252
        case "iso-8859-15", "latin-9", "latin9": self = .iso885915
        case "iso-8859-1", "latin-1", "latin1": self = .iso88591
        case "cp437", "pc8", "ibm437": self = .cp437
        default: return nil
        }
    }

    /// Guesses the encoding of a CSV export from its first bytes: a BOM or valid UTF-8 means UTF-8,
    /// anything else Windows-1252 (a superset of ISO-8859-1 for printable text).
    ///
    /// - Parameter prefix: the start of the file; a multi-byte sequence cut at its end is tolerated.
    package static func sniffCSV(_ prefix: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF { return .utf8 }
        return isValidUTF8(prefix, allowTruncatedEnd: true) ? .utf8 : .windows1252
    }

    /// Whether `bytes` is well-formed UTF-8.
    package static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 {
                length = 2
            } else if b & 0xF0 == 0xE0 {
                length = 3
            } else if b & 0xF8 == 0xF0, b <= 0xF4 {
                length = 4
            } else {
                return false
            }
            if i + length > n { return allowTruncatedEnd }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    /// Decodes bytes to a `String`; invalid UTF-8 becomes U+FFFD.
    package func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if self == .utf8 || !bytes.contains(where: { $0 >= 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for b in bytes { scalars.append(scalar(for: b)) }
        return String(scalars)
    }

    package func decode(_ bytes: [UInt8]) -> String { bytes.withUnsafeBufferPointer { decode($0) } }

    /// The character a single byte stands for in this (8-bit) encoding.
    package func scalar(for byte: UInt8) -> Unicode.Scalar {
        if byte < 0x80 { return Unicode.Scalar(byte) }
        switch self {
        case .utf8, .iso88591:
            return Unicode.Scalar(byte)
        case .windows1252:
            if byte >= 0xA0 { return Unicode.Scalar(byte) }
            return Unicode.Scalar(TextEncoding.windows1252High[Int(byte - 0x80)]) ?? "\u{FFFD}"
        case .iso885915:
            switch byte {
            case 0xA4: return "\u{20AC}"
            case 0xA6: return "\u{0160}"
            case 0xA8: return "\u{0161}"
            case 0xB4: return "\u{017D}"
            case 0xB8: return "\u{017E}"
            case 0xBC: return "\u{0152}"
            case 0xBD: return "\u{0153}"
            case 0xBE: return "\u{0178}"
            default: return Unicode.Scalar(byte)
            }
        case .cp437:
            return Unicode.Scalar(TextEncoding.cp437High[Int(byte - 0x80)]) ?? "\u{FFFD}"
        }
    }

    /// Windows-1252 0x80–0x9F; undefined positions map to U+FFFD.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// IBM code page 437, 0x80–0xFF.
    private static let cp437High: [UInt32] = [
        0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE,
        0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
        0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA,
        0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502,
        0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514,
        0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550,
        0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C,
        0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
        0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320,
        0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
    ]
}
