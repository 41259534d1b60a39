import AssignmentFormat

/// The fixed files of a student kit: its manifest, its stub reference, its README and .gitignore.
enum KitFiles {
    /// The kit's `Package.swift`: the grader's modules, with `Reference` a stub and no tests.
    static func packageManifest(dependencies: [String]) -> String {
        """
        // swift-tools-version: 6.1
        import PackageDescription

        let package = Package(
            name: "grade",
            platforms: [.macOS(.v15)],
            products: [
                .executable(name: "grade", targets: ["grade"]),
                .library(name: "GradeKit", targets: ["GradeKit"]),
            ],
            dependencies: [
        \(dependencies.map { "        " + $0 }.joined(separator: "\n"))
            ],
            targets: [
                // The protocols you conform to, the Matrix type and registration.
                .target(name: "GradeKit"),
                // Registers nothing here: the kit's cases carry the reference's outputs.
                .target(name: "Reference", dependencies: ["GradeKit"]),
                .target(name: "GradeSystem"),
                .target(name: "ComponentRuntime", dependencies: ["GradeKit", "GradeSystem"]),
                .target(name: "GradeResults"),
                .target(name: "AssignmentFormat", dependencies: ["GradeKit", "ComponentRuntime", "GradeResults", .product(name: "Yams", package: "Yams")]),
                .target(name: "CProcessTree"),
                .target(name: "GradingEngine", dependencies: ["GradeKit", "GradeSystem", "ComponentRuntime", "Reference", "AssignmentFormat", "GradeResults", "CProcessTree"]),
                .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
                .target(name: "GradeReports", dependencies: ["GradeResults", "GradeSystem", "CLibXML2"]),
                // The launcher every worker starts through (resource limits, Landlock, seccomp).
                .executableTarget(name: "grade-sandbox", linkerSettings: [.linkedLibrary("seccomp")]),
                .executableTarget(name: "grade", dependencies: [
                    "GradingEngine", "GradeReports", "AssignmentFormat", "GradeResults", "grade-sandbox",
                    .product(name: "ArgumentParser", package: "swift-argument-parser"),
                ]),
            ],
            swiftLanguageModes: [.v6]
        )

        """
    }

    /// The kit's `Reference` module: no components, because every case that compares with the
    /// reference carries its recorded outputs.
    static let referenceStub = """
        import GradeKit

        /// Registers nothing: this kit has no reference implementation. Every case that compares
        /// with the reference carries the outputs the reference gave when the kit was released.
        public func registerComponents(in registry: inout ComponentRegistry) {}

        """

    static let gitignore = """
        .build/
        .build-*/
        Package.resolved
        .swiftpm/
        *.xml
        results.json

        """

    /// The students' README.
    static func readme(assignment: Assignment, visibleCases: Int, withheld: Int) -> String {
        let starter = "assignments/\(assignment.id)/\(assignment.starterPath)"
        return """
            # \(assignment.title)

            This is the grader for \(assignment.id), with the starter code and the \(visibleCases) visible test cases.

            ## Grade your work

            1. Implement the components in `\(starter)/` (or a copy of it), replacing each
               `notImplemented(...)` call. Keep `Registration.swift` as it is.
            2. Run, from this folder:

                   swift run grade \(assignment.id)                          # grades \(starter)/
                   swift run grade \(assignment.id) --submission path/to/copy
                   swift run grade \(assignment.id) --filter softmax         # one component
                   swift run grade \(assignment.id) --verbose                # passing comparisons too

               The first run builds the grader and your code (a minute or two); later runs take seconds.

            Exit status: 0 when every case passes, 1 when some fail (or your code does not compile),
            2 when grading was not possible.

            ## What is here

            - `\(starter)/`: the code you write.
            - `assignments/\(assignment.id)/cases/`: the visible cases, in the format of `docs/case-format.md`.
              Cases that compare with the course's reference implementation carry its outputs
              under `expected: recorded:`.
            - `Sources/`: the grader itself. `Sources/GradeKit` documents the protocols you conform to.

            Your final grade also includes \(withheld) case\(withheld == 1 ? "" : "s") not in this kit (hidden cases,
            and cases shown after the due date).

            """
    }
}
