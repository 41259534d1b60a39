import ComponentRuntime
import Foundation
import GradeKit
import Reference
import Testing
import TestSupport

/// The reference against an independent numpy implementation (`Oracle/oracle.py`).
///
/// Every number of every output is compared by `|a − b| / max(|a|, |b|, 1e-3) ≤ 1e-9`:
/// relative 1e-9 for values of size 1e-3 and more, absolute 1e-12 below them.
@Suite("numpy oracle")
struct NumpyOracleTests {
    static let tolerance = 1e-9
    static let floor = 1e-3

    /// One invocation of the reference, and what the oracle needs beyond its inputs.
    struct OracleCase {
        let id: String
        let invocation: Invocation
        var extras: [String: JSONValue] = [:]
    }

    @Test func referenceAgreesWithNumpyOnEveryValueAndGradient() throws {
        let cases = Self.cases()
        let oracle = try Self.runOracle(cases)
        var registry = ComponentRegistry()
        registerComponents(in: &registry)
        let invoker = ComponentInvoker(registry: registry)

        var worst = (error: 0.0, where: "")
        var compared = 0
        var worstByComponent: [String: Double] = [:]
        for c in cases {
            let outputs = try invoker.invoke(c.invocation)
            guard let expected = oracle[c.id] else {
                Issue.record("the oracle returned nothing for \(c.id)")
                continue
            }
            for (name, value) in outputs.sorted(by: { $0.key < $1.key }) {
                guard let numpy = expected[name] else {
                    Issue.record("the oracle has no \(name) for \(c.id)")
                    continue
                }
                let ours = value.numbers, theirs = numpy.numbers
                guard ours.count == theirs.count else {
                    Issue.record("\(c.id) \(name): \(ours.count) numbers, numpy has \(theirs.count)")
                    continue
                }
                for (k, (a, b)) in Swift.zip(ours, theirs).enumerated() {
                    compared += 1
                    let error = a.isFinite && b.isFinite ? relativeError(a, b, floor: Self.floor) : .infinity
                    if error > worst.error { worst = (error, "\(c.id) \(name)[\(k)]: Swift \(a), numpy \(b)") }
                    worstByComponent[c.invocation.component] = Swift.max(worstByComponent[c.invocation.component] ?? 0, error)
                    if error > Self.tolerance {
                        Issue.record("\(c.id) \(name)[\(k)]: Swift \(a), numpy \(b), error \(error) > \(Self.tolerance)")
                    }
                }
            }
        }
        print("oracle worst relative error: \(worst.error) over \(compared) numbers in \(cases.count) cases (\(worst.where))")
        print("oracle worst relative error by component: "
              + worstByComponent.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(compared > 5000)
        #expect(Set(cases.map(\.invocation.component)).count == 23)
    }

    // MARK: - Running the oracle

    static var scriptURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracle/oracle.py")
    }

    /// Writes the cases, runs `python3 oracle.py`, and returns its results by case id.
    static func runOracle(_ cases: [OracleCase]) throws -> [String: JSONValue] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reference-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("input.json"), output = directory.appendingPathComponent("output.json")

