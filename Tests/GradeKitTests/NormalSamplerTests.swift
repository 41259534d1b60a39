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

    /// The method as the documentation of `nextNormal()` states it, written out here on its own
    /// from SplitMix64's `next()`: the samples must be these bits, whichever vector
    /// instructions the processor has, so that an input drawn in the grader and in a worker
    /// is the same, and a recorded expected value stays true.
    struct TextbookZiggurat {
        var generator: SeededGenerator
        static let r = 3.442619855899, v = 9.91256303526217e-3
        static let x: [Double] = {
            var x = [Double](repeating: 0, count: 129)
            var f = exp(-0.5 * r * r)
            x[0] = v / f
            x[1] = r
            for i in 2..<128 {
                x[i] = (-2 * log(v / x[i - 1] + f)).squareRoot()
                f = exp(-0.5 * x[i] * x[i])
            }
            return x
        }()

        mutating func unit() -> Double { Double(generator.next() >> 11) * 0x1.0p-53 }

        mutating func normal() -> Double {
            let x = Self.x
            while true {
                let bits = generator.next()
                let u = Double(bits >> 11) * 0x1.0p-52 - 1
                let i = Int(bits & 127)
                if abs(u) * x[i] < x[i + 1] { return u * x[i] }
                if i == 0 {
                    var a: Double, b: Double
                    repeat {
                        a = log(max(unit(), .leastNonzeroMagnitude)) / Self.r
                        b = log(max(unit(), .leastNonzeroMagnitude))
                    } while -2 * b < a * a
                    return u < 0 ? a - Self.r : Self.r - a
                }
                let t = u * x[i]
                let inner = exp(-0.5 * (x[i] * x[i] - t * t)), outer = exp(-0.5 * (x[i + 1] * x[i + 1] - t * t))
                if outer + unit() * (inner - outer) < 1 { return t }
            }
        }
    }

    @Test(arguments: [(11, 0.0, 1.0), (12, -3.5, 0.001), (4242, 2.0, 7.0)] as [(UInt64, Double, Double)])
    func aDrawIsBitForBitTheTextbookMethod(seed: UInt64, mean: Double, scale: Double) {
        // 300,000 samples pass through every path: about 3,000 wedge rejections and 80 tail draws.
        var random = SeededGenerator(seed: seed)
        let drawn = Matrix.normal(rows: 600, columns: 500, mean: mean, scale: scale, using: &random).elements
        var textbook = TextbookZiggurat(generator: SeededGenerator(seed: seed))
        let expected = (0..<drawn.count).map { _ in mean + scale * textbook.normal() }
        let differing = drawn.indices.filter { drawn[$0].bitPattern != expected[$0].bitPattern }
        #expect(differing.count == 0, "\(differing.count) samples differ, the first at \(differing.first ?? -1)")
        #expect(drawn.count { abs(($0 - mean) / scale) > TextbookZiggurat.r } > 20, "the tail method ran")
        // The generator is left where the textbook's is: the draws after are the same too.
        #expect(random.next() == textbook.generator.next())
        #expect(random.nextNormal().bitPattern == textbook.normal().bitPattern)
    }
}
