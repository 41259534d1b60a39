import AssignmentFormat
import ComponentRuntime
import GradeResults

/// What can be known of a case before any student code runs: whether its check can be
/// planned on its inputs at all.
public enum CasePlanning {
    /// The cases of `assignment` whose check cannot be planned on their own inputs — a property
    /// given inputs it cannot use (`uniform-scores-give-log-c` without scores,
    /// `learning-rate-too-large-diverges` on another objective), labels a property cannot pair
    /// with its scores — each with its place in the case file.
    ///
    /// Only property cases are planned: planning another kind asks the reference for expected
    /// values, which `grade validate` does anyway by grading the reference.
    public static func problems(in assignment: Assignment, generator: InputGenerator = InputGenerator(),
                                oracle: ReferenceOracle = ReferenceOracle()) -> [CaseError] {
        let runner = CaseRunner(assignment: assignment, executor: TrustedExecutor(registry: .init(), families: assignment.families),
                                generator: generator, oracle: oracle)
        var problems: [CaseError] = []
        for testCase in assignment.cases where testCase.kind == .property {
            do {
                _ = try CaseRunner.plan(testCase.check, in: runner.context(for: testCase))
            } catch {
                problems.append(error)
            }
        }
        return problems
    }

    /// The cases of `assignment` that took more than `share` of their timeout in `run` (the
    /// reference's, in `grade validate`): a slower machine, a loaded CI runner or a correct but
    /// slower submission would time out.
    public static func tightTimeouts(in run: GradeRun, of assignment: Assignment, share: Double = 0.5)
        -> [(testCase: TestCase, seconds: Double, timeout: Double)] {
        let cases = Dictionary(assignment.cases.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return run.checks.compactMap { check in
            guard let testCase = cases[check.name] else { return nil }
            let timeout = testCase.timeout ?? assignment.defaultTimeout
            return check.duration > share * timeout ? (testCase, check.duration, timeout) : nil
        }
    }
}
