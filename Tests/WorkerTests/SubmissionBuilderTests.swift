import Foundation
import GradeResults
@testable import GradingEngine
import Synchronization
import Testing

/// Building submissions: diagnostics for code that does not compile, and the build cache.
@Suite("Submission builder")
struct SubmissionBuilderTests {
    /// A runtime file added, removed or changed between two builds makes the worker package's
    /// build folder stale (SwiftPM fails with "missing inputs"; a changed layout of a runtime
    /// type would leave the submission's module compiled against the old one); the builder is told so.
    @Test func aChangeInTheRuntimesFilesIsReportedSoTheBuildFolderIsRenewed() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("grade-sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let inputs = try BuildInputs(packageRoot: Fixtures.packageRoot, submission: Fixtures.submission("hostile"))
        #expect(try inputs.synchronize(into: cache))
        #expect(try !inputs.synchronize(into: cache))
        let old = cache.appendingPathComponent("\(BuildInputs.runtimePackage)/Sources/ComponentRuntime/Removed.swift")
        try "// a file of an earlier runtime\n".write(to: old, atomically: true, encoding: .utf8)
        #expect(try inputs.synchronize(into: cache))
        #expect(!FileManager.default.fileExists(atPath: old.path))
        let matrix = cache.appendingPathComponent("\(BuildInputs.runtimePackage)/Sources/GradeKit/Matrix.swift")
        try ((try String(contentsOf: matrix, encoding: .utf8)) + "\n// an earlier runtime's Matrix\n").write(to: matrix, atomically: true, encoding: .utf8)
        #expect(try inputs.synchronize(into: cache), "a changed runtime file renews the build folder")
        #expect(try !inputs.synchronize(into: cache))
        let student = cache.appendingPathComponent("\(BuildInputs.workerPackage)/\(BuildInputs.studentSourcesPath)/Extra.swift")
        try "// a file of an earlier submission\n".write(to: student, atomically: true, encoding: .utf8)
        #expect(try !inputs.synchronize(into: cache), "a submission's own files change without renewing the build folder")
    }

