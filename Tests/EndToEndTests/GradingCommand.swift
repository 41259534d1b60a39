import Foundation

/// Runs the built `grade` executable as a subprocess, the way students, instructors and CI do.
///
/// The executable is `$GRADE_EXECUTABLE` when set, otherwise `<package root>/.build/debug/grade`,
/// which `swift build` produces. The command runs in the package root, so assignment names and
/// relative submission paths resolve as they do for a user at the top of the repository.
enum GradingCommand {
    /// What one invocation of `grade` left behind.
    struct Outcome: Sendable {
        /// The arguments after `grade`.
        var arguments: [String]
        /// The exit status (0 passed, 1 failures, 2 could not grade), or the signal number when
        /// `killedBySignal` is true.
        var status: Int32
        /// True when the process ended on a signal rather than by exiting.
        var killedBySignal: Bool
        /// Everything printed to standard output: the console report.
        var standardOutput: String
        /// Everything printed to standard error.
        var standardError: String
        /// Wall-clock seconds the command took.
        var seconds: Double

        /// The command line, for messages.
        var commandLine: String { (["grade"] + arguments).joined(separator: " ") }
    }

    /// A reason the command could not be run or did not finish.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `grade` package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable under test.
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["GRADE_EXECUTABLE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent(".build/debug/grade")
    }

    /// Runs `grade` with `arguments` in the package root and waits for it, at most `timeout` seconds.
    ///
    /// Output goes to files rather than pipes, so a command that prints a lot never blocks on a
    /// full pipe. `GITHUB_STEP_SUMMARY` is removed from the environment so that runs made by the
    /// tests never land in a CI job's summary.
    static func run(_ arguments: [String], timeout: Double = 600) async throws -> Outcome {
        let fileManager = FileManager.default
        guard fileManager.isExecutableFile(atPath: executable.path) else {
            throw Failure(description: "no grade executable at \(executable.path): run `swift build` first, or set GRADE_EXECUTABLE")
        }
        let scratch = fileManager.temporaryDirectory.appendingPathComponent("grade-e2e-output-\(UUID().uuidString)")
        try fileManager.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        _ = fileManager.createFile(atPath: stdoutURL.path, contents: nil)
        _ = fileManager.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["GITHUB_STEP_SUMMARY"] = nil
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr

        let started = Date()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                // Foundation starts the child in its own process group: this also ends its workers.
                if process.isRunning { kill(-pid, SIGKILL) }
            }
        }
        let seconds = Date().timeIntervalSince(started)
        try stdout.close()
        try stderr.close()

        let outcome = Outcome(
            arguments: arguments,
            status: process.terminationStatus,
            killedBySignal: process.terminationReason == .uncaughtSignal,
            standardOutput: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self),
            seconds: seconds)
        if outcome.killedBySignal {
            throw Failure(description: "\(outcome.commandLine) ended on signal \(outcome.status) after \(Int(seconds)) s"
                          + (seconds >= timeout ? " (killed at the \(Int(timeout)) s timeout)" : "")
                          + "\nstderr:\n\(outcome.standardError)")
        }
        return outcome
    }
}
