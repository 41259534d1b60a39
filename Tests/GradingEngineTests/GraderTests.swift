import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults
import GradingEngine
import Reference
import Testing

@Suite("Grader")
struct GraderTests {
    /// Two SVM cases, two softmax cases and one L2-loss case, in that order.
    static let cases: [TestCase] = [
        TestCase(name: "svm-cat-2.9", component: "multiclass-svm", check: .workedExample(expected: ["loss": .scalar(2.9)], logBase: nil),
                 points: 2, inputs: catScores),
        referenceCase("svm-reference", "multiclass-svm", inputs: ["scores": .normal(3, 4), "labels": .labels(3, classes: 4)]),
        TestCase(name: "softmax-cat-2.04", component: "softmax", check: .workedExample(expected: ["loss": .scalar(2.04)], logBase: nil),
                 inputs: catScores, tolerance: Tolerance(rtol: 0, atol: 0.005)),
        gradientCheckCase("softmax"),
        referenceCase("l2-loss-reference", "l2-loss", inputs: ["predictions": .normal(3, 2), "targets": .normal(3, 2)]),
    ]

    static func grader(_ executor: any InvocationExecutor, filter: CaseFilter? = nil) -> Grader {
        Grader(assignment: testAssignment(cases), executor: executor, filter: filter)
    }

    // MARK: Results

    @Test func theReferencePassesEveryCaseWithFullMarks() throws {
        let run = try Self.grader(InProcessExecutor(registry: referenceRegistry())).grade(submission: "reference", build: builtFine)
        #expect(run.allPassed)
        #expect(run.score == 6 && run.maxScore == 6)
        #expect(Set(run.checks.map(\.name)) == Set(Self.cases.map(\.name)))
    }

    @Test func resultsAreGroupedByComponentInAssignmentOrder() throws {
        let run = try Self.grader(InProcessExecutor(registry: referenceRegistry())).grade(submission: "reference", build: builtFine)
        let declared = referenceComponents.map(\.name)
        #expect(run.components.map(\.name) == declared.filter { ["multiclass-svm", "softmax", "l2-loss"].contains($0) })
        #expect(run.components.first { $0.name == "multiclass-svm" }?.checks.map(\.name) == ["svm-cat-2.9", "svm-reference"])
        #expect(run.components.first { $0.name == "softmax" }?.checks.map(\.name) == ["softmax-cat-2.04", "softmax-gradient-check"])
    }

    @Test func everyCaseIsReportedToProgressAsItFinishes() throws {
        var names: [String] = []
        _ = try Self.grader(InProcessExecutor(registry: referenceRegistry()))
            .grade(submission: "reference", build: builtFine) { names.append($0.name) }
        #expect(names == Self.cases.map(\.name))
    }

    @Test func theRunRecordsTheSeedAndTheSubmission() throws {
        let grader = Grader(assignment: testAssignment(Self.cases), executor: InProcessExecutor(registry: referenceRegistry()), runSeed: 42)
        let run = try grader.grade(submission: "students/ada", build: builtFine)
        #expect(run.seed == 42)
        #expect(run.submission == "students/ada")
        #expect(run.assignment.id == "assignment3")
    }

    // MARK: Build failures

    @Test func aBuildFailureTurnsEveryCaseIntoAnErrorNamingTheFirstError() throws {
        let executor = CannedExecutor(.completed([], output: .init()))
        let build = BuildOutcome(succeeded: false, diagnostics: [
            Diagnostic(severity: .warning, file: "Sources/Softmax.swift", line: 3, column: 9, message: "variable 'x' was never used"),
            Diagnostic(severity: .error, file: "Sources/SVM.swift", line: 12, column: 5, message: "cannot find 'scores' in scope"),
            Diagnostic(severity: .error, file: "Sources/SVM.swift", line: 20, column: 1, message: "expected '}'"),
        ])
        let run = try Self.grader(executor).grade(submission: "broken", build: build)
        #expect(run.checks.count == Self.cases.count)
        for check in run.checks {
            #expect(check.status == .error)
            #expect(check.problem == .buildFailure)
            #expect(check.reason == "the submission did not compile: Sources/SVM.swift:12:5: error: cannot find 'scores' in scope")
            #expect(check.score == 0)
        }
        #expect(executor.batches == 0)
        #expect(!run.allPassed)
    }

