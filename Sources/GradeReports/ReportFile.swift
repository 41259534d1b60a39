import FoundationEssentials
import GradeSystem
import Glibc

/// Writes report files so that a reader never sees half a file, and only into folders no
/// other user can tamper with.
///
/// `write` puts the bytes in a temporary file in the same folder, flushes it to disk and then
/// renames it over the destination with `rename(2)`, which replaces a file atomically within
/// one file system: a grader killed halfway leaves either the old file or the new one, and at
/// worst a stray `.name.tmp-…` file, never a truncated report.
///
/// Both `write` and `append` refuse a folder that another user owns, or that its group or
/// every user may write to without the sticky bit (see ``ReportFolder``), with an error naming
/// the folder; missing folders are created, 0755. Files are created and renamed relative to
/// the folder as it was checked, and never through a symbolic link.
public enum ReportFile {
    /// Writes `data` to `url` atomically, creating missing parent folders. The file gets mode 0644.
    public static func write(_ data: Data, to url: URL) throws {
        let path = url.path
        let folder = try ReportFolder.open(for: url)
        defer { folder.close() }
        let name = url.lastPathComponent
        let temporary = ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = openat(folder.descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReportFileError(path: path, operation: "open", errno: errno) }
        do {
            try writeAll(data, to: fd, path: path)
            guard fsync(fd) == 0 else { throw ReportFileError(path: path, operation: "fsync", errno: errno) }
            guard close(fd) == 0 else {
                let code = errno
                unlinkat(folder.descriptor, temporary, 0)
                throw ReportFileError(path: path, operation: "close", errno: code)
            }
        } catch {
            close(fd)
            unlinkat(folder.descriptor, temporary, 0)
            throw error
        }
        guard renameat(folder.descriptor, temporary, folder.descriptor, name) == 0 else {
            let code = errno
            unlinkat(folder.descriptor, temporary, 0)
            throw ReportFileError(path: path, operation: "rename", errno: code)
        }
    }

    /// Writes `text` as UTF-8 to `url` atomically, creating missing parent folders.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Appends `data` to `url`, creating the file (and its folders) when missing. Appending is not
    /// atomic; it is for files others also append to, such as GitHub's job summary.
    public static func append(_ data: Data, to url: URL) throws {
        let path = url.path
        let folder = try ReportFolder.open(for: url)
        defer { folder.close() }
        let fd = openat(folder.descriptor, url.lastPathComponent, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReportFileError(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        try writeAll(data, to: fd, path: path)
    }

    private static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
        let failure = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> SystemError? in
            do throws(SystemError) { try SystemCall.writeAll(fd, buffer) } catch { return error }
            return nil
        }
        if let failure { throw ReportFileError(path: path, operation: "write", errno: failure.code) }
    }
}
