import ComponentRuntime
import Foundation

/// Loads an assignment folder: `assignment.yaml` and every case file it names.
///
/// ```swift
/// let assignment = try AssignmentLoader.load(directory: URL(fileURLWithPath: "assignments/assignment3"))
/// ```
///
/// The format is described in `docs/case-format.md`.
public enum AssignmentLoader {
    /// The assignment in `directory`; throws every problem at once if there is any.
    public static func load(directory: URL, families: FamilyCatalog = .standard) throws(AssignmentLoadError) -> Assignment {
        let (assignment, problems) = AssignmentValidator.validate(directory: directory, families: families)
        guard problems.isEmpty else { throw AssignmentLoadError(problems: problems) }
        return assignment
    }
}
