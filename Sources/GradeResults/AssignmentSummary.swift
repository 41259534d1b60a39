/// The assignment as reports name it.
public struct AssignmentSummary: Sendable, Hashable, Codable {
    /// The folder name, such as `assignment3`.
    public var id: String
    /// The human title.
    public var title: String

    /// Creates a summary.
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}