    @Test func aBuildFailureWithoutDiagnosticsStillSaysItDidNotCompile() throws {
        let run = try Self.grader(CannedExecutor(.completed([], output: .init())))
            .grade(submission: "broken", build: BuildOutcome(succeeded: false, log: "linker failed"))
        #expect(run.checks.allSatisfy { $0.reason == "the submission did not compile" })
    }

    // MARK: Not implemented

    @Test func afterTheFirstNotImplementedCaseTheComponentIsNotRunAgain() throws {
        let executor = RoutingExecutor(
            canned: ["multiclass-svm": .notImplemented("lossAndGradient(scores:labels:) (Sources/SVM.swift:14)", output: .init())],
            registry: referenceRegistry())
        let run = try Self.grader(executor).grade(submission: "starter", build: builtFine)
        let svm = run.checks.filter { $0.component == "multiclass-svm" }
        #expect(svm.count == 2)
        #expect(svm.allSatisfy { $0.status == .notImplemented && $0.problem == .notImplemented })
        #expect(svm.allSatisfy { $0.reason == "not implemented: lossAndGradient(scores:labels:) (Sources/SVM.swift:14)" })
        #expect(executor.batches["multiclass-svm"] == 1)
        // A reference case, then a gradient check: its call at the inputs and its shifted calls in one request.
        #expect(executor.batches["softmax"] == 2)
        #expect(run.checks.filter { $0.component != "multiclass-svm" }.allSatisfy { $0.status == .passed })
        #expect(run.components.first { $0.name == "multiclass-svm" }?.isNotImplemented == true)
    }

    @Test func anUnregisteredComponentIsNotImplementedAndNotRunAgain() throws {
        var registry = ComponentRegistry()
        registry.register("softmax", BaseTenSoftmax.self)
        registry.register("l2-loss", L2Loss.self)
        let executor = InProcessExecutor(registry: registry)
        let run = try Self.grader(executor).grade(submission: "partial", build: builtFine)
        let svm = run.checks.filter { $0.component == "multiclass-svm" }
        #expect(svm.allSatisfy { $0.status == .notImplemented })
        #expect(svm.first?.reason?.contains("no conformance is registered under \"multiclass-svm\"") == true)
        // The gradient check of softmax sends its call at the inputs with its shifted calls: one request.
        #expect(executor.batches == 4)
    }

