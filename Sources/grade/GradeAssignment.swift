import ArgumentParser
import AssignmentFormat
import Foundation
import GradeReports
import GradeResults
import GradingEngine

/// `grade ASSIGNMENT`: builds a submission, runs every case in isolated workers, reports.
struct GradeAssignment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Grade a submission of an assignment (the default command).",
        discussion: "Example: grade assignment3 --submission reference --junit report.xml")

    @Argument(help: "The assignment: a folder name under assignments/, or a path.")
    var assignment: String

    @Option(help: ArgumentHelp("The folder of .swift files to grade, or 'reference'.", valueName: "dir"))
    var submission: String?

    @Option(help: ArgumentHelp("Grade --submission as changes to this submission ('reference' or a folder): its files, with the submission's files in place of those of the same name.", valueName: "dir"))
    var base: String?

    @Option(help: ArgumentHelp("Only cases whose component or name holds this text, or matches it with wildcards * ? (comma-separated).", valueName: "pattern"))
    var filter: String?

    @OptionGroup var inputs: InputOptions

    @Option(help: ArgumentHelp("Wall-clock seconds each case may take, overriding the case files.", valueName: "seconds"))
    var timeout: Double?

    @Flag(name: .shortAndLong, help: "Show the comparisons of passing checks too.")
    var verbose = false

    @Flag(help: "Show what your code printed for every case, passing ones included.")
    var showOutput = false

    @Option(help: "Colour: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp("Write a JUnit XML report here.", valueName: "path"))
    var junit: String?

    @Option(help: ArgumentHelp("Write a Gradescope results.json here.", valueName: "path"))
    var gradescope: String?

    @Option(help: ArgumentHelp("Write a Markdown summary here (also appended to $GITHUB_STEP_SUMMARY when set).", valueName: "path"))
    var markdown: String?

    @Flag(help: "Show hidden cases in full (for course staff; never for student-visible reports).")
    var staff = false

    @Flag(help: "Treat the due date as passed: show after_due_date cases in full.")
    var afterDueDate = false

    @Flag(help: "Treat the grades as published: show after_published cases in full.")
    var published = false

    @Flag(help: "Print how long building and checking took, to standard error.")
    var timings = false

    @OptionGroup var sandbox: SandboxOptions

    @Option(help: ArgumentHelp("Cache built workers here instead of .build/grade-workers (a grader that cannot write the repository).", valueName: "dir"))
    var workerCache: String?

    @Option(help: ArgumentHelp("Wall-clock seconds building the submission may take (default 600).", valueName: "seconds"))
    var buildTimeout: Double?

    func validate() throws {
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if let buildTimeout, !(buildTimeout > 0) { throw ValidationError("--build-timeout must be a positive number of seconds") }
        if base != nil, submission == nil { throw ValidationError("--base needs --submission: the folder of changes to lay over it") }
    }

    func run() throws {
        let layout = try ProjectLayout.locate()
        let assignment = try layout.loadAssignment(self.assignment)
        let submission = try layout.submission(self.submission, assignment: assignment)
        let base = try self.base.map { name throws(CouldNotGrade) in try layout.submission(name, assignment: assignment).url }
        let pipeline = GradingPipeline(packageRoot: layout.root, sandbox: try sandbox.establish(layout: layout),
                                       workerCache: workerCache.map { URL(fileURLWithPath: $0, isDirectory: true) },
                                       buildTimeout: buildTimeout)
        let filter = self.filter.map(CaseFilter.init)
        if let filter, !assignment.cases.contains(where: filter.matches) {
            throw CouldNotGrade(message: filter.selectsNothing(in: assignment))
        }
        let seed = try inputs.runSeed(for: assignment)
        let progress = ProgressLine(total: assignment.cases.filter { filter?.matches($0) ?? true }.count)
        let graded: (run: GradeRun, timings: GradingPipeline.Timings)
        do {
            graded = try pipeline.grade(assignment: assignment, submission: submission.url, base: base, label: submission.label,
                                        runSeed: seed, filter: filter, timeout: timeout, progress: progress.advance)
        } catch {
            progress.clear()
            throw CouldNotGrade(message: error.description)
        }
        progress.clear()
        let run = graded.run
        let audience = ReportAudience(isStaff: staff, dueDatePassed: afterDueDate, gradesPublished: published)
        let console = ConsoleReportWriter(options: .init(useColor: color.enabled(for: FileHandle.standardOutput),
                                                         verbose: verbose, showOutput: showOutput, audience: audience))
        print(console.write(run), terminator: "")
        try writeReports(run, audience: audience)
        if timings {
            let t = graded.timings
            let perCase = t.cases > 0 ? t.checks / Double(t.cases) * 1000 : 0
            FileHandle.standardError.write(Data(String(
                format: "timings: build %.3f s%@, checks %.3f s for %d cases (%.3f ms a case), total %.3f s\n",
                t.build, t.reusedBuild ? " (cached)" : "", t.checks, t.cases, perCase, run.duration).utf8))
        }
        // Over the cases whose verdict the reader may know: a student's CI job turning red must
        // not tell that a hidden case failed.
        throw ExitCode(run.allPassed(for: audience) ? ExitStatus.passed : ExitStatus.failed)
    }

    private func writeReports(_ run: GradeRun, audience: ReportAudience) throws {
        do {
            if let junit {
                try ReportFile.write(try JUnitReportWriter(audience: audience).write(run), to: URL(fileURLWithPath: junit))
            }
            if let gradescope {
                try ReportFile.write(try GradescopeReportWriter(audience: audience).write(run), to: URL(fileURLWithPath: gradescope))
            }
            let summary = MarkdownReportWriter(audience: audience).write(run)
            if let markdown { try ReportFile.write(summary, to: URL(fileURLWithPath: markdown)) }
            try MarkdownReportWriter.appendToGitHubStepSummary(summary)
        } catch {
            throw CouldNotGrade(message: "could not write a report: \(error)")
        }
    }
}
