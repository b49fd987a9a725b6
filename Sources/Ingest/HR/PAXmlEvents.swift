import CLibXML2
import Domain

#if canImport(Glibc)
    import Glibc
#endif

/// One PAXml record as the SAX parser hands it over: its kind, the employee reference (only ever used
/// inside the reader), the text of its simple child elements, its cost-centre references and, for a
/// schedule, its days.
struct PAXmlRecord {
    enum Kind: Int {
        case tidtrans
        case lonetrans
        case schema
        case person

        /// The element name, as counted and named in messages.
        var name: String { String(describing: self) }
    }

    /// The simple child elements a record's measures need; everything else streams by unread.
    enum Field: Int, CaseIterable {
        case tidkod, datum, datumfrom, datumtom, timmar, omfattning, lonart, lonkod, antal, belopp, kategori, sysgrad
        case lonform, anstform, befattningskod
    }

    var kind = Kind.tidtrans
    var line = 0
    /// The person's number in this file (from `anstid`, else `persnr`, never kept as text); `nil` when the
    /// record names no one.
    var person: Int?
    /// K or M from the `persnr` attribute's personnummer, when it has one.
    var gender: Gender?
    /// The text of each field present, trimmed; `nil` for a field the record does not have.
    var fields = [String?](repeating: nil, count: Field.allCases.count)
    /// (dimension, id) of each `resenhet`.
    var units: [(dimension: String, id: String)] = []
    /// The schedule's days, parsed as they stream by: consecutive valid days of one month summed into one
    /// entry (a month's schedule is usually one entry), and each invalid day as an entry of its own.
    var days: [Day] = []
    /// The days that did not parse or are out of range, with the reason, for the rejects.
    var invalidDays: [InvalidDay] = []

    subscript(field: Field) -> String? { fields[field.rawValue] }

    /// Scheduled hours of one month (ordinal, ten-thousandths), or for an invalid day `month` -1 and
    /// `hours` its index in `invalidDays`. Plain integers, so a year of schedules costs no reference counting.
    struct Day {
        let month: Int32
        var hours: Int64
    }

    struct InvalidDay {
        let line: Int
        let rule: String
        let message: String
    }

    /// The invalid day a `Day` stands for, if it is one.
    func invalid(_ day: Day) -> InvalidDay? { day.month < 0 ? invalidDays[Int(day.hours)] : nil }

    /// Adds one schedule day: to the last entry when it is of the same month.
    mutating func addDay(month: Int32, hours: Int64) {
        if let last = days.indices.last, days[last].month == month {
            days[last].hours &+= hours
        } else {
            days.append(Day(month: month, hours: hours))
        }
    }

    mutating func addInvalidDay(_ day: InvalidDay) {
        days.append(Day(month: -1, hours: Int64(invalidDays.count)))
        invalidDays.append(day)
    }

    /// Empties the record for the next one, keeping its storage.
    mutating func reset(kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
        for index in fields.indices where fields[index] != nil { fields[index] = nil }
        units.removeAll(keepingCapacity: true)
        days.removeAll(keepingCapacity: true)
        if !invalidDays.isEmpty { invalidDays.removeAll() }
    }
}

/// Streams a PAXml file through libxml2's SAX2 callbacks (namespace-agnostic: local names only) and calls
/// back once per complete record. Only the elements the measures need are kept; names, addresses and
/// everything else are skipped as they stream by.
///
/// libxml2 interns every element and attribute name in the parser's dictionary, so the same name always
/// arrives as the same pointer: the names this reader knows are interned before parsing starts and
/// recognised by pointer, without comparing or hashing a byte of them per element.
final class PAXmlEvents {
    private var kindCounts = [Int](repeating: 0, count: 4)
    /// The document's root element (local name), to refuse XML that is not PAXml.
    private var rootName: String?
    private var dayCount = 0

    /// Records per section (`tidtrans`, `lonetrans`, `schema`, `person`, `schema_dag`), those present.
    var counts: [String: Int] {
        var result: [String: Int] = [:]
        for kind in [PAXmlRecord.Kind.tidtrans, .lonetrans, .schema, .person] where kindCounts[kind.rawValue] > 0 {
            result[kind.name] = kindCounts[kind.rawValue]
        }
        if dayCount > 0 { result["schema_dag"] = dayCount }
        return result
    }
    private(set) var version = ""
    /// Every person the records name, by id bytes.
    private(set) var persons = PersonRegistry()
    private var record = PAXmlRecord()
    private var inRecord = false
    /// The field being captured, `versionSlot` for the header's version, or -1 when nothing is.
    private var capture = -1
    private static let versionSlot = PAXmlRecord.Field.allCases.count
    private var text: [UInt8] = []
    private var inHeader = false
    private let onRecord: (PAXmlRecord) -> Void
    var context: xmlParserCtxtPtr?

