import GradeKit

/// Registers the conformance of every known mistake under `component/mistake-name`, so that
/// the grader can replay a mistake on a failing case's inputs and name it when the
/// submission's outputs are the mistake's.
public func registerKnownMistakes(in registry: inout ComponentRegistry) {
    registry.register("adagrad/epsilon-outside-root", AdagradEpsilonOutsideRoot.self)
    registry.register("adam/no-bias-correction", AdamWithoutBiasCorrection.self)
    registry.register("momentum/nesterov-update", MomentumAsNesterov.self)
    registry.register("nesterov/plain-momentum-update", NesterovAsMomentum.self)
    registry.register("rmsprop/epsilon-inside-root", RMSPropEpsilonInsideRoot.self)
}

/// What each known mistake means to a student, by its key, in the order they are replayed.
public let knownMistakes: [(key: String, explanation: String)] = [
    ("adagrad/epsilon-outside-root",
     "You add ε outside the square root, α·g / (sqrt(n) + ε): a common convention, but this course uses the lecture's α·g / sqrt(n + ε)."),
    ("adam/no-bias-correction",
     "Your Adam skips bias correction: divide m by (1 − β1ᵗ) and v by (1 − β2ᵗ), with t starting at 1."),
    ("momentum/nesterov-update",
     "This is Nesterov's update (W ← W − ρ v_prev + (1 + ρ) v), but the component is plain momentum: v ← ρv − αg; W ← W + v."),
    ("nesterov/plain-momentum-update",
     "This is plain momentum (W ← W + v), but the component is Nesterov: W ← W − ρ v_prev + (1 + ρ) v."),
    ("rmsprop/epsilon-inside-root",
     "You put ε inside the square root; RMSProp here divides by (sqrt(c) + ε)."),
]
