import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit

/// A SwiftPM package that calls a submission's component on one case's inputs, for
/// `grade repro CASE`: a student runs it, adds a `print`, sets a breakpoint in their own code,
/// and runs it again.
///
/// ```
/// OUT/Package.swift
/// OUT/Sources/GradeKit     → the repository's Sources/GradeKit (and likewise each module it depends on)
/// OUT/Sources/Submission   → the submission's folder, so that every edit is seen
/// OUT/Sources/repro/main.swift
/// ```
///
/// `main.swift` declares the inputs as Swift literals, every bit kept (the graded ones, from the
/// same seeds), registers the submission's components, makes the call the grader makes and
/// prints each output, with the expected values the case compares with written after it:
/// a worked example's, the recorded ones, or the reference's outputs on these inputs.
public struct ReproPackage: Sendable {
    /// Why a case cannot be reproduced this way.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        /// The message, naming the case.
        public let description: String
    }

    /// The case reproduced.
    public let testCase: TestCase
    /// The files to write, by path relative to the package folder (`Sources/repro/main.swift`).
    public let files: [String: String]
    /// The symbolic links to make, by path relative to the package folder, each to an absolute path.
    public let links: [String: URL]

    /// The package for `testCase` of `assignment`, calling the submission in `submission`, with
    /// GradeKit from `packageRoot`; inputs from `generator`, as grading draws them.
    ///
    /// - Throws: ``Refusal`` when the case's family is not one requirement call, when its inputs
    ///   are built by a property rather than written in the case, or when they hold more numbers
    ///   than a literal should.
    public init(testCase: TestCase, assignment: Assignment, submission: URL, packageRoot: URL,
                generator: InputGenerator, oracle: ReferenceOracle = ReferenceOracle()) throws(Refusal) {
        self.testCase = testCase
        let name = testCase.name
        let (spec, descriptor, ports, call) = try Self.form(of: testCase, in: assignment)
        let inputs = generator.inputs(for: testCase)

        // What the case compares with: its literal values, else the reference's on these inputs.
        var expected = testCase.check.literalExpected
        var expectedSource = "the values the case file gives"
        if expected == nil, case .reference = testCase.check {
            expected = try? oracle.outputs(for: Invocation(component: testCase.component, family: spec.family,
                                                           hyperparameters: testCase.hyperparameters, inputs: inputs))
            expectedSource = "the reference's outputs on these inputs"
        }

        var main: [String] = []
        main.append("// Case \(name) of \(assignment.id) (\(testCase.kind.rawValue)): \(Self.comment(testCase.title)).")
        main.append("// The inputs are the graded ones, every bit kept (the case's seed \(generator.seed(for: testCase))).")
        main.append("// Run:  swift run --package-path <this folder>   — Sources/Submission is your submission's folder,")
        main.append("// so edit your code there and run again; set a breakpoint in it with `swift build` and lldb.")
        main.append("import GradeKit")
        main.append("import Submission")
        main.append("")
        for port in ports { main.append("let \(port) = \(SwiftLiteral.literal(inputs[port]!))") }
        let arguments = testCase.hyperparameters.swiftArguments
        main.append("let hyperparameters = Hyperparameters(\(arguments.joined(separator: ", ")))")
        main.append("")
        main.append("var registry = ComponentRegistry()")
        main.append("registerComponents(in: &registry)")
        main.append("guard let type = registry[\(SwiftLiteral.string(testCase.component))]?.type as? any \(descriptor.protocolName).Type else {")
        main.append("    fatalError(\(SwiftLiteral.string("registerComponents does not register \(testCase.component) as a conformance to \(descriptor.protocolName)")))")
        main.append("}")
        main += call
        if let expected {
            main.append("")
            main.append("// Expected (\(expectedSource); within rtol \(testCase.tolerance.rtol), atol \(testCase.tolerance.atol)):")
            for output in descriptor.outputs {
                if let value = expected[output.name] { main.append("//   \(output.name) = \(SwiftLiteral.literal(value))") }
            }
        } else if case .gradientCheck = testCase.check {
            main.append("")
            main.append("// This case compares each gradient with centered differences of your own loss,")
            main.append("// (L(x + h·e) − L(x − h·e)) / 2h: GradeKit's numericalGradient computes them.")
        }

        files = [
            "Package.swift": Self.manifest(name: name, excluded: Self.otherFiles(in: submission)),
            "Sources/repro/main.swift": main.joined(separator: "\n") + "\n",
        ]
        var links = ["Sources/Submission": submission.standardizedFileURL]
        for module in Self.gradeKitModules {
            links["Sources/\(module.name)"] = packageRoot.appendingPathComponent("Sources/\(module.name)", isDirectory: true).standardizedFileURL
        }
        self.links = links
    }

    /// Why `testCase` of `assignment` cannot be written as a package, or nil when it can; no
    /// input is generated and nothing is written.
    public static func refusal(for testCase: TestCase, in assignment: Assignment) -> Refusal? {
        do {
            _ = try form(of: testCase, in: assignment)
            return nil
        } catch {
            return error
        }
    }

    /// The component's declaration, the inputs declared in `main.swift` and the lines of the call.
    private static func form(of testCase: TestCase, in assignment: Assignment) throws(Refusal)
        -> (spec: ComponentSpec, descriptor: FamilyDescriptor, ports: [String], call: [String]) {
        let name = testCase.name
        guard let spec = assignment.component(named: testCase.component),
              let descriptor = assignment.families.descriptor(for: spec.family) else {
            throw Refusal(description: "case \(name): its component \(testCase.component) is not one of \(assignment.id)'s")
        }
        switch testCase.check {
        case .workedExample, .reference, .gradientCheck, .efficiency: break
        case .property(let property, _):
            throw Refusal(description: "case \(name) checks the property \(property.rawValue), which builds its own inputs; repro writes cases whose inputs the case file gives")
        case .numericalGradient, .convergence:
            throw Refusal(description: "case \(name) is a \(testCase.kind.rawValue) case, which is not one call on written inputs")
        }
        let numbers = testCase.inputNumbers
        guard numbers <= SwiftLiteral.largestReproInputs else {
            throw Refusal(description: "case \(name): its inputs hold \(numbers) numbers, more than the \(SwiftLiteral.largestReproInputs) repro writes out as literals")
        }
        // The call: the family's one requirement, or an optimizer's steps along given gradients.
        if let requirement = descriptor.requirement {
            let ports = descriptor.inputs.map(\.name).filter { testCase.inputs[$0] != nil }
            guard ports.count == descriptor.inputs.count else {
                throw Refusal(description: "case \(name) does not give every input of \(descriptor.protocolName).\(requirement)")
            }
            return (spec, descriptor, ports,
                    ["let result = type.init(hyperparameters: hyperparameters).\(requirement)(\(ports.map { "\($0): \($0)" }.joined(separator: ", ")))"]
                        + descriptor.outputs.map { "print(\(SwiftLiteral.string($0.name + " =")), result.\($0.name))" })
        }
        if spec.family == .optimizer, testCase.inputs["parameters"] != nil, testCase.inputs["gradients"] != nil {
            return (spec, descriptor, ["parameters", "gradients"], [
                "var optimizer = type.init(hyperparameters: hyperparameters)",
                "var trajectory: [Matrix] = []",
                "var current = parameters",
                "for gradient in gradients {",
                "    optimizer.step(parameters: &current, gradient: gradient)",
                "    trajectory.append(current)",
                "}",
                "print(\"trajectory =\", trajectory)",
            ])
        }
        throw Refusal(description: "case \(name): a call of a \(spec.family.rawValue) component (\(descriptor.protocolName)) is more than one "
                      + "requirement on written inputs (an optimizer on a test function, a trainer, a schedule or an estimator), "
                      + "so repro cannot write it; the case's inputs are shown with its failure instead")
    }

    /// Writes the package into `folder`, replacing the files and links it writes (a folder
    /// written before for the same case is refreshed; nothing else in it is touched).
    public func write(to folder: URL) throws {
        let fm = FileManager.default
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        }
        for (path, destination) in links {
            let url = folder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if (try? fm.destinationOfSymbolicLink(atPath: url.path)) != nil { try fm.removeItem(at: url) }
            try fm.createSymbolicLink(at: url, withDestinationURL: destination)
        }
    }

    /// The files of `folder` that are not Swift sources, by relative path: SwiftPM would warn
    /// of each one.
    private static func otherFiles(in folder: URL) -> [String] {
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var other: [String] = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue, !path.hasSuffix(".swift") { other.append(path) }
        }
        return other.sorted()
    }

    /// GradeKit and the modules it depends on, each after its dependencies, as the grader declares them.
    private static let gradeKitModules = ModuleGraph.closure(of: ["GradeKit"])

    private static func manifest(name: String, excluded: [String]) -> String {
        let gradeKit = gradeKitModules.map { $0.declaration(path: nil) + "," }.joined(separator: "\n        ")
        return """
        // swift-tools-version: 6.0
        // Written by `grade repro \(name)`: GradeKit and your submission, and a main that calls it.
        import PackageDescription

        let package = Package(
            name: "repro",
            targets: [
                \(gradeKit)
                .target(name: "Submission", dependencies: ["GradeKit"], exclude: [\(excluded.map(SwiftLiteral.string).joined(separator: ", "))]),
                .executableTarget(name: "repro", dependencies: ["GradeKit", "Submission"]),
            ]
        )

        """
    }

    /// `text` on one line, safe in a `//` comment.
    private static func comment(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
