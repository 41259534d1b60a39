import Foundation
import GradeKit

/// A component of an assignment, as declared in its metadata.
public struct ComponentSpec: Sendable, Hashable {
    /// The stable name submissions register, such as `multiclass-svm`.
    public var name: String
    /// The human title, such as `Multiclass SVM loss`.
    public var title: String
    /// The protocol it conforms to.
    public var family: ComponentFamily
    /// The variant of the family whose input rules apply (``ComponentRuntime/FamilyVariant``),
    /// such as `binary` for a score loss on N×1 logits; nil for the family's own rules.
    public var variant: String?

    /// Creates a component specification.
    public init(name: String, title: String, family: ComponentFamily, variant: String? = nil) {
        self.name = name
        self.title = title
        self.family = family
        self.variant = variant
    }
}
