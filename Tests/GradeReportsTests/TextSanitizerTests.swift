import GradeReports
import Testing

@Suite struct TextSanitizerTests {
    @Test func removesANSIColourAndTitleSequences() {
        #expect(TextSanitizer.sanitize("\u{1B}[1;31mred\u{1B}[0m \u{1B}]0;title\u{07}x \u{1B}(Bok\u{9B}2Jz") == "red x okz")
    }

    @Test func keepsTabLineFeedAndCarriageReturn() {
        #expect(TextSanitizer.sanitize("a\tb\nc\r\n") == "a\tb\nc\r\n")
    }

    @Test func dropsControlCharactersXMLForbids() {
        let text = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{7F}h\u{85}i"
        #expect(TextSanitizer.sanitize(text) == "abcdefghi")
    }

    @Test func replacesNoncharactersFFFEAndFFFF() {
        #expect(TextSanitizer.sanitize("a\u{FFFE}b\u{FFFF}c") == "a\u{FFFD}b\u{FFFD}c")
    }

    @Test func keepsOrdinaryUnicode() {
        let text = "∇L = −0.5 ✓ 日本語 🎉"
        #expect(TextSanitizer.sanitize(text) == text)
    }

    @Test func replacesInvalidUTF8FromRawBytes() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x28, 0x63, 0xED, 0xA0, 0x80, 0x64, 0xF0, 0x9F]
        let clean = TextSanitizer.sanitize(bytes: bytes)
        #expect(clean.hasPrefix("a\u{FFFD}b\u{FFFD}(c"))
        #expect(clean.contains("d"))
        #expect(!clean.unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) })
        #expect(clean.unicodeScalars.filter { $0 == "\u{FFFD}" }.count >= 4)
    }

    @Test func rawNULAndEscapeBytesAreRemoved() {
        let clean = TextSanitizer.sanitize(bytes: [0x00, 0x1B, 0x5B, 0x33, 0x32, 0x6D, 0x6F, 0x6B, 0x00])
        #expect(clean == "ok")
    }

    @Test func unterminatedOSCLosesOnlyItsIntroducer() {
        #expect(TextSanitizer.sanitize("\u{1B}]never ends") == "never ends")
    }

    @Test func terminalViewTurnsCarriageReturnsIntoLineFeeds() {
        #expect(TextSanitizer.sanitizeForTerminal("10%\r20%\r\ndone") == "10%\n20%\ndone")
    }
}
