import AssignmentFormat
import Foundation
import Testing

/// A throwaway assignment folder: an `assignment.yaml` declaring a few components and the case
/// files a test writes, so that each test reads as the YAML it loads and what comes out.
struct TemporaryAssignment {
    /// The folder.
    let directory: URL

    /// The metadata every gallery test shares, unless it writes its own.
    static let metadata = """
        title: Gallery
        components:
          - {name: multiclass-svm, title: SVM, family: score-loss}
          - {name: softmax, title: Softmax, family: score-loss}
          - {name: binary-cross-entropy, title: BCE, family: score-loss, variant: binary}
          - {name: l2-loss, title: L2, family: regression-loss}
          - {name: contrastive, title: Contrastive, family: pairwise-loss}
          - {name: triplet, title: Triplet, family: triplet-loss}
          - {name: l2-regularization, title: L2 regularization, family: regularizer}
          - {name: linear-softmax, title: Linear softmax, family: linear-objective}
          - {name: numerical-gradient, title: Numerical gradient, family: numerical-gradient}
          - {name: adam, title: Adam, family: optimizer}
          - {name: sgd, title: SGD, family: minibatch-trainer}

        """

    /// Writes `files` (path → text) under a new folder, with the shared metadata unless given.
    init(_ files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("assignment-format-\(UUID().uuidString)")
            .appendingPathComponent("gallery")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("cases"), withIntermediateDirectories: true)
        var files = files
        if files["assignment.yaml"] == nil { files["assignment.yaml"] = Self.metadata }
        for (path, text) in files {
            try text.write(to: directory.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
    }

    /// One case file, `cases/c.yaml`.
    init(cases text: String) throws { try self.init(["cases/c.yaml": text]) }

    /// Every problem, as compiler-style lines.
    var problems: [String] { AssignmentValidator.problems(in: directory).map(\.description) }

    /// The assignment; fails the test with every problem if it does not load.
    func load(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Assignment {
        do {
            return try AssignmentLoader.load(directory: directory)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The single case of a file that loads.
    func onlyCase(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TestCase {
        let cases = try load(sourceLocation: sourceLocation).cases
        try #require(cases.count == 1, sourceLocation: sourceLocation)
        return cases[0]
    }
}

/// Expects exactly one problem, `expected`.
func expectProblem(_ text: String, _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let problems = try TemporaryAssignment(cases: text).problems
    #expect(problems == [expected], sourceLocation: sourceLocation)
}
