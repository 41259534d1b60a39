import ArgumentParser
import AssignmentFormat
import Foundation
import GradeResults
import GradingEngine

/// `grade validate ASSIGNMENT`: checks an assignment before students see it.
///
/// 1. Every case file loads; every problem is printed at once, compiler-style.
/// 2. The reference, graded through the normal pipeline, scores 100%.
/// 3. Every example submission (`examples/*/`) loses points in exactly the components its
///    `example.yaml` lists, with the problems it expects.
/// 4. The points table.
///
/// Exit status: 0 all is well, 1 the reference or an example misbehaves, 2 the files have problems.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an assignment's case files, its reference and its example submissions.",
        discussion: """
            Exit status: 0 when everything holds, 1 when the reference does not score 100% or an \
            example does not break exactly what its example.yaml says, 2 when a case file or an \
            example.yaml has problems.
            """)

    @Argument(help: "The assignment: a folder name under assignments/, or a path.")
    var assignment: String

    @Flag(help: "Skip the example submissions (each needs its own build).")
    var skipExamples = false

    @Flag(help: "Print which cases kill each known mistake (the kill matrix).")
    var mutants = false

    @OptionGroup var sandbox: SandboxOptions

    func run() throws {
        let layout = try ProjectLayout.locate()
        let directory = try layout.assignmentDirectory(assignment)
        let started = Date()
        let assignment: Assignment
        let examples: [ExampleSubmission]
        do {
            assignment = try AssignmentLoader.load(directory: directory)
            examples = skipExamples ? [] : try ExampleSubmission.loadAll(of: assignment)
        } catch {
            Self.printProblems(error.problems, in: layout.relativePath(directory))
            throw ExitCode(ExitStatus.couldNotGrade)
        }
        print("\(assignment.id): \(assignment.title)")
        let files = Set(assignment.cases.map(\.location.file)).count
        // A property that cannot use its case's inputs is the case file's problem, found before grading.
        let unplannable = CasePlanning.problems(in: assignment)
        if !unplannable.isEmpty {
            Self.printProblems(unplannable.map { CaseFileProblem(location: $0.location, message: "case '\($0.caseName)': \($0.message)") },
                               in: layout.relativePath(directory))
            throw ExitCode(ExitStatus.couldNotGrade)
        }
        print("case files: \(assignment.cases.count) cases in \(files) files, no problems")
        for warning in RevealingNames.warnings(in: assignment) { print("  " + warning.description) }
        for warning in LargeCaseFiles.warnings(in: assignment) { print("  " + warning) }

        let pipeline = GradingPipeline(packageRoot: layout.root, sandbox: try sandbox.establish(layout: layout))
        var healthy = try checkReference(assignment, pipeline: pipeline, layout: layout)
        // The starter and the reference are kept apart: they must agree on what they register.
        let disagreements = RegisteredNames.disagreements(
            starter: assignment.directory.appendingPathComponent(assignment.starterPath, isDirectory: true),
            reference: layout.reference, assignment: assignment)
        if disagreements.isEmpty {
            print("starter: registers every component, as the reference does")
        } else {
            print("starter: disagrees with the reference:")
            for line in disagreements { print("  " + line) }
            healthy = false
        }
        // The reference is the master copy: its solution regions must strip to a starter.
        let regions = ComposedAssignment.solutionRegions(of: assignment.components.map(\.name), reference: layout.reference)
        for problem in regions.problems { print("solution regions: " + problem) }
        if !regions.problems.isEmpty { healthy = false }
        if !regions.unmarked.isEmpty {
            print("solution regions: none in the reference's files of \(regions.unmarked.joined(separator: ", ")), so grade new --components cannot make their starters")
        }
        if !examples.isEmpty { print("examples:") }
        for example in examples {
            healthy = try check(example, of: assignment, pipeline: pipeline, layout: layout) && healthy
        }
        if !skipExamples && examples.isEmpty {
            print("examples: none (add examples/<name>/ with the .swift files of a wrong submission and an example.yaml)")
        }
        healthy = try checkMistakes(assignment) && healthy
        print("points:")
        print(PointsTable(assignment).rendered(indent: "  "), terminator: "")
        print("\(healthy ? "valid" : "NOT valid") in \(ReportNumber.duration(Date().timeIntervalSince(started)))")
        throw ExitCode(healthy ? ExitStatus.passed : ExitStatus.failed)
    }

    /// Grades every known mistake of the catalogue on the cases; true when each is caught and
    /// costs its share of the component's points, and no accepted convention fails.
    private func checkMistakes(_ assignment: Assignment) throws -> Bool {
        let score: MutationScore
        do {
            score = try MutationScore.measure(assignment)
        } catch {
            print("known mistakes: cannot be graded: \(error)")
            return false
        }
        let mistakes = score.rows.filter { !$0.isAccepted }
        let killed = mistakes.count - score.survivors.count
        print("known mistakes: \(killed) of \(mistakes.count) caught" + (score.minimumShare > 0
            ? ", each to cost at least \(ReportNumber.points(score.minimumShare * 100))% of its component's points" : ""))
        if mutants {
            for row in score.rows {
                let cost = "\(ReportNumber.points(row.pointsLost))/\(ReportNumber.points(row.componentPoints))"
                let kind = row.policy.map { " (convention: \($0.rawValue))" } ?? ""
                print("  \(row.mistake.key)\(kind): \(cost) — " + (row.killedBy.isEmpty ? "no case fails it" : row.killedBy.joined(separator: ", ")))
            }
        }
        for row in score.survivors {
            print("  NOT CAUGHT \(row.mistake.key): no case tells it from a correct \(row.mistake.component) — \(row.mistake.explanation)")
        }
        for row in score.cheap {
            print("  CHEAP \(row.mistake.key): costs \(ReportNumber.points(row.pointsLost)) of \(ReportNumber.points(row.componentPoints)) points (\(row.killedBy.joined(separator: ", ")))")
        }
        for row in score.rejectedConventions {
            print("  REJECTED \(row.mistake.key): an accepted convention, failed by \(row.killedBy.joined(separator: ", "))")
        }
        guard score.isRequired else {
            if !score.survivors.isEmpty { print("  (reported only: set minimum_mistake_share in assignment.yaml to require every mistake caught)") }
            return true
        }
        return score.survivors.isEmpty && score.cheap.isEmpty && score.rejectedConventions.isEmpty
    }

    /// Prints the problems compiler-style, paths relative to the working directory's view of the assignment.
    static func printProblems(_ problems: [CaseFileProblem], in folder: String) {
        var text = ""
        for problem in problems {
            var located = problem
            located.location.file = folder + "/" + problem.location.file
            text += located.description + "\n"
        }
        text += (problems.count == 1 ? "1 problem" : "\(problems.count) problems") + " in the assignment's files\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Grades the reference; true when it scores 100%. Prints every case it fails, with the case's place.
    /// A warning for every case the reference takes more than half its timeout for.
    static func tightTimeouts(_ run: GradeRun, assignment: Assignment, folder: String) -> [String] {
        CasePlanning.tightTimeouts(in: run, of: assignment).map { tight in
            "\(folder)/\(tight.testCase.location): warning: case '\(tight.testCase.name)' takes the reference "
                + "\(ReportNumber.duration(tight.seconds)) of its \(ReportNumber.duration(tight.timeout)) timeout; "
                + "raise 'timeout' or make its inputs smaller"
        }
    }

    private func checkReference(_ assignment: Assignment, pipeline: GradingPipeline, layout: ProjectLayout) throws -> Bool {
        let run = try grade(assignment, submission: layout.reference, base: nil, label: "reference", pipeline: pipeline, layout: layout)
        let seconds = ReportNumber.duration(run.duration)
        guard run.build.succeeded else {
            print("reference: does not compile (\(seconds))")
            let errors = run.build.diagnostics.filter { $0.isError }
            for diagnostic in errors { print("  \(diagnostic.formatted)") }
            if errors.isEmpty { print(run.build.log.split(separator: "\n").suffix(20).map { "  \($0)" }.joined(separator: "\n")) }
            return false
        }
        let failing = run.checks.filter { $0.status != .passed }
        let score = "\(PointsTable.format(run.score))/\(PointsTable.format(run.maxScore)) points"
        if failing.isEmpty {
            print("reference: \(score), every case passes (\(seconds))")
            for warning in Self.tightTimeouts(run, assignment: assignment, folder: layout.relativePath(assignment.directory)) { print("  " + warning) }
            return true
        }
        print("reference: \(score), \(failing.count) case\(failing.count == 1 ? "" : "s") fail (\(seconds)); the reference must score 100%:")
        let locations = Dictionary(assignment.cases.map { ($0.name, $0.location) }, uniquingKeysWith: { a, _ in a })
        let folder = layout.relativePath(assignment.directory)
        for check in failing {
            let place = locations[check.name].map { "\(folder)/\($0): " } ?? ""
            print("  \(place)case '\(check.name)' (\(check.component)): \(check.status.rawValue)" + (check.reason.map { ": \($0)" } ?? ""))
        }
        return false
    }

    /// Grades an example; true when it breaks exactly what its manifest says.
    private func check(_ example: ExampleSubmission, of assignment: Assignment, pipeline: GradingPipeline,
                       layout: ProjectLayout) throws -> Bool {
        let base = example.base.map { $0 == "reference" ? layout.reference : example.directory.appendingPathComponent($0) }
        // An expensive case of a component the example does not claim to break is left out:
        // that component's other cases still show it keeps its marks.
        var lighter = assignment
        lighter.cases = assignment.cases.filter { example.breaks.contains($0.component) || !$0.isExpensive }
        let run = try grade(lighter, submission: example.directory, base: base, label: layout.relativePath(example.directory),
                            pipeline: pipeline, layout: layout)
        let verdict = ExampleVerdict(example: example, run: run)
        let mismatches = verdict.mismatches
        let score = "\(PointsTable.format(run.score))/\(PointsTable.format(run.maxScore))"
        print("  \(mismatches.isEmpty ? "ok  " : "FAIL") \(example.name): \(score); \(verdict.losses.joined(separator: ", "))")
        for mismatch in mismatches { print("       \(mismatch)") }
        let diagnoses = verdict.diagnoses
        if diagnoses.isEmpty {
            print("       no misconception recognised (the report shows only the comparisons)")
        }
        for diagnosis in diagnoses.prefix(2) { print("       diagnosis: \(diagnosis)") }
        if diagnoses.count > 2 { print("       (and \(diagnoses.count - 2) more diagnoses)") }
        return mismatches.isEmpty
    }

    private func grade(_ assignment: Assignment, submission: URL, base: URL?, label: String, pipeline: GradingPipeline,
                       layout: ProjectLayout) throws -> GradeRun {
        do {
            return try pipeline.grade(assignment: assignment, submission: submission, base: base, label: label).run
        } catch {
            guard case .caseFile(var located) = error else { throw CouldNotGrade(message: error.description) }
            located.location.file = layout.relativePath(assignment.directory) + "/" + located.location.file
            throw CouldNotGrade(message: "a case cannot be graded:\n\(located.description)")
        }
    }
}
