import AssignmentFormat
import Foundation

/// Where the grader's own files are: the package root with `Sources/GradeKit`, the
/// `assignments/` folder and the `reference/` submission.
struct ProjectLayout {
    let root: URL

    var assignments: URL { root.appendingPathComponent("assignments", isDirectory: true) }
    var reference: URL { root.appendingPathComponent("reference", isDirectory: true) }

    /// The layout around the working directory: the nearest folder upwards that holds
    /// `Package.swift` and `Sources/GradeKit`.
    static func locate() throws(CouldNotGrade) -> ProjectLayout {
        let fm = FileManager.default
        var folder = URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true).standardizedFileURL
        while true {
            if fm.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: folder.appendingPathComponent("Sources/GradeKit").path) {
                return ProjectLayout(root: folder)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        throw CouldNotGrade(message: "run grade inside the course repository: no folder above \(fm.currentDirectoryPath) holds Package.swift and Sources/GradeKit")
    }

    /// The names of the assignments, sorted.
    func assignmentNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: assignments.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: assignments.appendingPathComponent("\($0)/assignment.yaml").path) }.sorted()
    }

    /// The folder of an assignment given by name (`assignment3`) or path.
    func assignmentDirectory(_ nameOrPath: String) throws(CouldNotGrade) -> URL {
        let fm = FileManager.default
        let byName = assignments.appendingPathComponent(nameOrPath, isDirectory: true)
        if fm.fileExists(atPath: byName.appendingPathComponent("assignment.yaml").path) { return byName }
        let byPath = URL(fileURLWithPath: nameOrPath, isDirectory: true).standardizedFileURL
        if nameOrPath.contains("/"), fm.fileExists(atPath: byPath.appendingPathComponent("assignment.yaml").path) { return byPath }
        let known = assignmentNames()
        throw CouldNotGrade(message: "unknown assignment '\(nameOrPath)'; known: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
    }

    /// Loads an assignment, turning every problem in its files into one error.
    func loadAssignment(_ nameOrPath: String) throws(CouldNotGrade) -> Assignment {
        let directory = try assignmentDirectory(nameOrPath)
        do {
            return try AssignmentLoader.load(directory: directory)
        } catch {
            throw CouldNotGrade(message: "the assignment's case files have problems:\n\(error.description)")
        }
    }

    /// The submission folder: `reference`, a path, or the assignment's starter.
    func submission(_ option: String?, assignment: Assignment) throws(CouldNotGrade) -> (url: URL, label: String) {
        guard let option else {
            let starter = assignment.directory.appendingPathComponent(assignment.starterPath, isDirectory: true)
            return (starter, relativePath(starter))
        }
        if option == "reference" { return (reference, "reference") }
        let url = URL(fileURLWithPath: option, isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CouldNotGrade(message: "--submission \(option): no such folder")
        }
        return (url, option)
    }

    /// A path relative to the root when it is inside it.
    func relativePath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, rootPath = root.standardizedFileURL.path + "/"
        return path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
    }
}
