import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradingEngine
import Testing

/// The call `grade repro` writes is the family's requirement, as GradeKit declares it.
@Suite struct ReproPackageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func eachRequirementIsDeclaredWithTheInputsAsItsLabelsAndTheOutputsAsItsResultsProperties() throws {
        let folder = Self.root.appendingPathComponent("Sources/GradeKit")
        let kit = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        let withCalls = FamilyCatalog.standard.descriptors.filter { $0.requirement != nil }
        #expect(withCalls.count == 7)
        for descriptor in withCalls {
            let requirement = try #require(descriptor.requirement)
            let declaration = try #require(kit.range(of: "protocol \(descriptor.protocolName)"), "no protocol \(descriptor.protocolName)")
            let function = try #require(kit[declaration.upperBound...].range(of: "func \(requirement)("), "\(descriptor.protocolName) has no \(requirement)")
            let parameters = kit[function.upperBound...].prefix { $0 != ")" }
            let labels = parameters.split(separator: ",").map { $0.split(separator: ":")[0].trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(labels == descriptor.inputs.map(\.name), "\(descriptor.protocolName).\(requirement)")
            for output in descriptor.outputs {
                #expect(kit.contains("public var \(output.name): "), "\(descriptor.protocolName): no result property \(output.name)")
            }
        }
    }

    @Test func theMainDeclaresTheGradedInputsAndTheReferencesExpectedValues() throws {
        let assignment = try AssignmentLoader.load(directory: Self.root.appendingPathComponent("assignments/assignment3"))
        let testCase = try #require(assignment.cases.first { $0.name == "svm-reference-5x4" } ?? assignment.cases.first { $0.kind == .reference && $0.component == "multiclass-svm" })
        let generator = InputGenerator(runSeed: 7)
        let package = try ReproPackage(testCase: testCase, assignment: assignment, submission: Self.root.appendingPathComponent("reference"),
                                       packageRoot: Self.root, generator: generator)
        let main = try #require(package.files["Sources/repro/main.swift"])
        let inputs = generator.inputs(for: testCase)
        guard case .matrix(let scores) = try #require(inputs["scores"]) else { Issue.record("scores is not a matrix"); return }
        // Every bit: the literal reads back to the generated numbers.
        #expect(main.contains("let scores = Matrix([[\(scores[0, 0]), "), "\(main)")
        #expect(main.contains("as? any ScoreLoss.Type"))
        #expect(main.contains(".lossAndGradient(scores: scores, labels: labels)"))
        #expect(main.contains("// Expected (the reference's outputs on these inputs"))
        #expect(package.links["Sources/Submission"]?.path == Self.root.appendingPathComponent("reference").standardizedFileURL.path)
    }

    @Test func aCaseThatIsNotOneCallIsRefusedWithItsReason() throws {
        let assignment = try AssignmentLoader.load(directory: Self.root.appendingPathComponent("assignments/assignment3"))
        for (caseName, reason) in [("adam-bowl-50", "more than one requirement"), ("sgd-reference-trajectory", "more than one requirement")] {
            let component = caseName
            let testCase = try #require(assignment.cases.first { $0.name == caseName })
            do {
                _ = try ReproPackage(testCase: testCase, assignment: assignment, submission: Self.root, packageRoot: Self.root, generator: InputGenerator())
                Issue.record("a case of \(component) was written")
            } catch {
                #expect(error.description.contains(reason), "\(error.description)")
            }
        }
        let cifar = try #require(assignment.cases.first { $0.name.contains("cifar") && $0.kind == .reference })
        do {
            _ = try ReproPackage(testCase: cifar, assignment: assignment, submission: Self.root, packageRoot: Self.root, generator: InputGenerator())
            Issue.record("a CIFAR-size case was written out")
        } catch {
            #expect(error.description.contains("more than the 10000"), "\(error.description)")
        }
    }

    @Test func anOptimizerGivenItsGradientsStepsAlongThemAndPrintsItsTrajectory() throws {
        let assignment = try AssignmentLoader.load(directory: Self.root.appendingPathComponent("assignments/assignment3"))
        let testCase = try #require(assignment.cases.first { $0.name == "adam-two-steps" })
        let package = try ReproPackage(testCase: testCase, assignment: assignment, submission: Self.root.appendingPathComponent("reference"),
                                       packageRoot: Self.root, generator: InputGenerator())
        let main = try #require(package.files["Sources/repro/main.swift"])
        // The grader asks the same question, without generating anything, to offer the command.
        #expect(ReproPackage.refusal(for: testCase, in: assignment) == nil)
        #expect(ReproPackage.refusal(for: try #require(assignment.cases.first { $0.name == "adam-bowl-50" }), in: assignment) != nil)
        #expect(main.contains("let gradients = [Matrix([[0.5, -1.0]]), Matrix([[0.25, 0.5]])]"), "\(main)")
        #expect(main.contains("as? any Optimizer.Type"))
        #expect(main.contains("optimizer.step(parameters: &current, gradient: gradient)"))
        #expect(main.contains("//   trajectory = [Matrix([[0.9000000019999999, -1.900000001]]), "), "\(main)")
    }
}
