import ComponentRuntime
import GradeKit
import GradeResults
import Yams

/// Reads one case file into cases, reporting every field it cannot read.
///
/// Family-level checks (which inputs, which shapes) are ``CaseChecker``'s; this type reads
/// what is written and checks each field on its own.
struct CaseFileReader {
    /// The fields of a case.
    static let caseFields = [
        "name", "title", "component", "kind", "inputs", "expected", "compare", "tolerance", "points",
        "visibility", "hint", "hint_when", "timeout", "seed", "hyperparameters", "log_base", "property", "gradient_check",
        "convergence", "efficiency",
    ]
    /// The fields of `defaults`.
    static let defaultFields = ["kind", "tolerance", "points", "visibility", "timeout", "hyperparameters"]
    /// The fields at the top of a case file.
    static let fileFields = ["component", "defaults", "cases"]
    static let gradientCheckFields = ["input", "output", "step", "max_relative_error", "mode"]
    static let convergenceFields = ["samples", "features", "classes", "separation", "objective", "minimum_accuracy"]

    /// What `defaults` sets for every case of the file.
    struct Defaults {
        var kind: CaseKind?
        var rtol: Double?
        var atol: Double?
        var points: Double?
        var visibility: Visibility?
        var timeout: Double?
        var hyperparameters: [(String, Double)] = []
    }

    let file: YAMLFile
    let components: [ComponentSpec]
    let families: FamilyCatalog

    private var log: ProblemLog { file.log }
    private var values: ValueReader { ValueReader(file: file) }

    /// The cases of the file's text.
    func read(_ text: String) -> [ParsedCase] {
        guard let root = file.compose(text) else {
            if !log.problems.contains(where: { $0.location.file == file.path }) {
                log.report(SourceLocation(file: file.path, line: 1, column: 1), "case file is empty",
                           suggestion: "write 'component:' and 'cases:'")
            }
            return []
        }
        if case .sequence = root {
            log.report(file.location(root), "\(file.path) is a bare list; a case file is a mapping whose cases go under 'cases:'",
                       suggestion: "write 'cases:' on a line before the list (and 'component:' for a component every case shares)")
            return []
        }
        guard let top = file.fields(root, of: file.path, allowed: Self.fileFields) else { return [] }
        var defaults = Defaults()
        if let node = top["defaults"] { defaults = readDefaults(node) }
        guard let casesNode = top["cases"] else {
            log.report(file.location(root), "case file has no 'cases'", suggestion: "add 'cases:' with a list of cases")
            return []
        }
        var fileComponent: (name: String, node: Node)?
        if let node = top["component"], let name = file.string(node, "'component'") { fileComponent = (name, node) }
        return (file.list(casesNode, "'cases'", example: "- name: svm-cat-2.9") ?? []).compactMap {
            readCase($0, defaults: defaults, fileComponent: fileComponent)
        }
    }

    private func readDefaults(_ node: Node) -> Defaults {
        var defaults = Defaults()
        let what = "the defaults of \(file.path)"
        guard let fields = file.fields(node, of: what, allowed: Self.defaultFields) else { return defaults }
        if let node = fields["kind"] { defaults.kind = kind(node, of: what) }
        if let node = fields["tolerance"] { (defaults.rtol, defaults.atol) = tolerance(node, of: what) }
        if let node = fields["points"] { defaults.points = points(node, of: what) }
        if let node = fields["visibility"] { defaults.visibility = visibility(node, of: what) }
        if let node = fields["timeout"] { defaults.timeout = timeout(node, of: what) }
        if let node = fields["hyperparameters"] { defaults.hyperparameters = hyperparameters(node, of: what) }
        return defaults
    }

    // MARK: - A case

