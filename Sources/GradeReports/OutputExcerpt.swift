import GradeResults

/// A bounded, sanitized excerpt of what student code printed, with a visible marker when
/// anything was left out.
///
/// Long output keeps its beginning and its end (a crash message is usually last) and puts
/// `… [truncated: N bytes in all]` between them, where N is the number of bytes printed in all
/// (`CapturedOutput.totalBytes`), including any the engine had already dropped while capturing.
public struct OutputExcerpt: Sendable, Hashable {
    /// The excerpt, sanitized, ready to write.
    public var text: String
    /// True when something was left out, here or while capturing.
    public var truncated: Bool

    /// The marker put where output was left out.
    public static func marker(totalBytes: Int) -> String { "… [truncated: \(totalBytes) bytes in all]" }

    /// An excerpt of at most about `byteLimit` UTF-8 bytes (plus the marker), for files.
    public init(_ output: CapturedOutput, byteLimit: Int) {
        self.init(text: output.text, capturedTruncated: output.truncated, totalBytes: output.totalBytes,
                  byteLimit: byteLimit)
    }

    /// An excerpt of at most about `byteLimit` UTF-8 bytes of any text (plus the marker).
    public init(text raw: String, capturedTruncated: Bool = false, totalBytes: Int = 0, byteLimit: Int) {
        let rawBytes = raw.utf8.count
        // The engine's count is of the raw bytes; decoding may have grown invalid UTF-8 into U+FFFD.
        let total = totalBytes > 0 ? totalBytes : rawBytes
        let limit = max(0, byteLimit)
        // Cut the raw text near the limit before sanitizing, so that 5 MB of output costs no more
        // than the part that is kept; sanitizing only removes bytes, so the cut stays conservative.
        let cleaned: String
        if rawBytes > 4 * limit + 64 {
            let (head, tail) = Self.split(raw, keeping: 2 * limit)
            cleaned = TextSanitizer.sanitize(head) + "\u{0}" + TextSanitizer.sanitize(tail)
        } else {
            cleaned = TextSanitizer.sanitize(raw)
        }
        let cleanedBytes = cleaned.utf8.count
        let joinedAtMarker = cleaned.utf8.contains(0)
        if cleanedBytes <= limit && !joinedAtMarker {
            self.text = capturedTruncated ? Self.appendMarker(to: cleaned, total: total) : cleaned
            self.truncated = capturedTruncated
            return
        }
        let parts = cleaned.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
        let head = Self.prefix(String(parts[0]), bytes: limit / 2)
        let tail = Self.suffix(String(parts.count > 1 ? parts[1] : parts[0]), bytes: limit - limit / 2)
        var text = head
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        text += Self.marker(totalBytes: total) + "\n"
        text += tail
        self.text = text
        self.truncated = true
    }

    /// The last `lines` lines of the output, each at most `lineLength` characters, for terminals.
    public init(_ output: CapturedOutput, lastLines lines: Int, lineLength: Int = 200) {
        let tailBytes = max(lines, 1) * (lineLength + 1) * 4
        let (_, rawTail) = Self.split(output.text, keeping: tailBytes)
        let clean = TextSanitizer.sanitizeForTerminal(rawTail)
        var all = clean.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if all.last == "" { all.removeLast() }
        let kept = all.suffix(max(lines, 0)).map { line in
            line.count > lineLength ? String(line.prefix(lineLength)) + "…" : line
        }
        let leftOut = kept.count < all.count || rawTail.utf8.count < output.text.utf8.count || output.truncated
        var text = kept.joined(separator: "\n")
        if leftOut {
            let total = output.totalBytes > 0 ? output.totalBytes : output.text.utf8.count
            text = Self.marker(totalBytes: total) + (text.isEmpty ? "" : "\n" + text)
        }
        self.text = text
        self.truncated = leftOut
    }

    private static func appendMarker(to text: String, total: Int) -> String {
        (text.isEmpty || text.hasSuffix("\n") ? text : text + "\n") + marker(totalBytes: total)
    }

    /// The first and last `keeping` bytes, cut at scalar boundaries (the whole text twice when short).
    static func split(_ text: String, keeping bytes: Int) -> (head: String, tail: String) {
        (prefix(text, bytes: bytes), suffix(text, bytes: bytes))
    }

    /// The longest prefix of at most `bytes` UTF-8 bytes that ends on a scalar boundary.
    static func prefix(_ text: String, bytes: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > bytes else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: max(bytes, 0))
        while end > utf8.startIndex && UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        return String(decoding: utf8[utf8.startIndex..<end], as: UTF8.self)
    }

    /// The longest suffix of at most `bytes` UTF-8 bytes that starts on a scalar boundary.
    static func suffix(_ text: String, bytes: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > bytes else { return text }
        var start = utf8.index(utf8.endIndex, offsetBy: -max(bytes, 0))
        while start < utf8.endIndex && UTF8.isContinuation(utf8[start]) { start = utf8.index(after: start) }
        return String(decoding: utf8[start..<utf8.endIndex], as: UTF8.self)
    }
}
