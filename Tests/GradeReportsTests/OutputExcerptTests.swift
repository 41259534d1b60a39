import GradeReports
import GradeResults
import Testing

@Suite struct OutputExcerptTests {
    @Test func shortOutputIsKeptWhole() {
        let excerpt = OutputExcerpt(CapturedOutput(text: "hello\n", totalBytes: 6), byteLimit: 100)
        #expect(excerpt.text == "hello\n")
        #expect(!excerpt.truncated)
    }

    @Test func longOutputKeepsStartAndEndWithMarker() {
        let text = String(repeating: "a", count: 10_000) + "THE END"
        let excerpt = OutputExcerpt(CapturedOutput(text: text, totalBytes: text.utf8.count), byteLimit: 1000)
        #expect(excerpt.truncated)
        #expect(excerpt.text.contains("… [truncated: 10007 bytes in all]"))
        #expect(excerpt.text.hasSuffix("THE END"))
        #expect(excerpt.text.utf8.count < 1100)
    }

    @Test func outputTheEngineAlreadyCappedGetsTheMarker() {
        let excerpt = OutputExcerpt(CapturedOutput(text: "first part", truncated: true, totalBytes: 5_242_880), byteLimit: 1000)
        #expect(excerpt.text == "first part\n… [truncated: 5242880 bytes in all]")
    }

    @Test func cutsOnlyAtCharacterBoundaries() {
        let text = String(repeating: "é∇🎉", count: 1000)
        let excerpt = OutputExcerpt(text: text, byteLimit: 101)
        #expect(!excerpt.text.contains("\u{FFFD}"))
    }

    @Test func fiveMegabytesAreBoundedAndSanitized() {
        let output = RunFixture.hostileOutput()
        let excerpt = OutputExcerpt(output, byteLimit: 64 * 1024)
        #expect(excerpt.text.utf8.count <= 64 * 1024 + 100)
        #expect(excerpt.text.contains("[truncated: \(output.totalBytes) bytes in all]"))
        #expect(!excerpt.text.utf8.contains(0x1B))
        #expect(!excerpt.text.utf8.contains(0))
        #expect(excerpt.text.hasSuffix("Fatal error: the end\n"))
    }

    @Test func terminalExcerptKeepsTheLastLines() {
        let text = (1...50).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let excerpt = OutputExcerpt(CapturedOutput(text: text, totalBytes: text.utf8.count), lastLines: 3)
        #expect(excerpt.text == "… [truncated: \(text.utf8.count) bytes in all]\nline 48\nline 49\nline 50")
    }
}