    @Test func aMisspeltRegistrationIsNamedWithTheNameItShouldHave() throws {
        // Registered as "multiclass-svn", and l2-loss, a component of the assignment, which is never offered.
        var registry = ComponentRegistry()
        registry.register("multiclass-svn", MulticlassSVMLoss.self)
        registry.register("l2-loss", L2Loss.self)
        let run = try Self.grader(InProcessExecutor(registry: registry)).grade(submission: "typo", build: builtFine)
        let svm = run.checks.first { $0.component == "multiclass-svm" }
        #expect(svm?.status == .notImplemented)
        #expect(svm?.reason?.hasSuffix("; it registers \"multiclass-svn\", which assignment3 does not have: did you mean \"multiclass-svm\"?") == true,
                "\(svm?.reason ?? "")")
        let softmax = run.checks.first { $0.component == "softmax" }
        #expect(softmax?.reason?.contains("l2-loss") == false)
    }

    @Test func aComponentRegisteredInTheWrongFamilyFails() throws {
        var registry = referenceRegistry()
        registry.register("l2-loss", VectorizedMulticlassSVM.self)
        let run = try Self.grader(InProcessExecutor(registry: registry)).grade(submission: "mixed-up", build: builtFine)
        let l2 = try #require(run.checks.first { $0.component == "l2-loss" })
        #expect(l2.status == .failed)
        #expect(l2.reason?.contains("registered as a score-loss, but it must be a regression-loss") == true, "\(l2.reason ?? "")")
    }

    // MARK: Workers that end early

    @Test func laterCasesOfAComponentThatTimedOutGetAFifthOfTheTime() throws {
        let cases = (1...3).map {
            TestCase(name: "svm-\($0)", component: "multiclass-svm", check: .reference(recorded: nil),
                     inputs: ["scores": .literal(.matrix(Matrix([[1, 2]]))), "labels": .literal(.integers([0]))])
        }
        let executor = CannedExecutor(.died(.timeout, reason: "the case took longer than 10 s", output: .init()))
        let run = try Grader(assignment: testAssignment(cases), executor: executor).grade(submission: "hangs", build: builtFine)
        // Each request gets what is left of its case's time, measured from the case's start.
        #expect(executor.timeouts.count == 3)
        #expect(zip(executor.timeouts, [10.0, 2, 2]).allSatisfy { got, budget in got <= budget && got > budget - 0.5 })
        #expect(run.checks.allSatisfy { $0.problem == .timeout })
        #expect(run.checks[0].reason?.contains("shortened") == false)
        #expect(run.checks[1].reason?.contains("shortened because an earlier case of multiclass-svm timed out") == true)
    }


    @Test(arguments: [
        (Problem.crash, "the worker crashed with SIGSEGV (signal 11)"),
        (Problem.timeout, "the case took longer than 10 s"),
        (Problem.memoryLimit, "the worker ran out of memory"),
    ])
    func aWorkerThatDiesIsAnErrorWithItsReason(_ problem: Problem, _ reason: String) throws {
        let output = CapturedOutput(text: "about to divide\n", truncated: false, totalBytes: 16)
        let executor = CannedExecutor(.died(problem, reason: reason, output: output))
        let run = try Self.grader(executor).grade(submission: "crashy", build: builtFine)
        for check in run.checks {
            #expect(check.status == .error)
            #expect(check.problem == problem)
            #expect(check.reason?.hasPrefix(reason) == true)
            #expect(check.output == output)
        }
        #expect(executor.batches == Self.cases.count)
    }

    @Test func aWorkerThatReturnsTooFewResultsIsAMissingResult() throws {
        let run = try Self.grader(CannedExecutor(.completed([], output: .init()))).grade(submission: "quiet", build: builtFine)
        #expect(run.checks.allSatisfy { $0.status == .error && $0.problem == .missingResult })
    }

    @Test func aResultTooLargeToSendIsAnOutputLimitErrorThatSaysSo() throws {
        let tooLarge = InvocationFailure.resultTooLarge(numbers: 100_000_000, estimatedBytes: 2_500_000_000, limitBytes: 64 << 20)
        let run = try Self.grader(CannedExecutor(.completed([.failure(tooLarge)], output: .init()))).grade(submission: "huge", build: builtFine)
        for check in run.checks {
            #expect(check.status == .error)
            #expect(check.problem == .outputLimit)
            #expect(check.reason == tooLarge.message)
        }
        #expect(tooLarge.message.contains("100000000 numbers") && tooLarge.message.contains("limit of 64 MiB"))
    }

    @Test func aCaseOfAnUndeclaredComponentIsACaseError() {
        let testCase = TestCase(name: "mystery", component: "hinge-2000", check: .reference(recorded: nil), inputs: catScores)
        #expect(throws: CaseError.self) { try grade(testCase) }
    }

    // MARK: Filters

    @Test func theFilterSelectsCasesInCaseOrderAndRunsOnlyThose() throws {
        let executor = InProcessExecutor(registry: referenceRegistry())
        let grader = Self.grader(executor, filter: CaseFilter("l2-loss, svm-*"))
        #expect(grader.selectedCases.map(\.name) == ["svm-cat-2.9", "svm-reference", "l2-loss-reference"])
        let run = try grader.grade(submission: "reference", build: builtFine)
        #expect(run.checks.map(\.name) == ["l2-loss-reference", "svm-cat-2.9", "svm-reference"])
        #expect(executor.batches == 3)
    }
}

