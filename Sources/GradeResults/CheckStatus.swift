/// Whether a check passed.
public enum CheckStatus: String, Sendable, Hashable, Codable {
    /// Every comparison held.
    case passed
    /// The code ran and gave a wrong answer (JUnit `failure`).
    case failed
    /// The code crashed, hung, hit a limit or did not build (JUnit `error`).
    case error
    /// The component is not implemented (reported as a failure).
    case notImplemented = "not-implemented"
}
