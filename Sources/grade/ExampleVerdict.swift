import AssignmentFormat
import GradeResults

/// Whether an example submission broke exactly what its `example.yaml` says: every listed
/// component lost points, every other component kept full marks, and every expected problem
/// appeared among the failing cases.
struct ExampleVerdict {
    /// The example judged.
    let example: ExampleSubmission
    /// Its graded run.
    let run: GradeRun

    /// What does not match the manifest, one sentence each; empty when the example behaves.
    var mismatches: [String] {
        var found: [String] = []
        if !run.build.succeeded {
            let first = run.build.diagnostics.first { $0.isError }
            return ["it does not compile" + (first.map { ": \($0.formatted)" } ?? "")]
        }
        for warning in run.build.diagnostics where warning.severity == .warning {
            found.append("it compiles with a warning: \(warning.formatted)")
        }
        for component in run.components {
            let lost = component.maxScore - component.score
            let claimed = example.breaks.contains(component.name)
            if claimed && lost <= 0 {
                found.append("\(component.name) keeps full marks, but example.yaml says the mistake breaks it")
            } else if !claimed && lost > 0 {
                let failing = component.checks.filter { $0.status != .passed }.map(\.name)
                found.append("\(component.name) loses \(PointsTable.format(lost)) points (\(failing.joined(separator: ", "))), but example.yaml does not list it in 'breaks'")
            }
        }
        for name in example.breaks where !run.components.contains(where: { $0.name == name }) {
            found.append("\(name) has no case, so nothing can show the mistake")
        }
        let problems = Set(failingChecks.compactMap(\.problem))
        for problem in example.expectedProblems where !problems.contains(problem) {
            let seen = problems.map(\.rawValue).sorted()
            found.append("no failing case reports \(problem.rawValue) (they report: \(seen.isEmpty ? "nothing" : seen.joined(separator: ", ")))")
        }
        return found
    }

    /// The cases that did not pass.
    var failingChecks: [CheckResult] { run.checks.filter { $0.status != .passed } }

    /// The distinct misconceptions the engine recognised, in case order.
    var diagnoses: [String] {
        var seen: [String] = []
        for check in failingChecks {
            if let text = check.misconception, !seen.contains(text) { seen.append(text) }
        }
        return seen
    }

    /// Points lost by each component the example breaks, such as `multiclass-svm −9`.
    var losses: [String] {
        run.components.filter { $0.score < $0.maxScore }.map { "\($0.name) −\(PointsTable.format($0.maxScore - $0.score))" }
    }
}