@Suite("CaseFilter")
struct CaseFilterTests {
    static func named(_ name: String, _ component: String) -> TestCase {
        TestCase(name: name, component: component, check: .reference(recorded: nil))
    }

    let linearSVM = named("linear-svm-reference", "linear-svm")
    let linearSoftmax = named("linear-softmax-gradient-check", "linear-softmax")
    let svmCat = named("svm-cat-2.9", "multiclass-svm")
    let softmaxCat = named("softmax-cat-2.04", "softmax")

    @Test func aComponentNameSelectsItsCases() {
        let filter = CaseFilter("multiclass-svm")
        #expect(filter.matches(svmCat))
        #expect(!filter.matches(linearSVM))
        #expect(!filter.matches(softmaxCat))
    }

    @Test func aCaseNameSelectsThatCase() {
        let filter = CaseFilter("svm-cat-2.9")
        #expect(filter.matches(svmCat))
        #expect(!filter.matches(Self.named("svm-frog-12.9", "multiclass-svm")))
    }

    @Test func aStarMatchesAnyRun() {
        let filter = CaseFilter("linear-*")
        #expect(filter.matches(linearSVM))
        #expect(filter.matches(linearSoftmax))
        #expect(!filter.matches(svmCat))
        #expect(CaseFilter("*-cat-*").matches(svmCat) && CaseFilter("*-cat-*").matches(softmaxCat))
    }

    @Test func aQuestionMarkMatchesOneCharacter() {
        #expect(CaseFilter("svm-cat-?.9").matches(svmCat))
        #expect(!CaseFilter("svm-cat-?").matches(svmCat))
    }

    @Test func commasSeparatePatternsAndSpacesAreIgnored() {
        let filter = CaseFilter(" softmax , linear-svm ,, ")
        #expect(filter.patterns == ["softmax", "linear-svm"])
        #expect(filter.matches(softmaxCat))
        #expect(filter.matches(linearSVM))
        #expect(!filter.matches(svmCat))
    }

    @Test func aPatternWithoutWildcardsSelectsEveryNameThatHoldsIt() {
        #expect(CaseFilter("svm").matches(svmCat) && CaseFilter("svm").matches(linearSVM))
        #expect(!CaseFilter("svm").matches(softmaxCat))
        #expect(CaseFilter("softmax").matches(linearSoftmax))
        #expect(CaseFilter("cat-2").matches(svmCat))
    }

    @Test func aPatternWithWildcardsMustMatchTheWholeName() {
        #expect(CaseFilter("svm*").matches(svmCat))
        #expect(!CaseFilter("linear*").matches(svmCat))
        #expect(!CaseFilter("*cat").matches(svmCat))
    }

    @Test func aFilterThatSelectsNothingSuggestsTheNearestName() throws {
        let assignment = Assignment(id: "a3", title: "A3", directory: URL(fileURLWithPath: "/tmp/a3"), components: [
            ComponentSpec(name: "multiclass-svm", title: "SVM", family: .scoreLoss),
            ComponentSpec(name: "softmax", title: "Softmax", family: .scoreLoss),
        ], cases: [svmCat, softmaxCat])
        let filter = CaseFilter("mutliclass-svm")
        #expect(!assignment.cases.contains(where: filter.matches))
        #expect(filter.selectsNothing(in: assignment) == "--filter mutliclass-svm selects no case of a3: did you mean 'multiclass-svm'?")
        #expect(CaseFilter("adam").selectsNothing(in: assignment) == "--filter adam selects no case of a3: its components are multiclass-svm, softmax")
    }
}
