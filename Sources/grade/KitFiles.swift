import AssignmentFormat

/// The fixed files of a student kit: its stub reference, its README and .gitignore (its manifest
/// is ``ModuleGraph/studentKitManifest``).
enum KitFiles {
    /// The kit's `Reference` module: no components, because every case that compares with the
    /// reference carries its recorded outputs.
    static let referenceStub = """
        import GradeKit

        /// Registers nothing: this kit has no reference implementation. Every case that compares
        /// with the reference carries the outputs the reference gave when the kit was released.
        public func registerComponents(in registry: inout ComponentRegistry) {}

        /// Registers nothing: the known mistakes are kept with the reference.
        public func registerKnownMistakes(in registry: inout ComponentRegistry) {}

        /// None: the known mistakes are kept with the reference.
        public let knownMistakes: [(key: String, explanation: String, idea: String)] = []

        /// None: the known mistakes are kept with the reference.
        public let singlePrecisionMistakes: Set<String> = []

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
               If that first build stops with `compile command failed due to signal 9`, the machine ran
               out of memory compiling two modules at once (it needs about 450 MB free; one at a time,
               270 MB): run `swift build --jobs 1` once, then the command again.

            Exit status: 0 when every case passes, 1 when some fail (or your code does not compile),
            2 when grading was not possible.

            ## What is here

            - `\(starter)/`: the code you write.
            - `assignments/\(assignment.id)/cases/`: the visible cases, in the format of `docs/case-format.md`.
              Cases that compare with the course's reference implementation carry its outputs
              under `expected: recorded:`.
            - `Sources/`: the grader itself. `Sources/GradeKit` documents the protocols you conform to.

            Your final grade also includes \(withheld) case\(withheld == 1 ? "" : "s") not in this kit (hidden cases,
            cases shown after the due date, and efficiency cases, which time the reference).

            """
    }
}
