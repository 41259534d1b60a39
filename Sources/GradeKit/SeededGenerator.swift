import CMatrixKernel

/// A seeded random number generator (SplitMix64): the same seed gives the same
/// numbers on every machine, so that graded runs are reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// SplitMix64's increment: each draw adds it to the state.
    private static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

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

    /// A standard normal sample by the ziggurat method (Marsaglia and Tsang, 2000, in
    /// Doornik's form, 2005, with 128 layers of equal area `v`).
    ///
    /// One ``next()`` gives a layer `i` (its low 7 bits) and `u = 2·U − 1` in `[−1, 1)` (its high
    /// 53 bits, `U` as in ``nextUnit()``). When `|u| < xᵢ₊₁ / xᵢ`, as in about 99% of draws, the
    /// sample is `u·xᵢ`. Otherwise, in layer 0, the tail beyond `r = x₁` is drawn by Marsaglia's
    /// method (`a = ln(U₁)/r`, `b = ln(U₂)` until `−2b ≥ a²`; the sample is `±(r − a)`); in any
    /// other layer `t = u·xᵢ` is the sample if `f(xᵢ₊₁) + U·(f(xᵢ) − f(xᵢ₊₁)) < f(t)` with
    /// `f(x) = e^(−x²/2)`, and the draw starts again if not. Computed in C
    /// (`grade_next_normal`), the one implementation of the method, which a large draw runs in a
    /// loop compiled for the processor's vector instructions.
    public mutating func nextNormal() -> Double {
        grade_next_normal(&state)
    }

    /// Writes `mean + scale · N(0, 1)` samples drawn with ``nextNormal()`` into every entry of
    /// `buffer`, in order: the same bits as that many calls.
    fileprivate mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, scale: Double) {
        guard let base = buffer.baseAddress else { return }
        grade_fill_normal(&state, base, buffer.count, mean, scale)
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
