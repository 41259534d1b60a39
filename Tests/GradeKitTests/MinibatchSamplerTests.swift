import GradeKit
import Testing

/// The seeded generator and the minibatch sampler are reproducible.
@Suite("Seeded sampling")
struct MinibatchSamplerTests {
    @Test func generatorIsSplitMix64() {
        // The published first outputs of SplitMix64 from state 0.
        var generator = SeededGenerator(seed: 0)
        #expect([generator.next(), generator.next(), generator.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test func generatorWithTheSameSeedRepeatsItsSequence() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test func unitDrawsAreInTheHalfOpenUnitInterval() {
        var generator = SeededGenerator(seed: 3)
        #expect((0..<10_000).allSatisfy { _ in (0..<1).contains(generator.nextUnit()) })
    }

    @Test func indexDrawsAreBelowTheBoundAndCoverIt() {
        var generator = SeededGenerator(seed: 4)
        let draws = (0..<10_000).map { _ in generator.nextIndex(below: 7) }
        #expect(draws.allSatisfy { (0..<7).contains($0) })
        #expect(Set(draws) == Set(0..<7))
    }

    @Test func samplerWithTheSameSeedDrawsTheSameBatches() {
        var a = MinibatchSampler(sampleCount: 100, seed: 9), b = MinibatchSampler(sampleCount: 100, seed: 9)
        for size in [32, 64, 128] {
            #expect(a.nextBatch(size: size) == b.nextBatch(size: size))
        }
    }

    @Test func samplerWithAnotherSeedDrawsOtherBatches() {
        var a = MinibatchSampler(sampleCount: 100, seed: 9), b = MinibatchSampler(sampleCount: 100, seed: 10)
        #expect(a.nextBatch(size: 32) != b.nextBatch(size: 32))
    }

    @Test func batchesHaveTheRequestedSizeAndIndicesInRange() {
        var sampler = MinibatchSampler(sampleCount: 5, seed: 1)
        let batch = sampler.nextBatch(size: 64)
        #expect(batch.count == 64)
        #expect(batch.allSatisfy { (0..<5).contains($0) })
    }

    @Test func batchesDrawWithReplacement() {
        var sampler = MinibatchSampler(sampleCount: 3, seed: 2)
        #expect(Set(sampler.nextBatch(size: 32)).count <= 3)
    }

    @Test func successiveBatchesContinueOneSequence() {
        var sampler = MinibatchSampler(sampleCount: 50, seed: 11)
        var generator = SeededGenerator(seed: 11)
        let batches = sampler.nextBatch(size: 4) + sampler.nextBatch(size: 4)
        #expect(batches == (0..<8).map { _ in generator.nextIndex(below: 50) })
    }

    @Test func samplerStateIsAValue() {
        var sampler = MinibatchSampler(sampleCount: 20, seed: 5)
        var copy = sampler
        #expect(sampler.nextBatch(size: 8) == copy.nextBatch(size: 8))
    }
}
