import Foundation
import GradeKit

/// Numerically stable row-wise softmax and log-softmax, shared by the softmax, distillation
/// and linear-softmax losses.
///
/// Every row is shifted by its maximum before exponentiating, so that
/// `log Σ_j e^{s_j} = max(s) + log Σ_j e^{s_j − max(s)}` never overflows: `[1000, 9, 9, 9]`
/// gives `log p = [0, −991, −991, −991]` rather than `inf − inf`.
public enum RowSoftmax {
    /// The log-sum-exp of a row, `log Σ_j e^{s_j}`, computed as `max(s) + log Σ_j e^{s_j − max(s)}`.
    public static func logSumExp(_ row: ArraySlice<Double>) -> Double {
        guard let top = row.max() else { return -.infinity }
        if top.isInfinite { return top }
        var total = 0.0
        for s in row { total += exp(s - top) }
        return top + log(total)
    }

    /// The log-probabilities of each row, `log softmax(S)_{ij} = s_{ij} − log Σ_k e^{s_{ik}}`.
    public static func logProbabilities(_ scores: Matrix) -> Matrix {
        var result = scores
        let c = scores.columns
        for i in 0..<scores.rows {
            let range = i * c ..< (i + 1) * c
            let lse = logSumExp(scores.elements[range])
            for k in range { result.elements[k] = scores.elements[k] - lse }
        }
        return result
    }

    /// The probabilities of each row, `softmax(S)_{ij} = e^{s_{ij}} / Σ_k e^{s_{ik}}`.
    public static func probabilities(_ scores: Matrix) -> Matrix {
        logProbabilities(scores).map { exp($0) }
    }
}
