import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults
import GradingEngine
import Reference
import Testing

@Suite("Convergence checks")
struct ConvergenceCheckTests {
    /// The case file's `sgd-converges-softmax`, with fewer samples and iterations.
    static func convergenceCase(objective: String = "linear-softmax", iterations: Int = 150) -> TestCase {
        TestCase(name: "sgd-converges-\(objective)", component: "sgd",
                 check: .convergence(ConvergenceSpec(samples: 150, features: 2, classes: 3, separation: 6,
                                                     objective: objective, minimumAccuracy: 0.9)),
                 hyperparameters: Hyperparameters(learningRate: 0.5, batchSize: 32, iterations: iterations), seed: 133)
    }

    @Test(arguments: ["linear-softmax", "linear-svm"])
    func theReferenceTrainerConverges(_ objective: String) throws {
        let result = try grade(Self.convergenceCase(objective: objective))
        #expect(result.status == .passed, "\(result.reason ?? "")")
        #expect(result.comparisons.first?.quantity.hasPrefix("training accuracy after 150 iterations") == true)
    }

    @Test func theReferenceConvergesForManySeeds() throws {
        for runSeed: UInt64 in 1...10 {
            let result = try grade(Self.convergenceCase(), runSeed: runSeed)
            #expect(result.status == .passed, "run seed \(runSeed): \(result.reason ?? "")")
        }
    }

    @Test func aTrainerThatNeverUpdatesTheWeightsDoesNotConverge() throws {
        let result = try grade(Self.convergenceCase(), with: referenceRegistry { $0.register("sgd", FrozenTrainer.self) })
        #expect(result.status == .failed)
        #expect(result.problem == .didNotConverge)
        #expect(result.comparisons.first?.passed == false)
    }

    @Test func aLossHistoryOfTheWrongLengthIsWrongShape() throws {
        let result = try grade(Self.convergenceCase(), with: referenceRegistry { $0.register("sgd", ShortHistoryTrainer.self) })
        #expect(result.problem == .wrongShape)
        #expect(result.reason?.contains("75 entries") == true, "\(result.reason ?? "")")
    }

    @Test func weightsThatOverflowAreNonFinite() throws {
        let result = try grade(Self.convergenceCase(iterations: 20), with: referenceRegistry { $0.register("sgd", ExplodingTrainer.self) })
        #expect(result.problem == .nonFinite)
    }

    @Test func aMissingObjectiveIsADependencyFailureOfTheTrainer() throws {
        var registry = ComponentRegistry()
        registry.register("sgd", MinibatchSGD.self)
        let result = try grade(Self.convergenceCase(), with: registry)
        #expect(result.status == .failed)
        #expect(result.problem == .dependencyFailed)
        #expect(result.reason?.contains("linear-softmax") == true)
    }

    @Test func aStubbedObjectiveIsADependencyFailureOfTheTrainer() throws {
        // What a worker reports when training reaches the student's LinearSoftmax stub: the
        // marker carries the component that was running.
        let stub = ExecutionOutcome.notImplemented(
            "LinearSoftmax.lossAndGradient (StudentSubmission/LinearSoftmax.swift:32) [component: linear-softmax]", output: .init())
        let executor = RoutingExecutor(canned: ["sgd": stub], registry: referenceRegistry())
        let grader = Grader(assignment: testAssignment([Self.convergenceCase()]), executor: executor)
        let result = try #require(try grader.grade(submission: "sgd-done", build: builtFine).checks.first)
        #expect(result.problem == .dependencyFailed)
        #expect(result.status == .failed)
        #expect(result.reason?.contains("linear-softmax") == true)
    }

    @Test func aStubbedTrainerIsNotImplementedEvenWhenItsObjectiveIsAStubToo() throws {
        let stub = ExecutionOutcome.notImplemented("MinibatchSGD.train (StudentSubmission/MinibatchSGD.swift:40) [component: sgd]", output: .init())
        let executor = RoutingExecutor(canned: ["sgd": stub], registry: ComponentRegistry())
        let grader = Grader(assignment: testAssignment([Self.convergenceCase()]), executor: executor)
        let result = try #require(try grader.grade(submission: "nothing-done", build: builtFine).checks.first)
        #expect(result.status == .notImplemented)
        #expect(result.reason?.contains("[component:") == false)
    }

    @Test func aMissingTrainerIsNotImplemented() throws {
        let result = try grade(Self.convergenceCase(), with: ComponentRegistry())
        #expect(result.status == .notImplemented)
        #expect(result.problem == .notImplemented)
    }
}
