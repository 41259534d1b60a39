import Foundation
import GradeKit

// Known mistakes of the learning-rate schedule (step-decay) and the training loop (sgd):
// each is the reference with exactly one thing changed.

extension CataloguedMistake {
    static var schedulesAndTrainers: [CataloguedMistake] {
        [
            .init("step-decay/off-by-one", StepDecayOffByOne.self,
                  "Your rate decays one step early, α₀·γ^⌊(t + 1)/k⌋: t starts at 0, so use α_t = α₀·γ^⌊t/k⌋.",
                  idea: "Step decay keeps α₀ for the first k steps, t = 0 … k − 1."),
            .init("step-decay/ceiling", StepDecayCeiling.self,
                  "Your rate uses ⌈t/k⌉, which decays right after step 0: use the floor, α_t = α₀·γ^⌊t/k⌋.",
                  idea: "Step decay keeps α₀ for the first k steps, t = 0 … k − 1."),
            .init("step-decay/gamma-times-periods", StepDecayLinear.self,
                  "Your rate is α₀·γ·⌊t/k⌋, γ times the number of periods (* for **): γ is a power, α_t = α₀·γ^⌊t/k⌋.",
                  idea: "Step decay multiplies the rate by γ once every k steps."),
            .init("step-decay/decays-every-step", StepDecayEveryStep.self,
                  "Your rate is α₀·γᵗ, decaying at every step: decay once every k steps, α_t = α₀·γ^⌊t/k⌋.",
                  idea: "Step decay multiplies the rate by γ once every k steps."),
            .init("step-decay/period-fixed-at-ten", StepDecayFixedPeriod.self,
                  "Your schedule uses k = 10 whatever the decayEvery hyper-parameter says: use k = hyperparameters.decayEvery.",
                  idea: "The period k is a hyper-parameter of step decay."),

            .init("sgd/same-minibatch", SGDSameMinibatch.self,
                  "You draw one minibatch and reuse it at every iteration: draw a new batch each iteration with sampler.nextBatch(size: B).",
                  idea: "SGD estimates the full gradient from a fresh random minibatch at every step."),
            .init("sgd/gradient-added", SGDAscending.self,
                  "Your update adds the gradient, W ← W + α∂L/∂W, which climbs the loss: descend with W ← W − α∂L/∂W.",
                  idea: "Descent steps against the gradient."),
            .init("sgd/loss-after-step", SGDLossAfterStep.self,
                  "You record the batch's loss after the update: the history holds the loss the gradient was computed from, before W changes.",
                  idea: "The loss history records the objective at the weights each step starts from."),
            .init("sgd/full-batch", SGDFullBatch.self,
                  "Your loop uses every sample at every iteration (full-batch gradient descent): draw B = batchSize samples with sampler.nextBatch(size: B).",
                  idea: "SGD trades exact gradients for cheap minibatch estimates."),
            .init("sgd/learning-rate-fixed", SGDFixedRate.self,
                  "Your update uses α = 1e-3 whatever the learning-rate hyper-parameter says: use α = hyperparameters.learningRate.",
                  idea: "The learning rate is a hyper-parameter of the update."),
        ]
    }
}

// MARK: - step-decay

/// The number of whole periods in t steps, `⌊t/k⌋`, rounding toward −∞ as the reference does.
private func periods(_ t: Int, _ k: Int) -> Int {
    let (quotient, remainder) = t.quotientAndRemainder(dividingBy: k)
    return remainder < 0 ? quotient - 1 : quotient
}

/// Step decay counted from t + 1: `α_t = α₀·γ^⌊(t + 1)/k⌋`.
struct StepDecayOffByOne: LearningRateSchedule {
    let reference: StepDecaySchedule
    init(hyperparameters: Hyperparameters) { reference = StepDecaySchedule(hyperparameters: hyperparameters) }
    func learningRate(atStep t: Int) -> Double { reference.learningRate(atStep: t + 1) }
}

/// Step decay with the ceiling: `α_t = α₀·γ^⌈t/k⌉`.
struct StepDecayCeiling: LearningRateSchedule {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    func learningRate(atStep t: Int) -> Double {
        guard h.decayEvery > 0 else { return h.learningRate }
        return h.learningRate * pow(h.decayFactor, Double(-periods(-t, h.decayEvery)))
    }
}

/// Step decay with a product for the power: `α_t = α₀·γ·⌊t/k⌋`.
struct StepDecayLinear: LearningRateSchedule {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    func learningRate(atStep t: Int) -> Double {
        guard h.decayEvery > 0 else { return h.learningRate }
        return h.learningRate * h.decayFactor * Double(periods(t, h.decayEvery))
    }
}