    /// The Swift driver takes a file changed within the second it last compiled it for
    /// unchanged: each synchronization stamps what it writes a whole second after the last.
    @Test func everySynchronizationStampsItsFilesASecondAfterTheLast() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("grade-stamp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let file = cache.appendingPathComponent("\(BuildInputs.workerPackage)/\(BuildInputs.studentSourcesPath)/Marker.swift")
        var seconds: [Int] = []
        for round in 0..<3 {
            let submission = try Fixtures.copy(of: "hostile", adding: ["Marker.swift": "public let marker = \"round \(round)\"\n"])
            defer { try? FileManager.default.removeItem(at: submission) }
            try BuildInputs(packageRoot: Fixtures.packageRoot, submission: submission).synchronize(into: cache)
            let modified = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date)
            #expect(modified.timeIntervalSince1970 == modified.timeIntervalSince1970.rounded(.down), "a whole second")
            seconds.append(Int(modified.timeIntervalSince1970))
        }
        #expect(seconds[1] > seconds[0] && seconds[2] > seconds[1], "\(seconds)")
    }

    /// Submissions built one after another, well within a second each, are each built from
    /// their own files: none is graded as the one before it.
    @Test func submissionsBuiltInQuickSuccessionAreEachTheirOwn() throws {
        _ = Fixtures.hostile
        for _ in 0..<4 {
            let marker = "marker-\(UUID().uuidString)"
            let submission = try Fixtures.copy(of: "hostile", adding: ["Marker.swift": "public let marker = \"\(marker)\"\n"])
            defer { try? FileManager.default.removeItem(at: submission) }
            let built = Fixtures.builder.build(submission: submission)
            let executable = try #require(built.executable, "\(built.outcome.log)")
            let bytes = try Data(contentsOf: executable)
            #expect(bytes.range(of: Data(marker.utf8)) != nil, "the worker holds this submission's code")
        }
    }

    @Test func hostileSubmissionBuildsIntoAWorker() {
        #expect(Fixtures.hostile.outcome.succeeded, "\(Fixtures.hostile.outcome.log)")
        #expect(Fixtures.hostile.executable != nil)
    }

    @Test func compileErrorIsADiagnosticAtTheStudentsFileAndLine() {
        let outcome = Fixtures.broken.outcome
        #expect(!outcome.succeeded)
        #expect(Fixtures.broken.executable == nil)
        let error = outcome.diagnostics.first { $0.isError }
        #expect(error?.file == "BrokenLoss.swift")
        #expect(error?.line == 7)
        #expect(error?.message.contains("String") == true)
        #expect(outcome.log.contains("BrokenLoss.swift:7:"))
        #expect(!outcome.log.contains("grade-workers"), "the log should not show the generated package's paths")
        #expect(!outcome.log.contains("Compiling"), "the log should not show SwiftPM's progress")
    }

    @Test func missingRegistrationSaysWhatToDefine() {
        let outcome = Fixtures.missingRegistration.outcome
        #expect(!outcome.succeeded)
        let error = outcome.diagnostics.first { $0.isError }
        #expect(error?.message.contains("public func registerComponents(in registry: inout ComponentRegistry)") == true)
        #expect(error?.file == "SVMLoss.swift")
        #expect(outcome.log.contains("SVMLoss.swift:1:1: error: the submission must define"))
        #expect(!outcome.log.contains("main.swift"), "the log should not show the generated entry point")
    }

    @Test func topLevelCodeInMainSwiftIsReportedAtMainSwift() {
        let built = Fixtures.builder.build(submission: Fixtures.submission("local-driver"))
        #expect(!built.outcome.succeeded)
        let error = built.outcome.diagnostics.first { $0.isError }
        #expect(error?.file == "main.swift")
        #expect(error?.line == 5)
        #expect(built.outcome.log.contains("main.swift:5:1: error: expressions are not allowed at the top level"))
        #expect(!built.outcome.log.contains("main.submission.swift"))
    }

    @Test func concurrentBuildsOfOneSubmissionBuildItOnce() throws {
        _ = Fixtures.hostile
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("grade-concurrent-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.submission("hostile"), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try "// \(UUID().uuidString)\n".write(to: copy.appendingPathComponent("Marker.swift"), atomically: true, encoding: .utf8)

        let results = Mutex<[BuiltSubmission]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            let built = Fixtures.builder.build(submission: copy)
            results.withLock { $0.append(built) }
        }
        let built = results.withLock { $0 }
        #expect(built.allSatisfy { $0.outcome.succeeded && $0.executable == built[0].executable })
        #expect(built.filter { !$0.reusedCache }.count == 1, "one build, the others wait for it and reuse it")
    }

    @Test func folderWithoutSwiftFilesIsABuildFailure() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("grade-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let built = Fixtures.builder.build(submission: empty)
        #expect(!built.outcome.succeeded)
        #expect(built.outcome.log.contains("no .swift files"))
    }

    @Test func unchangedSubmissionReusesTheCachedBuild() {
        _ = Fixtures.hostile
        let started = Date()
        let again = Fixtures.builder.build(submission: Fixtures.submission("hostile"))
        print("warm build with no change: \(String(format: "%.3f", Date().timeIntervalSince(started))) s")
        #expect(again.reusedCache)
        #expect(again.outcome.duration == 0)
        #expect(again.executable == Fixtures.hostile.executable)
        #expect(again.fingerprint == Fixtures.hostile.fingerprint)
    }

    @Test func cachedFailureIsReusedWithItsDiagnostics() {
        _ = Fixtures.broken
        let again = Fixtures.builder.build(submission: Fixtures.submission("broken"))
        #expect(again.reusedCache)
        #expect(again.outcome.diagnostics == Fixtures.broken.outcome.diagnostics)
    }

    @Test func editingOneFileRebuildsIncrementally() throws {
        _ = Fixtures.hostile
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("grade-edit-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.submission("hostile"), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let file = copy.appendingPathComponent("CorrectLoss.swift")
        let source = try String(contentsOf: file, encoding: .utf8)
        try (source + "\n// edited \(UUID().uuidString)\n").write(to: file, atomically: true, encoding: .utf8)

        let started = Date()
        let edited = Fixtures.builder.build(submission: copy)
        print("rebuild after editing one file: \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        #expect(edited.outcome.succeeded, "\(edited.outcome.log)")
        #expect(!edited.reusedCache)
        #expect(edited.fingerprint != Fixtures.hostile.fingerprint)
        let supervisor = WorkerSupervisor(executable: try #require(edited.executable))
        #expect(supervisor.run(scoreLossRequest("correct"), timeout: 30).loss != nil)
    }

    @Test func submissionCannotImportTheRuntimeAndIsToldSoAtItsImport() throws {
        let copy = try Fixtures.copy(of: "hostile", adding: ["Blame.swift": """
            import GradeKit
            import ComponentRuntime

            public func blame() { _ = ComponentInvoker(registry: ComponentRegistry()) }
            """])
        defer { try? FileManager.default.removeItem(at: copy) }
        let built = Fixtures.builder.build(submission: copy)
        #expect(!built.outcome.succeeded)
        let error = built.outcome.diagnostics.first { $0.isError }
        #expect(error?.file == "Blame.swift")
        #expect(error?.line == 2)
        #expect(error?.message.contains("cannot import ComponentRuntime") == true)
        #expect(built.outcome.log.contains("Blame.swift:2:1: error: a submission cannot import ComponentRuntime"), "\(built.outcome.log)")
    }

    @Test func runtimePackageDeclarationsAreOutOfTheSubmissionsReach() throws {
        // `runningComponent` names the component a not-implemented stub is blamed on.
        let copy = try Fixtures.copy(of: "hostile", adding: ["Blame.swift": """
            import GradeKit

            public func blame() { runningComponent = "softmax" }
            """])
        defer { try? FileManager.default.removeItem(at: copy) }
        let built = Fixtures.builder.build(submission: copy)
        #expect(!built.outcome.succeeded)
        let error = built.outcome.diagnostics.first { $0.isError }
        #expect(error?.file == "Blame.swift")
        #expect(error?.line == 3)
        #expect(error?.message.contains("cannot find 'runningComponent' in scope") == true)
    }

    @Test func declarationsNamedLikeTheWorkersEntryPointsDoNotDisturbIt() throws {
        let copy = try Fixtures.copy(of: "hostile", adding: ["NameGames.swift": """
            import GradeKit

            public enum WorkerLoop {
                public static func run(register: (inout ComponentRegistry) -> Void) -> Never { fatalError("the submission's WorkerLoop") }
            }
            public struct StudentSubmission {}
            public enum ComponentRuntime {}
            public enum GradeKit {}
            public func registerComponents(in registry: inout ComponentRegistry, also: Int = 0) { fatalError("overload with a default") }
            public func registerComponents<Registry>(in registry: inout Registry) { fatalError("generic overload") }
            @discardableResult
            public func registerComponents(in registry: inout ComponentRegistry) -> Int { fatalError("overload returning Int") }
            public func registerComponents(in count: inout Int) {}
            public func registerComponents() {}
            """])
        defer { try? FileManager.default.removeItem(at: copy) }
        let built = Fixtures.builder.build(submission: copy)
        #expect(built.outcome.succeeded, "\(built.outcome.log)")
        let supervisor = WorkerSupervisor(executable: try #require(built.executable))
        let outcome = supervisor.run(scoreLossRequest("correct"), timeout: 30)
        #expect(outcome.loss.map { abs($0 - expectedHostileLoss) < 1e-9 } == true, "\(outcome)")
    }

    @Test func cacheKeepsStudentCodeToTheGraderAndWorkersRunnable() throws {
        _ = Fixtures.broken // a stored failure
        let executable = try #require(Fixtures.hostile.executable)
        let cache = Fixtures.builder.cacheDirectory
        #expect(try Fixtures.mode(of: cache) == 0o711)
        #expect(try Fixtures.mode(of: cache.appendingPathComponent("workers")) == 0o711)
        for folder in ["package", "grade-runtime", "failures"] {
            #expect(try Fixtures.mode(of: cache.appendingPathComponent(folder)) == 0o700, "\(folder)")
        }
        #expect(try Fixtures.mode(of: executable.deletingLastPathComponent()) == 0o755)
        #expect(try Fixtures.mode(of: executable) == 0o755)
        #expect(try Fixtures.mode(of: executable.deletingLastPathComponent().appendingPathComponent("outcome.json")) == 0o600)
    }

    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
                   && Fixtures.othersCanReachTheCache))
    func nobodyCanStartAWorkerButCanNeitherListNorReadTheCache() throws {
        let executable = try #require(Fixtures.hostile.executable)
        let cache = Fixtures.builder.cacheDirectory
        func asNobody(_ arguments: [String]) -> ToolRunner.Result {
            ToolRunner.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + arguments, timeout: 30)
        }
        // With its standard input at an end, a worker exits at once with status 0.
        let worker = asNobody([executable.path])
        #expect(worker.status == 0, "\(worker.output)")
        #expect(asNobody(["ls", cache.path]).status != 0)
        #expect(asNobody(["ls", cache.appendingPathComponent("workers").path]).status != 0)
        #expect(asNobody(["cat", cache.appendingPathComponent("package/Package.swift").path]).status != 0)
        #expect(asNobody(["ls", cache.appendingPathComponent("failures").path]).status != 0)
    }

    @Test func buildPastItsTimeoutIsStoppedWithItsCompilerAndSaysHowLongItRan() throws {
        _ = Fixtures.hostile // the runtime is built, so the deadline falls while the literal compiles
        let bomb = try LiteralBomb()
        defer { bomb.remove() }
        var builder = Fixtures.builder
        builder.buildTimeout = 5
        let built = builder.build(submission: bomb.submission)
        #expect(!built.outcome.succeeded)
        let stated = try #require(built.outcome.log.firstMatch(of: /the build took longer than 5 s and was stopped after ([0-9.]+) s/),
                                  "\(built.outcome.log)")
        print("build with a 5 s timeout: \(stated.0)")
        let seconds = try #require(Double(stated.1))
        #expect(seconds >= 5 && seconds < 5 + 2)
        #expect(bomb.compilerProcesses().isEmpty, "compiler processes left running")
    }

    @Test func buildAboveItsMemoryLimitIsStoppedWithASuggestion() throws {
        _ = Fixtures.hostile
        let bomb = try LiteralBomb()
        defer { bomb.remove() }
        var builder = Fixtures.builder
        builder.buildMemoryLimit = 150 << 20
        let built = builder.build(submission: bomb.submission)
        #expect(!built.outcome.succeeded)
        print("build with a 150 MiB memory limit: \(built.outcome.log.split(separator: "\n").last ?? "")")
        #expect(built.outcome.log.contains(
            "the compiler used more than 150 MiB compiling the submission and was stopped after"), "\(built.outcome.log)")
        #expect(built.outcome.log.contains("a very large literal or deeply nested expression?"))
        #expect(bomb.compilerProcesses().isEmpty, "compiler processes left running")
    }
}

/// A copy of the hostile submission with a 40,000-element array literal, which takes the type
/// checker about 10 s and 235 MiB here.
struct LiteralBomb {
    let submission: URL
    let marker = UUID().uuidString

    init() throws {
        let elements = (0..<40_000).map { "\(Double($0) + 0.5)" }.joined(separator: ", ")
        submission = try Fixtures.copy(of: "hostile", adding: ["Samples-\(marker).swift": "public let samples: [Double] = [\(elements)]\n"])
    }

    /// The compiler processes still compiling the literal's file.
    func compilerProcesses() -> [pid_t] { ToolScript.processes(commandLineContaining: marker) }

    func remove() {
        for pid in compilerProcesses() { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: submission)
    }
}
