#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock on a file (`flock`).
///
/// `flock` locks belong to an open file description, so two threads of one process that
/// each open the file exclude each other as well as two grader processes do. The kernel
/// drops the lock when a holder dies, so a killed grader never leaves the cache locked.
enum FileLock {
    /// Runs `body` while holding the lock on `path` (created if needed), waiting for any
    /// other holder first. Returns nil, without running `body`, if the file cannot be locked.
    static func withExclusiveLock<T>(path: String, _ body: () throws -> T) rethrows -> T? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { return nil }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
