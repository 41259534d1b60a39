import Foundation

import Glibc

/// A submission written as changes to another one: the base's `.swift` files, with the
/// overlay's `.swift` files added, or put in place of the base's file at the same relative path.
///
/// Example submissions and test fixtures are written this way, as the reference plus the one
/// file that holds the mistake, so that the mistake is all the folder shows.
public enum SubmissionOverlay {
    /// Why the two folders could not be merged.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// Writes the merged submission into a new temporary folder and returns it; the caller
    /// removes it when done.
    ///
    /// The folder is the grader's alone (mode 0700, its folders 0700 and files 0600): in a
    /// batch it holds one student's code, and the temporary folder is shared with every user
    /// of the machine. Only regular files are copied, as the builder reads only those.
    public static func merge(base: URL, overlay: URL) throws(Failure) -> URL {
        let fm = FileManager.default
        let merged = try makePrivateFolder(in: fm.temporaryDirectory)
        do {
            for folder in [base, overlay] {
                for path in try swiftFiles(under: folder) {
                    let target = merged.appendingPathComponent(path)
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
                                           attributes: [.posixPermissions: 0o700])
                    let contents = try Data(contentsOf: folder.appendingPathComponent(path))
                    if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                    guard fm.createFile(atPath: target.path, contents: contents, attributes: [.posixPermissions: 0o600]) else {
                        throw Failure(description: "cannot write \(target.path)")
                    }
                }
            }
        } catch {
            try? fm.removeItem(at: merged)
            throw Failure(description: "cannot lay \(overlay.path) over \(base.path): \(error.localizedDescription)")
        }
        return merged
    }

    /// A new folder of mode 0700 in `parent`, by `mkdtemp`, which never reuses a folder that
    /// already exists (one another user made in advance, say).
    private static func makePrivateFolder(in parent: URL) throws(Failure) -> URL {
        var template = Array(parent.appendingPathComponent("grade-submission-XXXXXX").path.utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, let path = mkdtemp(base) else { return nil }
            return String(cString: path)
        }
        guard let created else {
            throw Failure(description: "cannot create a folder in \(parent.path): \(String(cString: strerror(errno)))")
        }
        return URL(fileURLWithPath: created, isDirectory: true)
    }

    /// The `.swift` files below a folder, as paths relative to it.
    private static func swiftFiles(under folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else {
            throw Failure(description: "\(folder.path) is not a folder")
        }
        return enumerator.compactMap { $0 as? String }.filter { path in
            // attributesOfItem does not follow a symbolic link: a link to a file elsewhere is left out.
            path.hasSuffix(".swift")
                && (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[.type] as? FileAttributeType) == .typeRegular
        }.sorted()
    }
}
