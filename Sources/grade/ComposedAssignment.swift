import AssignmentFormat
import ComponentRuntime
import Foundation

/// A new assignment made of components other assignments already grade, for
/// `grade new NAME --components softmax,l2-regularization`: no Swift to write.
///
/// Each component comes with what its assignment says of it — its title, family and variant,
/// the conventions it is graded under, every case of it (comments and all, as in that
/// assignment's case files) — and a starter file generated from the reference's file that
/// defines it, with its solution regions (``SolutionRegions``) stripped. The starter's
/// `Registration.swift` registers each component under its name.
struct ComposedAssignment {
    /// Path → contents, relative to the new assignment's folder.
    let files: [String: String]

    /// Composes `name` from `components` (in report order), taken from the assignments of `layout`.
    /// The components added because a requested one's cases run them.
    let added: [String]
    /// The components whose cases run those added.
    let runners: [String]

    init(name: String, components requested: [String], layout: ProjectLayout) throws(CouldNotGrade) {
        var sources: [String: Assignment] = [:]
        var known: [String] = []
        for id in layout.assignmentNames() {
            guard let assignment = try? AssignmentLoader.load(directory: layout.assignmentDirectory(id)) else { continue }
            for spec in assignment.components where sources[spec.name] == nil {
                sources[spec.name] = assignment
                known.append(spec.name)
            }
        }
        let registered = RegisteredNames.types(in: layout.reference)
        var seen: Set<String> = []
        // A component whose cases run another (sgd trains a linear objective) brings it along, after it.
        var components = requested
        var index = 0
        var runners: [String] = []
        while index < components.count {
            if let source = sources[components[index]] {
                for testCase in source.cases where testCase.component == components[index] {
                    for dependency in source.dependencies(of: testCase) where !components.contains(dependency) {
                        components.append(dependency)
                        if !runners.contains(components[index]) { runners.append(components[index]) }
                    }
                }
            }
            index += 1
        }
        self.added = Array(components.dropFirst(requested.count))
        self.runners = runners
        for component in components {
            guard seen.insert(component).inserted else { throw CouldNotGrade(message: "--components names \(component) twice") }
            guard sources[component] != nil else {
                let near = NameSuggestion.nearest(to: component, among: known)
                throw CouldNotGrade(message: "no assignment has a component '\(component)'"
                                    + (near.map { "; did you mean '\($0)'?" } ?? "; the components are: " + known.joined(separator: ", ")))
            }
            guard registered[component] != nil else {
                throw CouldNotGrade(message: "the reference does not register '\(component)', so there is nothing to grade it against")
            }
        }

        var files: [String: String] = [:]
        var metadata = """
            # Composed by `grade new \(name) --components \(requested.joined(separator: ","))`: every
            # component with every case of the assignment it comes from. The format of this file and
            # of cases/*.yaml is described in docs/case-format.md.
            title: "\(name)"
            default_timeout: 10
            starter: starter

            components:

            """
        var conventions: [String] = []
        var registrations: [String] = []
        for component in components {
            let source = sources[component]!
            let spec = source.component(named: component)!
            let variant = spec.variant.map { ", variant: \($0)" } ?? ""
            metadata += "  - {name: \(component), title: \(Self.quoted(spec.title)), family: \(spec.family.rawValue)\(variant)}\n"
            for (key, policy) in source.conventions.sorted(by: { $0.key < $1.key }) where key.hasPrefix(component + "/") {
                conventions.append("  \(key): \(policy.rawValue)")
            }
            let type = registered[component]!
            registrations.append("    registry.register(\(Self.quoted(component)), \(type).self)")
            let file = try Self.starterFile(defining: type, in: layout.reference)
            files["starter/\(file.name)"] = file.text
        }
        if !conventions.isEmpty { metadata += "\nconventions:\n" + conventions.joined(separator: "\n") + "\n" }
        let shares = Set(components.compactMap { sources[$0]?.minimumMistakeShare })
        if shares.count == 1, let share = shares.first {
            metadata += "\n# Every known mistake of these components must be caught and cost this share of its points.\nminimum_mistake_share: \(share)\n"
        }
        files["assignment.yaml"] = metadata
        files.merge(try Self.caseFiles(of: Set(components), from: components.compactMap { sources[$0] })) { first, _ in first }
        files["starter/Registration.swift"] = """
            import GradeKit

            /// Registers every component of this submission under the name the grader asks for.
            ///
            /// A component that is not registered, or whose requirement still calls
            /// `notImplemented`, is graded "not implemented"; the others are graded as usual.
            public func registerComponents(in registry: inout ComponentRegistry) {
            \(registrations.joined(separator: "\n"))
            }

            """
        files["starter/README.md"] = """
            # \(name)

            Implement every component in this folder, replacing each `notImplemented(...)` call.
            Grade your work from the repository root:

                swift run grade \(name) --submission path/to/your/copy

            """
        files["examples/README.md"] = """
            # Example submissions

            Each folder here is a wrong submission that proves the cases catch a classic mistake
            (see docs/case-format.md); `grade validate \(name)` grades every one.

            """
        self.files = files
    }