    init(onRecord: @escaping (PAXmlRecord) -> Void) { self.onRecord = onRecord }

    var line: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }

    /// What a known name means to the reader.
    enum Name: Equatable {
        case record(PAXmlRecord.Kind)
        case resenhet, dag, header, version
        case field(PAXmlRecord.Field)
    }

    private static let elementNames: [(String, Name)] =
        [
            ("tidtrans", .record(.tidtrans)), ("lonetrans", .record(.lonetrans)), ("schema", .record(.schema)),
            ("person", .record(.person)), ("resenhet", .resenhet), ("dag", .dag), ("header", .header),
            ("version", .version),
        ] + PAXmlRecord.Field.allCases.map { ("\($0)", .field($0)) }

    /// The known element names by their interned pointer, for the parse under way.
    private var names = PointerTable<Name>()
    /// The interned attribute names the reader looks for.
    private var persnrName: UnsafePointer<xmlChar>?
    private var anstidName: UnsafePointer<xmlChar>?
    private var dimName: UnsafePointer<xmlChar>?
    private var idName: UnsafePointer<xmlChar>?
    private var datumName: UnsafePointer<xmlChar>?
    private var timmarName: UnsafePointer<xmlChar>?

    /// Interns the known names in the parser's dictionary, where libxml2 will look every name up.
    private func intern(in context: xmlParserCtxtPtr) {
        let dictionary = context.pointee.dict
        func interned(_ name: String) -> UnsafePointer<xmlChar>? { xmlDictLookup(dictionary, name, -1) }
        names = PointerTable()
        for (text, name) in Self.elementNames {
            if let pointer = interned(text) { names.insert(pointer, name) }
        }
        persnrName = interned("persnr")
        anstidName = interned("anstid")
        dimName = interned("dim")
        idName = interned("id")
        datumName = interned("datum")
        timmarName = interned("timmar")
    }

    /// An attribute's value bytes from SAX2's (localname, prefix, URI, value, end) array, by interned name.
    @inline(__always)
    private static func attribute(
        _ wanted: UnsafePointer<xmlChar>?, in attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int
    ) -> UnsafeBufferPointer<UInt8>? {
        guard let attributes, let wanted else { return nil }
        for index in 0..<count where attributes[index * 5] == wanted {
            guard let start = attributes[index * 5 + 3], let end = attributes[index * 5 + 4] else { return nil }
            return UnsafeBufferPointer(start: start, count: start.distance(to: end))
        }
        return nil
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>?) -> String {
        bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    func start(
        _ localname: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int
    ) {
        if rootName == nil { rootName = String(cString: localname) }
        guard let name = names.value(localname) else { return }
        switch name {
        case .dag:
            guard inRecord else { return }
            dayCount += 1
            let date = Self.attribute(datumName, in: attributes, count: count)
            let hours = Self.attribute(timmarName, in: attributes, count: count)
            guard let day = date.flatMap({ Domain.Day(bytes: $0) }) else {
                record.addInvalidDay(
                    .init(
                        line: line, rule: "date-format",
                        message: "schema 'dag': expected YYYY-MM-DD, found '\(Self.string(date))'"))
                return
            }
            guard let value = hours.flatMap({ DecimalParser.parse($0) }) else {
                record.addInvalidDay(
                    .init(
                        line: line, rule: "number-format",
                        message: "schema 'dag' 'timmar': expected a number, found '\(Self.string(hours))'"))
                return
            }
            record.addDay(month: Int32(day.monthValue.ordinal), hours: value.raw)
        case .field(let field):
            guard inRecord else { return }
            startCapture(field.rawValue)
        case .record(let kind):
            guard !inRecord else { return }
            kindCounts[kind.rawValue] += 1
            record.reset(kind: kind, line: line)
            let persnr = Self.attribute(persnrName, in: attributes, count: count)
            let id = Self.attribute(anstidName, in: attributes, count: count) ?? persnr
            record.person = id.flatMap { $0.isEmpty ? nil : persons.number($0) }
            record.gender = persnr.flatMap { PAXmlReader.gender(personnummerBytes: $0) }
            inRecord = true
        case .resenhet:
            guard inRecord else { return }
            record.units.append(
                (
                    Self.string(Self.attribute(dimName, in: attributes, count: count)),
                    Self.string(Self.attribute(idName, in: attributes, count: count))
                ))
        case .header:
            inHeader = true
        case .version:
            if inHeader { startCapture(Self.versionSlot) }
        }
    }

    func end(_ localname: UnsafePointer<xmlChar>) {
        guard let name = names.value(localname) else { return }
        switch name {
        case .field(let field) where capture == field.rawValue:
            record.fields[field.rawValue] = Self.trimmedText(text)
            endCapture()
        case .version where capture == Self.versionSlot:
            version = Self.trimmedText(text)
            endCapture()
        case .header:
            inHeader = false
        case .record(let kind) where inRecord && kind == record.kind:
            inRecord = false
            onRecord(record)
        default:
            return
        }
    }

    /// Element text without the surrounding spaces, tabs, line breaks and no-break spaces (UTF-8 C2 A0).
    static func trimmedText(_ bytes: [UInt8]) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var start = 0
        var end = bytes.count
        while start < end {
            if isSpace(bytes[start]) {
                start += 1
            } else if bytes[start] == 0xC2, start + 1 < end, bytes[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        while end > start {
            if isSpace(bytes[end - 1]) {
                end -= 1
            } else if bytes[end - 1] == 0xA0, end - 2 >= start, bytes[end - 2] == 0xC2 {
                end -= 2
            } else {
                break
            }
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Text and CDATA reach the reader only while it captures a field: libxml2 looks the callback up for each
    /// piece of text, and most of a file's text is the indentation between elements.
    private static let onText: charactersSAXFunc = { user, bytes, length in
        guard let user, let bytes else { return }
        Unmanaged<PAXmlEvents>.fromOpaque(user)._withUnsafeGuaranteedRef { $0.characters(bytes, count: Int(length)) }
    }

    private func startCapture(_ slot: Int) {
        capture = slot
        text.removeAll(keepingCapacity: true)
        context?.pointee.sax.pointee.characters = Self.onText
        context?.pointee.sax.pointee.cdataBlock = Self.onText
    }

    private func endCapture() {
        capture = -1
        context?.pointee.sax.pointee.characters = nil
        context?.pointee.sax.pointee.cdataBlock = nil
    }

    @inline(__always)
    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard capture >= 0 else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }
}

/// A few values keyed by pointer identity: open addressing in a fixed power-of-two table, cheaper than
/// hashing the pointer with `Dictionary`'s seeded hasher on each of a file's millions of elements.
struct PointerTable<Value> {
    private static var size: Int { 64 }
    private var keys = [UnsafeRawPointer?](repeating: nil, count: Self.size)
    private var values = [Value?](repeating: nil, count: Self.size)

    @inline(__always)
    private static func start(_ pointer: UnsafeRawPointer) -> Int {
        Int(truncatingIfNeeded: (UInt(bitPattern: pointer) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }

    /// Adds `value` under `pointer`; the table holds at most 48 keys.
    mutating func insert(_ pointer: UnsafePointer<UInt8>, _ value: Value) {
        var index = Self.start(pointer)
        while let key = keys[index], key != UnsafeRawPointer(pointer) { index = (index + 1) & (Self.size - 1) }
        precondition(keys[index] != nil || keys.lazy.filter { $0 != nil }.count < 48, "PointerTable is full")
        keys[index] = UnsafeRawPointer(pointer)
        values[index] = value
    }

    @inline(__always)
    func value(_ pointer: UnsafePointer<UInt8>) -> Value? {
        var index = Self.start(pointer)
        while let key = keys[index] {
            if key == UnsafeRawPointer(pointer) { return values[index] }
            index = (index + 1) & (Self.size - 1)
        }
        return nil
    }
}

/// Why one PAXml record cannot be used: the rule and the message, placed by the caller.
struct PAXmlRecordProblem: Error {
    let rule: String
    let message: String
}

extension PAXmlRecord {
    /// A time transaction's own hours (`timmar`, point or comma) and the month of its `datum` (or
    /// `datumfrom`); `nil` when it has no `timmar` but a date range with `omfattning` instead.
    func explicitHours() -> Result<(Domain.Month, FixedDecimal), PAXmlRecordProblem>? {
        guard let text = self[.timmar], !text.isEmpty else { return nil }
        guard let value = FixedDecimal(text) else {
            return .failure(
                .init(rule: "number-format", message: "tidtrans 'timmar': expected a number, found '\(text)'"))
        }
        let dateText = self[.datum] ?? self[.datumfrom] ?? ""
        guard let day = Domain.Day(String(dateText.prefix(10))) else {
            return .failure(
                .init(rule: "date-format", message: "tidtrans 'datum': expected YYYY-MM-DD, found '\(dateText)'"))
        }
        return .success((day.monthValue, value))
    }
}

/// Why a PAXml file cannot be read at all.
struct PAXmlFailure: Error {
    let finding: Finding
}

extension PAXmlEvents {
    /// Parses the whole file, pushing 1 MiB chunks; no network, no DTD, no entity expansion.
    ///
    /// - Throws: `PAXmlFailure` with the line and libxml2's message when the file is not well-formed.
    func parse(
        path: String, displayPath: String,
        maxDecompressedBytes: Int = IngestLimits.standard.maxDecompressedBytes
    ) throws(PAXmlFailure) -> TextEncoding {
        do {
            try ComplaintsXMLReader.checkNoDTD(path: path, displayPath: displayPath)
        } catch {
            throw PAXmlFailure(finding: error.finding)
        }
        let source: FileByteSource
        do { source = try FileByteSource(path: path, maxDecompressedBytes: maxDecompressedBytes) } catch {
            throw PAXmlFailure(
                finding: Finding.unreadable(displayPath, error))
        }
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { user, localname, _, _, _, _, count, _, attributes in
            guard let user, let localname else { return }
            Unmanaged<PAXmlEvents>.fromOpaque(user)._withUnsafeGuaranteedRef {
                $0.start(localname, attributes: attributes, count: Int(count))
            }
        }
        handler.endElementNs = { user, localname, _, _ in
            guard let user, let localname else { return }
            Unmanaged<PAXmlEvents>.fromOpaque(user)._withUnsafeGuaranteedRef { $0.end(localname) }
        }
        let user = Unmanaged.passUnretained(self).toOpaque()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var first = 0
        do { first = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0) } } catch {
            throw PAXmlFailure(
                finding: Finding.unreadable(displayPath, error))
        }
        let encoding: TextEncoding =
            buffer[0..<min(first, 200)].starts(with: Array("<?xml".utf8))
                && String(decoding: buffer[0..<min(first, 200)], as: UTF8.self).lowercased().contains("iso-8859-1")
            ? .iso88591 : .utf8
        guard
            let context = buffer.withUnsafeBufferPointer({ pointer in
                pointer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: first) {
                        xmlCreatePushParserCtxt(&handler, user, $0, Int32(min(first, 4)), displayPath)
                    }
                }
            })
        else {
            throw PAXmlFailure(
                finding: Finding(
                    SourceLocation(file: displayPath), rule: "unreadable", message: "libxml2 could not start"))
        }
        self.context = context
        intern(in: context)
        defer {
            xmlFreeParserCtxt(context)
            self.context = nil
        }
        _ = xmlCtxtUseOptions(
            context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        func fail() -> PAXmlFailure {
            let error = xmlCtxtGetLastError(context)
            let line = error.map { Int($0.pointee.line) } ?? self.line
            let message =
                error.flatMap { $0.pointee.message.map { String(cString: $0) } }?.trimmingSpaces()
                .replacingOccurrences(of: "\n", with: " ") ?? "not well-formed XML"
            return PAXmlFailure(
                finding: Finding(
                    SourceLocation(file: displayPath, line: line), rule: "xml-not-well-formed",
                    message: "libxml2: \(message)"))
        }
        // The first four bytes went to the context for the encoding; the rest of every read is parsed from
        // the one buffer, without copying it.
        func parse(_ range: Range<Int>) -> Int32 {
            buffer.withUnsafeBufferPointer { pointer in
                pointer.baseAddress.map { base in
                    (base + range.lowerBound).withMemoryRebound(to: CChar.self, capacity: range.count) {
                        xmlParseChunk(context, $0, Int32(range.count), 0)
                    }
                } ?? 0
            }
        }
        var range = min(first, 4)..<first
        while true {
            if !range.isEmpty, parse(range) != 0 { throw fail() }
            var count = 0
            do { count = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0) } } catch {
                throw PAXmlFailure(
                    finding: Finding.unreadable(displayPath, error))
            }
            if count == 0 { break }
            range = 0..<count
        }
        if xmlParseChunk(context, nil, 0, 1) != 0 { throw fail() }
        if let rootName, rootName != "paxml" {
            throw PAXmlFailure(
                finding: Finding(
                    SourceLocation(file: displayPath, line: 1), rule: "not-paxml",
                    message: "the root element is <\(rootName.prefix(40))>, expected <paxml>: not a PAXml export"))
        }
        return encoding
    }
}
