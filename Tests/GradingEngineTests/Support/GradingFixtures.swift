import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults
import GradingEngine
import Reference

/// The reference's registry, after `change` has replaced or added conformances.
func referenceRegistry(_ change: (inout ComponentRegistry) -> Void = { _ in }) -> ComponentRegistry {
    var registry = ComponentRegistry()
    Reference.registerComponents(in: &registry)
    change(&registry)
    return registry
}

/// Every component of the reference, with its family, in name order.
let referenceComponents: [ComponentSpec] = referenceRegistry().entries
    .map { ComponentSpec(name: $0.key, title: $0.key, family: $0.value.family) }
    .sorted { $0.name < $1.name }

/// An assignment declaring every reference component and holding `cases`.
func testAssignment(_ cases: [TestCase]) -> Assignment {
    Assignment(id: "assignment3", title: "Loss functions and optimization",
               directory: URL(fileURLWithPath: "/nonexistent/assignment3"),
               components: referenceComponents, cases: cases)
}

/// A build that succeeded.
let builtFine = BuildOutcome(succeeded: true)

/// Grades `cases` in process against `registry` and returns every result in case order.
func grade(_ cases: [TestCase], with registry: ComponentRegistry = referenceRegistry(),
           runSeed: UInt64 = 0) throws(CaseError) -> [CheckResult] {
    let grader = Grader(assignment: testAssignment(cases), executor: InProcessExecutor(registry: registry), runSeed: runSeed)
    precondition(Set(cases.map(\.name)).count == cases.count, "case names must be unique")
    let run = try grader.grade(submission: "in-process", build: builtFine)
    let byName = Dictionary(uniqueKeysWithValues: run.checks.map { ($0.name, $0) })
    return cases.map { byName[$0.name]! }
}

/// Grades one case in process against `registry`.
func grade(_ testCase: TestCase, with registry: ComponentRegistry = referenceRegistry(),
           runSeed: UInt64 = 0) throws(CaseError) -> CheckResult {
    try grade([testCase], with: registry, runSeed: runSeed)[0]
}

extension InputSpec {
    /// A matrix of N(0, scale²) samples.
    static func normal(_ rows: Int, _ columns: Int, scale: Double = 1) -> InputSpec {
        .generated(.normal(rows: rows, columns: columns, mean: 0, scale: scale))
    }

    /// `count` labels in `0..<classes`.
    static func labels(_ count: Int, classes: Int) -> InputSpec { .generated(.labels(count: count, classes: classes)) }

    /// `count` normal matrices, an optimizer's gradients.
    static func gradients(_ count: Int, _ rows: Int, _ columns: Int) -> InputSpec {
        .generated(.normalList(count: count, rows: rows, columns: columns, scale: 1))
    }

    /// A literal matrix.
    static func matrix(_ rows: [[Double]]) -> InputSpec { .literal(.matrix(Matrix(rows))) }

    /// A literal list of integers.
    static func integers(_ values: [Int]) -> InputSpec { .literal(.integers(values)) }

    /// A literal name.
    static func text(_ name: String) -> InputSpec { .literal(.text(name)) }
}

/// The lecture's three images as rows of S (cat, car, frog) with their labels.
let lectureScores: [String: InputSpec] = [
    "scores": .matrix([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]),
    "labels": .integers([0, 1, 2]),
]

/// The cat image alone.
let catScores: [String: InputSpec] = ["scores": .matrix([[3.2, 5.1, -1.7]]), "labels": .integers([0])]

