/// The assignment as reports name it.
public struct AssignmentSummary: Sendable, Hashable, Codable {
    /// The folder name, such as `assignment3`.
    public var id: String
    /// The human title.
    public var title: String
    /// What students may know of the cases withheld from them.
    public var withheldCases: WithheldCases

    /// Creates a summary.
    public init(id: String, title: String, withheldCases: WithheldCases = .place) {
        self.id = id
        self.title = title
        self.withheldCases = withheldCases
    }

    private enum CodingKeys: String, CodingKey { case id, title, withheldCases }

    /// Reads a summary; one written before `withheldCases` existed has the default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        withheldCases = try container.decodeIfPresent(WithheldCases.self, forKey: .withheldCases) ?? .place
    }
}
