import ComponentRuntime
import AssignmentFormat
import Foundation
import GradeResults

/// The whole path from a submission folder to a ``GradeRun``: build the submission into a
/// worker, supervise it, run every selected case, collect the results.
public struct GradingPipeline: Sendable {
    /// The grade package root, holding `Sources/GradeKit` and `Sources/ComponentRuntime`.
    public let packageRoot: URL
    /// How workers are confined, under which limits (see ``WorkerSandbox/establish(mode:hiddenFolders:limits:launcherCandidates:)``).
    public let sandbox: WorkerSandbox

    /// Where built workers are cached; nil for `<packageRoot>/.build/grade-workers`.
    public let workerCache: URL?

    /// Wall-clock seconds a build may take; nil for the builder's default.
    public let buildTimeout: Double?

    /// Creates a pipeline.
    public init(packageRoot: URL, sandbox: WorkerSandbox = .unconfined, workerCache: URL? = nil, buildTimeout: Double? = nil) {
        self.packageRoot = packageRoot
        self.sandbox = sandbox
        self.workerCache = workerCache
        self.buildTimeout = buildTimeout
    }

    /// The toolchain that builds submissions, as `swift --version` names it.
    public var toolchain: String { Toolchain.identity }

    /// Why a submission could not be graded at all.
    public enum Failure: Error, CustomStringConvertible {
        /// A case cannot be graded: a fault of the case file.
        case caseFile(CaseError)
        /// A worker was not confined as the sandbox promised: no verdict can be trusted.
        case sandbox(String)

        public var description: String {
            switch self {
            case .caseFile(let error): error.description
            case .sandbox(let message): "grading stopped: \(message)"
            }
        }
    }

    /// How long each phase took.
    public struct Timings: Sendable {
        /// Seconds spent building (near 0 when a cached worker was reused).
        public var build: Double
        /// True when a cached worker was reused.
        public var reusedBuild: Bool
        /// Seconds spent running and judging cases.
        public var checks: Double
        /// Cases run.
        public var cases: Int
    }

    /// Grades a submission folder and reports how long each phase took.
    ///
    /// - Parameters:
    ///   - label: how reports name the submission (a path, or `reference`).
    ///   - timeout: when set, the wall-clock seconds of every case, overriding the case files.
    ///   - base: when set, `submission` holds only changes to this submission (``SubmissionOverlay``).
    public func grade(assignment: Assignment, submission: URL, base: URL? = nil, label: String, runSeed: UInt64 = 0,
                      filter: CaseFilter? = nil, timeout: Double? = nil,
                      progress: (CheckResult) -> Void = { _ in }) throws(Failure) -> (run: GradeRun, timings: Timings) {
        guard let base else {
            return try grade(assignment: assignment, folder: submission, label: label, runSeed: runSeed,
                             filter: filter, timeout: timeout, progress: progress)
        }
        let merged: URL
        do {
            merged = try SubmissionOverlay.merge(base: base, overlay: submission)
        } catch {
            throw .caseFile(CaseError(caseName: label, location: SourceLocation(file: submission.path, line: 0, column: 0),
                                      message: error.description))
        }
        defer { try? FileManager.default.removeItem(at: merged) }
        return try grade(assignment: assignment, folder: merged, label: label, runSeed: runSeed,
                         filter: filter, timeout: timeout, progress: progress)
    }

    private func grade(assignment: Assignment, folder submission: URL, label: String, runSeed: UInt64,
                       filter: CaseFilter?, timeout: Double?,
                       progress: (CheckResult) -> Void) throws(Failure) -> (run: GradeRun, timings: Timings) {
        var assignment = assignment
        if let timeout {
            assignment.defaultTimeout = timeout
            for i in assignment.cases.indices { assignment.cases[i].timeout = timeout }
        }
        let started = Date()
        var builder = SubmissionBuilder(packageRoot: packageRoot, cacheDirectory: workerCache)
        if let buildTimeout { builder.buildTimeout = buildTimeout }
        var built = builder.build(submission: submission)
        if !built.outcome.succeeded, let isolated = Self.isolating(built, of: submission, assignment: assignment, builder: builder) {
            built = isolated
        }
        let buildSeconds = Date().timeIntervalSince(started)
        let supervisor = built.executable.map { WorkerSupervisor(executable: $0, sandbox: sandbox) }
        supervisor?.startWorker()
        // Reports are written after this returns: by then every process of the submission is gone.
        defer { supervisor?.shutdown() }
        let executor: any InvocationExecutor = supervisor.map { SupervisedExecutor(supervisor: $0, locator: built.crashLocator) } ?? UnbuiltExecutor()
        let grader = Grader(assignment: assignment, executor: executor, runSeed: runSeed, filter: filter)
        let checksStarted = Date()
        var run: GradeRun
        do {
            run = try grader.grade(submission: label, build: built.outcome, progress: progress)
        } catch {
            throw .caseFile(error)
        }
        supervisor?.shutdown()
        if let violation = supervisor?.sandboxViolation { throw .sandbox(violation) }
        if !built.outcome.replacedFiles.isEmpty { Self.markUncompiled(&run, build: built.outcome, submission: submission) }
        run.duration = Date().timeIntervalSince(started)
        run.isolation = sandbox.isolation
        return (run, Timings(build: buildSeconds, reusedBuild: built.reusedCache,
                             checks: Date().timeIntervalSince(checksStarted), cases: grader.selectedCases.count))
    }
}

