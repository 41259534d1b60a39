import Foundation
import GradeResults
import GradeSystem

/// Compiles a submission folder into a worker executable, or explains why it does not compile.
///
/// The submission's `.swift` files (found recursively; other files are ignored) become the
/// `StudentSubmission` module of a generated SwiftPM package, beside an executable
/// `grade-worker` whose whole program is `WorkerLoop.run(register: registerComponents)`; the
/// package depends on a second generated package holding copies of `GradeKit` and
/// `ComponentRuntime`, so that the submission sees neither the runtime's `package`
/// declarations nor, under SwiftPM's import check, `ComponentRuntime` (see ``BuildInputs``).
///
/// Builds are cached by a fingerprint of every input (each copied source, each student file,
/// the package layout and `swift --version`):
/// - a fingerprint built before is answered from the cache without running `swift build`,
///   failures included;
/// - every submission shares the generated packages, whose `StudentSubmission` sources are
///   swapped in place, writing only files whose contents changed, so that a new submission
///   recompiles only its own module and relinks, and the runtime modules compile once;
/// - each finished executable is copied to `workers/<fingerprint>/grade-worker`, so a later
///   swap does not disturb a worker that is running.
///
/// The shared package is guarded by an `flock` on `<cache>/lock`, so concurrent grader
/// processes (and threads) build one at a time instead of corrupting each other.
///
/// The cache holds every graded student's code, so only the grader may read it: the generated
/// packages and their build folders, and the failures' logs, are mode 0700. A worker must
/// still start as `nobody` from its path, so the cache and `workers/` may be passed through but
/// not listed (0711), and each `workers/<fingerprint>/` and its executable are 0755: reaching
/// one takes its fingerprint, which takes the submission's sources.
public struct SubmissionBuilder: Sendable {
    /// The grade package root, which holds `Sources/GradeKit` and `Sources/ComponentRuntime`.
    public let packageRoot: URL
    /// The folder holding the generated packages, the lock and the cached executables; the
    /// builder's own, whose mode it sets (see above).
    public let cacheDirectory: URL
    /// Wall-clock seconds a build may take before it is killed, compiler processes included,
    /// and reported as failed.
    public var buildTimeout: Double = 600
    /// Bytes of private resident memory the build's processes may hold together before they
    /// are killed and the build is reported as failed.
    ///
    /// A cold build of the worker for the reference peaks at about 240 MiB and an incremental
    /// one at about 40 MiB, while a 400,000-element `Double` literal passes 2 GiB within 15 s
    /// (left alone, it compiles for a quarter of an hour at 2.9 GB).
    public var buildMemoryLimit: UInt64 = 2 << 30
    /// The most bytes of compiler output a ``BuildOutcome`` keeps as its log.
    public var logLimit: Int = 16 * 1024

    /// Creates a builder.
    ///
    /// - Parameters:
    ///   - packageRoot: the grade package root (holding `Sources/GradeKit` and `Sources/ComponentRuntime`).
    ///   - cacheDirectory: where generated packages and executables live; by default
    ///     `<packageRoot>/.build/grade-workers/`.
    public init(packageRoot: URL, cacheDirectory: URL? = nil) {
        self.packageRoot = packageRoot.standardizedFileURL
        self.cacheDirectory = (cacheDirectory ?? packageRoot.appendingPathComponent(".build/grade-workers", isDirectory: true))
            .standardizedFileURL
    }

    /// Builds the submission in `submission` (a folder), reusing a cached build when every
    /// input is unchanged.
    ///
    /// Never throws: a compile error, a missing `registerComponents(in:)`, an empty folder or
    /// a failure of the toolchain all come back as a failed ``BuildOutcome`` whose
    /// diagnostics point into the submission's files.
    public func build(submission: URL) -> BuiltSubmission {
        let started = Date()
        let inputs: BuildInputs
        do {
            inputs = try BuildInputs(packageRoot: packageRoot, submission: submission.standardizedFileURL)
        } catch {
            return failure("\(error)", fingerprint: "", started: started)
        }
        let fingerprint = inputs.fingerprint(toolchain: Toolchain.identity)
        if let cached = cachedResult(fingerprint) { return locating(cached, inputs: inputs) }

        do {
            try prepareCache()
        } catch {
            return failure("cannot create the build cache \(cacheDirectory.path): \(error)", fingerprint: fingerprint, started: started)
        }
        let locked = FileLock.withExclusiveLock(path: cacheDirectory.appendingPathComponent("lock").path) {
            // Another process may have built the same inputs while this one waited for the lock.
            cachedResult(fingerprint) ?? buildLocked(inputs, fingerprint: fingerprint, started: started)
        }
        switch locked {
        case .success(let built): return locating(built, inputs: inputs)
        case .failure(let error):
            return failure("cannot lock the build cache \(cacheDirectory.path): \(error)", fingerprint: fingerprint, started: started)
        }
    }