/// Exponential decay at every step: `α_t = α₀·γᵗ`.
struct StepDecayEveryStep: LearningRateSchedule {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    func learningRate(atStep t: Int) -> Double {
        guard h.decayEvery > 0 else { return h.learningRate }
        return h.learningRate * pow(h.decayFactor, Double(t))
    }
}

/// Step decay with k hard-coded: the reference with k = 10 whatever the hyper-parameter.
struct StepDecayFixedPeriod: LearningRateSchedule {
    let reference: StepDecaySchedule
    init(hyperparameters: Hyperparameters) {
        var fixed = hyperparameters
        fixed.decayEvery = 10
        reference = StepDecaySchedule(hyperparameters: fixed)
    }
    func learningRate(atStep t: Int) -> Double { reference.learningRate(atStep: t) }
}

// MARK: - sgd

/// SGD on one minibatch drawn once: every iteration uses the first batch.
struct SGDSameMinibatch: MinibatchTrainer {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    func train(weights: Matrix, inputs: Matrix, labels: [Int], sampler: inout MinibatchSampler,
               objective: (_ weights: Matrix, _ inputs: Matrix, _ labels: [Int]) -> LossAndGradient) -> TrainingResult {
        var w = weights
        var history: [Double] = []
        let batch = sampler.nextBatch(size: h.batchSize)
        for _ in 0..<Swift.max(h.iterations, 0) {
            let result = objective(w, inputs.rows(at: batch), batch.map { labels[$0] })
            history.append(result.loss)
            w -= h.learningRate * result.gradient
        }
        return TrainingResult(weights: w, lossHistory: history)
    }
}

/// SGD that climbs: `W ← W + α g_b`.
struct SGDAscending: MinibatchTrainer {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    func train(weights: Matrix, inputs: Matrix, labels: [Int], sampler: inout MinibatchSampler,
               objective: (_ weights: Matrix, _ inputs: Matrix, _ labels: [Int]) -> LossAndGradient) -> TrainingResult {
        var w = weights
        var history: [Double] = []
        for _ in 0..<Swift.max(h.iterations, 0) {
            let batch = sampler.nextBatch(size: h.batchSize)
            let result = objective(w, inputs.rows(at: batch), batch.map { labels[$0] })
            history.append(result.loss)
            w += h.learningRate * result.gradient
        }
        return TrainingResult(weights: w, lossHistory: history)
    }
}

/// SGD that records each batch's loss after its update: `L_b(W − α g_b)` instead of `L_b(W)`.
struct SGDLossAfterStep: MinibatchTrainer {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    func train(weights: Matrix, inputs: Matrix, labels: [Int], sampler: inout MinibatchSampler,
               objective: (_ weights: Matrix, _ inputs: Matrix, _ labels: [Int]) -> LossAndGradient) -> TrainingResult {
        var w = weights
        var history: [Double] = []
        for _ in 0..<Swift.max(h.iterations, 0) {
            let batch = sampler.nextBatch(size: h.batchSize)
            let x = inputs.rows(at: batch), y = batch.map { labels[$0] }
            w -= h.learningRate * objective(w, x, y).gradient
            history.append(objective(w, x, y).loss)
        }
        return TrainingResult(weights: w, lossHistory: history)
    }
}

/// Full-batch gradient descent where SGD is asked for: every iteration uses all N samples.
struct SGDFullBatch: MinibatchTrainer {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    func train(weights: Matrix, inputs: Matrix, labels: [Int], sampler: inout MinibatchSampler,
               objective: (_ weights: Matrix, _ inputs: Matrix, _ labels: [Int]) -> LossAndGradient) -> TrainingResult {
        var w = weights
        var history: [Double] = []
        for _ in 0..<Swift.max(h.iterations, 0) {
            let result = objective(w, inputs, labels)
            history.append(result.loss)
            w -= h.learningRate * result.gradient
        }
        return TrainingResult(weights: w, lossHistory: history)
    }
}

/// SGD with the learning rate hard-coded: the reference with α = 1e-3 whatever the hyper-parameter.
struct SGDFixedRate: MinibatchTrainer {
    let reference: MinibatchSGD
    init(hyperparameters: Hyperparameters) {
        var fixed = hyperparameters
        fixed.learningRate = 1e-3
        reference = MinibatchSGD(hyperparameters: fixed)
    }
    func train(weights: Matrix, inputs: Matrix, labels: [Int], sampler: inout MinibatchSampler,
               objective: (_ weights: Matrix, _ inputs: Matrix, _ labels: [Int]) -> LossAndGradient) -> TrainingResult {
        reference.train(weights: weights, inputs: inputs, labels: labels, sampler: &sampler, objective: objective)
    }
}
