import Foundation
import GradeResults

/// A submission after building: how the build went and, when it succeeded, the worker
/// executable that runs the submission's components.
public struct BuiltSubmission: Sendable {
    /// How the build went; `duration` is 0 when a cached build was reused.
    public var outcome: BuildOutcome
    /// The worker executable, when the build succeeded. Pass it to ``WorkerSupervisor``.
    public var executable: URL?
    /// The fingerprint of every input of the build (sources, toolchain, package layout).
    public var fingerprint: String
    /// True when an earlier build with the same fingerprint was reused and `swift build` did not run.
    public var reusedCache: Bool
    /// Names the submission's line where its worker crashed, when the build succeeded.
    public var crashLocator: CrashLocator?

    /// Creates a built submission.
    public init(outcome: BuildOutcome, executable: URL?, fingerprint: String, reusedCache: Bool) {
        self.outcome = outcome
        self.executable = executable
        self.fingerprint = fingerprint
        self.reusedCache = reusedCache
    }
}
