import ComponentRuntime
import Foundation

/// Reads an assignment folder and reports every problem in it at once, each with its
/// file, line and column and what to write instead.
///
/// It checks the YAML syntax; every field name, at every level, against the known ones
/// (with the nearest as a suggestion); kinds, visibilities, properties, generators, test
/// functions and components by name; each case's inputs against its component's family
/// (``ComponentRuntime/FamilyDescriptor``): missing, unexpected or of the wrong kind, and
/// shapes that do not fit together; expected outputs the family does not have; the fields
/// each kind needs; points, tolerances and timeouts out of range; and case names used twice.
public enum AssignmentValidator {
    /// The assignment in `directory` as far as it could be read, and every problem found.
    public static func validate(directory: URL, families: FamilyCatalog = .standard) -> (assignment: Assignment, problems: [CaseFileProblem]) {
        let log = ProblemLog()
        let metadata = AssignmentMetadataReader(directory: directory, families: families, log: log).read()
        var parsedCases: [ParsedCase] = []
        for (path, node) in metadata.caseFiles {
            let url = directory.appendingPathComponent(path)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                let at = node.map { YAMLFile(path: AssignmentMetadataReader.fileName, log: log).location($0) }
                    ?? SourceLocation(file: path, line: 0, column: 0)
                log.report(at, "cannot read case file '\(path)'", suggestion: "check the path, relative to \(directory.lastPathComponent)/")
                continue
            }
            let reader = CaseFileReader(file: YAMLFile(path: path, log: log), components: metadata.components, families: families)
            parsedCases += reader.read(text)
        }
        let checker = CaseChecker(components: metadata.components, families: families, log: log)
        var firstPlace: [String: SourceLocation] = [:]
        for parsed in parsedCases {
            checker.check(parsed)
            let name = parsed.testCase.name
            if let first = firstPlace[name] {
                log.report(parsed.testCase.location, "duplicate case name '\(name)' (first at \(first))",
                           suggestion: "rename one of them: case names are the stable ids of reports")
            } else {
                firstPlace[name] = parsed.testCase.location
            }
        }
        var assignment = Assignment(id: directory.standardizedFileURL.lastPathComponent, title: metadata.title,
                                    directory: directory, components: metadata.components,
                                    families: families, cases: parsedCases.compactMap { $0.testCase.testCase(descriptor: $0.descriptor) },
                                    defaultTimeout: metadata.defaultTimeout, starterPath: metadata.starterPath,
                                    conventions: metadata.conventions, minimumMistakeShare: metadata.minimumMistakeShare)
        assignment.inputsPerStudent = metadata.inputsPerStudent
        assignment.withheldCases = metadata.withheldCases
        return (assignment, log.sorted)
    }

    /// Every problem in the assignment in `directory`; empty when it loads.
    public static func problems(in directory: URL, families: FamilyCatalog = .standard) -> [CaseFileProblem] {
        validate(directory: directory, families: families).problems
    }
}
