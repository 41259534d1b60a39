import GradeKit

/// The families a grader knows, each by its descriptor.
///
/// ``standard`` holds the course's families; a new family is one descriptor and one entry
/// of that list. A test or another course can grade more with ``adding(_:)``.
public struct FamilyCatalog: Sendable {
    /// The descriptors, in the order documentation lists them.
    public let descriptors: [FamilyDescriptor]

    /// Creates a catalog of `descriptors`.
    public init(_ descriptors: [FamilyDescriptor]) { self.descriptors = descriptors }

    /// The course's families.
    public static let standard = FamilyCatalog([
        .scoreLoss, .regressionLoss, .pairwiseLoss, .tripletLoss, .distillationLoss, .regularizer,
        .linearObjective, .numericalGradient, .optimizer, .learningRateSchedule, .minibatchTrainer,
    ])

    /// The descriptor of `family`, if the catalog has it.
    public func descriptor(for family: ComponentFamily) -> FamilyDescriptor? {
        descriptors.first { $0.family == family }
    }

    /// The family called `name` (`score-loss`), if the catalog has it.
    public func family(named name: String) -> ComponentFamily? {
        descriptors.first { $0.family.rawValue == name }?.family
    }

    /// The catalog with `descriptor` added (or replacing one of the same family).
    public func adding(_ descriptor: FamilyDescriptor) -> FamilyCatalog {
        FamilyCatalog(descriptors.filter { $0.family != descriptor.family } + [descriptor])
    }
}
