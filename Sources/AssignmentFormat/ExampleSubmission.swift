import ComponentRuntime
import Foundation
import GradeResults
import Yams

/// A wrong submission kept with an assignment to prove that its cases catch a mistake:
/// `examples/<name>/` holds the submission's `.swift` files and an `example.yaml`:
///
/// ```yaml
/// description: "The hinge sum runs over every class, j = y_i included."
/// breaks: [multiclass-svm, linear-svm]      # components that must lose points; all others keep full marks
/// expect_problems: [wrong-value]            # optional: problems at least one failing case must show
/// ```
public struct ExampleSubmission: Sendable, Hashable {
    /// The folder name, such as `svm-includes-correct-class`.
    public var name: String
    /// The folder of `.swift` files.
    public var directory: URL
    /// What the mistake is, in one sentence.
    public var description: String
    /// The components that must lose points; every other component must keep full marks.
    public var breaks: [String]
    /// Problems that must appear among the failing cases (empty: no expectation).
    public var expectedProblems: [Problem]
    /// The submission the example changes: `reference`, or a folder relative to the example's
    /// own folder; nil when the example folder is a whole submission.
    public var base: String?

    /// The name of the manifest file in each example folder.
    public static let manifestName = "example.yaml"
    static let allowedFields = ["description", "breaks", "expect_problems", "base"]

    /// Creates an example.
    public init(name: String, directory: URL, description: String, breaks: [String], expectedProblems: [Problem] = []) {
        self.name = name
        self.directory = directory
        self.description = description
        self.breaks = breaks
        self.expectedProblems = expectedProblems
    }

    /// Every example of an assignment (`examples/*/` with an `example.yaml`), sorted by name;
    /// throws every problem of every manifest at once, located relative to the assignment folder.
    public static func loadAll(of assignment: Assignment) throws(AssignmentLoadError) -> [ExampleSubmission] {
        let folder = assignment.directory.appendingPathComponent("examples", isDirectory: true)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        let log = ProblemLog()
        var examples: [ExampleSubmission] = []
        for name in names {
            let directory = folder.appendingPathComponent(name, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let path = "examples/\(name)/\(manifestName)"
            if let example = read(directory: directory, name: name, path: path, components: assignment.components.map(\.name), log: log) {
                examples.append(example)
            }
        }
        guard log.problems.isEmpty else { throw AssignmentLoadError(problems: log.sorted) }
        return examples
    }

    private static func read(directory: URL, name: String, path: String, components: [String], log: ProblemLog) -> ExampleSubmission? {
        let file = YAMLFile(path: path, log: log)
        let before = log.problems.count
        guard let text = try? String(contentsOf: directory.appendingPathComponent(manifestName), encoding: .utf8) else {
            log.report(SourceLocation(file: path, line: 0, column: 0), "example '\(name)' has no \(manifestName)",
                       suggestion: "write 'description:' and 'breaks: [component, …]'")
            return nil
        }
        guard let root = file.compose(text), let fields = file.fields(root, of: manifestName, allowed: allowedFields) else {
            if log.problems.count == before {
                log.report(SourceLocation(file: path, line: 1, column: 1), "\(manifestName) is empty",
                           suggestion: "write 'description:' and 'breaks: [component, …]'")
            }
            return nil
        }
        var example = ExampleSubmission(name: name, directory: directory, description: "", breaks: [])
        if let node = fields["description"], let text = file.string(node, "'description'") {
            example.description = text
        } else if !fields.has("description") {
            log.report(file.location(root), "\(manifestName) has no 'description'", suggestion: "say in one sentence what the mistake is")
        }
        if let node = fields["breaks"], let items = file.list(node, "'breaks'", example: "breaks: [multiclass-svm]") {
            for item in items {
                guard let component = file.string(item, "a component of 'breaks'") else { continue }
                if components.contains(component) {
                    example.breaks.append(component)
                } else {
                    log.report(file.location(item), "unknown component '\(component)' in 'breaks'",
                               suggestion: NameSuggestion.suggestion(for: component, among: components, noun: "components"))
                }
            }
            if items.isEmpty {
                log.report(file.location(node), "'breaks' is empty", suggestion: "name the components the mistake breaks")
            }
        } else if !fields.has("breaks") {
            log.report(file.location(root), "\(manifestName) has no 'breaks'", suggestion: "write breaks: [component, …]")
        }
        if let node = fields["expect_problems"], let items = file.list(node, "'expect_problems'", example: "expect_problems: [wrong-gradient]") {
            let known = Problem.allCases.map(\.rawValue)
            for item in items {
                guard let text = file.string(item, "a problem of 'expect_problems'") else { continue }
                if let problem = Problem(rawValue: text) {
                    example.expectedProblems.append(problem)
                } else {
                    log.report(file.location(item), "unknown problem '\(text)' in 'expect_problems'",
                               suggestion: NameSuggestion.suggestion(for: text, among: known, noun: "problems"))
                }
            }
        }
        if let node = fields["base"], let text = file.string(node, "'base'") {
            if text == "reference" || FileManager.default.fileExists(atPath: directory.appendingPathComponent(text).path) {
                example.base = text
            } else {
                log.report(file.location(node), "'base' names '\(text)', which is neither 'reference' nor a folder next to the example",
                           suggestion: "write base: reference to lay the example's files over the reference")
            }
        }
        return log.problems.count == before ? example : nil
    }
}