    /// `text` in double quotes, as YAML and Swift both read it (a backslash and a quote escaped).
    static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    /// How the reference's file of each of `components` strips to a starter: the malformed
    /// solution regions, and the components whose file has none (its starter cannot be made).
    static func solutionRegions(of components: [String], reference: URL) -> (problems: [String], unmarked: [String]) {
        let types = RegisteredNames.types(in: reference)
        var problems: [String] = [], unmarked: [String] = []
        for component in components {
            guard let type = types[component] else { continue }
            do {
                _ = try starterFile(defining: type, in: reference)
            } catch {
                if error.message.contains("has no solution region") { unmarked.append(component) } else { problems.append(error.message) }
            }
        }
        return (problems, unmarked)
    }

    /// The starter's version of the reference file that declares `type`: its solution regions stripped.
    static func starterFile(defining type: String, in reference: URL) throws(CouldNotGrade) -> (name: String, text: String) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: reference.path)) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        for name in names {
            guard let text = try? String(contentsOf: reference.appendingPathComponent(name), encoding: .utf8),
                  text.range(of: #"(struct|class|enum)\s+"# + type + #"\b"#, options: .regularExpression) != nil
            else { continue }
            do {
                let stripped = try SolutionRegions.strip(text, file: "reference/\(name)")
                guard stripped.regions > 0 else {
                    throw CouldNotGrade(message: "reference/\(name) has no solution region, so its starter version would be the solution: "
                                        + "put the body of each requirement between \(SolutionRegions.begin) and \(SolutionRegions.end)")
                }
                return (name, stripped.text)
            } catch let problem as SolutionRegions.Problem {
                throw CouldNotGrade(message: problem.description)
            } catch let error as CouldNotGrade {
                throw error
            } catch {
                throw CouldNotGrade(message: "\(error)")
            }
        }
        throw CouldNotGrade(message: "no file of reference/ declares \(type)")
    }

    /// The case files of `sources` cut down to the cases of `components`, by their file names;
    /// files with none of them are left out.
    static func caseFiles(of components: Set<String>, from sources: [Assignment]) throws(CouldNotGrade) -> [String: String] {
        var files: [String: String] = [:]
        var done: Set<String> = []
        for source in sources where done.insert(source.id).inserted {
            let byFile = Dictionary(grouping: source.cases, by: \.location.file)
            for (file, cases) in byFile.sorted(by: { $0.key < $1.key }) where cases.contains(where: { components.contains($0.component) }) {
                guard let text = try? String(contentsOf: source.directory.appendingPathComponent(file), encoding: .utf8) else {
                    throw CouldNotGrade(message: "cannot read \(source.id)/\(file)")
                }
                let kept = try KitCaseFile(text: text, cases: cases).rewritten { components.contains($0.component) ? .keep : .remove }
                files[file] = "# From \(source.id)/\(file): the cases of " + components.filter { c in cases.contains { $0.component == c } }.sorted().joined(separator: ", ")
                    + ".\n" + kept
            }
        }
        return files
    }
}
