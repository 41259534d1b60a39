
/// The seeded source of minibatch indices, as `np.random.choice(N, batch_size)`.
///
/// Indices are drawn uniformly with replacement from `0..<sampleCount`. Every graded
/// training run uses the sampler it is given, so the student's run and the reference's
/// see the same minibatches.
public struct MinibatchSampler: Sendable, Hashable, Codable {
    /// The number of samples N to draw from.
    public let sampleCount: Int
    private var generator: SeededGenerator

    /// Creates a sampler over `sampleCount` samples from a seed.
    public init(sampleCount: Int, seed: UInt64) {
        GradeKit.require(sampleCount > 0, "A sampler needs at least one sample")
        self.sampleCount = sampleCount
        self.generator = SeededGenerator(seed: seed)
    }

    /// The indices of the next minibatch: `size` draws from `0..<sampleCount`, with replacement.
    public mutating func nextBatch(size: Int) -> [Int] {
        (0..<size).map { _ in generator.nextIndex(below: sampleCount) }
    }
}