extension GradingPipeline {
    /// When the build failed for errors in some of the submission's files, the same submission
    /// with each of those files replaced by the starter's, built — so that the components whose
    /// files compile are graded. Nil when that is not possible: an error outside the
    /// submission's files, a file the starter does not have, every file broken, or the
    /// replaced submission still does not build.
    static func isolating(_ built: BuiltSubmission, of submission: URL, assignment: Assignment,
                          builder: SubmissionBuilder) -> BuiltSubmission? {
        let errors = built.outcome.diagnostics.filter(\.isError)
        let broken = Set(errors.map(\.file))
        let fm = FileManager.default
        let starter = assignment.directory.appendingPathComponent(assignment.starterPath, isDirectory: true)
        guard !broken.isEmpty, broken.allSatisfy({ fm.fileExists(atPath: starter.appendingPathComponent($0).path) }) else { return nil }
        let own = (fm.enumerator(atPath: submission.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }
        guard own.count > broken.count else { return nil }
        let folder = fm.temporaryDirectory.appendingPathComponent("grade-isolated-\(UUID().uuidString)", isDirectory: true)
        defer { try? fm.removeItem(at: folder) }
        do {
            try fm.copyItem(at: submission, to: folder)
            for file in broken {
                let target = folder.appendingPathComponent(file)
                try fm.removeItem(at: target)
                try fm.copyItem(at: starter.appendingPathComponent(file), to: target)
            }
        } catch {
            return nil
        }
        var replaced = builder.build(submission: folder)
        guard replaced.outcome.succeeded else { return nil }
        replaced.outcome = BuildOutcome(succeeded: true, diagnostics: built.outcome.diagnostics, log: built.outcome.log,
                                        duration: built.outcome.duration + replaced.outcome.duration)
        replaced.outcome.replacedFiles = broken.sorted()
        return replaced
    }

    /// The checks that ran the starter's stub of a file that did not compile become errors
    /// that say so, with the compiler's first error in that file, its source line and a caret.
    static func markUncompiled(_ run: inout GradeRun, build: BuildOutcome, submission: URL) {
        var texts: [String: String] = [:]
        for file in build.replacedFiles {
            guard let error = build.diagnostics.first(where: { $0.isError && $0.file == file }) else { continue }
            var text = "does not compile, so it was graded as the starter's stub: \(error.formatted)"
            let source = (try? String(contentsOf: submission.appendingPathComponent(file), encoding: .utf8)) ?? ""
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            if error.line >= 1, error.line <= lines.count {
                let line = String(lines[error.line - 1])
                text += "\n" + line + "\n" + String(repeating: " ", count: max(0, min(error.column - 1, line.count))) + "^"
            }
            texts[file] = text
        }
        for c in run.components.indices {
            for k in run.components[c].checks.indices {
                let check = run.components[c].checks[k]
                guard check.status == .notImplemented || check.problem == .dependencyFailed, let reason = check.reason,
                      let file = build.replacedFiles.first(where: { reason.contains("\(BuildInputs.studentModule)/\($0):") }),
                      let text = texts[file] else { continue }
                run.components[c].checks[k].status = .error
                run.components[c].checks[k].problem = .buildFailure
                run.components[c].checks[k].reason = "\(file) " + text
            }
        }
    }
}

/// Stands in for a worker when the build failed; the grader never calls it then.
private struct UnbuiltExecutor: InvocationExecutor {
    func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome {
        .died(.buildFailure, reason: "the submission did not compile", output: .init())
    }
}
