import ArgumentParser
import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeReports
import GradeResults
import GradingEngine
import Synchronization

/// `grade batch ASSIGNMENT SUBMISSIONS --out DIR`: grades a class, one folder a student, into
/// per-student reports and a gradebook.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade every submission folder of a class into per-student reports and a gradebook.",
        discussion: """
            Each folder directly under SUBMISSIONS is one student's submission (a Gradescope export \
            has this layout). Reports go to DIR/<student>/ (junit.xml, results.json, summary.md, all \
            for course staff), DIR/gradebook.csv and DIR/gradebook.json hold a row a student, and \
            DIR/index.html (and DIR/summary.md) is the class dashboard. A \
            rerun grades only submissions whose files, case files or grader changed (--regrade \
            grades all). When the assignment gives each student inputs of their own \
            (inputs_per_student: true), a student's inputs come from their folder name, as \
            grade ASSIGNMENT --student NAME gives them. A submission that crashes, hangs or does not compile is graded as such and \
            the batch goes on. Exit status: 0 when every submission was graded, 1 when some could \
            not be (their rows say why), 2 when the batch could not run.
            Example: grade batch assignment3 submissions/ --out grades/ --jobs 2
            """)

    @Argument(help: "The assignment: a folder name under assignments/, or a path.")
    var assignment: String

    @Argument(help: "The folder holding one submission folder a student.")
    var submissions: String

    @Option(help: ArgumentHelp("Where the reports and the gradebook go.", valueName: "dir"))
    var out: String

    @Option(help: "How many submissions are graded at once (default: the number of processors).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Grade only slice K of N (1-based), for a CI matrix; combine the slices with grade gradebook merge.", valueName: "K/N"))
    var shard: Shard?

    @Flag(help: "Grade every submission again, even those unchanged since the last batch.")
    var regrade = false

    @Option(help: ArgumentHelp("Only cases whose component or name holds this text, or matches it with wildcards * ? (comma-separated).", valueName: "pattern"))
    var filter: String?

    @OptionGroup var sandbox: SandboxOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let layout = try ProjectLayout.locate()
        let assignment = try layout.loadAssignment(self.assignment)
        let folder = URL(fileURLWithPath: submissions, isDirectory: true).standardizedFileURL
        let outFolder = URL(fileURLWithPath: out, isDirectory: true).standardizedFileURL
        let all = try Self.studentFolders(in: folder)
        let students = shard.map { shard in all.filter { shard.holds($0.lastPathComponent) } } ?? all
        let filter = self.filter.map(CaseFilter.init)
        if let filter, !assignment.cases.contains(where: filter.matches) { throw CouldNotGrade(message: filter.selectsNothing(in: assignment)) }

        let pipeline = GradingPipeline(packageRoot: layout.root, sandbox: try sandbox.establish(layout: layout))
        // The grader is its sources and the reference it grades against: a change to either grades every submission again.
        let graderFolders = ["Sources", "reference"].map { layout.root.appendingPathComponent($0, isDirectory: true) }
        let graderVersion = String(Fingerprint.of(graderFolders.map { Fingerprint.ofFiles(in: $0, extensions: ModuleGraph.sourceExtensions.sorted()) }
                                                  + [pipeline.toolchain]).prefix(16))
        let casesFingerprint = String(Fingerprint.ofFiles(in: assignment.directory, extensions: ["yaml", "yml"]).prefix(16))
        let previous = Self.previousEntries(in: outFolder)
        let progress = BatchProgress(total: students.count)
        let entries = Mutex<[Gradebook.Entry]>([])
        let next = Atomic<Int>(0)
        let workers = min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, max(students.count, 1))

        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < students.count else { return }
                let student = students[index]
                let name = student.lastPathComponent
                let inputs = Fingerprint.of([Fingerprint.ofFiles(in: student, extensions: ["swift"]), casesFingerprint, graderVersion,
                                             self.filter ?? ""])
                if !regrade, let kept = previous[name], kept.inputsFingerprint == inputs, kept.status != .couldNotGrade {
                    entries.withLock { $0.append(kept) }
                    progress.finished(name, kept)
                    continue
                }
                let entry = grade(student, name: name, assignment: assignment, pipeline: pipeline, filter: filter,
                                  into: outFolder.appendingPathComponent(name, isDirectory: true),
                                  graderVersion: graderVersion, casesFingerprint: casesFingerprint, inputsFingerprint: inputs)
                entries.withLock { $0.append(entry) }
                progress.finished(name, entry)
            }
        }
        progress.done()

        let book = Gradebook(assignment: assignment.id, components: assignment.components.map(\.name), entries: entries.withLock { $0 })
        try Self.write(book, to: outFolder)
        try Self.writeDashboard(book, runsIn: outFolder)
        let graded = book.entries.filter { $0.status != .couldNotGrade }.count
        print("\(assignment.id): \(graded) of \(book.entries.count) submissions graded; gradebook in \(outFolder.path)/gradebook.csv")
        throw ExitCode(graded == book.entries.count ? ExitStatus.passed : ExitStatus.failed)
    }

    /// Grades one submission and writes its reports; never throws: what goes wrong is its row.
    private func grade(_ student: URL, name: String, assignment: Assignment, pipeline: GradingPipeline, filter: CaseFilter?,
                       into folder: URL, graderVersion: String, casesFingerprint: String, inputsFingerprint: String) -> Gradebook.Entry {
        let started = Date()
        do {
            let seed = assignment.inputsPerStudent ? Assignment.studentSeed(name) : 0
            let (run, _) = try pipeline.grade(assignment: assignment, submission: student, label: name, runSeed: seed, filter: filter)
            try ReportFile.write(try JUnitReportWriter(audience: .staff).write(run), to: folder.appendingPathComponent("junit.xml"))
            try ReportFile.write(try GradescopeReportWriter(audience: .staff).write(run), to: folder.appendingPathComponent("results.json"))
            try ReportFile.write(MarkdownReportWriter(audience: .staff).write(run), to: folder.appendingPathComponent("summary.md"))
            // Every check of the run, for the class dashboard of this batch and of later ones.
            try ReportFile.write(try JSONEncoder().encode(run), to: folder.appendingPathComponent(Self.runFile))
            return Gradebook.Entry(student: name, run: run, seconds: Date().timeIntervalSince(started), graderVersion: graderVersion,
                                   casesFingerprint: casesFingerprint, inputsFingerprint: inputsFingerprint)
        } catch {
            return Gradebook.Entry(student: name, status: .couldNotGrade, total: 0, maxTotal: 0, points: [:], buildSucceeded: false,
                                   seconds: Date().timeIntervalSince(started), graderVersion: graderVersion,
                                   casesFingerprint: casesFingerprint, inputsFingerprint: inputsFingerprint, error: "\(error)")
        }
    }

    /// The file of a student's run in their folder of the batch's output.
    static let runFile = "run.json"

    /// Writes the class dashboard, `index.html` and `summary.md`, from `book` and the runs its
    /// students' folders hold; the Markdown also goes to `$GITHUB_STEP_SUMMARY` when set.
    static func writeDashboard(_ book: Gradebook, runsIn folder: URL) throws(CouldNotGrade) {
        var runs: [String: GradeRun] = [:]
        for entry in book.entries where entry.status != .couldNotGrade {
            let file = folder.appendingPathComponent(entry.student, isDirectory: true).appendingPathComponent(runFile)
            if let data = try? Data(contentsOf: file), let run = try? JSONDecoder().decode(GradeRun.self, from: data) { runs[entry.student] = run }
        }
        let summary = ClassSummary(book: book, runs: runs)
        do {
            try ReportFile.write(ClassDashboard.html(summary), to: folder.appendingPathComponent("index.html"))
            let markdown = ClassDashboard.markdown(summary)
            try ReportFile.write(markdown, to: folder.appendingPathComponent("summary.md"))
            try MarkdownReportWriter.appendToGitHubStepSummary(markdown)
        } catch {
            throw CouldNotGrade(message: "could not write the class dashboard in \(folder.path): \(error)")
        }
    }

    /// The submission folders under `folder`, by name; hidden folders are skipped.
    static func studentFolders(in folder: URL) throws(CouldNotGrade) -> [URL] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else {
            throw CouldNotGrade(message: "cannot read the submissions folder \(folder.path)")
        }
        let folders = names.sorted().filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0, isDirectory: true) }
            .filter { var isFolder: ObjCBool = false; return fm.fileExists(atPath: $0.path, isDirectory: &isFolder) && isFolder.boolValue }
        guard !folders.isEmpty else { throw CouldNotGrade(message: "\(folder.path) holds no submission folder (one folder a student)") }
        return folders
    }

    /// The rows of the gradebook an earlier batch left in `folder`, by student.
    static func previousEntries(in folder: URL) -> [String: Gradebook.Entry] {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("gradebook.json")),
              let book = try? JSONDecoder().decode(Gradebook.self, from: data) else { return [:] }
        return Dictionary(book.entries.map { ($0.student, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Writes `gradebook.json` and `gradebook.csv` into `folder`.
    static func write(_ book: Gradebook, to folder: URL) throws(CouldNotGrade) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try ReportFile.write(try encoder.encode(book), to: folder.appendingPathComponent("gradebook.json"))
            try ReportFile.write(GradebookCSV.write(book), to: folder.appendingPathComponent("gradebook.csv"))
        } catch {
            throw CouldNotGrade(message: "could not write the gradebook in \(folder.path): \(error)")
        }
    }
}

