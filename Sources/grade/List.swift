import ArgumentParser
import AssignmentFormat
import Foundation

/// `grade list`: every assignment with its components, case counts and points.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the assignments, their components, cases and points.",
        discussion: "Exit status: 0, or 2 when an assignment's files have problems (run grade validate for them).")

    @Argument(help: "Only these assignments (default: every folder under assignments/).")
    var assignments: [String] = []

    func run() throws {
        let layout = try ProjectLayout.locate()
        let names = assignments.isEmpty ? layout.assignmentNames() : assignments
        if names.isEmpty { print("no assignments under \(layout.relativePath(layout.assignments))/ (create one with grade new NAME)") }
        var broken = false
        for (index, name) in names.enumerated() {
            if index > 0 { print() }
            let directory = try layout.assignmentDirectory(name)
            do {
                let assignment = try AssignmentLoader.load(directory: directory)
                let examples = (try? ExampleSubmission.loadAll(of: assignment).count) ?? 0
                print("\(assignment.id): \(assignment.title)")
                print("  \(assignment.components.count) components, \(assignment.cases.count) cases, "
                      + "\(PointsTable.format(assignment.totalPoints)) points, \(examples) example submission\(examples == 1 ? "" : "s")")
                print(PointsTable(assignment).rendered(detailed: true, indent: "  "), terminator: "")
            } catch {
                broken = true
                let count = error.problems.count
                print("\(directory.lastPathComponent): \(count) problem\(count == 1 ? "" : "s") in its files (grade validate \(directory.lastPathComponent) lists them)")
            }
        }
        if broken { throw ExitCode(ExitStatus.couldNotGrade) }
    }
}
