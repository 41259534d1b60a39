import Glibc
import ComponentRuntime
import Foundation
import GradeResults

/// Why a worker gave no usable answer to a request.
public enum WorkerDeath: Error, Sendable, Hashable {
    /// Student code called `notImplemented()`; carries the text of its marker line,
    /// such as `UnfinishedLoss.lossAndGradient (StudentSubmission/Loss.swift:12)`.
    case notImplemented(String)
    /// A signal ended the worker: a Swift trap (SIGILL, SIGTRAP), an abort (SIGABRT), a bad
    /// memory access or stack overflow (SIGSEGV, SIGBUS). Carries the runtime's
    /// `Fatal error: …` line when it printed one.
    case crashed(signal: Int32, fatalError: String?)
    /// The request ran longer than its wall-clock timeout, in seconds, and was killed.
    case timedOut(seconds: Double)
    /// The request used up its CPU budget, in seconds.
    case cpuLimitExceeded(seconds: Int)
    /// An allocation failed under the address-space limit, in bytes; carries the runtime's
    /// message when it printed one.
    case memoryLimitExceeded(bytes: UInt64?, message: String?)
    /// The request printed more than the limit, in bytes, and was killed.
    case outputLimitExceeded(bytes: Int)
    /// The worker exited, with this status, without answering (for example `exit(0)` in student code).
    case exitedWithoutResult(status: Int32)
    /// The worker answered something that is not the answer to this request (a corrupt,
    /// oversized or forged result line).
    case malformedResult(String)
    /// The worker executable could not be started.
    case couldNotStart(String)
    /// The submission's worker never got ready (registration or an initializer crashed or
    /// ran past the start-up timeout); reported once, for every case.
    case startupFailed(String)
    /// A worker could not be confined as the sandbox promised; grading stops.
    case sandboxViolation(String)

    /// The problem a report files this death under.
    public var problem: Problem {
        switch self {
        case .notImplemented: .notImplemented
        case .crashed: .crash
        case .timedOut: .timeout
        case .cpuLimitExceeded: .cpuLimit
        case .memoryLimitExceeded: .memoryLimit
        case .outputLimitExceeded: .outputLimit
        case .exitedWithoutResult, .malformedResult, .couldNotStart: .missingResult
        case .startupFailed: .startupFailure
        case .sandboxViolation: .sandboxFailure
        }
    }

    /// One line a student can act on.
    public var reason: String {
        switch self {
        case .notImplemented(let text):
            return "not implemented: \(text)"
        case .crashed(let signal, let fatalError):
            let name = SignalName.of(signal)
            if let fatalError { return "crashed with \(name): \(fatalError)" }
            switch signal {
            case SIGSEGV, SIGBUS:
                return "crashed with \(name): invalid memory access, or a stack overflow from recursion that never ends"
            case SIGILL, SIGTRAP:
                return "crashed with \(name): a Swift runtime check failed (index out of range, integer overflow, force-unwrapped nil…)"
            case SIGFPE:
                return "crashed with \(name): an arithmetic error such as integer division by zero"
            case SIGKILL:
                return "was killed with \(name) from outside the grader (the machine may have run out of memory)"
            default:
                return "crashed with \(name)"
            }
        case .timedOut(let seconds):
            return "did not finish within \(Self.format(seconds)) s (an infinite loop, or far too slow)"
        case .cpuLimitExceeded(let seconds):
            return "used more than its CPU budget of \(seconds) s (an infinite loop, or far too slow)"
        case .memoryLimitExceeded(let bytes, let message):
            let limit = bytes.map { " of \(Self.format(Double($0) / Double(1 << 20))) MiB" } ?? ""
            return "ran out of memory: an allocation failed under the memory limit\(limit)" + (message.map { " (\($0))" } ?? "")
        case .outputLimitExceeded(let bytes):
            return "printed more than \(Self.format(Double(bytes) / Double(1 << 20))) MiB and was stopped; remove debugging output"
        case .exitedWithoutResult(let status):
            return "ended the process (exit status \(status)) before returning a result; do not call exit()"
        case .malformedResult(let detail):
            return "returned an answer the grader cannot trust: \(detail)"
        case .couldNotStart(let detail):
            return "the worker process could not start: \(detail)"
        case .startupFailed(let detail):
            return detail
        case .sandboxViolation(let detail):
            return "the sandbox could not be verified: \(detail)"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
