/// How much isolation grading insists on.
public enum SandboxMode: String, Sendable, Hashable, CaseIterable {
    /// Every layer of ``IsolationLayer`` that is required must be established and verified, or
    /// grading is refused. The default under `CI=true`: a course's grader must not run
    /// student code half-confined.
    case strict
    /// Apply every layer the host allows and report what held; for a student at their desk.
    case auto
    /// Run workers unconfined (resource limits and timeouts still apply from outside).
    case off

    /// `strict` when the environment says it is CI (`CI=true`), otherwise `auto`.
    public static func `default`(environment: [String: String]) -> SandboxMode {
        environment["CI"]?.lowercased() == "true" ? .strict : .auto
    }
}
