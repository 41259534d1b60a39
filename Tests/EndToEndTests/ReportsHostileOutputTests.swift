import Foundation
import Testing

/// The reports of `e2e/hostile`, whose components print ANSI colours, NUL and other control
/// bytes, invalid UTF-8, `]]>` and `</testcase>`, and 5 MB.
@Suite("Reports of a submission that prints hostile output")
struct ReportsHostileOutputTests {
    /// The markup the noisy component prints, after the bytes that XML cannot hold.
    static let printedMarkup = "]]> </testcase></testsuite></testsuites> <![CDATA[ & <b>"

    /// True for the characters XML 1.0 allows: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and up.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The characters of `data` that XML 1.0 forbids, as `U+XXXX`; throws when it is not UTF-8.
    static func forbiddenCharacters(in data: Data) throws -> [String] {
        let text = try #require(String(validating: data, as: UTF8.self), "not valid UTF-8")
        return text.unicodeScalars.filter { !isXMLCharacter($0) }
            .map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// The JUnit test cases of one component of the hostile run.
    private func junitCases(of component: String) async throws -> [JUnitSummary.TestCase] {
        let cases = try await GradingFixture.hostile.run.junitSummary().testCases.filter { $0.component == component }
        try #require(!cases.isEmpty, "no JUnit test cases of \(component)")
        return cases
    }

    @Test("The JUnit report is valid UTF-8 and holds no character XML 1.0 forbids")
    func junitHoldsOnlyXMLCharacters() async throws {
        let junit = try #require(try await GradingFixture.hostile.run.junit)
        #expect(try Self.forbiddenCharacters(in: junit) == [])
    }

    @Test("The JUnit report parses, and printed markup stays text inside its test case")
    func printedMarkupStaysText() async throws {
        let cases = try await junitCases(of: GradingHostileTests.noisy)
        #expect(cases.allSatisfy { $0.verdict == .passed })
        #expect(cases.filter { !$0.systemOut.contains(Self.printedMarkup) }.map(\.name) == [])
    }

    @Test("The readable parts of output with control bytes and invalid UTF-8 survive in the JUnit report")
    func readableOutputSurvives() async throws {
        for testCase in try await junitCases(of: GradingHostileTests.noisy) {
            for fragment in ["red", "NUL:", "controls:", "invalid UTF-8:", "noncharacters:"] {
                #expect(testCase.systemOut.contains(fragment), "\(testCase.name): no '\(fragment)' in \(testCase.systemOut.debugDescription)")
            }
        }
    }

    @Test("A component that prints 5 MB adds at most 64 KiB of output a check to the JUnit report")
    func loudOutputIsCapped() async throws {
        let cases = try await junitCases(of: GradingHostileTests.loud)
        #expect(cases.allSatisfy { !$0.systemOut.isEmpty && $0.systemOut.utf8.count <= 64 * 1024 + 1024 })
        let junit = try #require(try await GradingFixture.hostile.run.junit)
        #expect(junit.count < 2 << 20)
    }

    @Test("The Gradescope report holds no control character but tab and newline")
    func gradescopeHoldsNoControlCharacters() async throws {
        let results = try await GradingFixture.hostile.run.gradescopeResults()
        let texts = [results.output] + results.tests.flatMap { [$0.name, $0.output] }
        let controls = texts.flatMap { $0.unicodeScalars.filter { $0.properties.generalCategory == .control && $0 != "\t" && $0 != "\n" } }
        #expect(controls.map { "U+" + String($0.value, radix: 16, uppercase: true) } == [])
    }

    @Test("The Markdown report is valid UTF-8 and holds no control character but tab and newline")
    func markdownHoldsNoControlCharacters() async throws {
        let markdown = try #require(try await GradingFixture.hostile.run.markdown)
        let text = try #require(String(validating: markdown, as: UTF8.self), "not valid UTF-8")
        let controls = text.unicodeScalars.filter { $0.properties.generalCategory == .control && $0 != "\t" && $0 != "\n" }
        #expect(controls.map { "U+" + String($0.value, radix: 16, uppercase: true) } == [])
    }

    @Test("With colour off, the console report holds no escape or NUL byte")
    func consoleHoldsNoEscapes() async throws {
        let console = try await GradingFixture.hostile.run.outcome.standardOutput
        #expect(!console.unicodeScalars.contains("\u{1B}"))
        #expect(!console.unicodeScalars.contains("\u{0}"))
    }
}