    private func readCase(_ item: Node, defaults: Defaults, fileComponent: (name: String, node: Node)?) -> ParsedCase? {
        var name: String?
        var nameKey: Node?
        if case .mapping(let mapping) = item {
            for (key, value) in mapping where file.plainText(key) == "name" {
                nameKey = key
                name = file.plainText(value)
            }
        }
        let what = name.map { "case '\($0)'" } ?? "a case"
        guard let fields = file.fields(item, of: what, allowed: Self.caseFields, example: "{name: svm-cat-2.9, kind: worked-example, ...}")
        else { return nil }
        guard let name, !name.isEmpty else {
            log.report(file.location(nameKey ?? item), "a case has no 'name'",
                       suggestion: "add 'name:' with an id unique in the assignment, such as svm-cat-2.9")
            return nil
        }
        let location = file.location(nameKey ?? item)
        var testCase = CaseDraft(name: name, kind: .reference, location: location)
        var parsed = ParsedCase(testCase: testCase, file: file, fields: fields)

        readComponent(into: &parsed, testCase: &testCase, fields: fields, fileComponent: fileComponent, what: what)

        // The kind.
        var kindKnown = true
        if let node = fields["kind"] {
            if let k = kind(node, of: what) { testCase.kind = k } else { kindKnown = false }
        } else if let k = defaults.kind {
            testCase.kind = k
        } else {
            kindKnown = false
            log.report(location, "\(what) has no 'kind'",
                       suggestion: "add 'kind:' with one of: " + CaseKind.allCases.map(\.rawValue).joined(separator: ", "))
        }

        if let node = fields["title"], let title = file.string(node, "the title of \(what)") { testCase.title = title }
        if let node = fields["hint"], let hint = file.string(node, "the hint of \(what)") { testCase.hint = hint }
        if let node = fields["hint_when"] { testCase.hintWhen = hintConditions(node, of: what, hasHint: fields["hint"] != nil) }
        testCase.points = defaults.points ?? 1
        if let node = fields["points"], let p = points(node, of: what) { testCase.points = p }
        testCase.visibility = defaults.visibility ?? .visible
        if let node = fields["visibility"], let v = visibility(node, of: what) { testCase.visibility = v }
        testCase.timeout = defaults.timeout
        if let node = fields["timeout"], let t = timeout(node, of: what) { testCase.timeout = t }
        testCase.seed = Self.defaultSeed(for: name)
        if let node = fields["seed"], let s = file.integer(node, "the seed of \(what)") {
            if s >= 0 {
                testCase.seed = UInt64(s)
            } else {
                log.report(file.location(node), "the seed of \(what) must not be negative, got \(s)", suggestion: "write e.g. seed: 7")
            }
        }

        var settings = defaults.hyperparameters
        if let node = fields["hyperparameters"] { settings += hyperparameters(node, of: what) }
        for (field, value) in settings { testCase.hyperparameters.set(field, to: value) }

        var (rtol, atol) = (defaults.rtol, defaults.atol)
        if let node = fields["tolerance"] {
            let (r, a) = tolerance(node, of: what)
            rtol = r ?? rtol
            atol = a ?? atol
        }
        testCase.tolerance = Tolerance(rtol: rtol ?? Tolerance.default.rtol, atol: atol ?? Tolerance.default.atol)

        parsed.testCase = testCase
        parsed.kindKnown = kindKnown
        readInputs(into: &parsed)
        readExpected(into: &parsed)
        readCompare(into: &parsed)
        readKindFields(into: &parsed, kindKnown: kindKnown)
        return parsed
    }

    /// The component, the case's own or the file's, and its family's descriptor.
    private func readComponent(into parsed: inout ParsedCase, testCase: inout CaseDraft, fields: YAMLFile.Fields,
                               fileComponent: (name: String, node: Node)?, what: String) {
        let location = testCase.location
        if let node = fields["component"] ?? fileComponent?.node, let componentName = file.string(node, "the component of \(what)") {
            testCase.component = componentName
            if let spec = components.first(where: { $0.name == componentName }) {
                parsed.component = spec
                parsed.descriptor = families.descriptor(for: spec.family)
            } else {
                log.report(file.location(node), "unknown component '\(componentName)' in \(what)",
                           suggestion: NameSuggestion.suggestion(for: componentName, among: components.map(\.name), noun: "assignment's components"))
            }
        } else if !fields.has("component") {
            log.report(location, "\(what) names no component",
                       suggestion: "add 'component:' to the case, or once at the top of the file")
        }
    }

