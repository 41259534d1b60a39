import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A JUnit XML report as a CI consumer reads it: the declared totals and every test case.
struct JUnitSummary: Sendable {
    /// The `tests`, `failures` and `errors` attributes of an element.
    struct Counts: Sendable, Equatable, CustomStringConvertible {
        var tests: Int
        var failures: Int
        var errors: Int

        var description: String { "tests \(tests), failures \(failures), errors \(errors)" }
    }

    /// One `<testsuite>`.
    struct Suite: Sendable {
        var name: String
        var declared: Counts
    }

    /// One `<testcase>`.
    struct TestCase: Sendable {
        enum Verdict: String, Sendable {
            case passed, failure, error, skipped
        }

        var classname: String
        var name: String
        var verdict: Verdict
        /// The `type` of its `<failure>` or `<error>`.
        var type: String?
        /// The text of its `<failure>` or `<error>`.
        var detail: String
        /// The text of its `<system-out>`.
        var systemOut: String

        /// The component: the part of `classname` after the assignment.
        var component: String { String(classname.split(separator: ".", maxSplits: 1).last ?? "") }
    }

    /// The totals declared on `<testsuites>`.
    var declared: Counts
    var suites: [Suite]
    var testCases: [TestCase]

    /// The totals found by counting the test cases.
    var counted: Counts {
        Counts(tests: testCases.count,
               failures: testCases.filter { $0.verdict == .failure }.count,
               errors: testCases.filter { $0.verdict == .error }.count)
    }

    /// Parses a report; throws when it is not well-formed or has no `<testsuites>` with counts.
    init(parsing data: Data) throws {
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else {
            throw GradingCommand.Failure(description: "the JUnit XML does not parse: \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        guard let declared = reader.declared else {
            throw GradingCommand.Failure(description: "the JUnit XML has no <testsuites> with tests, failures and errors")
        }
        self.declared = declared
        suites = reader.suites
        testCases = reader.testCases
    }
}

/// Collects a JUnit report's elements as the parser meets them.
private final class Reader: NSObject, XMLParserDelegate {
    var declared: JUnitSummary.Counts?
    var suites: [JUnitSummary.Suite] = []
    var testCases: [JUnitSummary.TestCase] = []
    private var current: JUnitSummary.TestCase?
    private var text: String?

    private static func counts(_ attributes: [String: String]) -> JUnitSummary.Counts? {
        guard let tests = attributes["tests"].flatMap(Int.init), let failures = attributes["failures"].flatMap(Int.init),
              let errors = attributes["errors"].flatMap(Int.init) else { return nil }
        return .init(tests: tests, failures: failures, errors: errors)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch elementName {
        case "testsuites":
            declared = Self.counts(attributes)
        case "testsuite":
            if let counts = Self.counts(attributes) { suites.append(.init(name: attributes["name"] ?? "", declared: counts)) }
        case "testcase":
            current = .init(classname: attributes["classname"] ?? "", name: attributes["name"] ?? "",
                            verdict: .passed, type: nil, detail: "", systemOut: "")
        case "skipped":
            current?.verdict = .skipped
        case "failure", "error":
            current?.verdict = elementName == "failure" ? .failure : .error
            current?.type = attributes["type"]
            text = ""
        case "system-out":
            text = ""
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text? += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch elementName {
        case "testcase":
            if let current { testCases.append(current) }
            current = nil
        case "failure", "error":
            current?.detail = text ?? ""
            text = nil
        case "system-out":
            current?.systemOut = text ?? ""
            text = nil
        default:
            break
        }
    }
}
