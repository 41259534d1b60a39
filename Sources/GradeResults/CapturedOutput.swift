/// What student code printed during a case, already capped.
public struct CapturedOutput: Sendable, Hashable, Codable {
    /// Standard output and standard error of the student's code, interleaved as read.
    public var text: String
    /// True when more was printed than was kept.
    public var truncated: Bool
    /// The number of bytes printed in all.
    public var totalBytes: Int

    /// Creates captured output.
    public init(text: String = "", truncated: Bool = false, totalBytes: Int = 0) {
        self.text = text
        self.truncated = truncated
        self.totalBytes = totalBytes
    }

    /// How many bytes of what a case printed are kept for its report, by default.
    public static let keptBytes = 64 << 10

    /// Appends what was printed later in the same case, keeping at most `keptBytes` of text.
    public mutating func append(_ later: CapturedOutput, keptBytes: Int = CapturedOutput.keptBytes) {
        totalBytes += later.totalBytes
        truncated = truncated || later.truncated
        let room = keptBytes - text.utf8.count
        if later.text.utf8.count <= room {
            text += later.text
        } else {
            if room > 0 { text += String(decoding: later.text.utf8.prefix(room), as: UTF8.self) }
            truncated = true
        }
    }

    /// The output without the lines `drop` picks, such as the worker's own protocol lines,
    /// which are not what the student printed.
    public func removingLines(where drop: (Substring) -> Bool) -> CapturedOutput {
        var copy = self
        copy.text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !drop($0) }.joined(separator: "\n")
        return copy
    }
}
