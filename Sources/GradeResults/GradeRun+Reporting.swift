/// Counts and classifications the report writers share, so that every report agrees on them.
extension CheckStatus {
    /// True for the statuses JUnit reports as a `failure`: a wrong answer or a missing implementation.
    public var isJUnitFailure: Bool { self == .failed || self == .notImplemented }
}

extension CheckResult {
    /// The kind of problem as reports name it: the `Problem` raw value, or one derived from the
    /// status when the engine gave none (`nil` for a passed check).
    public var problemName: String? {
        if let problem { return problem.rawValue }
        switch status {
        case .passed: return nil
        case .failed: return "failure"
        case .error: return "error"
        case .notImplemented: return Problem.notImplemented.rawValue
        }
    }
}

extension GradeRun {
    /// True when `check` never ran because the submission did not compile: one cause, the
    /// build's, which reports state once (JUnit's build test) rather than once a case.
    public func neverRan(_ check: CheckResult) -> Bool { !build.succeeded && check.problem == .buildFailure }

    /// The number of checks in all.
    public var checkCount: Int { components.reduce(0) { $0 + $1.checks.count } }
}
