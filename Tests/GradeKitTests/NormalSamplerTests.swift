import Foundation
import GradeKit
import Testing

/// `SeededGenerator.nextNormal()` is a ziggurat: its samples must be standard normal in the
/// bulk (the fast path), in the wedges (the rejection step) and in the tail beyond r ≈ 3.44
/// (Marsaglia's tail method). Each seed is fixed, so each test is one draw from a statistical
/// test whose false-alarm rate is about 1e-3: a sampler off in any part of its range fails it.
@Suite("Normal samples")
struct NormalSamplerTests {
    static let count = 400_000

    static func samples(seed: UInt64) -> [Double] {
        var random = SeededGenerator(seed: seed)
        return Matrix.normal(rows: 1, columns: count, using: &random).elements
    }

    /// The standard normal distribution function.
    static func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func theSamplesPassKolmogorovSmirnov(seed: UInt64) {
        let sorted = Self.samples(seed: seed).sorted()
        let n = Double(sorted.count)
        var distance = 0.0
        for (i, x) in sorted.enumerated() {
            let f = Self.phi(x)
            distance = max(distance, abs(f - Double(i) / n), abs(Double(i + 1) / n - f))
        }
        // The critical value of the one-sample test at α = 0.001 is 1.95/√n.
        #expect(distance < 1.95 / n.squareRoot(), "Kolmogorov–Smirnov distance \(distance) over \(sorted.count) samples")
    }

    @Test func theMomentsAreThoseOfTheStandardNormal() {
        let x = Self.samples(seed: 4)
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let variance = x.reduce(0) { $0 + $1 * $1 } / n
        let fourth = x.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n
        let third = x.reduce(0) { $0 + $1 * $1 * $1 } / n
        // Standard errors: 1/√n, √(2/n), √(15/n), √(96/n); 3.3 of each.
        #expect(abs(mean) < 3.3 / n.squareRoot())
        #expect(abs(variance - 1) < 3.3 * (2 / n).squareRoot())
        #expect(abs(third) < 3.3 * (15 / n).squareRoot())
        #expect(abs(fourth - 3) < 3.3 * (96 / n).squareRoot())
    }

    @Test func theTailBeyondTheZigguratIsAsLikelyAsTheNormalsAndSymmetric() {
        // Beyond |x| = 3.4426 every sample comes from the tail method, beyond 4 the deep tail.
        let x = Self.samples(seed: 5) + Self.samples(seed: 6)
        let n = Double(x.count)
        for edge in [3.442619855899, 4.0] {
            let expected = 2 * (1 - Self.phi(edge)) * n
            let above = Double(x.count { $0 > edge }), below = Double(x.count { $0 < -edge })
            // Poisson counts: within 3.3 standard deviations.
            #expect(abs(above + below - expected) < 3.3 * expected.squareRoot(), "\(above + below) beyond ±\(edge), expected \(expected)")
            #expect(abs(above - below) < 3.3 * (above + below).squareRoot(), "\(above) above \(edge), \(below) below −\(edge)")
        }
    }

    @Test func everySampleIsFiniteAndTheSameSeedGivesTheSameSamples() {
        let x = Self.samples(seed: 7)
        #expect(x.allSatisfy { $0.isFinite })
        #expect(x.map(\.bitPattern) == Self.samples(seed: 7).map(\.bitPattern))
        var one = SeededGenerator(seed: 7)
        let firstTen = (0..<10).map { _ in one.nextNormal() }
        #expect(firstTen == Array(x.prefix(10)))
    }
}
