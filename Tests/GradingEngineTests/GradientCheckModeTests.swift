import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults
import GradingEngine
import Testing

/// The modes of a gradient check (`all`, `sample`, `directions`), streaming, and the time
/// budget of a case sent in several requests.
@Suite("Gradient check modes")
struct GradientCheckModeTests {
    static let modes: [GradientCheckSpec.Mode] = [.all, .sample(10), .directions(8)]

    /// A gradient check of `component` in `mode`.
    static func modeCase(_ component: String, _ mode: GradientCheckSpec.Mode?, seed: UInt64 = 7,
                         inputs: [String: InputSpec]? = nil) -> TestCase {
        var testCase = gradientCheckCase(component, seed: seed)
        if let inputs { testCase.inputs = inputs }
        guard case .gradientCheck(let specs) = testCase.check else { fatalError("not a gradient check") }
        testCase.check = .gradientCheck(specs.map { spec in
            var spec = spec
            spec.mode = mode
            return spec
        })
        return testCase
    }

    @Test(arguments: modes)
    func everyModePassesACorrectGradientOnEverySeed(_ mode: GradientCheckSpec.Mode) throws {
        for seed: UInt64 in 1...10 {
            for component in ["multiclass-svm", "softmax", "linear-svm", "linear-softmax", "triplet", "l2-regularization"] {
                let result = try grade(Self.modeCase(component, mode, seed: seed))
                #expect(result.status == .passed, "\(component) \(mode.caseFileText), seed \(seed): \(result.reason ?? "")")
            }
        }
    }

    @Test(arguments: [GradientCheckSpec.Mode.all, .directions(8)])
    func aGradientWrongInOneEntryFailsNamingThatEntry(_ mode: GradientCheckSpec.Mode) throws {
        let registry = referenceRegistry { $0.register("multiclass-svm", OneEntryOffSVM.self) }
        let large: [String: InputSpec] = ["scores": .normal(40, 30), "labels": .labels(40, classes: 30)]
        for seed: UInt64 in 1...5 {
            let result = try grade(Self.modeCase("multiclass-svm", mode, seed: seed, inputs: large), with: registry)
            #expect(result.status == .failed)
            #expect(result.problem == .wrongGradient)
            #expect(result.reason?.hasPrefix("gradient[1, 2] is ") == true, "\(mode.caseFileText), seed \(seed): \(result.reason ?? "")")
        }
    }

    @Test func aDirectionThatFailsIsNarrowedDownToTheEntry() throws {
        let registry = referenceRegistry { $0.register("multiclass-svm", OneEntryOffSVM.self) }
        let large: [String: InputSpec] = ["scores": .normal(40, 30), "labels": .labels(40, classes: 30)]
        let result = try grade(Self.modeCase("multiclass-svm", nil, inputs: large), with: registry)
        #expect(result.reason?.contains("found by narrowing down a random direction along which the gradient is wrong") == true,
                "\(result.reason ?? "")")
        #expect(result.comparisons.first?.quantity.contains("random unit directions") == true)
        #expect(result.comparisons.first?.passed == false)
    }

    @Test func aGradientScaledEverywhereFailsInEveryMode() throws {
        let registry = referenceRegistry { $0.register("multiclass-svm", UndividedGradientSquaredHinge.self) }
        for mode in Self.modes {
            let result = try grade(Self.modeCase("multiclass-svm", mode), with: registry)
            #expect(result.status == .failed, "\(mode.caseFileText)")
            #expect(result.problem == .wrongGradient, "\(mode.caseFileText)")
        }
    }

    @Test func aLargeInputIsCheckedAlongDirectionsWithoutAMode() throws {
        let large: [String: InputSpec] = ["scores": .normal(40, 30), "labels": .labels(40, classes: 30)]
        let result = try grade(Self.modeCase("multiclass-svm", nil, inputs: large))
        #expect(result.status == .passed, "\(result.reason ?? "")")
        #expect(result.comparisons.first?.quantity.contains("along \(GradientCheckSpec.defaultDirections) random unit directions") == true)
    }

    @Test(arguments: [(GradientCheckSpec.Mode.sample(5), 1 + 2 * 5), (.directions(3), 1 + 2 * 3), (.all, 1 + 2 * 12)])
    func eachModeMakesTheCallsItSays(_ mode: GradientCheckSpec.Mode, _ calls: Int) throws {
        let executor = CountingExecutor(registry: referenceRegistry())
        let testCase = Self.modeCase("multiclass-svm", mode, inputs: ["scores": .normal(4, 3), "labels": .labels(4, classes: 3)])
        _ = try grade(testCase, executor: executor)
        // A softmax-free SVM at random scores has no kink, so no direction is drawn again.
        #expect(executor.invocations == calls)
    }

    @Test(arguments: [GradientCheckSpec.Mode.sample(5), .directions(3)])
    func aPassingCheckIsOneRequest(_ mode: GradientCheckSpec.Mode) throws {
        // The varied calls do not depend on the analytic gradient: they go with the call at the inputs.
        let executor = CountingExecutor(registry: referenceRegistry())
        let result = try grade(Self.modeCase("multiclass-svm", mode, inputs: ["scores": .normal(4, 3), "labels": .labels(4, classes: 3)]),
                               executor: executor)
        #expect(result.status == .passed, "\(result.reason ?? "")")
        #expect(executor.requests == 1)
    }

    @Test func theShiftedCallsShareTheInputsAndSendTheVariationOnly() throws {
        let executor = CountingExecutor(registry: referenceRegistry())
        _ = try grade(Self.modeCase("multiclass-svm", .all, inputs: ["scores": .normal(4, 3), "labels": .labels(4, classes: 3)]),
                      executor: executor)
        let shifted = executor.received.dropFirst()
        #expect(shifted.allSatisfy { $0.variation != nil && $0.outputs == ["loss"] })
        #expect(Set(shifted.map(\.inputs)).count == 1)
        #expect(executor.received.first?.variation == nil)
    }

    @Test func aCaseOverItsTimeNamesItsWholeBudget() throws {
        var testCase = Self.modeCase("multiclass-svm", .all, inputs: ["scores": .normal(40, 30), "labels": .labels(40, classes: 30)])
        testCase.timeout = 0.5
        // 2,401 calls go in five requests; each takes 0.2 s, so the third finds the budget spent.
        let executor = CountingExecutor(registry: referenceRegistry(), delay: 0.2)
        let result = try grade(testCase, executor: executor)
        #expect(result.status == .error)
        #expect(result.problem == .timeout)
        #expect(result.reason?.hasPrefix("did not finish within 0.50 s") == true, "\(result.reason ?? "")")
        #expect(executor.requests < 5)
    }
}

/// Runs invocations in process, counting them and the requests, each request `delay` seconds late.
final class CountingExecutor: InvocationExecutor {
    private let inner: InProcessExecutor
    private let delay: Double
    private(set) var invocations = 0
    private(set) var requests = 0
    private(set) var received: [Invocation] = []

    init(registry: ComponentRegistry, delay: Double = 0) {
        inner = InProcessExecutor(registry: registry)
        self.delay = delay
    }

    func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome {
        requests += 1
        self.invocations += invocations.count
        received += invocations
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        return inner.execute(invocations, limits: limits)
    }
}
