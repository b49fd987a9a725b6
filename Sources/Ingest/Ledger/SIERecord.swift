/// One SIE record (line) split into its label and fields, without allocating per line.
///
/// Fields are bare tokens, quoted strings (only `\"` is an escape; other backslashes are literal) or
/// object lists in `{}`, whose inner tokens are kept as list items. All token contents are stored back to
/// back in `bytes`, unquoted and unescaped, label first: exactly the bytes SIE's `#KSUMMA` checksum covers.
///
/// A class with fixed storage sized for the longest line the line reader accepts, so the hot loop writes
/// through pointers with no per-byte capacity or uniqueness checks. Views it hands out stay valid until the
/// next `scan`.
final class SIERecord {
    enum FieldKind { case text, list }

    struct Field {
        var kind: FieldKind
        /// For text: the content range in `bytes`. For a list: the range of its items in `items`.
        var start: Int
        var end: Int
    }

    private let capacity: Int
    private let storage: UnsafeMutablePointer<UInt8>
    private(set) var byteCount = 0
    private(set) var labelEnd = 0
    private let fieldStorage: UnsafeMutablePointer<Field>
    private(set) var fieldCount = 0
    /// Ranges in `bytes` of the tokens inside object lists, as (start, end).
    private let itemStorage: UnsafeMutablePointer<(Int, Int)>
    private var itemCount = 0

    /// - Parameter maxLineBytes: the longest line that will be scanned.
    init(maxLineBytes: Int = 1 << 20) {
        capacity = maxLineBytes + 1
        storage = .allocate(capacity: capacity)
        fieldStorage = .allocate(capacity: capacity / 2 + 2)
        itemStorage = .allocate(capacity: capacity / 2 + 2)
    }

    deinit {
        storage.deallocate()
        fieldStorage.deallocate()
        itemStorage.deallocate()
    }

    /// Splits one line (without its line end).
    ///
    /// - Returns: whether the line starts with a `#` label; blank lines and voucher braces hold no record.
    func scan(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        byteCount = 0
        fieldCount = 0
        itemCount = 0
        guard let base = line.baseAddress else { return false }
        let n = min(line.count, capacity - 1)
        var i = 0
        while i < n, base[i] == 0x20 || base[i] == 0x09 { i += 1 }
        guard i < n, base[i] == UInt8(ascii: "#") else { return false }
        while i < n, base[i] != 0x20 && base[i] != 0x09 {
            storage[byteCount] = base[i]
            byteCount += 1
            i += 1
        }
        labelEnd = byteCount
        while true {
            while i < n, base[i] == 0x20 || base[i] == 0x09 { i += 1 }
            guard i < n else { break }
            if base[i] == UInt8(ascii: "{") {
                i += 1
                let first = itemCount
                while true {
                    while i < n, base[i] == 0x20 || base[i] == 0x09 { i += 1 }
                    guard i < n else { break }
                    if base[i] == UInt8(ascii: "}") {
                        i += 1
                        break
                    }
                    let start = byteCount
                    i = token(base, n, from: i, stopAtBrace: true)
                    itemStorage[itemCount] = (start, byteCount)
                    itemCount += 1
                }
                fieldStorage[fieldCount] = Field(kind: .list, start: first, end: itemCount)
            } else {
                let start = byteCount
                i = token(base, n, from: i, stopAtBrace: false)
                fieldStorage[fieldCount] = Field(kind: .text, start: start, end: byteCount)
            }
            fieldCount += 1
        }
        return true
    }

    /// Appends one bare or quoted token's content to the storage and returns the index after it.
    @inline(__always)
    private func token(_ base: UnsafePointer<UInt8>, _ n: Int, from index: Int, stopAtBrace: Bool) -> Int {
        var i = index
        if base[i] == UInt8(ascii: "\"") {
            i += 1
            while i < n {
                let b = base[i]
                if b == UInt8(ascii: "\\"), i + 1 < n, base[i + 1] == UInt8(ascii: "\"") {
                    storage[byteCount] = UInt8(ascii: "\"")
                    byteCount += 1
                    i += 2
                } else if b == UInt8(ascii: "\"") {
                    return i + 1
                } else {
                    storage[byteCount] = b
                    byteCount += 1
                    i += 1
                }
            }
            return i
        }
        while i < n {
            let b = base[i]
            if b == 0x20 || b == 0x09 || (stopAtBrace && b == UInt8(ascii: "}")) { break }
            storage[byteCount] = b
            byteCount += 1
            i += 1
        }
        return i
    }

    /// Every content byte of the record: what `#KSUMMA` covers.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: byteCount) }

    /// Whether the label equals `label` (ASCII, with `#`).
    func isLabel(_ label: StaticString) -> Bool {
        guard labelEnd == label.utf8CodeUnitCount else { return false }
        let pointer = label.utf8Start
        for k in 0..<labelEnd where storage[k] != pointer[k] { return false }
        return true
    }

    private func range(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage + start, count: end - start)
    }

    /// The content of text field `index`; empty for a list or a missing field.
    func textBytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index < fieldCount, fieldStorage[index].kind == .text else { return range(0, 0) }
        return range(fieldStorage[index].start, fieldStorage[index].end)
    }

    func withText<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(textBytes(index)) }

    /// The object of `dimension` in list field `index`, if present.
    func object(in index: Int, dimension: ArraySlice<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard index < fieldCount, fieldStorage[index].kind == .list else { return nil }
        var k = fieldStorage[index].start
        while k + 1 < fieldStorage[index].end {
            let (start, end) = itemStorage[k]
            if range(start, end).elementsEqual(dimension) {
                let (objectStart, objectEnd) = itemStorage[k + 1]
                return range(objectStart, objectEnd)
            }
            k += 2
        }
        return nil
    }

    /// Whether field `index` is an object list.
    func isList(_ index: Int) -> Bool { index < fieldCount && fieldStorage[index].kind == .list }
}
