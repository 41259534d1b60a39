import Glibc

/// An error writing a report file, with the path and the system's reason.
public struct ReportFileError: Error, Sendable, CustomStringConvertible {
    /// The file that could not be written.
    public var path: String
    /// What failed, such as `open` or `rename`.
    public var operation: String
    /// Why, as the system put it.
    public var reason: String
    /// The folder the report was refused for, when its owner or mode let others replace files
    /// in it (see `ReportFile`); nil when a system call failed.
    public var refusedFolder: String?

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

    /// Creates the error of a report refused because of its folder.
    public init(path: String, refusedFolder: String, reason: String) {
        self.init(path: path, operation: "checking the folder", reason: reason)
        self.refusedFolder = refusedFolder
    }

    /// What went wrong, for people.
    public var description: String {
        refusedFolder == nil ? "cannot write \(path): \(operation) failed: \(reason)" : "cannot write \(path): \(reason)"
    }
}
