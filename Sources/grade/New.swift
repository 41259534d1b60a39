import ArgumentParser
import Foundation

/// `grade new NAME`: scaffolds an assignment that validates right away.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new assignment: assignment.yaml, a case file, a starter and an examples folder.",
        discussion: """
            Without --components the new assignment has two components the reference implements \
            (multiclass-svm and l2-regularization) and a case of every kind, commented. With \
            --components softmax,l2-regularization,… it is made of components other assignments \
            grade: each with its title, family, conventions and every case it has there, and a \
            starter generated from the reference's files with their solution regions \
            (// BEGIN SOLUTION … // END SOLUTION) replaced by notImplemented. Either way \
            'grade validate NAME' passes at once; edit from there. Exit status: 0, or 2 when NAME \
            is not a valid folder name, the folder exists, or a component is unknown.
            """)

    @Argument(help: "The assignment's folder name under assignments/: lowercase letters, digits and hyphens.")
    var name: String

    @Option(help: ArgumentHelp("Build the assignment from these components of other assignments, in report order.", valueName: "a,b,…"))
    var components: String?

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
        let files: [String: String]
        if let components {
            let names = components.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw CouldNotGrade(message: "--components names no component") }
            let composed = try ComposedAssignment(name: name, components: names, layout: layout)
            if !composed.added.isEmpty {
                print("added \(composed.added.joined(separator: ", ")): cases of \(composed.runners.joined(separator: ", ")) run \(composed.added.count == 1 ? "it" : "them")")
            }
            files = composed.files
        } else {
            files = AssignmentTemplate(name: name).files
        }
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
