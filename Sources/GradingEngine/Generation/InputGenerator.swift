import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit

/// Turns a case's input specifications into values: literals as written, generators
/// from the case's seed, so that the same case always gets the same inputs.
public struct InputGenerator: Sendable {
    /// Mixed into every case's seed; `--seed` sets it to get fresh inputs.
    public let runSeed: UInt64

    /// Creates a generator for a run.
    public init(runSeed: UInt64 = 0) { self.runSeed = runSeed }

    /// The seed a case's generators start from.
    public func seed(for testCase: TestCase) -> UInt64 {
        // Recorded outputs are for the inputs of the case's own seed.
        runSeed == 0 || testCase.inputsFingerprint != nil ? testCase.seed : testCase.seed ^ (runSeed &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The values of every input of a case. Each generated input has a generator of its own,
    /// seeded from the case's seed and the input's name, so adding an input never changes the others.
    public func inputs(for testCase: TestCase) -> Values {
        drawn(for: testCase).inputs
    }

    /// ``inputs(for:)``, and the large normal matrices among them with their recipes, which
    /// a worker draws itself instead of reading (``DrawnMatrix``). Those are deferred: drawn
    /// here only when something in the grader reads an entry (the reference, a comparison, a
    /// fingerprint), never for a check that only sends them, such as a gradient check.
    public func drawn(for testCase: TestCase) -> (inputs: Values, recipes: [DrawnMatrix]) {
        let caseSeed = seed(for: testCase)
        var values: Values = [:]
        var recipes: [DrawnMatrix] = []
        for (name, spec) in testCase.inputs {
            switch spec {
            case .literal(let value): values[name] = value
            case .generated(let generatorSpec):
                let seed = Self.inputSeed(caseSeed, name)
                if let recipe = Self.recipe(of: generatorSpec, seed: seed), case .normal(let rows, let columns, _, _) = generatorSpec {
                    let drawn = DrawnMatrix(deferring: recipe, rows: rows, columns: columns)
                    values[name] = .matrix(drawn.matrix)
                    recipes.append(drawn)
                } else {
                    var generator = SeededGenerator(seed: seed)
                    values[name] = Self.generate(generatorSpec, using: &generator)
                }
            }
        }
        return (values, recipes)
    }

    /// The recipes of the inputs ``drawn(for:)`` gives as ``DrawnMatrix``, without drawing them.
    public func recipes(for testCase: TestCase) -> [DrawnMatrix.Recipe] {
        let caseSeed = seed(for: testCase)
        return testCase.inputs.compactMap { name, spec in
            guard case .generated(let generatorSpec) = spec else { return nil }
            return Self.recipe(of: generatorSpec, seed: Self.inputSeed(caseSeed, name))
        }
    }

    /// How an input of `spec` drawn from a generator seeded with `seed` is drawn again, when it
    /// is a normal matrix of at least ``DrawnMatrix/smallestEntries`` entries: those are the
    /// first draws of the input's own generator.
    static func recipe(of spec: Generator, seed: UInt64) -> DrawnMatrix.Recipe? {
        guard case .normal(let rows, let columns, let mean, let scale) = spec, rows >= 0, columns >= 0 else { return nil }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, count >= DrawnMatrix.smallestEntries else { return nil }
        return DrawnMatrix.Recipe(seed: seed, mean: mean, scale: scale, count: count)
    }

    /// The seed of one input: the case's seed mixed with the FNV-1a hash of the input's name.
    static func inputSeed(_ caseSeed: UInt64, _ name: String) -> UInt64 {
        caseSeed ^ FNV1a.hash(name)
    }

    /// One generated value.
    public static func generate(_ spec: Generator, using generator: inout SeededGenerator) -> Value {
        switch spec {
        case .normal(let rows, let columns, let mean, let scale):
            return .matrix(Matrix.normal(rows: rows, columns: columns, mean: mean, scale: scale, using: &generator))
        case .uniform(let rows, let columns, let low, let high):
            return .matrix(Matrix(rows: rows, columns: columns,
                                  elements: (0..<(rows * columns)).map { _ in low + (high - low) * generator.nextUnit() }))
        case .labels(let count, let classes):
            return .integers((0..<count).map { _ in generator.nextIndex(below: Swift.max(classes, 1)) })
        case .normalList(let count, let rows, let columns, let scale):
            return .matrices((0..<count).map { _ in Matrix.normal(rows: rows, columns: columns, mean: 0, scale: scale, using: &generator) })
        }
    }

    /// A labelled dataset of Gaussian blobs with a constant 1 appended to each sample (the
    /// bias trick), so a linear classifier without a bias can separate it.
    ///
    /// Class centres sit evenly on a circle of radius `separation` in the first two features
    /// (in a random plane when there are more), so no two classes land on top of each other
    /// whatever the seed; the noise around each centre is N(0, 1).
    public static func blobs(samples: Int, features: Int, classes: Int, separation: Double,
                             using generator: inout SeededGenerator) -> (inputs: Matrix, labels: [Int]) {
        let plane = orthonormalPair(dimension: features, using: &generator)
        var elements: [Double] = []
        var labels: [Int] = []
        for i in 0..<samples {
            let label = i % classes
            labels.append(label)
            let angle = 2 * Double.pi * Double(label) / Double(Swift.max(classes, 1))
            for j in 0..<features {
                let centre = separation * (Foundation.cos(angle) * plane.0[j] + Foundation.sin(angle) * plane.1[j])
                elements.append(centre + generator.nextNormal())
            }
            elements.append(1)
        }
        return (Matrix(rows: samples, columns: features + 1, elements: elements), labels)
    }

    /// Two random orthonormal vectors (Gram–Schmidt); the first two axes when `dimension` < 2.
    private static func orthonormalPair(dimension: Int, using generator: inout SeededGenerator) -> ([Double], [Double]) {
        guard dimension >= 2 else { return ([1] + Array(repeating: 0, count: Swift.max(dimension - 1, 0)), Array(repeating: 0, count: dimension)) }
        func normalized(_ v: [Double]) -> [Double] {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / norm }
        }
        let u = normalized((0..<dimension).map { _ in generator.nextNormal() })
        var v = (0..<dimension).map { _ in generator.nextNormal() }
        let projection = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
        v = normalized(zip(v, u).map { $0 - projection * $1 })
        return (u, v)
    }
}
