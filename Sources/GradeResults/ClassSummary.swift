/// What a class's grading shows an instructor: the spread of scores, which components and
/// cases the class passes, the mistakes it makes, the builds that failed and the slowest
/// submissions. Computed once from the gradebook and the runs; the dashboard and its Markdown
/// twin only lay it out.
public struct ClassSummary: Sendable {
    /// One component across the class.
    public struct Component: Sendable, Hashable {
        public var name: String
        public var title: String
        /// Points available.
        public var points: Double
        /// Mean points earned over the graded submissions.
        public var meanScore: Double
        /// Submissions with every point of the component.
        public var fullMarks: Int
    }

    /// One case across the class.
    public struct Case: Sendable, Hashable {
        public var name: String
        public var component: String
        /// Submissions that passed it, and that ran it.
        public var passed: Int
        public var ran: Int
        /// The share that passed, in [0, 1].
        public var passRate: Double { ran == 0 ? 0 : Double(passed) / Double(ran) }
    }

    /// A diagnosed mistake and the students whose submissions show it.
    public struct Mistake: Sendable, Hashable {
        public var component: String
        /// The diagnosis, as the reports state it.
        public var diagnosis: String
        public var students: [String]
    }

    public var assignment: String
    /// Every submission of the gradebook, and those graded.
    public var submissions: Int
    public var graded: Int
    /// Points available, and the mean and median of the graded totals.
    public var maxTotal: Double
    public var meanTotal: Double
    public var medianTotal: Double
    /// How many graded totals fall in each tenth of the points available (the last holds full marks).
    public var histogram: [Int]
    public var components: [Component]
    /// Every case, the least passed first.
    public var cases: [Case]
    /// The mistakes, the most frequent first.
    public var mistakes: [Mistake]
    /// Students whose submission did not compile.
    public var buildFailures: [String]
    /// Students whose submission could not be graded, with why.
    public var notGraded: [(student: String, reason: String)]
    /// The slowest gradings, slowest first (at most 5).
    public var slowest: [(student: String, seconds: Double)]

    /// The summary of `book`, with the checks of each student's run, by student.
    public init(book: Gradebook, runs: [String: GradeRun]) {
        assignment = book.assignment
        submissions = book.entries.count
        let graded = book.entries.filter { $0.status != .couldNotGrade }
        self.graded = graded.count
        maxTotal = graded.map(\.maxTotal).max() ?? 0
        let totals = graded.map(\.total).sorted()
        meanTotal = totals.isEmpty ? 0 : totals.reduce(0, +) / Double(totals.count)
        medianTotal = totals.isEmpty ? 0 : (totals[(totals.count - 1) / 2] + totals[totals.count / 2]) / 2
        var bins = [Int](repeating: 0, count: 10)
        for entry in graded where entry.maxTotal > 0 {
            bins[Swift.min(9, Int((entry.total / entry.maxTotal * 10).rounded(.down)))] += 1
        }
        histogram = bins

        let ordered = runs.sorted { $0.key < $1.key }
        var components: [Component] = []
        for name in book.components {
            let results = ordered.compactMap { $0.value.components.first { $0.name == name } }
            guard let first = results.first else { continue }
            components.append(Component(
                name: name, title: first.title, points: first.maxScore,
                meanScore: results.reduce(0) { $0 + $1.score } / Double(results.count),
                fullMarks: results.filter { $0.score >= $0.maxScore && $0.maxScore > 0 }.count))
        }
        self.components = components

        var cases: [String: Case] = [:]
        var caseOrder: [String] = []
        var mistakes: [String: Mistake] = [:]
        var mistakeOrder: [String] = []
        for (student, run) in ordered {
            for check in run.checks {
                if cases[check.name] == nil { caseOrder.append(check.name) }
                cases[check.name, default: Case(name: check.name, component: check.component, passed: 0, ran: 0)].ran += 1
                if check.status == .passed { cases[check.name]!.passed += 1 }
                guard check.status == .failed, let diagnosis = check.misconception, !diagnosis.isEmpty else { continue }
                let key = check.component + "\u{0}" + diagnosis
                if mistakes[key] == nil { mistakeOrder.append(key) }
                var mistake = mistakes[key] ?? Mistake(component: check.component, diagnosis: diagnosis, students: [])
                if mistake.students.last != student { mistake.students.append(student) }
                mistakes[key] = mistake
            }
        }
        self.cases = caseOrder.compactMap { cases[$0] }.enumerated()
            .sorted { ($0.element.passRate, $0.offset) < ($1.element.passRate, $1.offset) }.map(\.element)
        self.mistakes = mistakeOrder.compactMap { mistakes[$0] }.enumerated()
            .sorted { ($1.element.students.count, $0.offset) < ($0.element.students.count, $1.offset) }.map(\.element)
        buildFailures = graded.filter { !$0.buildSucceeded }.map(\.student)
        notGraded = book.entries.filter { $0.status == .couldNotGrade }.map { ($0.student, $0.error ?? "") }
        slowest = Array(graded.sorted { $0.seconds > $1.seconds }.prefix(5).map { ($0.student, $0.seconds) })
    }
}
