import AssignmentFormat
import ComponentRuntime
import Foundation
import GradingEngine

/// A self-contained package students clone to grade their work: the grader's sources, the
/// starter and the visible cases, with no reference and no hidden case.
///
/// The engine still links a `Reference` module; in the kit it is a stub that registers
/// nothing, and every visible `reference` case carries the reference's outputs recorded at
/// release time, so no case asks the reference anything.
struct StudentKit {
    /// The modules copied from `Sources/`.
    static let modules = ModuleGraph.studentKitSourceModules

    /// Properties whose check compares with the reference on inputs of its own, which a case
    /// file cannot record; their cases stay out of the kit. (See `PropertyCheck` in the engine.)

    let layout: ProjectLayout
    let assignment: Assignment

    /// What a release wrote and left out.
    struct Summary {
        var visible: [TestCase] = []
        var recorded: [TestCase] = []
        var withheld: [TestCase] = []
    }

    /// True when a case stays out of the kit: hidden, or shown only after the due date.
    /// Hidden and after-due-date cases, and cases that time the reference (a kit has none).
    func isWithheld(_ testCase: TestCase) -> Bool { testCase.visibility != .visible || testCase.check.runsTheReference }

    /// Writes the kit into `out`, which must not exist or be empty.
    func write(to out: URL) throws(CouldNotGrade) -> Summary {
        var summary = Summary()
        for testCase in assignment.cases {
            if isWithheld(testCase) { summary.withheld.append(testCase) } else { summary.visible.append(testCase) }
        }
        do {
            let fm = FileManager.default
            try fm.createDirectory(at: out, withIntermediateDirectories: true)
            let sources = out.appendingPathComponent("Sources", isDirectory: true)
            try fm.createDirectory(at: sources, withIntermediateDirectories: true)
            for module in Self.modules {
                try fm.copyItem(at: layout.root.appendingPathComponent("Sources/\(module)"), to: sources.appendingPathComponent(module))
            }
            try write(KitFiles.referenceStub, to: sources.appendingPathComponent("Reference/Registration.swift"))
            try write(ModuleGraph.studentKitManifest, to: out.appendingPathComponent("Package.swift"))
            // No Package.resolved: the commit ids it pins are those of this machine's package copies.
            let docs = layout.root.appendingPathComponent("docs/case-format.md")
            if fm.fileExists(atPath: docs.path) {
                try fm.createDirectory(at: out.appendingPathComponent("docs"), withIntermediateDirectories: true)
                try fm.copyItem(at: docs, to: out.appendingPathComponent("docs/case-format.md"))
            }
            try write(KitFiles.readme(assignment: assignment, visibleCases: summary.visible.count,
                                      withheld: summary.withheld.count),
                      to: out.appendingPathComponent("README.md"))
            try write(KitFiles.gitignore, to: out.appendingPathComponent(".gitignore"))

            let target = out.appendingPathComponent("assignments/\(assignment.id)", isDirectory: true)
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
            try fm.copyItem(at: assignment.directory.appendingPathComponent("assignment.yaml"), to: target.appendingPathComponent("assignment.yaml"))
            try fm.copyItem(at: assignment.directory.appendingPathComponent(assignment.starterPath),
                            to: target.appendingPathComponent(assignment.starterPath))
            summary.recorded = try writeCaseFiles(into: target)
        } catch let error as CouldNotGrade {
            throw error
        } catch {
            throw CouldNotGrade(message: "could not write the kit to \(out.path): \(error.localizedDescription)")
        }
        return summary
    }

    /// The case files with withheld cases cut out and reference cases recorded; the recorded cases.
    private func writeCaseFiles(into target: URL) throws -> [TestCase] {
        let oracle = ReferenceOracle()
        let generator = InputGenerator()
        var recorded: [TestCase] = []
        let byFile = Dictionary(grouping: assignment.cases, by: \.location.file)
        for (file, cases) in byFile.sorted(by: { $0.key < $1.key }) {
            let text = try String(contentsOf: assignment.directory.appendingPathComponent(file), encoding: .utf8)
            var failure: CouldNotGrade?
            let rewritten = try KitCaseFile(text: text, cases: cases).rewritten { testCase in
                if isWithheld(testCase) { return .remove }
                guard testCase.check.asksTheReference else { return .keep }
                do throws(CouldNotGrade) {
                    let (inputs, expected, fingerprint) = try record(testCase, oracle: oracle, generator: generator)
                    recorded.append(testCase)
                    return .record(inputs: inputs, expected: expected, fingerprint: fingerprint)
                } catch {
                    failure = error
                    return .keep
                }
            }
            if let failure { throw failure }
            let url = target.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try write(rewritten, to: url)
        }
        return recorded
    }

    /// Generated inputs of up to this many numbers are written out; larger ones stay
    /// generators, and the recorded outputs carry the fingerprint of what they generate.
    static let literalInputNumbers = 10_000

    /// The literal inputs (nil when all were literal already, or kept as generators), the
    /// reference's outputs of a case, and the fingerprint of inputs kept as generators.
    private func record(_ testCase: TestCase, oracle: ReferenceOracle,
                        generator: InputGenerator) throws(CouldNotGrade) -> (Values?, Values, String?) {
        guard let family = assignment.component(named: testCase.component)?.family else {
            throw CouldNotGrade(message: "\(testCase.location): component '\(testCase.component)' is not declared")
        }
        let inputs = generator.inputs(for: testCase)
        var expected: Values
        do {
            expected = try oracle.outputs(for: Invocation(component: testCase.component, family: family,
                                                          hyperparameters: testCase.hyperparameters, inputs: inputs))
        } catch {
            throw CouldNotGrade(message: "\(testCase.location): the reference cannot run case '\(testCase.name)': \(error.message)")
        }
        if !testCase.compare.isEmpty { expected = expected.filter { testCase.compare.contains($0.key) } }
        if let bad = expected.first(where: { !YAMLLiteral.isWritable($0.value) }) {
            throw CouldNotGrade(message: "\(testCase.location): the reference's '\(bad.key)' of case '\(testCase.name)' is not finite, so it cannot be recorded")
        }
        let generated = testCase.inputs.values.contains { if case .generated = $0 { true } else { false } }
        guard generated else { return (nil, expected, nil) }
        let numbers = inputs.values.reduce(0) { $0 + $1.numbers.count }
        if numbers > Self.literalInputNumbers { return (nil, expected, inputs.fingerprint) }
        return (inputs, expected, nil)
    }

    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
