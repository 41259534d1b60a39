import GradeKit

/// A rule the inputs of one invocation must keep for the family's maths to make sense,
/// checked on every case before anything runs.
public enum ShapeRule: Sendable, Hashable {
    /// The matrices have one shape: predictions and targets.
    case sameShape([Port<Matrix>])
    /// The list has one entry per row of the matrix: a label per sample.
    case onePerRow(Port<[Int]>, of: Port<Matrix>, noun: String)
    /// Every entry is a class index `0..<C`, with C the columns of the matrix.
    case classIndices(Port<[Int]>, columnsOf: Port<Matrix>)
    /// Every entry is 0 or 1.
    case binary(Port<[Int]>, meaning: String)
    /// The matrix has exactly `columns` columns.
    case columns(Port<Matrix>, Int, meaning: String, example: String)
    /// X (N×D) times W (D×C): W has as many rows as X has columns.
    case innerDimension(Port<Matrix>, times: Port<Matrix>)
    /// One integer ≥ `minimum` in a list: a count of steps, a seed.
    case single(Port<[Int]>, minimum: Int, meaning: String)
    /// No entry is negative.
    case nonNegative(Port<[Int]>, noun: String, advice: String)
    /// Every matrix of the list has the shape of the matrix: one gradient a step.
    case eachShapedLike(Port<[Matrix]>, Port<Matrix>, noun: String)
    /// The text names a ``TestFunction`` that takes as many entries as the matrix has.
    case testFunction(Port<String>, point: Port<Matrix>)
    /// The text names a component of the assignment of the given family.
    case component(Port<String>, of: ComponentFamily)
}

/// A way of using a family whose inputs keep other rules, which an assignment selects per
/// component (`variant: binary` for a score loss on N×1 logits).
public struct FamilyVariant: Sendable, Hashable {
    /// The name assignment files use.
    public let name: String
    /// What the variant takes, for documentation and messages.
    public let summary: String
    /// The rules that replace the family's.
    public let shapeRules: [ShapeRule]

    /// Creates a variant.
    public init(name: String, summary: String, shapeRules: [ShapeRule]) {
        self.name = name
        self.summary = summary
        self.shapeRules = shapeRules
    }
}