    /// Creates the cache's folders with the modes described above, and restores the modes of
    /// folders an earlier version created with the default mode.
    private func prepareCache() throws {
        let fileManager = FileManager.default
        let folders = [("", Self.passThroughMode), ("workers", Self.passThroughMode), (BuildInputs.workerPackage, Self.privateMode),
                       (BuildInputs.runtimePackage, Self.privateMode), ("failures", Self.privateMode)]
        for (name, mode) in folders {
            let folder = name.isEmpty ? cacheDirectory : cacheDirectory.appendingPathComponent(name, isDirectory: true)
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
            try fileManager.setAttributes([.posixPermissions: mode], ofItemAtPath: folder.path)
        }
    }

    /// Folders only the grader may enter.
    private static let privateMode = 0o700
    /// Folders others may pass through to a path they know, but not list.
    private static let passThroughMode = 0o711
    /// A worker's folder and executable, which a worker running as `nobody` must reach and run.
    private static let workerMode = 0o755

    /// Writes the package and runs `swift build`; the caller holds the cache lock.
    private func buildLocked(_ inputs: BuildInputs, fingerprint: String, started: Date) -> BuiltSubmission {
        let fileManager = FileManager.default
        let package = cacheDirectory.appendingPathComponent(BuildInputs.workerPackage, isDirectory: true)
        do {
            if try inputs.synchronize(into: cacheDirectory) {
                let buildFolder = package.appendingPathComponent(".build", isDirectory: true)
                if fileManager.fileExists(atPath: buildFolder.path) { try fileManager.removeItem(at: buildFolder) }
            }
        } catch {
            return failure("cannot write the worker package: \(error)", fingerprint: fingerprint, started: started)
        }
        let command = ["swift", "build", "--package-path", package.path, "--product", BuildInputs.workerProduct, "--disable-index-store",
                       "--explicit-target-dependency-import-check", "error"]
        let jobs = BuildJobs.current()
        var result = ToolRunner.run(command + ["--jobs", String(jobs.count)], timeout: buildTimeout, memoryLimit: buildMemoryLimit)
        let log = compilerLog(package: package, inputs: inputs)
        var diagnostics = log.diagnostics(in: result.output)
        var retried = false
        if Self.killedBySystem(status: result.status, stopped: result.stopped, output: result.output, diagnostics: diagnostics) {
            // The system killed a compiler (memory taken by others after the job count was
            // chosen): no verdict on the code. Built again one job at a time, in the time left.
            let left = buildTimeout - result.seconds
            if left > 1 {
                result = ToolRunner.run(command + ["--jobs", "1"], timeout: left, memoryLimit: buildMemoryLimit)
                diagnostics = log.diagnostics(in: result.output)
                retried = true
            }
        }
        var trimmed = log.trimmed(result.output)
        if retried { trimmed = "(a compiler was killed by the system, signal 9; built again one job at a time)\n" + trimmed }
        if let note = jobs.note, !retried { trimmed = note + "\n" + trimmed }
        let duration = Date().timeIntervalSince(started)
        let builtExecutable = package.appendingPathComponent(".build/debug/\(BuildInputs.workerProduct)")

        guard result.status == 0, result.stopped == nil, fileManager.isExecutableFile(atPath: builtExecutable.path) else {
            if let stopped = result.stopped { trimmed += "\n" + stopMessage(stopped, seconds: result.seconds) }
            let outcome = BuildOutcome(succeeded: false, diagnostics: diagnostics, log: trimmed, duration: duration)
            // Only a verdict on the code is worth remembering; a stopped build or a broken toolchain may not recur.
            if result.stopped == nil, diagnostics.contains(where: { $0.isError }) {
                store(failure: outcome, fingerprint: fingerprint)
            }
            return BuiltSubmission(outcome: outcome, executable: nil, fingerprint: fingerprint, reusedCache: false)
        }
        let outcome = BuildOutcome(succeeded: true, diagnostics: diagnostics, log: trimmed, duration: duration)
        do {
            let executable = try install(builtExecutable, outcome: outcome, fingerprint: fingerprint)
            return BuiltSubmission(outcome: outcome, executable: executable, fingerprint: fingerprint, reusedCache: false)
        } catch {
            return failure("cannot store the worker executable: \(error)", fingerprint: fingerprint, started: started)
        }
    }

    /// True when a build failed because the system killed a compiler (`signal 9`), not for
    /// anything in the code: no diagnostic in the submission, not stopped by the grader's limits.
    static func killedBySystem(status: Int32, stopped: ToolRunner.Stop?, output: String, diagnostics: [Diagnostic]) -> Bool {
        guard status != 0, stopped == nil, !diagnostics.contains(where: \.isError) else { return false }
        return output.contains("due to signal 9") || output.contains("signal 9: Killed") || output.contains("Killed: 9")
    }

    /// What the log says about a build that was stopped, with the time it really ran.
    private func stopMessage(_ stop: ToolRunner.Stop, seconds: Double) -> String {
        func time(_ seconds: Double) -> String {
            seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
        }
        switch stop {
        case .timeLimit:
            return "the build took longer than \(time(buildTimeout)) and was stopped after \(time(seconds))"
        case .memoryLimit:
            let gibibyte: UInt64 = 1 << 30, mebibyte: UInt64 = 1 << 20
            let limit = buildMemoryLimit % gibibyte == 0 ? "\(buildMemoryLimit / gibibyte) GiB"
                : "\((buildMemoryLimit + mebibyte / 2) / mebibyte) MiB"
            return "the compiler used more than \(limit) compiling the submission and was stopped after \(time(seconds)); "
                + "a very large literal or deeply nested expression?"
        }
    }

