import Foundation

/// The component names the Swift files of a folder register: the string literals of their
/// `registry.register("NAME", …)` calls, read without compiling them.
public enum RegisteredNames {
    /// The names registered in the `.swift` files under `folder`, each with the file that registers it.
    public static func names(in folder: URL) -> [String: String] {
        var names: [String: String] = [:]
        for (file, text) in swiftFiles(in: folder) {
            for match in text.matches(of: /\.register\(\s*"([^"\\]+)"/) { names[String(match.1)] = file }
        }
        return names
    }

    /// The type each name is registered with, `registry.register("adam", Adam.self)` → `adam: Adam`.
    public static func types(in folder: URL) -> [String: String] {
        var types: [String: String] = [:]
        for (_, text) in swiftFiles(in: folder) {
            for match in text.matches(of: /\.register\(\s*"([^"\\]+)"\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\.self\s*\)/) {
                types[String(match.1)] = String(match.2)
            }
        }
        return types
    }

    /// The `.swift` files under `folder`, by file name, with their text.
    private static func swiftFiles(in folder: URL) -> [(name: String, text: String)] {
        var files: [(String, String)] = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            files.append((url.lastPathComponent, text))
        }
        return files
    }

    /// What the starter and the reference disagree on for `assignment`: a component one of them
    /// does not register, or a name the starter registers that the assignment does not have.
    public static func disagreements(starter: URL, reference: URL, assignment: Assignment) -> [String] {
        let inStarter = names(in: starter), inReference = names(in: reference)
        var found: [String] = []
        for component in assignment.components.map(\.name) {
            if inStarter[component] == nil { found.append("the starter does not register '\(component)', a component of \(assignment.id)") }
            if inReference[component] == nil { found.append("the reference does not register '\(component)', a component of \(assignment.id)") }
        }
        let components = Set(assignment.components.map(\.name))
        for (name, file) in inStarter.sorted(by: { $0.key < $1.key }) where !components.contains(name) {
            found.append("the starter registers '\(name)' (\(file)), which \(assignment.id) does not have")
        }
        return found
    }
}
