import CLibXML2
import Domain

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a complaints register exported as XML, streaming through libxml2's `xmlTextReader`.
///
/// The config names the element of one entry (`record`) and, per logical column, the child element (or
/// `@attribute` of the entry) that holds it; namespaces are ignored (local names). Only those are read:
/// free text and names never enter the program. The network is never touched, DTDs are refused and
/// entities are not expanded. A file that is not well-formed XML is rejected whole with the line and
/// libxml2's message; a bad entry is rejected with its line, the rest loads.
package struct ComplaintsXMLReader {
    let definition: SourceDefinition
    let units: UnitIndex

    package init(definition: SourceDefinition, units: UnitIndex) {
        self.definition = definition
        self.units = units
    }

    /// Refuses a document type declaration before libxml2 sees it: it must come before the root element,
    /// so the start of the file tells.
    static func checkNoDTD(path: String, displayPath: String) throws(FileRejection) {
        guard let source = try? FileByteSource(path: path) else { return }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        guard let count = try? buffer.withUnsafeMutableBufferPointer({ try source.read(into: $0) }) else { return }
        let doctype = Array("<!DOCTYPE".utf8)
        var line = 1
        var index = 0
        while index < count {
            let byte = buffer[index]
            if byte == 0x0A { line += 1 }
            if byte == UInt8(ascii: "<"), index + 1 < count {
                let next = buffer[index + 1]
                if next != UInt8(ascii: "?") && next != UInt8(ascii: "!") { return }  // the root element
                if buffer[index..<min(count, index + doctype.count)].elementsEqual(doctype) {
                    throw FileRejection(
                        Finding(
                            SourceLocation(file: displayPath, line: line), rule: "xml-dtd",
                            message:
                                "a document type declaration (DTD) is not accepted: it could define entities or fetch files"
                        ))
                }
            }
            index += 1
        }
    }

    /// Reads a gzip-compressed file through to its end once, because libxml2 decompresses by itself and
    /// would take a cut stream for a shorter whole one: refuses a stream that is cut, damaged, followed by
    /// other bytes or too large. A plain file passes untouched.
    static func checkCompressedWhole(path: String, displayPath: String, limit: Int) throws(FileRejection) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        do {
            let source = try FileByteSource(path: path, maxDecompressedBytes: limit)
            guard source.plainSize == nil else { return }
            while try buffer.withUnsafeMutableBufferPointer({ try source.read(into: $0) }) > 0 {}
        } catch {
            throw FileRejection(Finding.unreadable(displayPath, error))
        }
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        try Self.checkNoDTD(path: path, displayPath: displayPath)
        try Self.checkCompressedWhole(
            path: path, displayPath: displayPath, limit: definition.limits.maxDecompressedBytes)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let reader = xmlReaderForFile(path, nil, options) else {
            throw FileRejection(
                Finding(SourceLocation(file: displayPath), rule: "unreadable", message: "cannot open the file"))
        }
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetErrorHandler(reader, { _, _, _, _ in }, nil)
        var result = ReadResult(keepingRejects: definition.limits.rejectedRowsKept)
        result.encoding = .utf8
        let book = ComplaintsBook(definition: definition, units: units)
        let record = definition.record
        var byElement: [String: String] = [:]
        var byAttribute: [String: String] = [:]
        for (logical, name) in definition.columns {
            if name.hasPrefix("@") {
                byAttribute[String(name.dropFirst())] = logical
            } else {
                byElement[name] = logical
            }
        }
        var fields: [String: String] = [:]
        var recordDepth: Int32 = -1
        var recordLine = 0
        func text(_ pointer: UnsafePointer<xmlChar>?) -> String? { pointer.map { String(cString: $0) } }
        func finishRecord() {
            result.rowsRead += 1
            let values = fields
            let line = recordLine
            let field = ComplaintsBook.Field(
                text: { values[$0]?.trimmingSpaces() },
                reject: { logical, rule, message in
                    let name = logical.flatMap { definition.columns[$0] }
                    let label =
                        name.map { $0.hasPrefix("@") ? "attribute '\($0.dropFirst())': " : "element '\($0)': " } ?? ""
                    return Finding(
                        SourceLocation(file: displayPath, line: line, key: name), rule: rule, message: label + message)
                })
            if let finding = book.add(field, line: line) { result.rejects.append(finding) }
            fields = [:]
            recordDepth = -1
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 {
                let error = xmlGetLastError()
                let line = error.map { Int($0.pointee.line) } ?? Int(xmlTextReaderGetParserLineNumber(reader))
                let message =
                    error.flatMap { $0.pointee.message.map { String(cString: $0) } }?.trimmingSpaces()
                    .replacingOccurrences(of: "\n", with: " ") ?? "not well-formed XML"
                throw FileRejection(
                    Finding(
                        SourceLocation(file: displayPath, line: line), rule: "xml-not-well-formed",
                        message: "libxml2: \(message)"))
            }
            let type = xmlTextReaderNodeType(reader)
            if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                throw FileRejection(
                    Finding(
                        SourceLocation(file: displayPath, line: Int(xmlTextReaderGetParserLineNumber(reader))),
                        rule: "xml-dtd",
                        message:
                            "a document type declaration (DTD) is not accepted: it could define entities or fetch files"
                    ))
            }
            guard let name = text(xmlTextReaderConstLocalName(reader)) else { continue }
            let depth = xmlTextReaderDepth(reader)
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                if recordDepth < 0 && name == record {
                    recordDepth = depth
                    recordLine = Int(xmlGetLineNo(xmlTextReaderCurrentNode(reader)))
                    for (attribute, logical) in byAttribute {
                        if let value = xmlTextReaderGetAttribute(reader, attribute) {
                            fields[logical] = String(cString: value)
                            free(value)  // libxml2's xmlFree is free unless an application replaces it
                        }
                    }
                    if xmlTextReaderIsEmptyElement(reader) == 1 { finishRecord() }
                } else if recordDepth >= 0 && depth == recordDepth + 1, let logical = byElement[name] {
                    if let value = xmlTextReaderReadString(reader) {
                        fields[logical] = String(cString: value)
                        free(value)  // libxml2's xmlFree is free unless an application replaces it
                    } else {
                        fields[logical] = ""
                    }
                }
            } else if type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) && recordDepth == depth && name == record {
                finishRecord()
            }
        }
        book.finish(into: &result)
        return result
    }
}
