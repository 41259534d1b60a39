/// Who may see a case's inputs, expected values and outputs.
public enum Visibility: String, Sendable, Hashable, Codable, CaseIterable {
    /// Shown to students.
    case visible
    /// Graded, but only its name, points and verdict are shown to students.
    case hidden
    /// Shown to students after the due date (Gradescope's `after_due_date`).
    case afterDueDate = "after_due_date"
}