    /// A stable seed from the name (FNV-1a), so that cases without a seed differ from each other.
    static func defaultSeed(for name: String) -> UInt64 {
        name.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 } >> 1
    }

    // MARK: - Inputs and outputs

    /// `studentLogits` for `student_logits`; other names unchanged.
    static func canonicalName(_ written: String) -> String {
        guard written.contains("_") else { return written }
        let parts = written.split(separator: "_")
        return (parts.first.map(String.init) ?? "") + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private func readInputs(into parsed: inout ParsedCase) {
        guard let node = parsed.fields["inputs"] else { return }
        parsed.inputsNode = parsed.fields.keyNode("inputs")
        let what = parsed.label
        guard case .mapping(let mapping) = node else {
            log.report(file.location(node), "the inputs of \(what) must be a mapping from input names to values",
                       suggestion: "write e.g. inputs: {scores: [[3.2, 5.1, -1.7]], labels: [0]}")
            return
        }
        let descriptor = parsed.descriptor
        for (keyNode, valueNode) in mapping {
            guard let written = file.plainText(keyNode) else { continue }
            let name = Self.canonicalName(written)
            let inputWhat = "input '\(written)' of \(what)"
            if parsed.inputNodes[name] != nil {
                log.report(file.location(keyNode), "\(inputWhat) is written twice", suggestion: "keep one of them")
                continue
            }
            parsed.inputNodes[name] = (keyNode, valueNode)
            let port = descriptor?.input(named: name)
            if let descriptor, port == nil {
                let names = descriptor.inputs.map(\.name)
                let near = NameSuggestion.nearest(to: name, among: names)
                log.report(file.location(keyNode),
                           "unexpected input '\(written)' in \(what): \(parsed.testCase.component) (\(descriptor.family.rawValue)) takes \(names.joined(separator: ", "))",
                           suggestion: near.map { "did you mean '\($0)'?" } ?? "remove it")
                parsed.inputNodes[name] = nil
                if let near { parsed.misspeltInputs.insert(near) }
                continue
            }
            let kind = port?.kind ?? values.guessedKind(valueNode)
            if case .mapping = valueNode {
                guard let generator = values.generator(valueNode, what: inputWhat) else { continue }
                let made = ValueReader.kind(of: generator)
                guard made == kind else {
                    log.report(file.location(valueNode), "\(inputWhat) must be \(kind.writtenForm), but the generator makes \(made.writtenForm)",
                               suggestion: ValueReader.example(kind, name: written))
                    continue
                }
                parsed.testCase.inputs[name] = .generated(generator)
            } else if let value = values.literal(valueNode, kind: kind, what: inputWhat, name: written) {
                parsed.testCase.inputs[name] = .literal(value)
            }
        }
    }

    private func readExpected(into parsed: inout ParsedCase) {
        if parsed.testCase.kind == .reference { parsed.testCase.expected = .reference }
        guard let node = parsed.fields["expected"] else { return }
        let what = parsed.label
        if case .scalar(let scalar) = node {
            if scalar.string == "reference" {
                parsed.testCase.expected = .reference
            } else {
                log.report(file.location(node), "'expected' of \(what) must be 'reference' or a mapping of outputs, got '\(scalar.string)'",
                           suggestion: "write e.g. expected: {loss: 2.9}")
            }
            return
        }
        guard case .mapping(var mapping) = node else {
            log.report(file.location(node), "'expected' of \(what) must be 'reference' or a mapping of outputs",
                       suggestion: "write e.g. expected: {loss: 2.9}")
            return
        }
        if let recorded = RecordedExpectation.outputs(of: mapping) {
            parsed.testCase.inputsFingerprint = RecordedExpectation.fingerprint(of: mapping)
            guard case .mapping(let outputs) = recorded else {
                log.report(file.location(recorded), "'recorded' of \(what) must be a mapping of outputs",
                           suggestion: "write e.g. expected: {recorded: {loss: 2.9}}")
                return
            }
            mapping = outputs
        }
        if mapping.count == 0 {
            log.report(file.location(node), "'expected' of \(what) names no outputs", suggestion: "write e.g. expected: {loss: 2.9}")
        }
        var literal: Values = [:]
        for (keyNode, valueNode) in mapping {
            guard let written = file.plainText(keyNode) else { continue }
            let name = Self.canonicalName(written)
            let port = parsed.descriptor?.output(named: name)
            if let descriptor = parsed.descriptor, port == nil {
                let outputs = descriptor.outputs.map(\.name)
                log.report(file.location(keyNode),
                           "'\(written)' is not an output of \(parsed.testCase.component) (\(descriptor.family.rawValue)) in \(what)",
                           suggestion: NameSuggestion.suggestion(for: name, among: outputs, noun: "outputs"))
                continue
            }
            parsed.expectedNodes[name] = (keyNode, valueNode)
            if let value = values.literal(valueNode, kind: port?.kind ?? values.guessedKind(valueNode), what: "expected '\(written)' of \(what)", name: written) {
                literal[name] = value
            }
        }
        parsed.testCase.expected = .literal(literal)
    }

    private func readCompare(into parsed: inout ParsedCase) {
        if case .literal(let literal) = parsed.testCase.expected { parsed.testCase.compare = literal.keys.sorted() }
        guard let node = parsed.fields["compare"] else { return }
        let what = "'compare' of \(parsed.label)"
        var names: [String] = []
        for item in file.list(node, what, example: "compare: [loss]") ?? [] {
            guard let written = file.string(item, "an entry of \(what)") else { continue }
            let name = Self.canonicalName(written)
            if let descriptor = parsed.descriptor, descriptor.output(named: name) == nil {
                log.report(file.location(item),
                           "'\(written)' in \(what) is not an output of \(parsed.testCase.component) (\(descriptor.family.rawValue))",
                           suggestion: NameSuggestion.suggestion(for: name, among: descriptor.outputs.map(\.name), noun: "outputs"))
                continue
            }
            names.append(name)
        }
        parsed.testCase.compare = names
    }

    // MARK: - Kind-specific fields

    private func readKindFields(into parsed: inout ParsedCase, kindKnown: Bool) {
        let what = parsed.label
        let kind = parsed.testCase.kind
        let owners: [(field: String, kind: CaseKind)] = [
            ("log_base", .workedExample), ("property", .property), ("gradient_check", .gradientCheck), ("convergence", .convergence),
            ("efficiency", .efficiency),
        ]
        for (field, owner) in owners where kindKnown && kind != owner && parsed.fields.has(field) {
            log.report(file.location(parsed.fields.keyNode(field)), "'\(field)' applies only to \(owner.rawValue) cases, and \(what) is a \(kind.rawValue) case",
                       suggestion: "remove it, or write kind: \(owner.rawValue)")
        }
        if let node = parsed.fields["log_base"], let base = file.number(node, "'log_base' of \(what)") {
            if base > 0 && base != 1 {
                parsed.testCase.logBase = base
            } else {
                log.report(file.location(node), "'log_base' of \(what) must be positive and not 1, got \(file.rendering(node))",
                           suggestion: "write e.g. log_base: 10")
            }
        }
        if let node = parsed.fields["property"], let name = file.string(node, "'property' of \(what)") {
            if let property = PropertyName(rawValue: name) {
                parsed.testCase.property = property
            } else {
                log.report(file.location(node), "unknown property '\(name)' in \(what)",
                           suggestion: NameSuggestion.suggestion(for: name, among: PropertyName.allCases.map(\.rawValue)))
            }
        }
        // Without `gradient_check` the engine checks every differentiable input of the family.
        if let node = parsed.fields["gradient_check"] {
            parsed.testCase.gradientCheck = gradientCheck(node, parsed: parsed)
        }
        if let node = parsed.fields["convergence"] { parsed.testCase.convergence = convergence(node, of: what) }
        if let node = parsed.fields["efficiency"] { parsed.testCase.efficiency = efficiency(node, of: what) }
    }

    private func gradientCheck(_ node: Node, parsed: ParsedCase) -> GradientCheckSpec? {
        let what = "'gradient_check' of \(parsed.label)"
        guard let fields = file.fields(node, of: what, allowed: Self.gradientCheckFields,
                                       example: "{input: scores, output: gradient, step: 1e-5, max_relative_error: 1e-6}")
        else { return nil }
        let matrixInputs = parsed.descriptor?.matrixInputs ?? []
        guard let input = fields["input"].flatMap({ file.string($0, "'input' of \(what)") }).map(Self.canonicalName)
                ?? matrixInputs.first
        else {
            log.report(file.location(node), "\(what) names no 'input'", suggestion: "write e.g. input: scores")
            return nil
        }
        var spec = GradientCheckSpec(input: input, output: Self.gradientOutput(for: input, in: parsed.descriptor))
        if let node = fields["output"], let output = file.string(node, "'output' of \(what)") { spec.output = Self.canonicalName(output) }
        if let node = fields["step"], let step = positive(node, "'step' of \(what)", example: "step: 1e-5") { spec.step = step }
        if let node = fields["max_relative_error"],
           let limit = positive(node, "'max_relative_error' of \(what)", example: "max_relative_error: 1e-6") {
            spec.maxRelativeError = limit
        }
        if let node = fields["mode"] {
            guard let mode = gradientCheckMode(node, of: what) else { return nil }
            spec.mode = mode
        }
        return spec
    }

    /// `all`, `{sample: K}` or `{directions: K}`, K ≥ 1.
    private func gradientCheckMode(_ node: Node, of caseWhat: String) -> GradientCheckSpec.Mode? {
        let what = "'mode' of \(caseWhat)"
        let example = "mode: all, mode: {sample: 10} or mode: {directions: 8}"
        if let text = file.plainText(node) {
            if text == "all" { return .all }
            log.report(file.location(node), "\(what) must be all, {sample: K} or {directions: K}, got '\(text)'",
                       suggestion: NameSuggestion.nearest(to: text, among: ["all"]) != nil ? "did you mean 'all'?" : "write e.g. \(example)")
            return nil
        }
        guard let fields = file.fields(node, of: what, allowed: ["sample", "directions"], example: example) else { return nil }
        guard fields.entries.count == 1, let (key, _, value) = fields.entries.first else {
            log.report(file.location(node), "\(what) names one of sample or directions", suggestion: "write e.g. \(example)")
            return nil
        }
        guard let count = file.integer(value, "'\(key)' of \(what)") else { return nil }
        guard count >= 1 else {
            log.report(file.location(value), "'\(key)' of \(what) must be at least 1, got \(count)", suggestion: "write e.g. \(example)")
            return nil
        }
        return key == "sample" ? .sample(count) : .directions(count)
    }

    /// The output holding the gradient with respect to `input`: `gradientFirst` for `first`
    /// when the family has it, otherwise `gradient`.
    static func gradientOutput(for input: String, in descriptor: FamilyDescriptor?) -> String {
        descriptor?.gradient(of: input)?.output.name ?? Port<Matrix>.gradient.name
    }

    private func efficiency(_ node: Node, of caseWhat: String) -> EfficiencySpec? {
        let what = "'efficiency' of \(caseWhat)"
        let example = "{max_slowdown: 10, repetitions: 5}"
        guard let fields = file.fields(node, of: what, allowed: ["max_slowdown", "repetitions"], example: example) else { return nil }
        guard let slowdownNode = fields["max_slowdown"] else {
            log.report(file.location(node), "\(what) has no 'max_slowdown'", suggestion: "write e.g. \(example)")
            return nil
        }
        guard let slowdown = positive(slowdownNode, "'max_slowdown' of \(what)", example: "max_slowdown: 10") else { return nil }
        var spec = EfficiencySpec(maxSlowdown: slowdown)
        if let node = fields["repetitions"] {
            guard let count = file.integer(node, "'repetitions' of \(what)") else { return nil }
            guard (1...100).contains(count) else {
                log.report(file.location(node), "'repetitions' of \(what) must be between 1 and 100, got \(count)",
                           suggestion: "write e.g. repetitions: 5")
                return nil
            }
            spec.repetitions = count
        }
        return spec
    }

    private func convergence(_ node: Node, of caseWhat: String) -> ConvergenceSpec? {
        let what = "'convergence' of \(caseWhat)"
        let example = "{samples: 300, features: 2, classes: 3, separation: 4, objective: linear-softmax, minimum_accuracy: 0.9}"
        guard let fields = file.fields(node, of: what, allowed: Self.convergenceFields, example: example) else { return nil }
        var missing = false
        for field in Self.convergenceFields where !fields.has(field) {
            log.report(file.location(node), "\(what) has no '\(field)'", suggestion: "write e.g. \(example)")
            missing = true
        }
        if missing { return nil }
        func count(_ field: String) -> Int? {
            guard let n = file.integer(fields[field]!, "'\(field)' of \(what)") else { return nil }
            guard n > 0 else {
                log.report(file.location(fields[field]!), "'\(field)' of \(what) must be positive, got \(n)", suggestion: "write e.g. \(example)")
                return nil
            }
            return n
        }
        let samples = count("samples"), features = count("features"), classes = count("classes")
        let separation = positive(fields["separation"]!, "'separation' of \(what)", example: "separation: 4")
        let objective = file.string(fields["objective"]!, "'objective' of \(what)")
        var accuracy = file.number(fields["minimum_accuracy"]!, "'minimum_accuracy' of \(what)")
        if let a = accuracy, !(0...1).contains(a) {
            log.report(file.location(fields["minimum_accuracy"]!), "'minimum_accuracy' of \(what) must be in [0, 1], got \(a)",
                       suggestion: "write e.g. minimum_accuracy: 0.9")
            accuracy = nil
        }
        if let objective, let spec = components.first(where: { $0.name == objective }), spec.family != .linearObjective {
            log.report(file.location(fields["objective"]!), "'objective' of \(what) must be a linear-objective component, and '\(objective)' is a \(spec.family.rawValue)",
                       suggestion: "use one of: " + components.filter { $0.family == .linearObjective }.map(\.name).joined(separator: ", "))
            return nil
        } else if let objective, !components.contains(where: { $0.name == objective }) {
            log.report(file.location(fields["objective"]!), "unknown component '\(objective)' in \(what)",
                       suggestion: NameSuggestion.suggestion(for: objective, among: components.filter { $0.family == .linearObjective }.map(\.name)))
            return nil
        }
        guard let samples, let features, let classes, let separation, let objective, let accuracy else { return nil }
        return ConvergenceSpec(samples: samples, features: features, classes: classes, separation: separation,
                               objective: objective, minimumAccuracy: accuracy)
    }

    // MARK: - Shared fields

    private func kind(_ node: Node, of what: String) -> CaseKind? {
        guard let name = file.string(node, "the kind of \(what)") else { return nil }
        if let kind = CaseKind(rawValue: name) { return kind }
        log.report(file.location(node), "unknown kind '\(name)' in \(what)",
                   suggestion: NameSuggestion.suggestion(for: name, among: CaseKind.allCases.map(\.rawValue)))
        return nil
    }

    private func visibility(_ node: Node, of what: String) -> Visibility? {
        guard let name = file.string(node, "the visibility of \(what)") else { return nil }
        if let visibility = Visibility(rawValue: name) { return visibility }
        log.report(file.location(node), "unknown visibility '\(name)' in \(what)",
                   suggestion: NameSuggestion.suggestion(for: name, among: Visibility.allCases.map(\.rawValue)))
        return nil
    }

    private func points(_ node: Node, of what: String) -> Double? {
        guard let p = file.number(node, "the points of \(what)") else { return nil }
        guard p >= 0 else {
            log.report(file.location(node), "the points of \(what) must not be negative, got \(file.plainText(node) ?? "")",
                       suggestion: "write 0 for an ungraded case, or a positive number")
            return nil
        }
        return p
    }

    private func timeout(_ node: Node, of what: String) -> Double? {
        guard let t = file.number(node, "the timeout of \(what)") else { return nil }
        guard t > 0 else {
            log.report(file.location(node), "the timeout of \(what) must be a positive number of seconds, got \(file.plainText(node) ?? "")",
                       suggestion: "write e.g. timeout: 5, or leave it out for the assignment's default")
            return nil
        }
        return t
    }

    private func positive(_ node: Node, _ what: String, example: String) -> Double? {
        guard let x = file.number(node, what) else { return nil }
        guard x > 0 else {
            log.report(file.location(node), "\(what) must be positive, got \(file.plainText(node) ?? "")", suggestion: "write e.g. \(example)")
            return nil
        }
        return x
    }

    private func tolerance(_ node: Node, of what: String) -> (rtol: Double?, atol: Double?) {
        let tolWhat = "the tolerance of \(what)"
        guard let fields = file.fields(node, of: tolWhat, allowed: ["rtol", "atol"], example: "{rtol: 1e-6, atol: 1e-9}")
        else { return (nil, nil) }
        func read(_ key: String) -> Double? {
            guard let node = fields[key] else { return nil }
            guard let x = file.numberValue(node) else {
                log.report(file.location(node), "'\(key)' in \(tolWhat) must be a number, got \(file.rendering(node))",
                           suggestion: "write e.g. \(key): \(key == "rtol" ? "1e-6" : "0.005")")
                return nil
            }
            guard x >= 0 else {
                log.report(file.location(node), "'\(key)' in \(tolWhat) must not be negative, got \(file.plainText(node) ?? "")",
                           suggestion: "write e.g. \(key): \(key == "rtol" ? "1e-6" : "0.005")")
                return nil
            }
            return x
        }
        return (read("rtol"), read("atol"))
    }

    private func hyperparameters(_ node: Node, of what: String) -> [(String, Double)] {
        let hpWhat = "the hyperparameters of \(what)"
        guard let fields = file.fields(node, of: hpWhat, allowed: Hyperparameters.fieldNames,
                                       aliases: Hyperparameters.snakeCaseSpellings, example: "{margin: 1, learning_rate: 1e-3}")
        else { return [] }
        var settings: [(String, Double)] = []
        for (field, keyNode, value) in fields.entries {
            let written = file.plainText(keyNode) ?? field
            if Hyperparameters.integerFieldNames.contains(field) {
                guard let n = file.integer(value, "'\(written)' in \(hpWhat)") else { continue }
                guard n > 0 else {
                    log.report(file.location(value), "'\(written)' in \(hpWhat) must be positive, got \(n)", suggestion: "write a positive whole number")
                    continue
                }
                settings.append((field, Double(n)))
            } else if let x = file.number(value, "'\(written)' in \(hpWhat)") {
                settings.append((field, x))
            }
        }
        return settings
    }

    /// `hint_when:`, one condition or a list: failure kinds and known-mistake names of the component.
    private func hintConditions(_ node: Node, of what: String, hasHint: Bool) -> [HintCondition] {
        let items: [Node] = if case .sequence(let sequence) = node { Array(sequence) } else { [node] }
        if !hasHint {
            log.report(file.location(node), "\(what) has 'hint_when' but no 'hint'", suggestion: "add the hint it conditions, or remove 'hint_when'")
        }
        return items.compactMap { item in
            guard let text = file.string(item, "an item of 'hint_when' of \(what)") else { return nil }
            if let condition = HintCondition(text) { return condition }
            let kinds = HintCondition.problems.map(\.rawValue).joined(separator: ", ")
            log.report(file.location(item), "'\(text)' in 'hint_when' of \(what) is neither a kind of failure nor a mistake name",
                            suggestion: text.contains("/") ? "name the mistake without its component: '\(text.split(separator: "/").last ?? "")'"
                                                           : "write one of \(kinds), or a known mistake of the component such as sum-over-samples")
            return nil
        }
    }
}
