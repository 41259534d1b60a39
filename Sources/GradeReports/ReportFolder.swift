import FoundationEssentials
import Glibc

/// The folder a report goes into, opened once and checked, so that the report is created and
/// renamed relative to the folder that was checked rather than through a path another process
/// could redirect.
///
/// A report is a verdict: whoever may replace files in its folder may replace the verdict,
/// and, when the grader runs as root, swap the report for a link to a file of root's. So the
/// folder must belong to the grader's effective user, or to root, who could replace any file
/// anyway; and neither its group nor other users may write to it, unless it has the sticky bit
/// (as `/tmp` has), which keeps them from renaming or removing the grader's files.
struct ReportFolder {
    /// The open folder, for `openat` and `renameat`.
    let descriptor: Int32
    /// Its path, for messages.
    let path: String

    /// Opens and checks the folder of `file`, first creating the folders missing on the way
    /// to it, each 0755 and the grader's own.
    static func open(for file: URL) throws -> ReportFolder {
        let path = file.deletingLastPathComponent().path
        try createMissingFolders(path, for: file.path)
        let descriptor = systemOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ReportFileError(path: file.path, operation: "opening the folder \(path)", errno: errno)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            _ = systemClose(descriptor)
            throw ReportFileError(path: file.path, operation: "examining the folder \(path)", errno: code)
        }
        if let refusal = refusal(owner: status.st_uid, mode: status.st_mode, folder: path) {
            _ = systemClose(descriptor)
            throw ReportFileError(path: file.path, refusedFolder: path, reason: refusal)
        }
        return ReportFolder(descriptor: descriptor, path: path)
    }

    /// Closes the folder.
    func close() {
        _ = Self.systemClose(descriptor)
    }

    /// The user the worker sandbox runs student code as under a root grader (`nobody`).
    static let studentUser: uid_t = 65534

    /// Why a folder with this owner and mode cannot hold a report, or nil when it can.
    ///
    /// A grader that is not root writes only into its own folders (or root's). A root grader also
    /// writes into other users' folders — a CI container's workspace belongs to the runner's
    /// user — but never into one of ``studentUser``, the user student code runs as.
    static func refusal(owner: uid_t, mode: mode_t, folder: String, user: uid_t = geteuid()) -> String? {
        let trusted = owner == user || owner == 0 || (user == 0 && owner != studentUser)
        if !trusted {
            return "the folder \(folder) belongs to user \(owner), not to this user (\(user)), so that user could replace "
                + "the report; write it to a folder of your own"
        }
        let othersWrite = mode & 0o002 != 0, groupWrites = mode & 0o020 != 0
        if (othersWrite || groupWrites) && mode & mode_t(S_ISVTX) == 0 {
            return "the folder \(folder) is writable by \(othersWrite ? "every user" : "its group") (mode "
                + "\(String(mode & 0o7777, radix: 8))) and has no sticky bit, so others could replace the report; "
                + "write it to a folder of your own, or remove that write permission"
        }
        return nil
    }

    /// Creates each missing folder from the nearest existing one down to `folder`.
    private static func createMissingFolders(_ folder: String, for file: String) throws {
        var missing: [String] = []
        var current = URL(fileURLWithPath: folder, isDirectory: true)
        while access(current.path, F_OK) != 0, errno == ENOENT, current.path != "/" {
            missing.append(current.path)
            current = current.deletingLastPathComponent()
        }
        for path in missing.reversed() {
            guard mkdir(path, 0o755) == 0 else {
                if errno == EEXIST { continue } // made meanwhile by someone else: checked when opened
                throw ReportFileError(path: file, operation: "creating the folder \(path)", errno: errno)
            }
            // mkdir applies the umask. Set the mode through a descriptor of the folder just made,
            // never through a path that could meanwhile have become a link elsewhere.
            let descriptor = systemOpen(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw ReportFileError(path: file, operation: "opening the new folder \(path)", errno: errno) }
            defer { _ = systemClose(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw ReportFileError(path: file, operation: "examining the new folder \(path)", errno: errno) }
            if status.st_uid == geteuid(), fchmod(descriptor, 0o755) != 0 {
                throw ReportFileError(path: file, operation: "setting the mode of the new folder \(path)", errno: errno)
            }
        }
    }

    private static func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
        Glibc.open(path, flags)
    }

    private static func systemClose(_ descriptor: Int32) -> Int32 {
        Glibc.close(descriptor)
    }
}
