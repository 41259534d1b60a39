import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

/// An assignment: its metadata, its components and its test cases.
public struct Assignment: Sendable {
    /// The folder name, such as `assignment3`.
    public var id: String
    /// The human title.
    public var title: String
    /// The assignment folder.
    public var directory: URL
    /// The components, in report order.
    public var components: [ComponentSpec]
    /// The families the components belong to.
    public var families: FamilyCatalog
    /// Every case of every case file, in file order.
    public var cases: [TestCase]
    /// The wall-clock seconds a case may take unless it says otherwise.
    public var defaultTimeout: Double
    /// The folder of starter code students edit, relative to ``directory``.
    public var starterPath: String
    /// How alternative conventions are treated, by known-mistake key (`adam/efficient-form`);
    /// a convention not listed costs points, like any other mistake.
    public var conventions: [String: ConventionPolicy]
    /// The share of its component's points every known mistake must cost
    /// (`minimum_mistake_share`); `grade validate` checks it, and that each is caught, when it
    /// is given (0 asks only that each is caught); nil reports the mistakes without judging.
    public var minimumMistakeShare: Double?
    /// True when each student gets inputs of their own: the run seed of a student's grading is
    /// ``studentSeed(_:)`` of their id, so that students cannot share expected values.
    public var inputsPerStudent = false
    /// What students may know of the cases withheld from them (`withheld_cases`): their place
    /// and points only, or their verdicts too.
    public var withheldCases: WithheldCases = .place

    /// The run seed of `student`'s grading when ``inputsPerStudent``: the FNV-1a hash of the id,
    /// never 0 (0 keeps the case files' own inputs).
    public static func studentSeed(_ student: String) -> UInt64 {
        let hash = FNV1a.hash(student)
        return hash == 0 ? 1 : hash
    }

    /// Creates an assignment.
    public init(id: String, title: String, directory: URL, components: [ComponentSpec], families: FamilyCatalog = .standard,
                cases: [TestCase], defaultTimeout: Double = 10, starterPath: String = "starter",
                conventions: [String: ConventionPolicy] = [:], minimumMistakeShare: Double? = nil) {
        self.id = id
        self.title = title
        self.directory = directory
        self.components = components
        self.families = families
        self.cases = cases
        self.defaultTimeout = defaultTimeout
        self.starterPath = starterPath
        self.conventions = conventions
        self.minimumMistakeShare = minimumMistakeShare
    }

    /// The total of every case's points.
    public var totalPoints: Double { cases.reduce(0) { $0 + $1.points } }

    /// The component called `name`.
    public func component(named name: String) -> ComponentSpec? { components.first { $0.name == name } }

    /// The other components `testCase` runs: a convergence run's objective, an input that
    /// names a component (sgd's `objective: linear-softmax`).
    public func dependencies(of testCase: TestCase) -> [String] {
        var names: [String] = []
        if case .convergence(let spec) = testCase.check { names.append(spec.objective) }
        for rule in descriptor(ofComponent: testCase.component)?.shapeRules ?? [] {
            if case .component(let port, _) = rule, case .literal(.text(let name))? = testCase.inputs[port.name] { names.append(name) }
        }
        return names.filter { $0 != testCase.component }
    }

    /// The descriptor of the family of the component called `name`.
    public func descriptor(ofComponent name: String) -> FamilyDescriptor? {
        component(named: name).flatMap { families.descriptor(for: $0.family) }
    }
}
