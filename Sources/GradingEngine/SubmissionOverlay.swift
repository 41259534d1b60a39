import Foundation

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
    public static func merge(base: URL, overlay: URL) throws(Failure) -> URL {
        let fm = FileManager.default
        let merged = fm.temporaryDirectory.appendingPathComponent("grade-submission-\(UUID().uuidString)", isDirectory: true)
        do {
            try fm.createDirectory(at: merged, withIntermediateDirectories: true)
            for folder in [base, overlay] {
                for path in try swiftFiles(under: folder) {
                    let target = merged.appendingPathComponent(path)
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                    try fm.copyItem(at: folder.appendingPathComponent(path), to: target)
                }
            }
        } catch {
            try? fm.removeItem(at: merged)
            throw Failure(description: "cannot lay \(overlay.path) over \(base.path): \(error.localizedDescription)")
        }
        return merged
    }

    /// The `.swift` files below a folder, as paths relative to it.
    private static func swiftFiles(under folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else {
            throw Failure(description: "\(folder.path) is not a folder")
        }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
    }
}
