import Foundation

/// Runs the `grade` executable (or any program) as a subprocess and captures what it did.
///
/// ```swift
/// let result = try GradeCommandRunner().run(["validate", "assignment3"])
/// #expect(result.status == 0)
/// ```
///
/// The executable is `$GRADE_EXECUTABLE` when set, otherwise `<package root>/.build/debug/grade`,
/// which `swift build` produces.
public struct GradeCommandRunner: Sendable {
    /// What one run left behind.
    public struct Result: Sendable {
        /// The exit status, or the signal number when the process was killed.
        public var status: Int32
        /// Everything written to standard output.
        public var standardOutput: String
        /// Everything written to standard error.
        public var standardError: String
        /// True when the run hit its timeout and was killed.
        public var timedOut: Bool
        /// Wall-clock seconds.
        public var seconds: Double

        /// Standard output then standard error, for messages.
        public var combinedOutput: String { standardOutput + standardError }
    }

    /// A run that could not start.
    public struct LaunchFailure: Error, CustomStringConvertible {
        /// Why.
        public var description: String

        /// Creates a failure.
        public init(description: String) { self.description = description }
    }

    /// The grade package root, found from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$GRADE_EXECUTABLE`, or `<package root>/.build/debug/grade`.
    public static var defaultExecutable: URL {
        if let path = ProcessInfo.processInfo.environment["GRADE_EXECUTABLE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent(".build/debug/grade")
    }

    /// The program run.
    public var executable: URL

    /// A runner of `executable` (by default the built `grade`).
    public init(executable: URL = GradeCommandRunner.defaultExecutable) {
        self.executable = executable
    }

    /// Runs the program with `arguments` in `directory` (default: the package root), killing it
    /// after `timeout` seconds. Output goes to files, so a chatty program never blocks on a pipe;
    /// `GITHUB_STEP_SUMMARY` is unset so test runs never write into a CI summary.
    public func run(_ arguments: [String], in directory: URL? = nil, timeout: Double = 600,
                    environment extra: [String: String] = [:]) throws -> Result {
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: executable.path) else {
            throw LaunchFailure(description: "no executable at \(executable.path): run `swift build` first, or set GRADE_EXECUTABLE")
        }
        let scratch = fm.temporaryDirectory.appendingPathComponent("grade-command-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? Self.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["GITHUB_STEP_SUMMARY"] = nil
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let started = Date()
        try process.run()
        let deadline = started.addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      standardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
                      timedOut: timedOut, seconds: Date().timeIntervalSince(started))
    }
}
