import Foundation

/// SHA-256 fingerprints of what a grade depends on, as lowercase hex.
public enum Fingerprint {
    /// The fingerprint of `parts`, each length-prefixed so that no two lists give one message.
    public static func of(_ parts: [String]) -> String { of(bytes: parts.map { Array($0.utf8) }) }

    static func of(bytes parts: [[UInt8]]) -> String {
        var message: [UInt8] = []
        for part in parts {
            withUnsafeBytes(of: UInt64(part.count).littleEndian) { message.append(contentsOf: $0) }
            message.append(contentsOf: part)
        }
        return SHA256.hexDigest(of: message)
    }

    /// The fingerprint of every regular file under `folder` whose name ends in one of
    /// `extensions` (all files when empty): their paths relative to `folder` and their bytes.
    public static func ofFiles(in folder: URL, extensions: [String] = []) -> String {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        var parts: [[UInt8]] = []
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        var found: [(String, URL)] = []
        while let url = files?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            guard extensions.isEmpty || extensions.contains(url.pathExtension) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count))
            found.append((relative, url))
        }
        for (relative, url) in found.sorted(by: { $0.0 < $1.0 }) {
            parts.append(Array(relative.utf8))
            parts.append((try? Data(contentsOf: url)).map { Array($0) } ?? Array("<unreadable>".utf8))
        }
        return of(bytes: parts)
    }
}
