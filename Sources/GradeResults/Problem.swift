/// What went wrong, as the JUnit `type` attribute and report tags name it.
public enum Problem: String, Sendable, Hashable, Codable, CaseIterable {
    // Failures: the code ran.
    case wrongValue = "wrong-value"
    case wrongGradient = "wrong-gradient"
    case wrongShape = "wrong-shape"
    case nonFinite = "non-finite"
    case propertyViolated = "property-violated"
    case didNotConverge = "did-not-converge"
    case tooSlow = "too-slow"
    case notImplemented = "not-implemented"
    // Errors: the code did not finish.
    case crash
    case timeout
    case cpuLimit = "cpu-limit"
    case memoryLimit = "memory-limit"
    case outputLimit = "output-limit"
    case missingResult = "missing-result"
    case buildFailure = "build-failure"
    case startupFailure = "startup-failure"
    case sandboxFailure = "sandbox-failure"
    case dependencyFailed = "dependency-failed"

    /// True for the problems that are errors rather than failures.
    public var isError: Bool {
        switch self {
        case .crash, .timeout, .cpuLimit, .memoryLimit, .outputLimit, .missingResult, .buildFailure, .startupFailure, .sandboxFailure: true
        default: false
        }
    }
}