        let document = JSONValue.object(["cases": .array(cases.map { c in
            let hyperparameters = try! JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(c.invocation.hyperparameters))
            return .object([
                "id": .string(c.id), "component": .string(c.invocation.component),
                "hyperparameters": hyperparameters,
                "inputs": .object(c.invocation.inputs.mapValues(JSONValue.init)),
                "extras": .object(c.extras),
            ])
        })])
        try JSONEncoder().encode(document).write(to: input)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptURL.path, input.path, output.path]
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw OracleFailure(message: "could not start python3 (\(error)); the oracle needs python3 with numpy")
        }
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleFailure(message: "python3 \(scriptURL.lastPathComponent) exited with status \(process.terminationStatus): \(stderr)")
        }
        let results = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: output))
        guard case .object(let byID)? = results["results"] else {
            throw OracleFailure(message: "the oracle's output has no results object")
        }
        return byID
    }

    /// Why the oracle could not be consulted; the test fails with the message.
    struct OracleFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    // MARK: - The cases

    static func invocation(_ component: String, _ family: ComponentFamily, _ h: Hyperparameters = .init(),
                           _ inputs: Values) -> Invocation {
        Invocation(component: component, family: family, hyperparameters: h, inputs: inputs)
    }

    static func cases() -> [OracleCase] {
        var generator = SeededGenerator(seed: 231)
        var cases: [OracleCase] = []
        func add(_ id: String, _ invocation: Invocation, extras: [String: JSONValue] = [:]) {
            cases.append(OracleCase(id: "\(invocation.component)/\(id)", invocation: invocation, extras: extras))
        }

        // Score losses: random shapes, the lecture's rows, large scores, and a margin of 2.
        let shapes = [(1, 2), (1, 4), (2, 2), (5, 4), (8, 10), (16, 3)]
        let fixed: [(String, Matrix, [Int])] = [
            ("lecture", [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]], [0, 1, 2]),
            ("confident", [[10, -2, 3], [10, 9, 9], [10, -100, -100]], [0, 0, 0]),
            ("large", [[1000, 9, 9, 9], [1000, 9, 9, 9], [-1000, 0, 1000, 3]], [0, 1, 2]),
            ("ties", [[0, 0], [5, 5]], [1, 0]),
        ]
        for name in ["multiclass-svm", "squared-hinge", "softmax"] {
            for (n, c) in shapes {
                for scale in [1.0, 10] {
                    let s = generator.matrix(n, c, in: -3 * scale...3 * scale), y = generator.labels(n, classes: c)
                    add("N\(n)C\(c)x\(Int(scale))", invocation(name, .scoreLoss, .init(), ["scores": .matrix(s), "labels": .integers(y)]))
                }
            }
            for (id, s, y) in fixed { add(id, invocation(name, .scoreLoss, .init(), ["scores": .matrix(s), "labels": .integers(y)])) }
            let s = generator.matrix(6, 5, in: -3...3), y = generator.labels(6, classes: 5)
            add("margin2", invocation(name, .scoreLoss, .init(margin: 2), ["scores": .matrix(s), "labels": .integers(y)]))
        }
        for n in [1, 2, 9, 40] {
            let z = generator.matrix(n, 1, in: -8...8)
            add("N\(n)", invocation("binary-cross-entropy", .scoreLoss, .init(),
                                    ["scores": .matrix(z), "labels": .integers(generator.labels(n, classes: 2))]))
        }
        add("extreme", invocation("binary-cross-entropy", .scoreLoss, .init(), [
            "scores": .matrix(Matrix(column: [1000, -1000, 1000, -1000, 30, -30, 0, 0, 1e-9])),
            "labels": .integers([0, 1, 1, 0, 0, 1, 0, 1, 1])]))

        // Regression losses, with some exact predictions for sign(0).
        for (n, k) in [(1, 1), (4, 3), (12, 2)] {
            let targets = generator.matrix(n, k, in: -2...2)
            var predictions = generator.matrix(n, k, in: -2...2)
            predictions[0, 0] = targets[0, 0]
            for name in ["l2-loss", "l1-loss"] {
                add("N\(n)K\(k)", invocation(name, .regressionLoss, .init(), ["predictions": .matrix(predictions), "targets": .matrix(targets)]))
            }
        }

        // Metric losses, including a zero distance and several margins.
        for (n, d) in [(1, 2), (6, 3), (10, 8)] {
            for margin in [1.0, 2.0] {
                var first = generator.matrix(n, d), second = generator.matrix(n, d)
                if n > 1 { second[row: 1] = first[row: 1] }
                add("N\(n)D\(d)m\(Int(margin))", invocation("contrastive", .pairwiseLoss, .init(margin: margin), [
                    "first": .matrix(first), "second": .matrix(second), "similar": .integers(generator.labels(n, classes: 2))]))
                let a = generator.matrix(n, d), p = generator.matrix(n, d), negatives = generator.matrix(n, d, in: -2...2)
                add("N\(n)D\(d)m\(Int(margin))", invocation("triplet", .tripletLoss, .init(margin: margin), [
                    "anchors": .matrix(a), "positives": .matrix(p), "negatives": .matrix(negatives)]))
            }
        }

        // Distillation at several temperatures and weights, and with large logits.
        for ((n, c), (t, alpha)) in Swift.zip([(1, 2), (5, 4), (3, 10), (8, 3)], [(1.0, 0.5), (4.0, 0.5), (2.0, 0.9), (10.0, 0.1)]) {
            add("N\(n)C\(c)T\(Int(t))", invocation("distillation", .distillationLoss, .init(temperature: t, alpha: alpha), [
                "studentLogits": .matrix(generator.matrix(n, c, in: -5...5)), "teacherLogits": .matrix(generator.matrix(n, c, in: -5...5)),
                "labels": .integers(generator.labels(n, classes: c))]))
        }
        add("large", invocation("distillation", .distillationLoss, .init(), [
            "studentLogits": .matrix([[1000, 9, 9, 9], [0, 0, 0, 0]]), "teacherLogits": .matrix([[9, 1000, 9, 9], [-1000, 1000, 0, 5]]),
            "labels": .integers([2, 3])]))

        // Regularizers, with exact zeros.
        for (r, c) in [(1, 1), (3, 4), (10, 5)] {
            var w = generator.matrix(r, c, in: -3...3)
            w[0, 0] = 0
            for (name, h) in [("l2-regularization", Hyperparameters()), ("l1-regularization", .init()),
                              ("elastic-net", .init(beta: 0.5)), ("elastic-net", .init(beta: 2))] {
                add("\(r)x\(c)b\(h.beta)", invocation(name, .regularizer, h, ["weights": .matrix(w)]))
            }
        }

        // Linear classifiers.
        for (n, d, c) in [(1, 3, 2), (5, 4, 3), (30, 6, 5)] {
            let x = generator.matrix(n, d, in: -2...2), w = generator.matrix(d, c), y = generator.labels(n, classes: c)
            for name in ["linear-svm", "linear-softmax"] {
                for lambda in [0.0, 0.1] {
                    add("N\(n)D\(d)C\(c)l\(lambda)", invocation(name, .linearObjective, .init(regularization: lambda), [
                        "weights": .matrix(w), "inputs": .matrix(x), "labels": .integers(y)]))
                }
            }
        }

        // Numerical gradient of every test function, at two steps.
        for function in TestFunction.all {
            for step in [1e-5, 1e-3] {
                let point = generator.matrix(1, function.requiredCount ?? 6, in: -1.5...1.5)
                add("\(function.name)h\(step)", invocation("numerical-gradient", .numericalGradient, .init(step: step), [
                    "function": .text(function.name), "point": .matrix(point)]))
            }
        }

        // Optimizers: 50 fixed seeded gradients, and 50 steps down the ill-conditioned bowl.
        let gradients = (0..<50).map { _ in generator.matrix(2, 3, in: -2...2) }
        let start = generator.matrix(2, 3)
        let optimizerSettings: [(String, Hyperparameters)] = [
            ("gradient-descent", .init(learningRate: 0.05)), ("momentum", .init(learningRate: 0.02, momentum: 0.9)),
            ("nesterov", .init(learningRate: 0.02, momentum: 0.8)), ("adagrad", .init(learningRate: 0.3, epsilon: 1e-8)),
            ("adagrad", .init(learningRate: 0.3, epsilon: 0.5)), ("rmsprop", .init(learningRate: 0.01, decayRate: 0.99)),
            ("rmsprop", .init(learningRate: 0.01, decayRate: 0.9, epsilon: 1e-4)), ("adam", .init(learningRate: 0.05)),
            ("adam", .init(learningRate: 0.01, beta1: 0.5, beta2: 0.9, epsilon: 1e-6)),
        ]
        for (index, (name, h)) in optimizerSettings.enumerated() {
            add("fixed\(index)", invocation(name, .optimizer, h, ["parameters": .matrix(start), "gradients": .matrices(gradients)]))
            add("bowl\(index)", invocation(name, .optimizer, h, [
                "parameters": .matrix(generator.matrix(1, 7, in: -2...2)), "objective": .text("ill-conditioned-bowl"), "steps": .integers([50])]))
        }

        // Step decay over 51 steps.
        for h in [Hyperparameters(learningRate: 0.1, decayFactor: 0.5, decayEvery: 10), .init(learningRate: 0.3, decayFactor: 0.9, decayEvery: 3)] {
            add("k\(h.decayEvery)", invocation("step-decay", .learningRateSchedule, h, ["steps": .integers(Array(0...50))]))
        }

        // SGD: the oracle gets the sampled indices, drawn with the same seeded sampler.
        for (objective, seed) in [("linear-svm", 7), ("linear-softmax", 8)] {
            let n = 40
            let x = generator.matrix(n, 5, in: -2...2), y = generator.labels(n, classes: 3)
            let h = Hyperparameters(regularization: 0.01, learningRate: 0.1, batchSize: 8, iterations: 50)
            var sampler = MinibatchSampler(sampleCount: n, seed: UInt64(seed))
            let batches = (0..<h.iterations).map { _ in JSONValue.array(sampler.nextBatch(size: h.batchSize).map { .number(Double($0)) }) }
            add(objective, invocation("sgd", .minibatchTrainer, h, [
                "weights": .matrix(generator.matrix(5, 3, in: -0.1...0.1)), "inputs": .matrix(x), "labels": .integers(y),
                "seed": .integers([seed]), "objective": .text(objective)]), extras: ["batches": .array(batches)])
        }
        return cases
    }
}
