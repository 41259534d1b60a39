import GradeKit

/// Registers the conformance of every known mistake under `component/mistake-name`, so that
/// the grader can replay a mistake on a failing case's inputs and name it when the
/// submission's outputs are the mistake's.
public func registerKnownMistakes(in registry: inout ComponentRegistry) {
    for mistake in CataloguedMistake.all {
        registry.register(mistake.key, mistake.type)
    }
}

/// Each known mistake by its key, in the order they are replayed: what it means to a student
/// (one sentence naming what the code does), and the lecture idea it misses.
public let knownMistakes: [(key: String, explanation: String, idea: String)] =
    CataloguedMistake.all.map { (key: $0.key, explanation: $0.explanation, idea: $0.idea) }

/// The keys of catalogued mutants that compute in single precision: a submission's outputs
/// are theirs when they agree to single precision, since a `Float` computation's round-off
/// depends on the order of its operations, which no replay can copy.
public let singlePrecisionMistakes: Set<String> = Set(CataloguedMistake.all.filter(\.singlePrecision).map(\.key))

/// The keys of catalogued mutants that are another textbook's correct convention rather than
/// a mistake: a submission that matches one is right by that book, and is told which
/// convention this course uses.
public let knownConventions: Set<String> = [
    "adagrad/epsilon-outside-root",
    "adam/efficient-form",
]

/// One mutant of the catalogue: the conformance that makes the mistake, the key it is
/// registered under, and what it tells a student.
///
/// Each family's mutants are listed beside their types (`ScoreLossMistakes.swift`, …); ``all``
/// is the replay order.
struct CataloguedMistake {
    /// `component/mistake-name`, such as `multiclass-svm/includes-correct-class`.
    let key: String
    /// The conformance that makes exactly this one mistake.
    let type: any Component.Type
    /// One sentence naming what the code does and what to do instead.
    let explanation: String
    /// The lecture idea the mistake misses.
    let idea: String
    /// True for a computation in `Float` (see ``singlePrecisionMistakes``).
    let singlePrecision: Bool

    init(_ key: String, _ type: any Component.Type, _ explanation: String, idea: String, singlePrecision: Bool = false) {
        self.key = key
        self.type = type
        self.explanation = explanation
        self.idea = idea
        self.singlePrecision = singlePrecision
    }

    /// Every catalogued mutant, in replay order: the components in the assignment's order.
    static var all: [CataloguedMistake] {
        scoreLosses + regressionLosses + metricLosses + distillation + regularizers
            + linearObjectives + numericalGradient + optimizers + schedulesAndTrainers
    }
}

extension Matrix {
    /// Every entry rounded to the nearest `Float`, as a computation in single precision leaves it.
    var roundedToFloat: Matrix { map { Double(Float($0)) } }
}

extension Double {
    /// The value rounded to the nearest `Float`.
    var roundedToFloat: Double { Double(Float(self)) }
}

extension LossAndGradient {
    /// The loss and gradient rounded to `Float`.
    var roundedToFloat: LossAndGradient {
        LossAndGradient(loss: loss.roundedToFloat, gradient: gradient.roundedToFloat)
    }

    /// The loss and gradient scaled by the same factor, as when both leave out the `1/N` of a mean.
    func scaled(by factor: Double) -> LossAndGradient {
        LossAndGradient(loss: loss * factor, gradient: gradient * factor)
    }
}
