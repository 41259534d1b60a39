#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded random number generator (SplitMix64): the same seed gives the same
/// numbers on every machine, so that graded runs are reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// SplitMix64's increment: the state after k draws is the seed plus k times it.
    private static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The generator `draws` draws of ``next()`` further on, at once: the generator that
    /// continues a sequence from its `draws`-th number, so that parts of one sequence can be
    /// drawn side by side.
    public func advanced(by draws: Int) -> SeededGenerator {
        var later = self
        later.state &+= UInt64(truncatingIfNeeded: draws) &* Self.increment
        return later
    }

    /// The draws of ``next()`` one ``nextNormal()`` takes.
    public static let drawsPerNormal = 2

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= Self.increment
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<upperBound`, drawn the same way on every platform.
    public mutating func nextIndex(below upperBound: Int) -> Int {
        GradeKit.require(upperBound > 0, "upperBound must be positive")
        return Int(next() % UInt64(upperBound))
    }

    /// A uniform Double in `[0, 1)` with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal sample by Box–Muller: `√(−2 ln u₁) · cos(2π u₂)`, with `u₁` and `u₂`
    /// two draws of ``nextUnit()`` (`u₁` kept above 0).
    public mutating func nextNormal() -> Double {
        let u1 = Swift.max(nextUnit(), .leastNonzeroMagnitude)
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

extension Matrix {
    /// A `rows × columns` matrix of `mean + scale · N(0, 1)` samples, drawn row-major with
    /// ``SeededGenerator/nextNormal()``, as `mean + scale * np.random.randn(rows, columns)`.
    public static func normal(rows: Int, columns: Int, mean: Double = 0, scale: Double = 1,
                              using generator: inout SeededGenerator) -> Matrix {
        let count = requireShape(rows: rows, columns: columns, when: "drawing a normal matrix")
        let elements = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            generator.fillNormal(buffer, mean: mean, scale: scale)
            initialized = count
        }
        return Matrix(rows: rows, columns: columns, elements: elements)
    }
}

extension SeededGenerator {
    /// Writes `mean + scale · N(0, 1)` samples drawn with ``nextNormal()`` into every entry of
    /// `buffer`, in order: the numbers of ``Matrix/normal(rows:columns:mean:scale:using:)``,
    /// written where the caller wants them.
    package mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, scale: Double) {
        for i in buffer.indices { buffer.initializeElement(at: i, to: mean + scale * nextNormal()) }
    }
}
