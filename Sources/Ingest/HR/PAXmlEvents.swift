import CLibXML2
import Domain

#if canImport(Glibc)
    import Glibc
#endif

/// One PAXml record as the SAX parser hands it over: its kind, the employee reference (only ever used
/// inside the reader), the text of its simple child elements, its cost-centre references and, for a
/// schedule, its days.
struct PAXmlRecord {
    enum Kind: String {
        case tidtrans
        case lonetrans
        case schema
        case person
    }

    var kind: Kind
    var line: Int
    /// `anstid` or `persnr`: identifies a person inside the reader; never stored, logged or written.
    var employee: String = ""
    var persnr: String = ""
    var fields = Fields()

    /// The text of the record's simple child elements, in a fixed slot per known name.
    struct Fields {
        var values = [String?](repeating: nil, count: PAXmlEvents.recordFieldList.count)

        subscript(name: String) -> String? {
            get { PAXmlEvents.fieldIndex[name].flatMap { values[$0] } }
            set { if let index = PAXmlEvents.fieldIndex[name] { values[index] = newValue } }
        }
    }
    /// (dimension, id) of each `resenhet`.
    var units: [(String, String)] = []
    /// Each schedule `dag`, parsed as it streams by.
    var days: [Day] = []

    /// One schedule day: its month and hours, or the raw text when either does not parse.
    struct Day {
        let month: Int
        let hours: Int64
        let line: Int
        /// Set only when the day is invalid, for the message.
        let invalid: (date: String, hours: String)?
    }
}

/// Streams a PAXml file through libxml2's SAX2 callbacks (namespace-agnostic: local names only) and calls
/// back once per complete record. Only the elements the measures need are kept; names, addresses and
/// everything else are skipped as they stream by.
final class PAXmlEvents {
    private var kindCounts = [Int](repeating: 0, count: 4)
    /// The document's root element (local name), to refuse XML that is not PAXml.
    private var rootName: String?
    private var dayCount = 0

    /// Records per section (`tidtrans`, `lonetrans`, `schema`, `person`, `schema_dag`), those present.
    var counts: [String: Int] {
        var result: [String: Int] = [:]
        for (index, kind) in [PAXmlRecord.Kind.tidtrans, .lonetrans, .schema, .person].enumerated()
        where kindCounts[index] > 0 {
            result[kind.rawValue] = kindCounts[index]
        }
        if dayCount > 0 { result["schema_dag"] = dayCount }
        return result
    }
    private(set) var version = ""
    private var record: PAXmlRecord?
    /// The field being captured: its slot, or -1 for the header's version.
    private var capture: Int?
    private var text: [UInt8] = []
    private var inHeader = false
    private let onRecord: (PAXmlRecord) -> Void
    var context: xmlParserCtxtPtr?

    static let recordFieldList: [String] = [
        "tidkod", "datum", "datumfrom", "datumtom", "timmar", "omfattning", "lonart", "lonkod", "antal", "belopp",
        "kategori", "sysgrad", "lonform", "anstform", "befattningskod",
    ]
    static let fieldIndex: [String: Int] = Dictionary(
        uniqueKeysWithValues: recordFieldList.enumerated().map { ($0.element, $0.offset) })

    init(onRecord: @escaping (PAXmlRecord) -> Void) { self.onRecord = onRecord }

