#if os(Linux)
import Glibc
#else
#error("GradeSystem is Linux-only: the grader's sandbox needs bubblewrap, seccomp and Landlock")
#endif

/// A system call that failed, with the `errno` it set: the one error every wrapper of
/// ``SystemCall`` throws, so that no failure is dropped on the way up.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done, e.g. `open /tmp/x` or `fcntl(F_SETFL)`.
    public var operation: String
    /// The `errno` value.
    public var code: Int32

    /// Creates an error for `operation` with `code` (by default the current `errno`).
    public init(_ operation: String, code: Int32 = errno) {
        self.operation = operation
        self.code = code
    }

    /// `operation: reason`, e.g. `open /tmp/x: Permission denied`.
    public var description: String { "\(operation): \(String(cString: strerror(code)))" }
}
