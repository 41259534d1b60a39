/// The family a component belongs to: which protocol it conforms to, and so which
/// inputs it takes and which outputs it returns.
///
/// Each family protocol declares its value beside itself (``ScoreLoss`` declares
/// ``scoreLoss``, and so on), and a conforming type inherits it as ``Component/family``;
/// case files name a family by its raw value, such as `score-loss`.
public struct ComponentFamily: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The name case files and messages use, such as `score-loss`.
    public let rawValue: String

    /// Creates the family with the given name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates the family with the given name.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
