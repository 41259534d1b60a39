#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What a worker takes away from itself before student code runs, so that the code cannot
/// read what the grader keeps from students.
///
/// - The folders named in `GRADE_WORKER_HIDE` (colon-separated; the course repository, with the
///   reference and hidden cases) are covered by an empty, read-only tmpfs in a mount namespace
///   of the worker's own: as root directly, otherwise inside a user namespace of its own. Where
///   neither is allowed, the folders stay visible.
/// - A worker running as root becomes `nobody` (65534), so that it cannot read the grader's
///   `/proc/<pid>/environ` or root's files. (A grader that is not root makes itself
///   non-dumpable instead; see `WorkerSupervisor`.)
public enum WorkerSandbox {
    /// The user and group a root worker becomes.
    public static let unprivilegedID: UInt32 = 65534

    /// Applies both steps; each is best effort and leaves the worker running when refused.
    public static func apply(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let hidden = (environment["GRADE_WORKER_HIDE"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        if !hidden.isEmpty { hide(hidden) }
        if geteuid() == 0 { dropPrivileges() }
    }

    /// Covers each folder with an empty read-only tmpfs, in a mount namespace of this process.
    static func hide(_ folders: [String]) {
        // unshare(2) is a GNU extension the Glibc overlay does not import; the flags are the kernel's.
        typealias Unshare = @convention(c) (Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "unshare") else { return }
        let unshare = unsafeBitCast(symbol, to: Unshare.self)
        let newMountNamespace: Int32 = 0x0002_0000, newUserNamespace: Int32 = 0x1000_0000
        guard unshare(newMountNamespace) == 0 || unshare(newUserNamespace | newMountNamespace) == 0 else { return }
        // Keep the new mounts to this namespace.
        guard mount(nil, "/", nil, UInt(MS_REC | MS_PRIVATE), nil) == 0 else { return }
        for folder in folders {
            _ = mount("tmpfs", folder, "tmpfs", UInt(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC), "size=4k,mode=0555")
        }
    }

    /// Becomes `nobody`: groups first, then the group, then the user, which cannot be undone.
    static func dropPrivileges() {
        _ = setgroups(0, nil)
        _ = setgid(unprivilegedID)
        _ = setuid(unprivilegedID)
    }
}
