/// An error from libxml2's streaming writer.
public struct XMLWriterError: Error, Sendable, CustomStringConvertible {
    /// The writer call that failed.
    public var operation: String
    /// What went wrong, for people.
    public var description: String { "libxml2 could not write XML (\(operation) failed)" }
}
