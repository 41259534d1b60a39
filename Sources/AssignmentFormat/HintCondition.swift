import GradeResults

/// The evidence a case's hint is about (`hint_when:`): the hint is shown only when a failure
/// of the case shows that evidence, so that it never points a student at a mistake the
/// outputs do not show.
///
/// ```yaml
/// hint: "Subtract the row maximum before exp: e^1000 overflows to infinity."
/// hint_when: [non-finite, unstable-exp]
/// ```
///
/// A hint without `hint_when` is shown on every failure of its case in which no known mistake
/// was named, so it should state a fact about the case rather than guess at a cause.
public enum HintCondition: Sendable, Hashable, CustomStringConvertible {
    /// The failure is of this kind (`non-finite`, `wrong-shape`, …).
    case problem(Problem)
    /// The outputs were found to be this known mistake of the case's component (`sum-over-samples`).
    case mistake(String)

    /// The problems a hint may be conditioned on: failures of code that ran.
    public static let problems: [Problem] = Problem.allCases.filter { !$0.isError && $0 != .notImplemented && $0 != .dependencyFailed }

    /// Reads one condition as written in a case file; nil when it is neither a failure kind nor a mistake name.
    public init?(_ text: String) {
        if let problem = Problem(rawValue: text) {
            guard Self.problems.contains(problem) else { return nil }
            self = .problem(problem)
        } else if !text.isEmpty, text.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), text.first != "-" {
            self = .mistake(text)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .problem(let problem): problem.rawValue
        case .mistake(let name): name
        }
    }

    /// Whether a failure with `problem`, whose outputs were found to be the known mistakes
    /// `mistakes` (full keys, `component/name`), of a case of `component`, shows this evidence.
    public func holds(problem: Problem?, mistakes: [String], component: String) -> Bool {
        switch self {
        case .problem(let wanted): problem == wanted
        case .mistake(let name): mistakes.contains("\(component)/\(name)")
        }
    }
}