/// `--shard K/N`: the students whose name hashes to slice K of N.
struct Shard: ExpressibleByArgument, Sendable {
    let index: Int
    let count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        index = k
        count = n
    }

    /// True when `student` is in this slice. By a hash of the name, not its position, so that
    /// adding a student moves no other between slices.
    func holds(_ student: String) -> Bool {
        Int(FNV1a.hash(student) % UInt64(count)) == index - 1
    }
}

/// The progress of a batch on standard error: a line that rewrites itself on a terminal, a
/// line a submission otherwise (a CI log).
final class BatchProgress: Sendable {
    private struct State {
        var done = 0
        var reused = 0
    }

    private let total: Int
    private let started = Date()
    private let terminal = isatty(2) != 0
    private let state = Mutex(State())

    init(total: Int) { self.total = total }

    func finished(_ student: String, _ entry: Gradebook.Entry) {
        let line = state.withLock { state -> String in
            state.done += 1
            let elapsed = Date().timeIntervalSince(started)
            let eta = state.done < total ? elapsed / Double(state.done) * Double(total - state.done) : 0
            let width = 24, filled = width * state.done / max(total, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let verdict = entry.status == .couldNotGrade ? "could not grade" : "\(ReportNumber.points(entry.total))/\(ReportNumber.points(entry.maxTotal))"
            return "[\(bar)] \(state.done)/\(total) · \(student): \(verdict) · \(Int(elapsed.rounded())) s, about \(Int(eta.rounded())) s left"
        }
        FileHandle.standardError.write(Data(((terminal ? "\r\u{1B}[2K" : "") + line + (terminal ? "" : "\n")).utf8))
    }

    func done() {
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