    var line: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }

    /// Element names the parser cares about, looked up by their bytes without making strings.
    enum Name: Int {
        case tidtrans, lonetrans, schema, person, resenhet, dag, header, version, field
    }

    private static let names: [String: Name] = {
        var table: [String: Name] = [
            "tidtrans": .tidtrans, "lonetrans": .lonetrans, "schema": .schema, "person": .person, "resenhet": .resenhet,
            "dag": .dag, "header": .header, "version": .version,
        ]
        for field in recordFieldList { table[field] = .field }
        return table
    }()

    /// FNV-1a of a name's bytes → (name, the name's bytes) for the names above.
    private static let byHash: [UInt64: (Name, [UInt8], Int)] = {
        var table: [UInt64: (Name, [UInt8], Int)] = [:]
        for (text, name) in names {
            table[hash(Array(text.utf8)[...])] = (name, Array(text.utf8), fieldIndex[text] ?? -1)
        }
        return table
    }()

    @inline(__always)
    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
        return value
    }

    /// The known name of an element, or `nil` for any other element (most of them).
    @inline(__always)
    static func name(_ bytes: UnsafeBufferPointer<UInt8>) -> (Name, Int)? {
        guard bytes.count <= 14, let (name, expected, field) = byHash[hash(bytes)], expected.elementsEqual(bytes) else {
            return nil
        }
        return (name, field)
    }

    /// An attribute's value bytes from SAX2's (localname, prefix, URI, value, end) array.
    @inline(__always)
    static func attribute(
        _ wanted: StaticString, in attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int
    ) -> UnsafeBufferPointer<UInt8>? {
        guard let attributes else { return nil }
        let target = UnsafeBufferPointer(start: wanted.utf8Start, count: wanted.utf8CodeUnitCount)
        for index in 0..<count {
            guard let name = attributes[index * 5], let start = attributes[index * 5 + 3],
                let end = attributes[index * 5 + 4]
            else { continue }
            if UnsafeBufferPointer(
                start: name, count: strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
            )
            .elementsEqual(target) {
                return UnsafeBufferPointer(start: start, count: start.distance(to: end))
            }
        }
        return nil
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>?) -> String {
        bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    func start(
        _ localname: UnsafeBufferPointer<UInt8>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int
    ) {
        if rootName == nil { rootName = String(decoding: localname, as: UTF8.self) }
        guard let (name, field) = Self.name(localname) else { return }
        switch name {
        case .tidtrans, .lonetrans, .schema, .person:
            guard record == nil else { return }
            let kinds: [PAXmlRecord.Kind] = [.tidtrans, .lonetrans, .schema, .person]
            let kind = kinds[name.rawValue]
            kindCounts[name.rawValue] += 1
            var new = PAXmlRecord(kind: kind, line: line)
            let persnr = Self.attribute("persnr", in: attributes, count: count)
            new.employee = Self.string(Self.attribute("anstid", in: attributes, count: count) ?? persnr)
            new.persnr = Self.string(persnr)
            record = new
        case .header:
            inHeader = true
        case .version:
            if inHeader { capture = -1 }
        case .resenhet:
            guard record != nil else { return }
            record?.units.append(
                (
                    Self.string(Self.attribute("dim", in: attributes, count: count)),
                    Self.string(Self.attribute("id", in: attributes, count: count))
                ))
        case .dag:
            guard record != nil else { return }
            dayCount += 1
            let date = Self.attribute("datum", in: attributes, count: count)
            let hours = Self.attribute("timmar", in: attributes, count: count)
            let day = date.flatMap { Domain.Day(bytes: $0) }
            let value = hours.flatMap { DecimalParser.parse($0) }
            if let day, let value {
                record?.days.append(.init(month: day.monthValue.ordinal, hours: value.raw, line: 0, invalid: nil))
            } else {
                record?.days.append(
                    .init(month: -1, hours: 0, line: line, invalid: (Self.string(date), Self.string(hours))))
            }
        case .field:
            guard record != nil else { return }
            capture = field
            text.removeAll(keepingCapacity: true)
        }
    }

    func end(_ localname: UnsafeBufferPointer<UInt8>) {
        guard let (name, field) = Self.name(localname) else { return }
        if name == .header { inHeader = false }
        if let captured = capture, (captured == -1 && name == .version) || (captured >= 0 && captured == field) {
            let value = String(decoding: text, as: UTF8.self).trimmingSpaces()
            if captured == -1 {
                version = value
            } else {
                record?.fields.values[captured] = value
            }
            capture = nil
            text.removeAll(keepingCapacity: true)
            return
        }
        if let current = record, current.kind.rawValue.utf8.elementsEqual(localname) {
            record = nil
            onRecord(current)
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if capture != nil { text.append(contentsOf: bytes) }
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
        guard let text = fields["timmar"], !text.isEmpty else { return nil }
        guard let value = FixedDecimal(text.replacingOccurrences(of: ",", with: ".")) else {
            return .failure(
                .init(rule: "number-format", message: "tidtrans 'timmar': expected a number, found '\(text)'"))
        }
        let dateText = fields["datum"] ?? fields["datumfrom"] ?? ""
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
    func parse(path: String, displayPath: String) throws(PAXmlFailure) -> TextEncoding {
        do {
            try ComplaintsXMLReader.checkNoDTD(path: path, displayPath: displayPath)
        } catch {
            throw PAXmlFailure(finding: error.finding)
        }
        let source: FileByteSource
        do { source = try FileByteSource(path: path) } catch {
            throw PAXmlFailure(
                finding: Finding(SourceLocation(file: displayPath), rule: "unreadable", message: "\(error)"))
        }
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { user, localname, _, _, _, _, count, _, attributes in
            guard let user, let localname else { return }
            let name = UnsafeBufferPointer(
                start: localname, count: strlen(UnsafeRawPointer(localname).assumingMemoryBound(to: CChar.self)))
            Unmanaged<PAXmlEvents>.fromOpaque(user).takeUnretainedValue().start(
                name, attributes: attributes, count: Int(count))
        }
        handler.endElementNs = { user, localname, _, _ in
            guard let user, let localname else { return }
            let name = UnsafeBufferPointer(
                start: localname, count: strlen(UnsafeRawPointer(localname).assumingMemoryBound(to: CChar.self)))
            Unmanaged<PAXmlEvents>.fromOpaque(user).takeUnretainedValue().end(name)
        }
        handler.characters = { user, bytes, length in
            guard let user, let bytes else { return }
            Unmanaged<PAXmlEvents>.fromOpaque(user).takeUnretainedValue()
                .characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        let user = Unmanaged.passUnretained(self).toOpaque()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var first = 0
        do { first = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0) } } catch {
            throw PAXmlFailure(
                finding: Finding(SourceLocation(file: displayPath), rule: "unreadable", message: "\(error)"))
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
        var pending = first > 4 ? Array(buffer[4..<first]) : []
        while true {
            if !pending.isEmpty {
                let status = pending.withUnsafeBufferPointer { p in
                    p.baseAddress.map { base in
                        base.withMemoryRebound(to: CChar.self, capacity: p.count) {
                            xmlParseChunk(context, $0, Int32(p.count), 0)
                        }
                    } ?? 0
                }
                if status != 0 { throw fail() }
            }
            var count = 0
            do { count = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0) } } catch {
                throw PAXmlFailure(
                    finding: Finding(SourceLocation(file: displayPath), rule: "unreadable", message: "\(error)"))
            }
            if count == 0 { break }
            pending = Array(buffer[0..<count])
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
