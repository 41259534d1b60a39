#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An error writing a report file, with the path and the system's reason.
public struct ReportFileError: Error, Sendable, CustomStringConvertible {
    /// The file that could not be written.
    public var path: String
    /// What failed, such as `open` or `rename`.
    public var operation: String
    /// Why, as the system put it.
    public var reason: String

    /// Creates an error from a reason.
    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    /// Creates an error from an `errno` value.
    public init(path: String, operation: String, errno code: Int32) {
        self.init(path: path, operation: operation, reason: String(cString: strerror(code)))
    }

    /// What went wrong, for people.
    public var description: String { "cannot write \(path): \(operation) failed: \(reason)" }
}
