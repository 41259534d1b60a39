import Foundation
import Testing
import TestSupport

/// `grade validate`, `grade list` and `grade new`, run as an instructor runs them.
@Suite("Instructor tools: validate, list, new")
struct InstructorToolsTests {
    typealias F = InstructorFixtures

    @Test("validate reports every malformed case file at once, compiler-style, and exits 2")
    func malformedCaseFileGallery() throws {
        let folder = try F.temporaryFolder("grade-validate-gallery")
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = try F.copyOfAssignment3(in: folder)
        let cases = copy.appendingPathComponent("cases")
        try #require(try F.edit(cases.appendingPathComponent("05-regression-losses.yaml"), line: 22,
                                replacing: "kind: worked-example", with: "kind: worked-exampel"))
        try #require(try F.edit(cases.appendingPathComponent("12-step-decay.yaml"), line: 11,
                                replacing: "kind: worked-example", with: "kind: worked-example\n    tolerence: {atol: 1e-3}"))
        try #require(try F.edit(cases.appendingPathComponent("04-binary-cross-entropy.yaml"), line: 12,
                                replacing: "labels: [1]", with: "labels: [1, 0]"))

        let result = try F.grade.run(["validate", copy.path])

        #expect(result.status == 2, "\(result.combinedOutput)")
        let path = cases.standardizedFileURL.path
        #expect(result.standardError.components(separatedBy: "\n") == [
            "\(path)/04-binary-cross-entropy.yaml:12:37: error: labels of case 'bce-zero-logit' has 2 entries, but scores has 1 rows; give one label per row of scores",
            "\(path)/05-regression-losses.yaml:22:11: error: unknown kind 'worked-exampel' in case 'l2-loss-outlier'; did you mean 'worked-example'?",
            "\(path)/12-step-decay.yaml:12:5: error: unknown field 'tolerence' in case 'step-decay-halving-every-10'; did you mean 'tolerance'?",
            "3 problems in the assignment's files",
            "",
        ])
    }

    @Test("validate reports a malformed example.yaml with its place and exits 2")
    func malformedExampleManifest() throws {
        let folder = try F.temporaryFolder("grade-validate-example-manifest")
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = try F.copyOfAssignment3(in: folder)
        let example = copy.appendingPathComponent("examples/typo")
        try FileManager.default.createDirectory(at: example, withIntermediateDirectories: true)
        try "description: \"A typo\"\nbreaks: [softmx]\nexpect_problems: [wrong-valeu]\n"
            .write(to: example.appendingPathComponent("example.yaml"), atomically: true, encoding: .utf8)

        let result = try F.grade.run(["validate", copy.path])

        #expect(result.status == 2)
        let manifest = copy.standardizedFileURL.path + "/examples/typo/example.yaml"
        #expect(result.standardError.contains("\(manifest):2:10: error: unknown component 'softmx' in 'breaks'; did you mean 'softmax'?"), "\(result.standardError)")
        #expect(result.standardError.contains("\(manifest):3:19: error: unknown problem 'wrong-valeu' in 'expect_problems'; did you mean 'wrong-value'?"), "\(result.standardError)")
    }

    @Test("validate accepts an example that breaks exactly what it claims and prints the diagnosis")
    func honestExample() throws {
        let folder = try F.temporaryFolder("grade-validate-honest")
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = try F.copyOfAssignment3(in: folder)
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: F.root.appendingPathComponent("assignments/assignment3/examples/l2-gradient-missing-2"),
                                         to: copy.appendingPathComponent("examples/l2-gradient-missing-2"))

        let result = try F.grade.run(["validate", copy.path])

        #expect(result.status == 0, "\(result.combinedOutput)")
        #expect(result.standardOutput.contains("reference: 208/208 points, every case passes"))
        #expect(result.standardOutput.contains("ok   l2-gradient-missing-2: 197/202; l2-regularization −5"))
        #expect(result.standardOutput.contains("diagnosis: Your gradient is W where the derivative of Σ W² is 2W."))
        #expect(result.standardOutput.contains("  total                   156     208       6      1"))
    }

    @Test("validate exits 1 when an example breaks a component its example.yaml does not list")
    func dishonestExample() throws {
        let folder = try F.temporaryFolder("grade-validate-dishonest")
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = try F.copyOfAssignment3(in: folder)
        let example = copy.appendingPathComponent("examples/claims-l1")
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: F.root.appendingPathComponent("assignments/assignment3/examples/l2-gradient-missing-2"), to: example)
        try "description: \"Claims the wrong component\"\nbreaks: [l1-regularization]\nexpect_problems: [non-finite]\nbase: reference\n"
            .write(to: example.appendingPathComponent("example.yaml"), atomically: true, encoding: .utf8)

        let result = try F.grade.run(["validate", copy.path])

        #expect(result.status == 1, "\(result.combinedOutput)")
        #expect(result.standardOutput.contains("FAIL claims-l1"))
        #expect(result.standardOutput.contains("l1-regularization keeps full marks, but example.yaml says the mistake breaks it"))
        #expect(result.standardOutput.contains("l2-regularization loses 5 points"))
        #expect(result.standardOutput.contains("no failing case reports non-finite"))
    }

    @Test("grade --help lists the grading options after the subcommands")
    func rootHelpListsTheGradingOptions() throws {
        let result = try F.grade.run(["--help"])
        #expect(result.status == 0)
        let text = result.standardOutput
        #expect(text.contains("SUBCOMMANDS:"))
        for option in ["--submission <dir>", "--filter <pattern>", "--junit <path>", "--gradescope <path>", "--sandbox <mode>"] {
            #expect(text.contains(option), "\(option)")
        }
    }

    @Test("a filter that selects nothing suggests the nearest name and exits 2")
    func filterSuggestion() throws {
        let result = try F.grade.run(["assignment3", "--submission", "reference", "--filter", "mutliclass-svm"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("--filter mutliclass-svm selects no case of assignment3: did you mean 'multiclass-svm'?"),
                "\(result.standardError)")
    }

    @Test("list prints every component with its family, cases and points")
    func list() throws {
        let result = try F.grade.run(["list"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("assignment3: Assignment 3: Loss functions and optimization"))
        #expect(result.standardOutput.contains("23 components, 156 cases, 208 points"))
        #expect(result.standardOutput.contains("multiclass-svm           19      44       1      0  score-loss"))
    }

    @Test("new scaffolds an assignment that validates at once, and refuses to overwrite it")
    func newValidates() throws {
        let folder = try F.temporaryFolder("grade-new")
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = try F.scratchRepository(in: folder)

        let created = try F.grade.run(["new", "assignment9"], in: repository)
        #expect(created.status == 0, "\(created.combinedOutput)")
        let validated = try F.grade.run(["validate", "assignment9"], in: repository)
        #expect(validated.status == 0, "\(validated.combinedOutput)")
        #expect(validated.standardOutput.contains("reference: 8/8 points, every case passes"))
        let starter = try F.grade.run(["assignment9"], in: repository)
        #expect(starter.status == 1)
        #expect(starter.standardOutput.contains("7 not implemented, 1 hidden case (1 point) not shown"), "\(starter.standardOutput)")

        let again = try F.grade.run(["new", "assignment9"], in: repository)
        #expect(again.status == 2)
        #expect(again.standardError.contains("assignments/assignment9 already exists; grade new never overwrites"))
    }

    @Test("new --components composes an assignment of other assignments' components, with a starter stripped from the reference, that validates at once")
    func newFromComponents() throws {
        let folder = try F.temporaryFolder("grade-new-components")
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = try F.scratchRepository(in: folder)
        try FileManager.default.copyItem(at: F.root.appendingPathComponent("assignments/assignment3"),
                                         to: repository.appendingPathComponent("assignments/assignment3"))

        let created = try F.grade.run(["new", "assignment9", "--components", "softmax,binary-cross-entropy,sgd"], in: repository)
        #expect(created.status == 0, "\(created.combinedOutput)")
        // sgd's cases train the linear objectives, which come along.
        #expect(created.standardOutput.contains("added linear-softmax, linear-svm: cases of sgd run them"), "\(created.standardOutput)")
        let new = repository.appendingPathComponent("assignments/assignment9")
        let metadata = try String(contentsOf: new.appendingPathComponent("assignment.yaml"), encoding: .utf8)
        #expect(metadata.contains("- {name: binary-cross-entropy, title: \"Binary cross-entropy from logits\", family: score-loss, variant: binary}"))
        let softmax = try String(contentsOf: new.appendingPathComponent("starter/SoftmaxLoss.swift"), encoding: .utf8)
        let solution = try String(contentsOf: F.root.appendingPathComponent("reference/SoftmaxLoss.swift"), encoding: .utf8)
        #expect(softmax.contains("notImplemented(\"SoftmaxLoss.lossAndGradient\")"), "\(softmax)")
        #expect(!softmax.contains("SOLUTION"))
        // Not one line of the solution is left.
        let region = try #require(solution.range(of: "// BEGIN SOLUTION\n")).upperBound..<(try #require(solution.range(of: "// END SOLUTION")).lowerBound)
        for line in solution[region].split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).count > 8 {
            #expect(!softmax.contains(line), "the starter keeps '\(line)'")
        }
        let bce = try String(contentsOf: new.appendingPathComponent("starter/BinaryCrossEntropyLoss.swift"), encoding: .utf8)
        #expect(!bce.contains("func sigmoid"), "a helper outside any function is left out")

        let validated = try F.grade.run(["validate", "assignment9"], in: repository)
        #expect(validated.status == 0, "\(validated.combinedOutput)")
        #expect(validated.standardOutput.contains("starter: registers every component, as the reference does"))
        let starter = try F.grade.run(["assignment9"], in: repository)
        #expect(starter.status == 1)
        #expect(starter.standardOutput.contains("0 passed, 0 failed, 0 errors,"), "\(starter.standardOutput)")
        #expect(!starter.standardOutput.contains("BUILD FAILED"), "\(starter.standardOutput)")

        let unknown = try F.grade.run(["new", "assignment8", "--components", "softmx"], in: repository)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no assignment has a component 'softmx'; did you mean 'softmax'?"), "\(unknown.combinedOutput)")
        // A region that does not close is named with its place, and nothing is written.
        let l2 = repository.appendingPathComponent("reference/L2Regularization.swift")
        let text = try String(contentsOf: l2, encoding: .utf8)
        try text.replacingOccurrences(of: "        // END SOLUTION\n", with: "").write(to: l2, atomically: true, encoding: .utf8)
        let broken = try F.grade.run(["new", "assignment7", "--components", "l2-regularization"], in: repository)
        #expect(broken.status == 2)
        #expect(broken.standardError.contains("reference/L2Regularization.swift:12: // BEGIN SOLUTION without // END SOLUTION"), "\(broken.combinedOutput)")
        #expect(!FileManager.default.fileExists(atPath: repository.appendingPathComponent("assignments/assignment7").path))
    }
}
