/// One SIE record (line) split into its label and fields, without allocating per line.
///
/// Fields are bare tokens, quoted strings (only `\"` is an escape; other backslashes are literal) or
/// object lists in `{}`, whose inner tokens are kept as list items. All token contents are stored back to
/// back in `bytes`, unquoted and unescaped, label first: exactly the bytes SIE's `#KSUMMA` checksum covers.
struct SIERecord {
    enum FieldKind { case text, list }

    struct Field {
        var kind: FieldKind
        /// For text: the content range in `bytes`. For a list: the range of its items in `items`.
        var start: Int
        var end: Int
    }

    private(set) var bytes: [UInt8] = []
    private(set) var labelEnd = 0
    private(set) var fields: [Field] = []
    /// Ranges in `bytes` of the tokens inside object lists.
    private(set) var items: [Range<Int>] = []

    init() {
        bytes.reserveCapacity(512)
        fields.reserveCapacity(16)
        items.reserveCapacity(16)
    }

    /// Splits one line (without its line end). Returns `false` when the line holds no record (blank, or a
    /// brace line of a voucher).
    ///
    /// - Returns: whether the line starts with a `#` label.
    mutating func scan(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        var i = 0
        let n = line.count
        while i < n, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        guard i < n, line[i] == UInt8(ascii: "#") else { return false }
        while i < n, line[i] != 0x20 && line[i] != 0x09 {
            bytes.append(line[i])
            i += 1
        }
        labelEnd = bytes.count
        while true {
            while i < n, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
            guard i < n else { break }
            if line[i] == UInt8(ascii: "{") {
                i += 1
                let first = items.count
                while true {
                    while i < n, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
                    guard i < n else { break }
                    if line[i] == UInt8(ascii: "}") {
                        i += 1
                        break
                    }
                    let start = bytes.count
                    i = token(line, from: i, stopAtBrace: true)
                    items.append(start..<bytes.count)
                }
                fields.append(Field(kind: .list, start: first, end: items.count))
            } else {
                let start = bytes.count
                i = token(line, from: i, stopAtBrace: false)
                fields.append(Field(kind: .text, start: start, end: bytes.count))
            }
        }
        return true
    }

    /// Appends one bare or quoted token's content to `bytes` and returns the index after it.
    private mutating func token(_ line: UnsafeBufferPointer<UInt8>, from index: Int, stopAtBrace: Bool) -> Int {
        var i = index
        let n = line.count
        if line[i] == UInt8(ascii: "\"") {
            i += 1
            while i < n {
                let b = line[i]
                if b == UInt8(ascii: "\\"), i + 1 < n, line[i + 1] == UInt8(ascii: "\"") {
                    bytes.append(UInt8(ascii: "\""))
                    i += 2
                } else if b == UInt8(ascii: "\"") {
                    return i + 1
                } else {
                    bytes.append(b)
                    i += 1
                }
            }
            return i
        }
        while i < n {
            let b = line[i]
            if b == 0x20 || b == 0x09 || (stopAtBrace && b == UInt8(ascii: "}")) { break }
            bytes.append(b)
            i += 1
        }
        return i
    }

    /// Whether the label equals `label` (ASCII, with `#`).
    func isLabel(_ label: StaticString) -> Bool {
        guard labelEnd == label.utf8CodeUnitCount else { return false }
        let pointer = label.utf8Start
        for k in 0..<labelEnd where bytes[k] != pointer[k] { return false }
        return true
    }

    var label: String { String(decoding: bytes[0..<labelEnd], as: UTF8.self) }

    var fieldCount: Int { fields.count }

    /// The content of text field `index`; empty for a list or a missing field.
    func withText<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in
            guard index < fields.count, fields[index].kind == .text else {
                return body(UnsafeBufferPointer(rebasing: all[0..<0]))
            }
            return body(UnsafeBufferPointer(rebasing: all[fields[index].start..<fields[index].end]))
        }
    }

    /// Text field `index` as raw bytes.
    func textBytes(_ index: Int) -> ArraySlice<UInt8> {
        guard index < fields.count, fields[index].kind == .text else { return [] }
        return bytes[fields[index].start..<fields[index].end]
    }

    /// The items of list field `index` as (dimension, object) pairs.
    func objectPairs(_ index: Int) -> [(dimension: ArraySlice<UInt8>, object: ArraySlice<UInt8>)] {
        guard index < fields.count, fields[index].kind == .list else { return [] }
        var pairs: [(ArraySlice<UInt8>, ArraySlice<UInt8>)] = []
        var k = fields[index].start
        while k + 1 < fields[index].end {
            pairs.append((bytes[items[k]], bytes[items[k + 1]]))
            k += 2
        }
        return pairs
    }

    /// The object of `dimension` in list field `index`, if present.
    func object(in index: Int, dimension: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard index < fields.count, fields[index].kind == .list else { return nil }
        var k = fields[index].start
        while k + 1 < fields[index].end {
            if bytes[items[k]].elementsEqual(dimension) { return bytes[items[k + 1]] }
            k += 2
        }
        return nil
    }

    /// Whether field `index` is an object list.
    func isList(_ index: Int) -> Bool { index < fields.count && fields[index].kind == .list }
}