    /// The cached executable or failure for a fingerprint, if there is one.
    private func cachedResult(_ fingerprint: String) -> BuiltSubmission? {
        let decoder = JSONDecoder()
        let worker = workerDirectory(fingerprint)
        let executable = worker.appendingPathComponent(BuildInputs.workerProduct)
        if FileManager.default.isExecutableFile(atPath: executable.path) {
            var outcome = (try? Data(contentsOf: worker.appendingPathComponent("outcome.json")))
                .flatMap { try? decoder.decode(BuildOutcome.self, from: $0) } ?? BuildOutcome(succeeded: true)
            outcome.duration = 0
            return BuiltSubmission(outcome: outcome, executable: executable, fingerprint: fingerprint, reusedCache: true)
        }
        if let data = try? Data(contentsOf: failureFile(fingerprint)), var outcome = try? decoder.decode(BuildOutcome.self, from: data) {
            outcome.duration = 0
            return BuiltSubmission(outcome: outcome, executable: nil, fingerprint: fingerprint, reusedCache: true)
        }
        return nil
    }

    /// Copies the executable to its fingerprint's folder, atomically: a folder that exists is complete.
    private func install(_ built: URL, outcome: BuildOutcome, fingerprint: String) throws -> URL {
        let fileManager = FileManager.default
        let final = workerDirectory(fingerprint)
        let staging = cacheDirectory.appendingPathComponent("workers/.staging-\(getpid())-\(fingerprint)", isDirectory: true)
        try? fileManager.removeItem(at: staging)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: Self.workerMode])
        let executable = staging.appendingPathComponent(BuildInputs.workerProduct)
        try fileManager.copyItem(at: built, to: executable)
        try fileManager.setAttributes([.posixPermissions: Self.workerMode], ofItemAtPath: executable.path)
        // The log may quote the submission's code; the worker has no use for it.
        let log = staging.appendingPathComponent("outcome.json")
        guard fileManager.createFile(atPath: log.path, contents: try JSONEncoder().encode(outcome),
                                     attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log.path])
        }
        try? fileManager.removeItem(at: final)
        try fileManager.moveItem(at: staging, to: final)
        return final.appendingPathComponent(BuildInputs.workerProduct)
    }

    private func store(failure outcome: BuildOutcome, fingerprint: String) {
        let file = failureFile(fingerprint)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? JSONEncoder().encode(outcome).write(to: file, options: .atomic)
    }

    private func workerDirectory(_ fingerprint: String) -> URL {
        cacheDirectory.appendingPathComponent("workers/\(fingerprint)", isDirectory: true)
    }

    private func failureFile(_ fingerprint: String) -> URL {
        cacheDirectory.appendingPathComponent("failures/\(fingerprint).json")
    }

    /// `built` with the locator of its crashes, when it has an executable.
    private func locating(_ built: BuiltSubmission, inputs: BuildInputs) -> BuiltSubmission {
        var built = built
        let package = cacheDirectory.appendingPathComponent(BuildInputs.workerPackage, isDirectory: true)
        built.crashLocator = built.executable.map { CrashLocator(executable: $0, log: compilerLog(package: package, inputs: inputs)) }
        return built
    }

    private func compilerLog(package: URL, inputs: BuildInputs) -> CompilerLog {
        // The compiler may print the package's path as given or with symbolic links resolved.
        let spellings = Set([package.path, package.resolvingSymlinksInPath().path])
        let runtime = package.deletingLastPathComponent().appendingPathComponent(BuildInputs.runtimePackage)
        let runtimeSpellings = Set([runtime.path, runtime.resolvingSymlinksInPath().path])
        return CompilerLog(
            studentPrefixes: spellings.map { "\($0)/\(BuildInputs.studentSourcesPath)/" },
            packagePrefixes: (spellings.union(runtimeSpellings)).map { "\($0)/" },
            entryPointPath: BuildInputs.entryPointPath,
            renamedStudentFiles: inputs.renamedStudentFiles,
            studentSources: inputs.studentSources,
            logLimit: logLimit)
    }

    private func failure(_ message: String, fingerprint: String, started: Date) -> BuiltSubmission {
        BuiltSubmission(
            outcome: BuildOutcome(succeeded: false, log: message, duration: Date().timeIntervalSince(started)),
            executable: nil, fingerprint: fingerprint, reusedCache: false)
    }
}

/// The toolchain that builds workers, as part of every fingerprint.
enum Toolchain {
    /// `swift --version`, run once per process.
    static let identity: String = {
        let result = ToolRunner.run(["swift", "--version"], timeout: 60)
        return result.status == 0 ? result.output : "unknown toolchain"
    }()
}
