import ComponentRuntime
import GradeKit
import Reference
import TestSupport
import Testing

/// The catalogue of known mistakes: every mutant is registered under `component/mistake`,
/// belongs to its component's family, and is a real mistake: on inputs that exercise it, its
/// outputs differ from the reference's.
@Suite("Known mistakes")
struct KnownMistakeTests {
    static let keys = knownMistakes.map(\.key)

    static var mistakeRegistry: ComponentRegistry {
        var registry = ComponentRegistry()
        registerKnownMistakes(in: &registry)
        return registry
    }

    /// The component part of `component/mistake`.
    static func component(of key: String) -> String { String(key.split(separator: "/", maxSplits: 1)[0]) }

    // MARK: - The catalogue

    @Test func everyCataloguedKeyIsRegisteredAndEveryRegistrationCatalogued() {
        #expect(Set(Self.mistakeRegistry.entries.keys) == Set(Self.keys))
    }

    @Test func keysAreUnique() {
        #expect(Set(Self.keys).count == Self.keys.count)
    }

    @Test func keysNameAComponentAndALowercaseDashedMistake() {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        for key in Self.keys {
            let parts = key.split(separator: "/", omittingEmptySubsequences: false)
            #expect(parts.count == 2, "\(key)")
            guard parts.count == 2 else { continue }
            #expect(RegistrationTests.families[String(parts[0])] != nil, "\(key) names no component")
            #expect(!parts[1].isEmpty && parts[1].allSatisfy { allowed.contains($0) }, "\(key)")
        }
    }

    @Test func everyComponentHasAtLeastThreeMistakes() {
        for component in RegistrationTests.families.keys.sorted() {
            let count = Self.keys.filter { Self.component(of: $0) == component }.count
            #expect(count >= 3, "\(component) has \(count) known mistakes")
        }
    }

    @Test func theCatalogueHoldsAtLeastSeventyMistakes() {
        #expect(Self.keys.count >= 70)
    }

    @Test func conventionsAreCataloguedMutants() {
        #expect(knownConventions.isSubset(of: Set(Self.keys)))
        #expect(knownConventions.contains("adagrad/epsilon-outside-root"))
        #expect(knownConventions.contains("adam/efficient-form"))
    }

    @Test func everyMistakeHasAnExplanationSentenceAndAnIdea() {
        for mistake in knownMistakes {
            #expect(mistake.explanation.hasSuffix("."), "\(mistake.key)")
            #expect(!mistake.idea.isEmpty, "\(mistake.key)")
        }
    }

    @Test func theFirstFiveExplanationsKeepTheirWording() {
        let wording: [(key: String, explanation: String)] = [
            ("adagrad/epsilon-outside-root",
             "You add ε outside the square root, α·g / (sqrt(n) + ε): a common convention, but this course uses the lecture's α·g / sqrt(n + ε)."),
            ("adam/no-bias-correction",
             "Your Adam skips bias correction: divide m by (1 − β1ᵗ) and v by (1 − β2ᵗ), with t starting at 1."),
            ("momentum/nesterov-update",
             "This is Nesterov's update (W ← W − ρ v_prev + (1 + ρ) v), but the component is plain momentum: v ← ρv − αg; W ← W + v."),
            ("nesterov/plain-momentum-update",
             "This is plain momentum (W ← W + v), but the component is Nesterov: W ← W − ρ v_prev + (1 + ρ) v."),
            ("rmsprop/epsilon-inside-root",
             "You put ε inside the square root; RMSProp here divides by (sqrt(c) + ε)."),
        ]
        for (key, explanation) in wording {
            let catalogued = knownMistakes.first { $0.key == key }?.explanation
            #expect(catalogued == explanation, "\(key)")
        }
    }

    @Test(arguments: keys)
    func mutantBelongsToItsComponentsFamily(key: String) {
        let family = RegistrationTests.registry[Self.component(of: key)]?.family
        #expect(family != nil)
        #expect(Self.mistakeRegistry[key]?.family == family)
    }

    // MARK: - No mutant is secretly the reference

