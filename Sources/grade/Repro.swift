import ArgumentParser
import AssignmentFormat
import ComponentRuntime
import Foundation
import GradingEngine

/// `grade repro ASSIGNMENT CASE`: writes a package that calls the submission's component on
/// the case's inputs, to run, print from and debug.
struct Repro: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a runnable Swift package that calls your component on one case's inputs.",
        discussion: """
            The package (repro/CASE by default) declares the case's inputs as Swift literals, \
            every bit kept, registers your components, makes the call the grader makes and \
            prints each output, with the expected values after it. Its Sources/Submission is \
            your submission's folder, so edit your code and run it again: \
            swift run --package-path repro/CASE. Hidden cases are not written. \
            Exit status: 0, or 2 when the case is unknown, hidden, or not one call on written inputs.
            """)

    @Argument(help: "The assignment: a folder name under assignments/, or a path.")
    var assignment: String

    @Argument(help: "The case, by its name (as reports print it).")
    var name: String

    @Option(help: ArgumentHelp("The folder of .swift files to call (default: the starter), or 'reference'.", valueName: "dir"))
    var submission: String?

    @OptionGroup var inputs: InputOptions

    @Option(help: ArgumentHelp("The folder to write (default: repro/CASE).", valueName: "dir"))
    var out: String?

    @Flag(help: "Allow hidden cases (for course staff).")
    var staff = false

    func run() throws {
        let layout = try ProjectLayout.locate()
        let assignment = try layout.loadAssignment(self.assignment)
        guard let testCase = assignment.cases.first(where: { $0.name == name }) else {
            let near = NameSuggestion.nearest(to: name, among: assignment.cases.filter { $0.visibility == .visible || staff }.map(\.name))
            throw CouldNotGrade(message: "\(assignment.id) has no case '\(name)'" + (near.map { "; did you mean '\($0)'?" } ?? ""))
        }
        guard testCase.visibility == .visible || staff else {
            throw CouldNotGrade(message: "\(name) is not a visible case of \(assignment.id): its inputs are not shown to students")
        }
        let submission = try layout.submission(self.submission, assignment: assignment)
        let generator = InputGenerator(runSeed: try inputs.runSeed(for: assignment))
        let package: ReproPackage
        do {
            package = try ReproPackage(testCase: testCase, assignment: assignment, submission: submission.url,
                                       packageRoot: layout.root, generator: generator)
        } catch {
            throw CouldNotGrade(message: error.description)
        }
        let folder = URL(fileURLWithPath: out ?? "repro/\(name)", isDirectory: true).standardizedFileURL
        do {
            try package.write(to: folder)
        } catch {
            throw CouldNotGrade(message: "could not write \(folder.path): \(error.localizedDescription)")
        }
        let shown = out ?? "repro/\(name)"
        print("wrote \(shown)/: case \(name) calling \(submission.label)")
        print("run it:   swift run --package-path \(shown)")
        print("edit \(shown)/Sources/repro/main.swift to print more; your code is \(shown)/Sources/Submission")
    }
}
