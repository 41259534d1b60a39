import ComponentRuntime
import GradeResults

/// The limits one case runs under.
public struct CaseLimits: Sendable, Hashable {
    /// Wall-clock seconds.
    public var timeout: Double
    /// CPU seconds.
    public var cpuSeconds: Int

    /// Creates limits; the CPU budget defaults to the timeout rounded up, plus one.
    public init(timeout: Double, cpuSeconds: Int? = nil) {
        self.timeout = timeout
        self.cpuSeconds = cpuSeconds ?? Int(timeout.rounded(.up)) + 1
    }
}
