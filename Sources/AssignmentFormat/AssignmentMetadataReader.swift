import ComponentRuntime
import Foundation
import GradeKit
import GradeResults
import Yams

/// Reads `assignment.yaml`: the title, the default timeout, the starter folder, the
/// components in report order and the case files.
struct AssignmentMetadataReader {
    /// What `assignment.yaml` declares.
    struct Metadata {
        var title: String
        var defaultTimeout: Double = 10
        var starterPath: String = "starter"
        var conventions: [String: ConventionPolicy] = [:]
        var minimumMistakeShare: Double?
        var inputsPerStudent = false
        var withheldCases: WithheldCases = .place
        var components: [ComponentSpec] = []
        /// The case files, relative to the assignment folder, each with where it was named (nil: by default).
        var caseFiles: [(path: String, node: Node?)] = []
    }

    static let fileName = "assignment.yaml"
    static let allowedFields = ["title", "default_timeout", "starter", "components", "case_files", "conventions", "minimum_mistake_share", "inputs_per_student",
                                "withheld_cases"]
    static let componentFields = ["name", "title", "family", "variant"]

    let directory: URL
    let families: FamilyCatalog
    let log: ProblemLog

    /// The metadata, with defaults where `assignment.yaml` says nothing or says something wrong.
    func read() -> Metadata {
        let file = YAMLFile(path: Self.fileName, log: log)
        var metadata = Metadata(title: directory.lastPathComponent)
        let url = directory.appendingPathComponent(Self.fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            log.report(SourceLocation(file: Self.fileName, line: 0, column: 0),
                       "cannot read \(Self.fileName) in \(directory.path)",
                       suggestion: "create it with 'title:' and 'components:'")
            return metadata
        }
        guard let root = file.compose(text) else {
            if log.problems.isEmpty {
                log.report(SourceLocation(file: Self.fileName, line: 1, column: 1), "\(Self.fileName) is empty",
                           suggestion: "write 'title:' and 'components:'")
            }
            return metadata
        }
        guard let fields = file.fields(root, of: Self.fileName, allowed: Self.allowedFields) else { return metadata }
        if let node = fields["title"], let title = file.string(node, "'title'") { metadata.title = title }
        if let node = fields["default_timeout"], let timeout = file.number(node, "'default_timeout'") {
            if timeout > 0 {
                metadata.defaultTimeout = timeout
            } else {
                log.report(file.location(node), "'default_timeout' must be a positive number of seconds, got \(file.rendering(node))",
                           suggestion: "write e.g. default_timeout: 10")
            }
        }
        if let node = fields["starter"], let starter = file.string(node, "'starter'") { metadata.starterPath = starter }
        if let node = fields["components"] {
            metadata.components = components(node, file: file)
        } else {
            log.report(file.location(root), "\(Self.fileName) declares no components",
                       suggestion: "add 'components:' with a '{name, title, family}' item for each component")
        }
        if let node = fields["minimum_mistake_share"], let share = file.number(node, "'minimum_mistake_share'") {
            if (0...1).contains(share) {
                metadata.minimumMistakeShare = share
            } else {
                log.report(file.location(node), "'minimum_mistake_share' must be in [0, 1], got \(file.rendering(node))",
                           suggestion: "write e.g. minimum_mistake_share: 0.25")
            }
        }
        if let node = fields["inputs_per_student"] {
            if case .scalar(let scalar) = node, let value = Bool(scalar.string.lowercased()) {
                metadata.inputsPerStudent = value
            } else {
                log.report(file.location(node), "'inputs_per_student' must be true or false, got \(file.rendering(node))",
                           suggestion: "write inputs_per_student: true")
            }
        }
        if let node = fields["withheld_cases"], let name = file.string(node, "'withheld_cases'") {
            if let policy = WithheldCases(rawValue: name) {
                metadata.withheldCases = policy
            } else {
                log.report(file.location(node), "'withheld_cases' must be \(WithheldCases.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")), got '\(name)'",
                           suggestion: "write withheld_cases: place (students see a hidden case's place and points) or verdict (its verdict too)")
            }
        }
        if let node = fields["conventions"] { metadata.conventions = conventions(node, file: file, components: metadata.components) }
        if let node = fields["case_files"] {
            for item in file.list(node, "'case_files'", example: "[cases/svm.yaml]") ?? [] {
                if let path = file.string(item, "a case file") { metadata.caseFiles.append((path, item)) }
            }
        } else {
            metadata.caseFiles = defaultCaseFiles().map { ($0, nil) }
        }
        return metadata
    }

    private func components(_ node: Node, file: YAMLFile) -> [ComponentSpec] {
        var specs: [ComponentSpec] = []
        var seen: [String: Node] = [:]
        let familyNames = families.descriptors.map(\.family.rawValue)
        for item in file.list(node, "'components'", example: "[{name: multiclass-svm, title: Multiclass SVM loss, family: score-loss}]") ?? [] {
            guard let fields = file.fields(item, of: "a component", allowed: Self.componentFields,
                                           example: "{name: multiclass-svm, title: Multiclass SVM loss, family: score-loss}")
            else { continue }
            guard let nameNode = fields["name"], let name = file.string(nameNode, "a component's 'name'") else {
                if !fields.has("name") {
                    log.report(file.location(item), "a component has no 'name'", suggestion: "add e.g. name: multiclass-svm")
                }
                continue
            }
            if let first = seen[name] {
                log.report(file.location(nameNode), "component '\(name)' is declared twice (first at \(file.location(first)))",
                           suggestion: "keep one of them")
                continue
            }
            seen[name] = nameNode
            let title = fields["title"].flatMap { file.string($0, "the title of component '\(name)'") } ?? name
            guard let familyNode = fields["family"] else {
                log.report(file.location(nameNode), "component '\(name)' has no 'family'",
                           suggestion: "add 'family:' with one of: " + familyNames.joined(separator: ", "))
                continue
            }
            guard let familyName = file.string(familyNode, "the family of component '\(name)'") else { continue }
            guard let family = families.family(named: familyName), let descriptor = families.descriptor(for: family) else {
                log.report(file.location(familyNode), "unknown family '\(familyName)' of component '\(name)'",
                           suggestion: NameSuggestion.suggestion(for: familyName, among: familyNames))
                continue
            }
            var variant: String?
            if let node = fields["variant"], let written = file.string(node, "the variant of component '\(name)'") {
                let variants = descriptor.variants.map(\.name)
                if variants.contains(written) {
                    variant = written
                } else {
                    log.report(file.location(node), "unknown variant '\(written)' of component '\(name)' (\(familyName))",
                               suggestion: variants.isEmpty ? "\(familyName) has no variants: remove 'variant'"
                                   : NameSuggestion.suggestion(for: written, among: variants))
                }
            }
            specs.append(ComponentSpec(name: name, title: title, family: family, variant: variant))
        }
        return specs
    }

    /// `conventions:`, a mapping from `component/convention` to a policy.
    private func conventions(_ node: Node, file: YAMLFile, components: [ComponentSpec]) -> [String: ConventionPolicy] {
        guard case .mapping(let mapping) = node else {
            log.report(file.location(node), "'conventions' must be a mapping from component/convention to a policy",
                       suggestion: "write e.g. conventions: {adam/efficient-form: accepted-with-note}")
            return [:]
        }
        var result: [String: ConventionPolicy] = [:]
        let policies = ConventionPolicy.allCases.map(\.rawValue)
        for (keyNode, valueNode) in mapping {
            guard let key = file.plainText(keyNode), let policyName = file.string(valueNode, "the policy of convention '\(file.plainText(keyNode) ?? "")'") else { continue }
            let component = key.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            guard key.contains("/"), components.contains(where: { $0.name == component }) else {
                log.report(file.location(keyNode), "convention '\(key)' must be written component/convention, with a component of the assignment",
                           suggestion: "write e.g. adam/efficient-form")
                continue
            }
            guard let policy = ConventionPolicy(rawValue: policyName) else {
                log.report(file.location(valueNode), "unknown policy '\(policyName)' of convention '\(key)'",
                           suggestion: NameSuggestion.suggestion(for: policyName, among: policies))
                continue
            }
            result[key] = policy
        }
        return result
    }

    /// `cases/*.yaml`, sorted by name.
    private func defaultCaseFiles() -> [String] {
        let folder = directory.appendingPathComponent("cases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "cases/\($0)" }
    }
}
