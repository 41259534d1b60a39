import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a build tool to completion and collects its merged output.
enum ToolRunner {
    /// What a tool run produced.
    struct Result: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended the tool.
        var status: Int32
        /// Standard output and standard error, interleaved.
        var output: String
        /// True when the run was killed at its deadline.
        var timedOut: Bool
    }

    /// Runs `arguments` through `/usr/bin/env` (so `swift` is found on `PATH`) in `directory`.
    ///
    /// A tool still running after `timeout` seconds is killed with its whole process
    /// group: `swift build` starts compiler processes that would otherwise outlive it.
    static func run(_ arguments: [String], in directory: URL? = nil, timeout: Double) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Result(status: 127, output: "could not start \(arguments.joined(separator: " ")): \(error)", timedOut: false)
        }
        let pid = process.processIdentifier
        let expired = TimeoutFlag()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + timeout)
        timer.setEventHandler {
            expired.set()
            // Foundation's Process starts the child in its own process group.
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
        timer.resume()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Result(status: status, output: String(decoding: data, as: UTF8.self), timedOut: expired.isSet)
    }
}

/// A flag set once from a timer and read afterwards.
private final class TimeoutFlag: Sendable {
    private let storage = Atomic(false)
    func set() { storage.store(true, ordering: .relaxed) }
    var isSet: Bool { storage.load(ordering: .relaxed) }
}
