import ArgumentParser
import Foundation

/// `grade new NAME`: scaffolds an assignment that validates right away.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new assignment: assignment.yaml, a case file, a starter and an examples folder.",
        discussion: """
            The new assignment has two components the reference implements (multiclass-svm and \
            l2-regularization), so 'grade validate NAME' passes at once; edit from there. \
            Exit status: 0, or 2 when NAME is not a valid folder name or the folder exists.
            """)

    @Argument(help: "The assignment's folder name under assignments/: lowercase letters, digits and hyphens.")
    var name: String

    func validate() throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard !name.isEmpty, name.allSatisfy(allowed.contains), name.first != "-" else {
            throw ValidationError("'\(name)' is not an assignment name: use lowercase letters, digits and hyphens, such as assignment4")
        }
    }

    func run() throws {
        let layout = try ProjectLayout.locate()
        let folder = layout.assignments.appendingPathComponent(name, isDirectory: true)
        let fm = FileManager.default
        if fm.fileExists(atPath: folder.path) {
            throw CouldNotGrade(message: "\(layout.relativePath(folder)) already exists; grade new never overwrites. Pick another name or remove the folder first")
        }
        let files = AssignmentTemplate(name: name).files
        do {
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                let url = folder.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw CouldNotGrade(message: "could not write \(layout.relativePath(folder)): \(error.localizedDescription)")
        }
        print("created \(layout.relativePath(folder))/")
        for path in files.keys.sorted() { print("  \(path)") }
        print("next: edit the files, then run 'grade validate \(name)'")
    }
}
