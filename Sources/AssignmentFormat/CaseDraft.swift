import ComponentRuntime
import GradeKit
import GradeResults

/// A case while its file is read: every field as written, the kind-specific ones optional,
/// so that each can be checked and reported on its own before the case becomes a
/// ``TestCase``.
struct CaseDraft {
    var name: String
    var component: String
    var kind: CaseKind
    var title: String
    var points: Double = 1
    var visibility: Visibility = .visible
    var hyperparameters = Hyperparameters()
    var seed: UInt64 = 0
    var inputs: [String: InputSpec] = [:]
    var expected: ExpectedSpec = .none
    var compare: [String] = []
    var tolerance: Tolerance = .default
    var hint: String?
    var hintWhen: [HintCondition] = []
    var timeout: Double?
    /// `log_base` of a worked example.
    var logBase: Double?
    /// `property` of a property case.
    var property: PropertyName?
    /// `gradient_check` of a gradient check; nil checks every gradient of the family.
    var gradientCheck: GradientCheckSpec?
    /// `convergence` of a convergence case.
    var convergence: ConvergenceSpec?
    /// `efficiency` of an efficiency case.
    var efficiency: EfficiencySpec?
    /// `inputs_fingerprint` beside recorded outputs.
    var inputsFingerprint: String?
    var location: SourceLocation

    init(name: String, kind: CaseKind, location: SourceLocation) {
        self.name = name
        self.component = ""
        self.kind = kind
        self.title = name
        self.location = location
    }

    /// The check the fields make, given the family's descriptor; nil when a field the kind
    /// needs is missing or unusable (which the reader or checker has reported).
    func check(descriptor: FamilyDescriptor?) -> Check? {
        switch kind {
        case .workedExample:
            guard case .literal(let values) = expected, !values.isEmpty else { return nil }
            return .workedExample(expected: values, logBase: logBase)
        case .reference:
            switch expected {
            case .reference: return .reference(recorded: nil)
            case .literal(let values): return .reference(recorded: values)
            case .none: return nil
            }
        case .numericalGradient:
            return .numericalGradient
        case .gradientCheck:
            let specs = gradientCheck.map { [$0] }
                ?? descriptor?.gradients.map { GradientCheckSpec(input: $0.input.name, output: $0.output.name) } ?? []
            return specs.isEmpty ? nil : .gradientCheck(specs)
        case .property:
            guard let property else { return nil }
            if case .literal(let values) = expected { return .property(property, expected: values) }
            return .property(property, expected: nil)
        case .convergence:
            return convergence.map(Check.convergence)
        case .efficiency:
            return efficiency.map(Check.efficiency)
        }
    }

    /// The validated case, if its check could be made.
    func testCase(descriptor: FamilyDescriptor?) -> TestCase? {
        guard let check = check(descriptor: descriptor) else { return nil }
        var testCase: TestCase? = TestCase(name: name, component: component, check: check, title: title, points: points, visibility: visibility,
                        hyperparameters: hyperparameters, seed: seed, inputs: inputs, compare: compare, tolerance: tolerance,
                        hint: hint, hintWhen: hintWhen, timeout: timeout, location: location)
        testCase?.inputsFingerprint = inputsFingerprint
        return testCase
    }
}
