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

/// Each known mistake by its key, in the order they are replayed: what it means to a student
/// (one sentence naming what the code does), and the lecture idea it misses.
public let knownMistakes: [(key: String, explanation: String, idea: String)] = [
    ("adagrad/epsilon-outside-root",
     "You add ε outside the square root, α·g / (sqrt(n) + ε): a common convention, but this course uses the lecture's α·g / sqrt(n + ε).",
     "Adagrad's update as the lecture writes it, α·g / sqrt(n + ε)."),
    ("adam/no-bias-correction",
     "Your Adam skips bias correction: divide m by (1 − β1ᵗ) and v by (1 − β2ᵗ), with t starting at 1.",
     "Adam's bias correction of the zero-initialised moments."),
    ("momentum/nesterov-update",
     "This is Nesterov's update (W ← W − ρ v_prev + (1 + ρ) v), but the component is plain momentum: v ← ρv − αg; W ← W + v.",
     "Heavy-ball momentum: the velocity is added to W as it is."),
    ("nesterov/plain-momentum-update",
     "This is plain momentum (W ← W + v), but the component is Nesterov: W ← W − ρ v_prev + (1 + ρ) v.",
     "Nesterov's look-ahead, W ← W − ρ v_prev + (1 + ρ) v."),
    ("rmsprop/epsilon-inside-root",
     "You put ε inside the square root; RMSProp here divides by (sqrt(c) + ε).",
     "RMSProp's update, α·g / (sqrt(c) + ε)."),
]
