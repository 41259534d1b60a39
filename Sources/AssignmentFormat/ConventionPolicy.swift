/// How an assignment treats an alternative convention of a component (a known mistake of the
/// catalogue that is a correct formula of another textbook), declared in `assignment.yaml`:
///
/// ```yaml
/// conventions:
///   adam/efficient-form: accepted-with-note
///   adagrad/epsilon-outside-root: costs-points
/// ```
///
/// The verdict is the same on every seed: a submission whose outputs are the convention's
/// passes (or fails) whether or not they happen to fall within the case's tolerance.
public enum ConventionPolicy: String, Sendable, Hashable, CaseIterable {
    /// Passes, silently.
    case accepted
    /// Passes, with the convention named in the report.
    case acceptedWithNote = "accepted-with-note"
    /// Fails the cases it changes, with the convention named.
    case costsPoints = "costs-points"
}
