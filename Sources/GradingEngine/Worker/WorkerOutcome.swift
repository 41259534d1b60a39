import Glibc

import ComponentRuntime
import Foundation
import GradeResults

/// How one request to a worker ended: with results, or with the worker's death.
public enum WorkerOutcome: Sendable {
    /// The worker answered: one result per invocation it ran (it stops at the first failure).
    case completed([WorkerResult], output: CapturedOutput)
    /// The worker died or was killed before it answered, or its answer could not be trusted.
    case died(WorkerDeath, output: CapturedOutput)

    /// What student code printed while the request ran.
    public var output: CapturedOutput {
        switch self {
        case .completed(_, let output), .died(_, let output): output
        }
    }

    /// The death, if the worker did not answer.
    public var death: WorkerDeath? {
        if case .died(let death, _) = self { death } else { nil }
    }
}
