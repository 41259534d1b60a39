import GradeResults

/// What a worker printed during one request: the beginning and the end, both kept for the
/// report, the end because the runtime's last words (`Fatal error: …`) come last.
struct OutputCapture {
    /// How many leading bytes are kept for the report.
    let keptBytes: Int
    private(set) var head: [UInt8] = []
    private(set) var tail: [UInt8] = []
    /// Every byte printed, kept or not.
    private(set) var totalBytes = 0

    private static let tailBytes = 8 << 10

    init(keptBytes: Int) { self.keptBytes = keptBytes }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        totalBytes += bytes.count
        let room = max(0, keptBytes - head.count)
        if room > 0 { head.append(contentsOf: bytes.prefix(room)) }
        // Only what the beginning did not keep, so that no byte is in both.
        let rest = bytes.dropFirst(room)
        if !rest.isEmpty {
            tail.append(contentsOf: rest.suffix(Self.tailBytes))
            if tail.count > 2 * Self.tailBytes { tail.removeFirst(tail.count - Self.tailBytes) }
        }
    }

    /// The kept output, for a report: the beginning and, when more was printed, the end, with
    /// a line saying how much was left out between them — the last line a program printed is
    /// usually the one that explains how it ended.
    var captured: CapturedOutput {
        let end = tail.suffix(Self.tailBytes)
        let skipped = totalBytes - head.count - end.count
        var text = String(decoding: head, as: UTF8.self)
        if !end.isEmpty {
            if skipped > 0 { text += (text.hasSuffix("\n") ? "" : "\n") + "… [\(skipped) bytes left out] …\n" }
            text += String(decoding: end, as: UTF8.self)
        }
        return CapturedOutput(text: text, truncated: skipped > 0, totalBytes: totalBytes)
    }

    /// The lines worth searching for the runtime's messages: all of them when everything was
    /// kept, otherwise the kept beginning and the last few kilobytes.
    ///
    /// Lines are split on the LF byte, and a CR before it is dropped: as a `String`, `"\r\n"` is
    /// one `Character`, so splitting on the character `"\n"` would leave CRLF output as one line.
    var searchableLines: [Substring] {
        Self.lines(head[...]) + Self.lines(tail.suffix(Self.tailBytes))
    }

    private static func lines(_ bytes: ArraySlice<UInt8>) -> [Substring] {
        bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let text = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            return text.isEmpty ? nil : Substring(String(decoding: text, as: UTF8.self))
        }
    }
}
