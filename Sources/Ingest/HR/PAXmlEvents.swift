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
    var fields: [String: String] = [:]
    /// (dimension, id) of each `resenhet`.
    var units: [(String, String)] = []
    /// (datum, timmar) of each schedule `dag`.
    var days: [(String, String, Int)] = []
}

/// Streams a PAXml file through libxml2's SAX2 callbacks (namespace-agnostic: local names only) and calls
/// back once per complete record. Only the elements the measures need are kept; names, addresses and
/// everything else are skipped as they stream by.
final class PAXmlEvents {
    private(set) var counts: [String: Int] = [:]
    private(set) var version = ""
    private var record: PAXmlRecord?
    private var capture: String?
    private var text: [UInt8] = []
    private var inHeader = false
    private let onRecord: (PAXmlRecord) -> Void
    var context: xmlParserCtxtPtr?

    static let recordFields: Set<String> = [
        "tidkod", "datum", "datumfrom", "datumtom", "timmar", "omfattning", "lonart", "lonkod", "antal", "belopp",
        "kategori", "sysgrad", "lonform", "anstform", "befattningskod",
    ]

    init(onRecord: @escaping (PAXmlRecord) -> Void) { self.onRecord = onRecord }

    var line: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }

    func start(_ name: String, attributes: [String: String]) {
        if let kind = PAXmlRecord.Kind(rawValue: name), record == nil {
            counts[name, default: 0] += 1
            var new = PAXmlRecord(kind: kind, line: line)
            new.employee = attributes["anstid"] ?? attributes["persnr"] ?? ""
            new.persnr = attributes["persnr"] ?? ""
            record = new
            return
        }
        if name == "header" { inHeader = true }
        if inHeader && name == "version" { capture = "version" }
        guard record != nil else { return }
        switch name {
        case "resenhet":
            record?.units.append((attributes["dim"] ?? "", attributes["id"] ?? ""))
        case "dag":
            counts["schema_dag", default: 0] += 1
            record?.days.append((attributes["datum"] ?? "", attributes["timmar"] ?? "", line))
        default:
            if Self.recordFields.contains(name) {
                capture = name
                text.removeAll(keepingCapacity: true)
            }
        }
    }

    func end(_ name: String) {
        if name == "header" { inHeader = false }
        if let field = capture, field == name {
            let value = String(decoding: text, as: UTF8.self).trimmingSpaces()
            if field == "version" && inHeader {
                version = value
            } else {
                record?.fields[field] = value
            }
            capture = nil
            text.removeAll(keepingCapacity: true)
            return
        }
        if let current = record, current.kind.rawValue == name {
            record = nil
            onRecord(current)
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if capture != nil { text.append(contentsOf: bytes) }
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
            let events = Unmanaged<PAXmlEvents>.fromOpaque(user).takeUnretainedValue()
            var values: [String: String] = [:]
            if let attributes, count > 0 {
                for index in 0..<Int(count) {
                    guard let name = attributes[index * 5], let start = attributes[index * 5 + 3],
                        let end = attributes[index * 5 + 4]
                    else { continue }
                    values[String(cString: name)] = String(
                        decoding: UnsafeBufferPointer(start: start, count: start.distance(to: end)), as: UTF8.self)
                }
            }
            events.start(String(cString: localname), attributes: values)
        }
        handler.endElementNs = { user, localname, _, _ in
            guard let user, let localname else { return }
            Unmanaged<PAXmlEvents>.fromOpaque(user).takeUnretainedValue().end(String(cString: localname))
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
        return encoding
    }
}
