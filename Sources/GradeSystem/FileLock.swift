#if os(Linux)
import Glibc
#endif

/// An exclusive advisory lock on a file (`flock`).
///
/// `flock` locks belong to an open file description, so two threads of one process that
/// each open the file exclude each other as well as two grader processes do. The kernel
/// drops the lock when a holder dies, so a killed grader never leaves the cache locked.
public enum FileLock {
    /// Runs `body` while holding the lock on `path` (created if needed), waiting for any
    /// other holder first.
    ///
    /// - Returns: what `body` returned, or the ``SystemError`` of the `open` or `flock` that
    ///   failed, in which case `body` did not run.
    public static func withExclusiveLock<T>(path: String, _ body: () -> T) -> Result<T, SystemError> {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return .failure(SystemError("open \(path)")) }
        // Closing the descriptor releases the lock, whatever happened in between.
        defer { SystemCall.close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { return .failure(SystemError("flock \(path)")) }
        }
        return .success(body())
    }
}
