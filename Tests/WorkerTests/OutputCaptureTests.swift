@testable import GradingEngine
import Testing

/// The lines searched for the runtime's last words are split on bytes, so output with
/// Windows line endings or invalid UTF-8 is searched line by line like any other.
@Suite("Output capture")
struct OutputCaptureTests {
    private func capture(_ chunks: [[UInt8]], keptBytes: Int = 1 << 10) -> OutputCapture {
        var capture = OutputCapture(keptBytes: keptBytes)
        for chunk in chunks { chunk.withUnsafeBytes { capture.append($0) } }
        return capture
    }

    private func capture(_ text: String, keptBytes: Int = 1 << 10) -> OutputCapture {
        capture([Array(text.utf8)], keptBytes: keptBytes)
    }

    @Test func crlfLinesAreSeparateLinesWithoutTheirCarriageReturn() {
        let lines = capture("starting\r\nFatal error: boom\r\nafter\r\n").searchableLines
        #expect(lines == ["starting", "Fatal error: boom", "after"])
    }

    @Test func lfLinesAreSeparateLines() {
        #expect(capture("one\ntwo\n\nthree").searchableLines == ["one", "two", "three"])
    }

    @Test func aCarriageReturnInsideALineIsKept() {
        #expect(capture("50%\r100%\r\ndone\n").searchableLines == ["50%\r100%", "done"])
    }

    @Test func aCRLFSplitAcrossTwoWritesIsStillOneLineEnd() {
        let lines = capture([Array("Fatal error: boom\r".utf8), Array("\nnext\r\n".utf8)]).searchableLines
        #expect(lines == ["Fatal error: boom", "next"])
    }

    @Test func invalidUTF8DoesNotJoinLines() {
        let lines = capture([[0xff, 0xfe, 0x0d, 0x0a] + Array("Fatal error: boom\r\n".utf8)]).searchableLines
        #expect(lines.count == 2)
        #expect(lines.last == "Fatal error: boom")
    }

    @Test func theEndOfATruncatedOutputIsSearchedToo() {
        let noise = String(repeating: "x", count: 40) + "\r\n"
        let lines = capture(String(repeating: noise, count: 100) + "Fatal error: out of range\r\n", keptBytes: 64).searchableLines
        #expect(lines.last == "Fatal error: out of range")
        #expect(lines.first.map(String.init) == String(repeating: "x", count: 40))
    }

    @Test func aLongOutputKeepsItsBeginningAndItsEnd() {
        let text = "first line\n" + String(repeating: "noise\n", count: 5000) + "the last line\n"
        let captured = capture(text, keptBytes: 64).captured
        #expect(captured.text.hasPrefix("first line\n"))
        #expect(captured.text.hasSuffix("the last line\n"))
        #expect(captured.text.contains("bytes left out] …"))
        #expect(captured.truncated && captured.totalBytes == text.utf8.count)
        // Just over the limit: nothing left out, nothing twice.
        let short = "a" + String(repeating: "b", count: 70)
        let whole = capture([Array(short.utf8.prefix(30)), Array(short.utf8.dropFirst(30))], keptBytes: 64).captured
        #expect(whole.text == short && !whole.truncated)
    }
}
