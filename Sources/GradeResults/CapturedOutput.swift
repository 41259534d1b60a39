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
}
