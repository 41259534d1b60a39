/// The grades of a class on one assignment: a row a submission, written by `grade batch` as
/// `gradebook.json` and `gradebook.csv`, and combined across shards by `grade gradebook merge`.
public struct Gradebook: Sendable, Hashable, Codable {
    /// The assignment's id.
    public var assignment: String
    /// The components, in the assignment's order: the per-component columns.
    public var components: [String]
    /// One row a submission, by student.
    public var entries: [Entry]

    /// One submission's grade.
    public struct Entry: Sendable, Hashable, Codable {
        /// How grading the submission ended.
        public enum Status: String, Sendable, Hashable, Codable {
            /// Every check passed.
            case passed
            /// Graded, with checks that failed (a build failure included).
            case failed
            /// Not graded: the grader could not grade it (an error of the grader or its setup).
            case couldNotGrade = "could-not-grade"
        }

        /// The submission's folder name.
        public var student: String
        public var status: Status
        /// Points earned and available.
        public var total: Double
        public var maxTotal: Double
        /// Points earned by component.
        public var points: [String: Double]
        /// True when every file of the submission compiled as written.
        public var buildSucceeded: Bool
        /// Wall-clock seconds the grading took, building included.
        public var seconds: Double
        /// The grader that graded it.
        public var graderVersion: String
        /// The fingerprint of the assignment's case files and metadata.
        public var casesFingerprint: String
        /// The fingerprint of everything the grade depends on: the submission's files, the case
        /// files, the grader. A rerun grades again only when it changed.
        public var inputsFingerprint: String
        /// Why it could not be graded.
        public var error: String?
        /// The run seed of the student's inputs: 0 for the case files' own, else the student's own.
        public var seed: UInt64 = 0

        /// Creates an entry.
        public init(student: String, status: Status, total: Double, maxTotal: Double, points: [String: Double],
                    buildSucceeded: Bool, seconds: Double, graderVersion: String, casesFingerprint: String,
                    inputsFingerprint: String, error: String? = nil) {
            self.student = student
            self.status = status
            self.total = total
            self.maxTotal = maxTotal
            self.points = points
            self.buildSucceeded = buildSucceeded
            self.seconds = seconds
            self.graderVersion = graderVersion
            self.casesFingerprint = casesFingerprint
            self.inputsFingerprint = inputsFingerprint
            self.error = error
        }

        /// The entry of a graded run.
        public init(student: String, run: GradeRun, seconds: Double, graderVersion: String, casesFingerprint: String,
                    inputsFingerprint: String) {
            self.init(student: student, status: run.allPassed ? .passed : .failed, total: run.score, maxTotal: run.maxScore,
                      points: Dictionary(run.components.map { ($0.name, $0.score) }, uniquingKeysWith: +),
                      buildSucceeded: run.build.compiledAsWritten, seconds: seconds, graderVersion: graderVersion,
                      casesFingerprint: casesFingerprint, inputsFingerprint: inputsFingerprint)
            seed = run.seed
        }
    }

    /// Creates a gradebook; the entries are kept sorted by student.
    public init(assignment: String, components: [String], entries: [Entry]) {
        self.assignment = assignment
        self.components = components
        self.entries = entries.sorted { $0.student < $1.student }
    }

    /// Why gradebooks cannot be combined.
    public struct MergeError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The gradebooks of the shards of one batch as one: the same assignment and components,
    /// and no student in two of them.
    public static func merging(_ books: [Gradebook]) throws(MergeError) -> Gradebook {
        guard let first = books.first else { throw MergeError(description: "no gradebook to merge") }
        var seen: [String: Int] = [:]
        for (index, book) in books.enumerated() {
            guard book.assignment == first.assignment, book.components == first.components else {
                throw MergeError(description: "gradebook \(index + 1) is of \(book.assignment) with components \(book.components.joined(separator: ",")), gradebook 1 of \(first.assignment) with \(first.components.joined(separator: ","))")
            }
            for entry in book.entries {
                if let other = seen[entry.student] {
                    throw MergeError(description: "\(entry.student) is in gradebooks \(other + 1) and \(index + 1): were the shards of one batch (--shard K/N) given the same N?")
                }
                seen[entry.student] = index
            }
        }
        return Gradebook(assignment: first.assignment, components: first.components, entries: books.flatMap(\.entries))
    }
}
