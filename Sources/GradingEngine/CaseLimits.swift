import ComponentRuntime
import GradeResults

/// The limits one case runs under.
public struct CaseLimits: Sendable, Hashable {
    /// Wall-clock seconds.
    public var timeout: Double
    /// CPU seconds.
    public var cpuSeconds: Int
    /// The wall-clock seconds of the whole case, which a timeout message names: a case sent
    /// in several requests gives each what is left of it.
    public var budget: Double

    /// Creates limits; the CPU budget defaults to the timeout rounded up, plus one, and the
    /// case's budget to the timeout.
    public init(timeout: Double, cpuSeconds: Int? = nil, budget: Double? = nil) {
        self.timeout = timeout
        self.cpuSeconds = cpuSeconds ?? Int(timeout.rounded(.up)) + 1
        self.budget = budget ?? timeout
    }
}
