internal import CLibXML2
import FoundationEssentials

/// libxml2's process-wide set-up, done once before any other libxml2 call.
private let libxml2Initialized: Void = { xmlInitParser() }()

/// A thin wrapper around libxml2's streaming text writer (`xmlTextWriter`) into memory.
///
/// libxml2 escapes `<`, `&`, `>` and `"`, but it does not remove characters XML 1.0 forbids, so
/// every name, attribute value and text written here goes through `TextSanitizer` first. Text
/// is always written as escaped character data, never CDATA, so `]]>` or `</testcase>` in
/// student output stays text.
final class XMLStreamWriter {
    private let buffer: xmlBufferPtr
    private var writer: xmlTextWriterPtr?

    /// Starts a UTF-8 document indented by two spaces.
    init() throws {
        _ = libxml2Initialized
        guard let buffer = xmlBufferCreate() else { throw XMLWriterError(operation: "xmlBufferCreate") }
        self.buffer = buffer
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XMLWriterError(operation: "xmlNewTextWriterMemory")
        }
        self.writer = writer
        try check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
        try check(Self.withXMLChars("  ") { xmlTextWriterSetIndentString(writer, $0) }, "xmlTextWriterSetIndentString")
        try check(xmlTextWriterStartDocument(writer, nil, "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        xmlBufferFree(buffer)
    }

    /// Opens an element.
    func startElement(_ name: String) throws {
        let writer = try live()
        try check(Self.withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "xmlTextWriterStartElement")
    }

    /// Writes an attribute of the element just opened; the value is sanitized.
    func attribute(_ name: String, _ value: String) throws {
        let writer = try live()
        let clean = TextSanitizer.sanitize(value)
        try check(Self.withXMLChars(name) { n in Self.withXMLChars(clean) { xmlTextWriterWriteAttribute(writer, n, $0) } },
                  "xmlTextWriterWriteAttribute")
    }

    /// Writes escaped character data; the text is sanitized.
    func text(_ value: String) throws {
        let writer = try live()
        let clean = TextSanitizer.sanitize(value)
        try check(Self.withXMLChars(clean) { xmlTextWriterWriteString(writer, $0) }, "xmlTextWriterWriteString")
    }

    /// Writes `<name>text</name>`.
    func element(_ name: String, text value: String) throws {
        try startElement(name)
        try text(value)
        try endElement()
    }

    /// Closes the innermost open element.
    func endElement() throws {
        try check(xmlTextWriterEndElement(try live()), "xmlTextWriterEndElement")
    }

    /// Closes every open element, ends the document and returns its bytes.
    func finish() throws -> Data {
        let writer = try live()
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        xmlFreeTextWriter(writer) // flushes into the buffer
        self.writer = nil
        guard let content = xmlBufferContent(buffer) else { return Data() }
        return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
    }

    private func live() throws -> xmlTextWriterPtr {
        guard let writer else { throw XMLWriterError(operation: "write after finish") }
        return writer
    }

    private func check(_ result: Int32, _ operation: String) throws {
        if result < 0 { throw XMLWriterError(operation: operation) }
    }

    /// Calls `body` with the string as a NUL-terminated `xmlChar` array. Sanitized strings hold
    /// no NUL, so nothing is cut short.
    private static func withXMLChars<R>(_ string: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        var bytes = Array(string.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
