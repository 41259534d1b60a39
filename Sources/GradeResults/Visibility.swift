/// Who may see a case's inputs, expected values and outputs: Gradescope's test visibilities.
public enum Visibility: String, Sendable, Hashable, Codable, CaseIterable {
    /// Shown to students.
    case visible
    /// Never shown to students: a report for them names it by its place (`hidden case 2 of
    /// softmax`) with its points, and tells its verdict only when the assignment's
    /// ``WithheldCases`` allows.
    case hidden
    /// Withheld like a hidden case until the due date, then shown (Gradescope's `after_due_date`).
    case afterDueDate = "after_due_date"
    /// Withheld like a hidden case until the grades are published, then shown (Gradescope's
    /// `after_published`).
    case afterPublished = "after_published"
}

/// What an assignment lets students know of a case withheld from them (a hidden case, or an
/// after-due-date or after-published one before its time): `withheld_cases` in assignment.yaml.
public enum WithheldCases: String, Sendable, Hashable, Codable, CaseIterable {
    /// Its place and its points only: not whether it passed, and not its score, which no
    /// total shown to students counts either. The default.
    case place
    /// Its place, its points and its verdict, counted in the totals students see — as
    /// Gradescope shows a total score that counts hidden tests.
    case verdict
}