    @Test(arguments: keys)
    func mutantOutputsDifferFromTheReferences(key: String) throws {
        let component = Self.component(of: key)
        let family = try #require(RegistrationTests.families[component])
        let mutant = try #require(Self.mistakeRegistry[key])
        let invocation = Invocation(component: component, family: family,
                                    hyperparameters: MistakeInputs.hyperparameters(for: family),
                                    inputs: MistakeInputs.inputs(for: key, family: family))
        let reference = RegistrationTests.registry
        var withMistake = reference
        withMistake.register(component, mutant.type)
        let expected = try ComponentInvoker(registry: reference).invoke(invocation)
        let replayed = try ComponentInvoker(registry: withMistake).invoke(invocation)
        #expect(expected.values.allSatisfy { $0.numbers.allSatisfy { $0.isFinite } }, "the reference is not finite on these inputs")
        // A Float computation differs from the reference by about 1e-7 relative.
        let relativeTolerance = key.hasSuffix("/float-precision") ? 1e-12 : 1e-9
        #expect(MistakeInputs.differ(replayed, from: expected, relativeTolerance: relativeTolerance),
                "\(key) gives the reference's outputs")
    }

    /// The comparison above is not vacuous: the reference replayed as its own mutant does not differ.
    @Test(arguments: RegistrationTests.families.keys.sorted())
    func theReferenceDoesNotDifferFromItself(component: String) throws {
        let family = try #require(RegistrationTests.families[component])
        let invocation = Invocation(component: component, family: family,
                                    hyperparameters: MistakeInputs.hyperparameters(for: family),
                                    inputs: MistakeInputs.inputs(for: "\(component)/none", family: family))
        let invoker = ComponentInvoker(registry: RegistrationTests.registry)
        let first = try invoker.invoke(invocation), second = try invoker.invoke(invocation)
        #expect(!MistakeInputs.differ(second, from: first, relativeTolerance: 1e-12))
    }

    /// Mutants that change the loss and carry the derivative of the changed loss: their gradient
    /// is that of their own loss, so the catalogue's formulas are what the code does.
    static let derivedGradients = [
        "multiclass-svm/includes-correct-class", "squared-hinge/includes-correct-class", "binary-cross-entropy/labels-swapped",
        "contrastive/squared-distance", "contrastive/labels-swapped", "contrastive/missing-hinge",
        "triplet/squared-distance", "triplet/missing-hinge", "triplet/positive-negative-swapped",
        "distillation/missing-t-squared", "distillation/kl-direction-swapped", "distillation/hard-term-at-temperature",
        "l2-regularization/norm-not-squared", "elastic-net/beta-on-l1-term", "l1-regularization/no-absolute-value",
    ]

    @Test(arguments: derivedGradients)
    func derivedGradientIsTheDerivativeOfTheMutantsOwnLoss(key: String) throws {
        let type = try #require(Self.mistakeRegistry[key]?.type)
        let family = try #require(RegistrationTests.families[Self.component(of: key)])
        let h = MistakeInputs.hyperparameters(for: family)
        let inputs = MistakeInputs.inputs(for: key, family: family)
        func matrix(_ name: String) -> Matrix {
            if case .matrix(let m)? = inputs[name] { return m }
            Issue.record("\(key): no matrix \(name)")
            return .zeros(0, 0)
        }
        func integers(_ name: String) -> [Int] {
            if case .integers(let v)? = inputs[name] { return v }
            Issue.record("\(key): no integers \(name)")
            return []
        }
        switch type {
        case let loss as any ScoreLoss.Type:
            let c = loss.init(hyperparameters: h), s = matrix("scores"), y = integers("labels")
            expectGradientsAgree(analytic: c.lossAndGradient(scores: s, labels: y).gradient,
                                 numeric: centeredDifference(of: { c.lossAndGradient(scores: $0, labels: y).loss }, at: s),
                                 tolerance: 1e-6, floor: 1e-8, "\(key)")
        case let loss as any PairwiseLoss.Type:
            let c = loss.init(hyperparameters: h), a = matrix("first"), b = matrix("second"), y = integers("similar")
            let result = c.lossAndGradients(first: a, second: b, similar: y)
            expectGradientsAgree(analytic: result.gradientFirst,
                                 numeric: centeredDifference(of: { c.lossAndGradients(first: $0, second: b, similar: y).loss }, at: a),
                                 tolerance: 1e-6, floor: 1e-8, "\(key) ∂/∂r0")
            expectGradientsAgree(analytic: result.gradientSecond,
                                 numeric: centeredDifference(of: { c.lossAndGradients(first: a, second: $0, similar: y).loss }, at: b),
                                 tolerance: 1e-6, floor: 1e-8, "\(key) ∂/∂r1")
        case let loss as any TripletLoss.Type:
            let c = loss.init(hyperparameters: h), a = matrix("anchors"), p = matrix("positives"), n = matrix("negatives")
            let result = c.lossAndGradients(anchors: a, positives: p, negatives: n)
            expectGradientsAgree(analytic: result.gradientAnchors,
                                 numeric: centeredDifference(of: { c.lossAndGradients(anchors: $0, positives: p, negatives: n).loss }, at: a),
                                 tolerance: 1e-6, floor: 1e-8, "\(key) ∂/∂a")
            expectGradientsAgree(analytic: result.gradientPositives,
                                 numeric: centeredDifference(of: { c.lossAndGradients(anchors: a, positives: $0, negatives: n).loss }, at: p),
                                 tolerance: 1e-6, floor: 1e-8, "\(key) ∂/∂p")
            expectGradientsAgree(analytic: result.gradientNegatives,
                                 numeric: centeredDifference(of: { c.lossAndGradients(anchors: a, positives: p, negatives: $0).loss }, at: n),
                                 tolerance: 1e-6, floor: 1e-8, "\(key) ∂/∂n")
        case let loss as any DistillationLoss.Type:
            let c = loss.init(hyperparameters: h), z = matrix("studentLogits"), t = matrix("teacherLogits"), y = integers("labels")
            expectGradientsAgree(
                analytic: c.lossAndGradient(studentLogits: z, teacherLogits: t, labels: y).gradient,
                numeric: centeredDifference(of: { c.lossAndGradient(studentLogits: $0, teacherLogits: t, labels: y).loss }, at: z),
                tolerance: 1e-6, floor: 1e-8, "\(key)")
        case let penalty as any Regularizer.Type:
            let c = penalty.init(hyperparameters: h), w = matrix("weights")
            expectGradientsAgree(analytic: c.penaltyAndGradient(weights: w).gradient,
                                 numeric: centeredDifference(of: { c.penaltyAndGradient(weights: $0).loss }, at: w),
                                 tolerance: 1e-6, floor: 1e-8, "\(key)")
        default:
            Issue.record("\(key): no gradient check for its family")
        }
    }

    @Test func objectiveGradientNotTransposedIsNaNWhenXIsNotSquare() throws {
        let type = try #require(Self.mistakeRegistry["linear-svm/gradient-not-transposed"]?.type as? any LinearClassifierObjective.Type)
        let result = type.init(hyperparameters: Hyperparameters())
            .lossAndGradient(weights: .ones(2, 3), inputs: .ones(4, 2), labels: [0, 1, 2, 0])
        #expect(result.loss.isFinite)
        #expect(result.gradient.rows == 2 && result.gradient.columns == 3)
        #expect(result.gradient.elements.allSatisfy { $0.isNaN })
    }
}

