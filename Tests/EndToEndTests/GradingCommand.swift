import Foundation
import TestSupport

/// The `grade` command as the end-to-end tests run it: the built executable, through
/// ``GradeCommandRunner``, in the package root.
enum GradingCommand {
    /// What one run printed and how it exited.
    typealias Outcome = GradeCommandRunner.Result

    /// A command that did not finish, or a report that is missing or unreadable.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `grade` package root.
    static var packageRoot: URL { GradeCommandRunner.packageRoot }

    /// Runs `grade` with `arguments` and waits for it, at most `timeout` seconds.
    ///
    /// The run waits on a thread of its own, so that several runs in flight hold no thread of
    /// Swift's concurrency pool (two threads on a two-core machine).
    static func run(_ arguments: [String], timeout: Double = 600, environment: [String: String] = [:]) async throws -> Outcome {
        let outcome = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Outcome, any Error>) in
            Thread.detachNewThread {
                continuation.resume(with: Result { try GradeCommandRunner().run(arguments, timeout: timeout, environment: environment) })
            }
        }
        if outcome.timedOut {
            throw Failure(description: "grade \(arguments.joined(separator: " ")) was killed after \(Int(timeout)) s\n"
                          + "stderr:\n\(outcome.standardError)")
        }
        return outcome
    }
}
