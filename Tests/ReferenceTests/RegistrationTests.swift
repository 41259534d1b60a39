import ComponentRuntime
import GradeKit
import Reference
import Testing

/// `registerComponents(in:)` registers every component under its stable name and family,
/// and each runs through ``ComponentInvoker`` with the outputs of its family.
@Suite("Registration")
struct RegistrationTests {
    static let families: [String: ComponentFamily] = [
        "multiclass-svm": .scoreLoss, "squared-hinge": .scoreLoss, "softmax": .scoreLoss, "binary-cross-entropy": .scoreLoss,
        "l2-loss": .regressionLoss, "l1-loss": .regressionLoss,
        "contrastive": .pairwiseLoss, "triplet": .tripletLoss, "distillation": .distillationLoss,
        "l2-regularization": .regularizer, "l1-regularization": .regularizer, "elastic-net": .regularizer,
        "linear-svm": .linearObjective, "linear-softmax": .linearObjective,
        "numerical-gradient": .numericalGradient,
        "gradient-descent": .optimizer, "momentum": .optimizer, "nesterov": .optimizer,
        "adagrad": .optimizer, "rmsprop": .optimizer, "adam": .optimizer,
        "step-decay": .learningRateSchedule, "sgd": .minibatchTrainer,
    ]

    static var registry: ComponentRegistry {
        var registry = ComponentRegistry()
        registerComponents(in: &registry)
        return registry
    }

    @Test func everyComponentIsRegisteredUnderItsNameAndFamily() {
        let registry = Self.registry
        #expect(Set(registry.entries.keys) == Set(Self.families.keys))
        for (name, family) in Self.families {
            #expect(registry[name]?.family == family, "\(name)")
        }
    }

    /// A small valid input set and the output names of each family.
    static func example(_ name: String, _ family: ComponentFamily) -> (Values, Set<String>) {
        let m: Matrix = [[0.5, -1], [2, 0.25]]
        switch family {
        case .scoreLoss:
            // Binary cross-entropy takes N×1 logits; the others N×C scores.
            let scores: Matrix = name == "binary-cross-entropy" ? [[0.5], [-1]] : m
            return (["scores": .matrix(scores), "labels": .integers([0, 1])], ["loss", "gradient"])
        case .regressionLoss: return (["predictions": .matrix(m), "targets": .matrix(.zeros(2, 2))], ["loss", "gradient"])
        case .pairwiseLoss:
            return (["first": .matrix(m), "second": .matrix(.zeros(2, 2)), "similar": .integers([1, 0])],
                    ["loss", "gradientFirst", "gradientSecond"])
        case .tripletLoss:
            return (["anchors": .matrix(m), "positives": .matrix(.zeros(2, 2)), "negatives": .matrix(.ones(2, 2))],
                    ["loss", "gradientAnchors", "gradientPositives", "gradientNegatives"])
        case .distillationLoss:
            return (["studentLogits": .matrix(m), "teacherLogits": .matrix(.zeros(2, 2)), "labels": .integers([0, 1])],
                    ["loss", "gradient"])
        case .regularizer: return (["weights": .matrix(m)], ["loss", "gradient"])
        case .linearObjective:
            return (["weights": .matrix(m), "inputs": .matrix(m), "labels": .integers([0, 1])], ["loss", "gradient"])
        case .numericalGradient: return (["function": .text("seed004-quadratic"), "point": .matrix([[1, 2]])], ["gradient"])
        case .optimizer: return (["parameters": .matrix(m), "gradients": .matrices([m, m])], ["trajectory"])
        case .learningRateSchedule: return (["steps": .integers([0, 10, 20])], ["rates"])
        case .minibatchTrainer:
            return (["weights": .matrix(m), "inputs": .matrix(m), "labels": .integers([0, 1]), "seed": .integers([3]),
                     "objective": .text("linear-softmax")], ["weights", "lossHistory"])
        default:
            Issue.record("no example for family \(family)")
            return ([:], [])
        }
    }

    @Test(arguments: families.keys.sorted())
    func componentRunsThroughTheInvokerWithItsFamilysOutputs(name: String) throws {
        let family = Self.families[name]!
        let (inputs, outputs) = Self.example(name, family)
        let values = try ComponentInvoker(registry: Self.registry)
            .invoke(Invocation(component: name, family: family, hyperparameters: Hyperparameters(iterations: 3), inputs: inputs))
        #expect(Set(values.keys) == outputs)
        #expect(values.values.allSatisfy { $0.numbers.allSatisfy { $0.isFinite } })
    }
}
