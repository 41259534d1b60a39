import ComponentRuntime
import GradeKit
import GradeResults

/// A training run that must reach an accuracy on a seeded synthetic dataset.
public struct ConvergenceSpec: Sendable, Hashable {
    /// Samples in the dataset.
    public var samples: Int
    /// Features D of each sample.
    public var features: Int
    /// Classes C.
    public var classes: Int
    /// The distance between class centres, in units of the noise.
    public var separation: Double
    /// The linear-objective component the trainer minimises, such as `linear-softmax`.
    public var objective: String
    /// The training accuracy the trained weights must reach, in [0, 1].
    public var minimumAccuracy: Double

    /// Creates a convergence specification.
    public init(samples: Int, features: Int, classes: Int, separation: Double, objective: String, minimumAccuracy: Double) {
        self.samples = samples
        self.features = features
        self.classes = classes
        self.separation = separation
        self.objective = objective
        self.minimumAccuracy = minimumAccuracy
    }
}
