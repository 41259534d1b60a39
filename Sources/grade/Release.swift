import ArgumentParser
import Foundation

/// `grade release ASSIGNMENT --out DIR`: writes the student kit of an assignment.
struct Release: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the student kit of an assignment: the grader, the starter and the visible cases only.",
        discussion: """
            The kit has no reference source and no hidden or after_due_date case. Visible reference \
            cases carry the reference's outputs, recorded now, so students' runs give the same \
            verdicts as the course's. Exit status: 0, or 2 when the assignment has problems or DIR \
            is not empty.
            """)

    @Argument(help: "The assignment: a folder name under assignments/, or a path.")
    var assignment: String

    @Option(help: ArgumentHelp("The folder to write the kit into; it must not exist or be empty.", valueName: "dir"))
    var out: String

    func run() throws {
        let layout = try ProjectLayout.locate()
        let assignment = try layout.loadAssignment(self.assignment)
        let destination = URL(fileURLWithPath: out, isDirectory: true).standardizedFileURL
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []
        if !existing.isEmpty {
            throw CouldNotGrade(message: "\(out) is not empty; release writes into a new or empty folder")
        }
        if destination.path.hasPrefix(layout.root.path + "/") {
            throw CouldNotGrade(message: "\(out) is inside the course repository; write the kit somewhere else")
        }
        let kit = StudentKit(layout: layout, assignment: assignment)
        let summary = try kit.write(to: destination)
        try KitAudit(kit: destination, withheld: summary.withheld, layout: layout).verify()
        print("wrote the \(assignment.id) kit to \(out)")
        print("  \(summary.visible.count) visible cases, \(summary.recorded.count) with the reference's outputs recorded")
        print("  \(summary.withheld.count) hidden, after_due_date or efficiency cases left out")
        print("next: cd \(out) && git init && swift run grade \(assignment.id)")
    }
}
