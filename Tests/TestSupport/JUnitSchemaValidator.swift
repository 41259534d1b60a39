internal import CLibXML2
import FoundationEssentials

/// libxml2's process-wide set-up, done once before any other libxml2 call.
private let libxml2Initialized: Void = { xmlInitParser() }()

/// Validates XML documents against an XSD with libxml2, collecting every error with its line.
///
/// Each call parses the schema afresh, so a validator can be shared between concurrent tests
/// without sharing any libxml2 state.
public struct JUnitSchemaValidator: Sendable {
    /// One thing wrong with a document: it is not well-formed, or it breaks the schema.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// The 1-based line of the document, or 0 when libxml2 gave none.
        public var line: Int
        /// libxml2's message, without its trailing newline.
        public var message: String

        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    /// An error in the schema itself.
    public struct SchemaError: Error, CustomStringConvertible {
        /// What libxml2 said about the schema.
        public var violations: [Violation]
        /// The messages, one a line.
        public var description: String { "invalid schema: " + violations.map(\.description).joined(separator: "; ") }
    }

    private let schema: [UInt8]

    /// A validator for the given XSD; throws when libxml2 cannot compile it.
    public init(schema: [UInt8]) throws {
        self.schema = schema
        _ = try withCompiledSchema { _ in () }
    }

    /// The Jenkins xUnit plugin's JUnit schema, `Tests/Fixtures/schemas/junit-10.xsd` (MIT).
    public static func jenkins() throws -> JUnitSchemaValidator {
        try JUnitSchemaValidator(schema: Array(fixture("schemas/junit-10.xsd")))
    }

    /// The bytes of a file under `Tests/Fixtures/`.
    public static func fixture(_ relativePath: String) throws -> Data {
        let fixtures = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        return try Data(contentsOf: fixtures.appendingPathComponent(relativePath))
    }

    /// Every error that keeps `document` from being a well-formed XML document valid against the
    /// schema; empty when it is valid.
    public func validate(_ document: Data) -> [Violation] {
        validate(Array(document))
    }

    /// Every error that keeps `document` from being a well-formed XML document valid against the
    /// schema; empty when it is valid.
    public func validate(_ document: [UInt8]) -> [Violation] {
        let collector = ErrorCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let doc: xmlDocPtr? = withExtendedLifetime(collector) {
            xmlSetStructuredErrorFunc(context, collectError)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return document.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(buffer.count), "report.xml", nil, Int32(XML_PARSE_NONET.rawValue))
                }
            }
        }
        guard let doc else {
            return collector.violations.isEmpty ? [Violation(line: 0, message: "not well-formed")] : collector.violations
        }
        defer { xmlFreeDoc(doc) }
        guard collector.violations.isEmpty else { return collector.violations }

        do {
            return try withCompiledSchema { compiled in
                guard let validation = xmlSchemaNewValidCtxt(compiled) else {
                    return [Violation(line: 0, message: "xmlSchemaNewValidCtxt failed")]
                }
                defer { xmlSchemaFreeValidCtxt(validation) }
                return withExtendedLifetime(collector) {
                    xmlSchemaSetValidStructuredErrors(validation, collectError, context)
                    let result = xmlSchemaValidateDoc(validation, doc)
                    if result != 0 && collector.violations.isEmpty {
                        collector.violations.append(Violation(line: 0, message: "xmlSchemaValidateDoc returned \(result)"))
                    }
                    return collector.violations
                }
            }
        } catch {
            return (error as? SchemaError)?.violations ?? [Violation(line: 0, message: "\(error)")]
        }
    }

    /// Compiles the schema, calls `body` with it and frees it.
    private func withCompiledSchema<R>(_ body: (xmlSchemaPtr) throws -> R) throws -> R {
        _ = libxml2Initialized
        let collector = ErrorCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let compiled: xmlSchemaPtr? = withExtendedLifetime(collector) {
            schema.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { bytes in
                    guard let parser = xmlSchemaNewMemParserCtxt(bytes, Int32(buffer.count)) else { return nil }
                    defer { xmlSchemaFreeParserCtxt(parser) }
                    xmlSchemaSetParserStructuredErrors(parser, collectError, context)
                    return xmlSchemaParse(parser)
                }
            }
        }
        guard let compiled else {
            throw SchemaError(violations: collector.violations.isEmpty
                              ? [Violation(line: 0, message: "xmlSchemaParse failed")] : collector.violations)
        }
        defer { xmlSchemaFree(compiled) }
        return try body(compiled)
    }
}

/// Where libxml2's structured error callback puts what it is told; passed as an `Unmanaged` pointer.
private final class ErrorCollector {
    var violations: [JUnitSchemaValidator.Violation] = []
}

/// libxml2's structured error callback: records the error in the `ErrorCollector` passed as context.
private func collectError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
    var message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    while message.last?.isNewline == true { message.removeLast() }
    collector.violations.append(.init(line: Int(error.pointee.line), message: message))
}