/// Seeded inputs and non-default hyper-parameters that exercise every catalogued mistake.
enum MistakeInputs {
    /// Hyper-parameters away from every default a mutant could hard-code.
    static func hyperparameters(for family: ComponentFamily) -> Hyperparameters {
        switch family {
        case .optimizer:
            Hyperparameters(learningRate: 0.1, momentum: 0.5, decayRate: 0.9, beta1: 0.8, beta2: 0.95, epsilon: 1e-6)
        case .learningRateSchedule: Hyperparameters(learningRate: 0.1, decayFactor: 0.5, decayEvery: 3)
        case .minibatchTrainer: Hyperparameters(regularization: 0.01, learningRate: 0.1, batchSize: 4, iterations: 5)
        case .numericalGradient: Hyperparameters(step: 1e-3)
        default: Hyperparameters(margin: 2, temperature: 3, alpha: 0.3, beta: 0.3, regularization: 0.1)
        }
    }

    /// Inputs for the mistake `key`: N ≥ 3 samples, N ≠ C, a far negative pair and an easy
    /// triplet for the missing hinges, and huge scores for the stability mistakes.
    static func inputs(for key: String, family: ComponentFamily) -> Values {
        var random = SeededGenerator(seed: 2024)
        let huge = key.hasSuffix("/unstable-exp") || key.hasSuffix("/unstable-log")
        switch family {
        case .scoreLoss where key.hasPrefix("binary-cross-entropy/"):
            var z = random.matrix(5, 1, in: -3...3).elements
            if huge { z[0] = 1000; z[1] = -1000 }
            return ["scores": .matrix(Matrix(column: z)), "labels": .integers([0, 1, 1, 0, 1])]
        case .scoreLoss:
            var scores = random.matrix(5, 4, in: -3...3)
            if huge { scores[row: 0] = [1000, 9, 9, 9] }
            return ["scores": .matrix(scores), "labels": .integers(random.labels(5, classes: 4))]
        case .regressionLoss:
            return ["predictions": .matrix(random.matrix(4, 3, in: -2...2)), "targets": .matrix(random.matrix(4, 3, in: -2...2))]
        case .pairwiseLoss:
            let first = random.matrix(5, 3).rowArrays + [[3, 3, 3]]
            let second = random.matrix(5, 3).rowArrays + [[-3, -3, -3]]
            return ["first": .matrix(Matrix(first)), "second": .matrix(Matrix(second)), "similar": .integers([1, 0, 1, 0, 0, 0])]
        case .tripletLoss:
            let anchors = random.matrix(5, 3)
            let positives = anchors + random.matrix(5, 3, in: -0.5...0.5)
            let negatives = random.matrix(5, 3)
            return ["anchors": .matrix(Matrix(anchors.rowArrays + [[0, 0, 0]])),
                    "positives": .matrix(Matrix(positives.rowArrays + [[0.1, 0, 0]])),
                    "negatives": .matrix(Matrix(negatives.rowArrays + [[5, 5, 5]]))]
        case .distillationLoss:
            return ["studentLogits": .matrix(random.matrix(4, 5, in: -3...3)),
                    "teacherLogits": .matrix(random.matrix(4, 5, in: -3...3)),
                    "labels": .integers(random.labels(4, classes: 5))]
        case .regularizer:
            return ["weights": .matrix(random.matrix(3, 4))]
        case .linearObjective:
            // N = D = 3, so that X·dS has W's shape; C = 4.
            let inputs = random.matrix(3, 3, in: -2...2) * (huge ? 1000 : 1)
            return ["weights": .matrix(random.matrix(3, 4)), "inputs": .matrix(inputs),
                    "labels": .integers(random.labels(3, classes: 4))]
        case .numericalGradient:
            // Not a quadratic: a centered difference is exact on a quadratic whatever h is.
            return ["function": .text("rosenbrock"), "point": .matrix([[-0.5, 1.2]])]
        case .optimizer:
            return ["parameters": .matrix(random.matrix(3, 2)), "gradients": .matrices((0..<4).map { _ in random.matrix(3, 2) })]
        case .learningRateSchedule:
            return ["steps": .integers(Array(0...12))]
        case .minibatchTrainer:
            return ["weights": .matrix(random.matrix(3, 4)), "inputs": .matrix(random.matrix(10, 3, in: -2...2)),
                    "labels": .integers(random.labels(10, classes: 4)), "seed": .integers([7]),
                    "objective": .text("linear-softmax")]
        default:
            Issue.record("no inputs for family \(family)")
            return [:]
        }
    }

    /// Whether some output entry differs by more than `relativeTolerance` (relative to the entries
    /// and, for round-off near zero, to the output's largest entry), is non-finite where the
    /// reference's is finite, or has another shape.
    static func differ(_ replayed: Values, from expected: Values, relativeTolerance: Double) -> Bool {
        for (name, want) in expected {
            guard let got = replayed[name], got.shapeDescription == want.shapeDescription else { return true }
            let a = got.numbers, b = want.numbers
            guard a.count == b.count else { return true }
            let scale = b.filter(\.isFinite).map { Swift.abs($0) }.max() ?? 0
            for (x, y) in zip(a, b) {
                if y.isFinite && !x.isFinite { return true }
                guard x.isFinite, y.isFinite else { continue }
                let gap = Swift.abs(x - y)
                if gap > relativeTolerance * Swift.max(Swift.abs(x), Swift.abs(y)) && gap > 1e-14 * scale { return true }
            }
        }
        return false
    }
}
