import GradeKit

/// The multiclass SVM loss, written correctly; it prints one line so that captured output can be checked.
public struct CorrectLoss: ScoreLoss {
    let margin: Double

    public init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        print("computing the SVM loss of \(scores.rows) samples")
        var loss = 0.0
        var gradient = Matrix.zeros(like: scores)
        for i in 0..<scores.rows {
            let correct = scores[i, labels[i]]
            for j in 0..<scores.columns where j != labels[i] {
                let m = scores[i, j] - correct + margin
                if m > 0 {
                    loss += m
                    gradient[i, j] += 1
                    gradient[i, labels[i]] -= 1
                }
            }
        }
        let n = Double(scores.rows)
        return LossAndGradient(loss: loss / n, gradient: gradient.map { $0 / n })
    }
}