/// Seeded random inputs of a gradient check for each differentiable reference component,
/// with the hyper-parameters that put each loss in an interesting regime.
let gradientCheckInputs: [(component: String, inputs: [String: InputSpec], hyperparameters: Hyperparameters)] = [
    ("multiclass-svm", ["scores": .normal(4, 3), "labels": .labels(4, classes: 3)], .init()),
    ("squared-hinge", ["scores": .normal(4, 3), "labels": .labels(4, classes: 3)], .init()),
    ("softmax", ["scores": .normal(4, 3, scale: 3), "labels": .labels(4, classes: 3)], .init()),
    ("binary-cross-entropy", ["scores": .normal(5, 1, scale: 2), "labels": .labels(5, classes: 2)], .init()),
    ("l2-loss", ["predictions": .normal(3, 2), "targets": .normal(3, 2)], .init()),
    ("l1-loss", ["predictions": .normal(3, 2), "targets": .normal(3, 2)], .init()),
    ("contrastive", ["first": .normal(4, 3), "second": .normal(4, 3), "similar": .integers([1, 0, 1, 0])], .init(margin: 4)),
    ("triplet", ["anchors": .normal(3, 3), "positives": .normal(3, 3), "negatives": .normal(3, 3)], .init(margin: 2)),
    ("distillation", ["studentLogits": .normal(3, 4, scale: 2), "teacherLogits": .normal(3, 4, scale: 2),
                      "labels": .labels(3, classes: 4)], .init(temperature: 3, alpha: 0.7)),
    ("l2-regularization", ["weights": .normal(3, 4)], .init()),
    ("l1-regularization", ["weights": .normal(3, 4)], .init()),
    ("elastic-net", ["weights": .normal(3, 4)], .init(beta: 0.3)),
    ("linear-svm", ["weights": .normal(4, 3), "inputs": .normal(5, 4), "labels": .labels(5, classes: 3)],
     .init(regularization: 0.1)),
    ("linear-softmax", ["weights": .normal(4, 3), "inputs": .normal(5, 4), "labels": .labels(5, classes: 3)],
     .init(regularization: 0.1)),
]

/// A gradient-check case of `component` on seeded random inputs from ``gradientCheckInputs``.
func gradientCheckCase(_ component: String, seed: UInt64 = 7) -> TestCase {
    let entry = gradientCheckInputs.first { $0.component == component }!
    return TestCase(name: "\(component)-gradient-check", component: component, check: everyGradientCheck(of: component),
                    hyperparameters: entry.hyperparameters, seed: seed, inputs: entry.inputs)
}

/// A gradient check of every gradient of `component`'s family, as a case file without
/// `gradient_check` loads.
func everyGradientCheck(of component: String) -> Check {
    let family = referenceComponents.first { $0.name == component }!.family
    let descriptor = FamilyCatalog.standard.descriptor(for: family)!
    return .gradientCheck(descriptor.gradients.map { GradientCheckSpec(input: $0.input.name, output: $0.output.name) })
}

/// A reference-agreement case on the given inputs.
func referenceCase(_ name: String, _ component: String, inputs: [String: InputSpec],
                   hyperparameters: Hyperparameters = .init(), compare: [String] = [],
                   tolerance: Tolerance = .default, seed: UInt64 = 11) -> TestCase {
    TestCase(name: name, component: component, check: .reference(recorded: nil), hyperparameters: hyperparameters, seed: seed,
             inputs: inputs, compare: compare, tolerance: tolerance)
}

/// A property case.
func propertyCase(_ property: PropertyName, _ component: String, inputs: [String: InputSpec] = [:],
                  hyperparameters: Hyperparameters = .init(), seed: UInt64 = 21) -> TestCase {
    TestCase(name: "\(component)-\(property.rawValue)", component: component, check: .property(property, expected: nil),
             hyperparameters: hyperparameters, seed: seed, inputs: inputs)
}

/// `assignments/assignment3` as shipped, and the part of it that sweeps over seeds and
/// mistakes grade: without its efficiency cases (which judge speed, not answers) and its
/// CIFAR-size cases (over ``largeInputNumbers`` input numbers), which cost seconds each in
/// process and are graded as shipped by their own tests and by the command-line tests.
enum AssignmentThree {
    static let largeInputNumbers = 10_000

    static let shipped = Result { () throws -> Assignment in
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try AssignmentLoader.load(directory: root.appendingPathComponent("assignments/assignment3"))
    }

    static let withoutEfficiency = shipped.map { shipped in
        var assignment = shipped
        assignment.cases.removeAll { $0.kind == .efficiency }
        return assignment
    }

    static let small = withoutEfficiency.map { full in
        var assignment = full
        let generator = InputGenerator()
        assignment.cases.removeAll { generator.inputs(for: $0).values.reduce(0) { $0 + $1.numbers.count } > largeInputNumbers }
        return assignment
    }
}
