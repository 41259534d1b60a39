import GradeKit

// Known mistakes of the metric losses (contrastive, triplet): each is the reference with
// exactly one thing changed. The loops are the references', with the per-pair (per-triplet)
// term passed in.

extension CataloguedMistake {
    static var metricLosses: [CataloguedMistake] {
        [
            .init("contrastive/squared-distance", ContrastiveSquaredDistance.self,
                  "Your loss uses the squared distance ‖r0 − r1‖²: this course's contrastive loss uses the Euclidean distance d = ‖r0 − r1‖, L = y·d + (1 − y)·max(0, m − d).",
                  idea: "The pairwise loss is defined on the Euclidean distance, not its square."),
            .init("contrastive/labels-swapped", ContrastiveLabelsSwapped.self,
                  "Your loss treats y = 1 as a negative pair: y = 1 marks a similar pair whose distance is pulled in, L = y·d + (1 − y)·max(0, m − d).",
                  idea: "Positive pairs are pulled together, negative pairs pushed apart up to the margin."),
            .init("contrastive/missing-hinge", ContrastiveWithoutHinge.self,
                  "Your negative-pair term is m − d without the hinge, so pairs already farther than m still count: use max(0, m − d).",
                  idea: "A negative pair beyond the margin costs nothing."),
            .init("contrastive/margin-fixed-at-one", ContrastiveMarginFixedAtOne.self,
                  "Your loss uses m = 1 whatever the margin hyper-parameter says: use max(0, m − d) with m = hyperparameters.margin.",
                  idea: "The margin m is a hyper-parameter of the pairwise loss."),
            .init("contrastive/sum-over-pairs", ContrastiveSumOverPairs.self,
                  "Your loss and gradients are sums over the pairs: divide them by N, the loss is the mean over pairs.",
                  idea: "The loss is the mean of the per-pair losses."),

            .init("triplet/squared-distance", TripletSquaredDistance.self,
                  "Your loss uses squared distances ‖a − p‖² and ‖a − n‖²: this course's triplet loss uses Euclidean distances, max(0, m + d(a, p) − d(a, n)).",
                  idea: "The triplet loss is defined on Euclidean distances, not their squares."),
            .init("triplet/missing-hinge", TripletWithoutHinge.self,
                  "Your loss is m + d(a, p) − d(a, n) without the hinge, so easy negatives give a negative loss: use max(0, m + d(a, p) − d(a, n)).",
                  idea: "An easy negative, farther than the positive by the margin, costs nothing."),
            .init("triplet/margin-fixed-at-one", TripletMarginFixedAtOne.self,
                  "Your loss uses m = 1 whatever the margin hyper-parameter says: use max(0, m + d(a, p) − d(a, n)) with m = hyperparameters.margin.",
                  idea: "The margin m is a hyper-parameter of the triplet loss."),
            .init("triplet/sum-over-triplets", TripletSumOverTriplets.self,
                  "Your loss and gradients are sums over the triplets: divide them by N, the loss is the mean over triplets.",
                  idea: "The loss is the mean of the per-triplet losses."),
            .init("triplet/positive-negative-swapped", TripletPositiveNegativeSwapped.self,
                  "Your loss is max(0, m + d(a, n) − d(a, p)), pushing the positive away: the positive's distance is added, L = max(0, m + d(a, p) − d(a, n)).",
                  idea: "The anchor must be closer to the positive than to the negative by the margin."),
        ]
    }
}

// MARK: - contrastive

/// The reference's loop over pairs, with the term of one pair passed in: `term(y, d)` gives the pair's
/// loss and the coefficient `c` of its gradient `∂L_i/∂r0 = c·(r0 − r1)`; `∂L/∂r1 = −∂L/∂r0`.
/// A zero distance contributes no gradient.
private func pairLoss(first: Matrix, second: Matrix, similar: [Int], meanOverPairs: Bool = true,
                      _ term: (_ y: Double, _ d: Double) -> (loss: Double, coefficient: Double)) -> PairLossAndGradients {
    let n = first.rows, dims = first.columns
    var gradientFirst = Matrix.zeros(like: first)
    var total = 0.0
    for i in 0..<n {
        let difference = (0..<dims).map { first[i, $0] - second[i, $0] }
        let d = difference.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let (loss, coefficient) = term(Double(similar[i]), d)
        total += loss
        guard d > 0 else { continue }
        for k in 0..<dims { gradientFirst[i, k] = coefficient * difference[k] }
    }
    let scale = meanOverPairs ? 1 / Double(Swift.max(n, 1)) : 1
    gradientFirst *= scale
    return PairLossAndGradients(loss: total * scale, gradientFirst: gradientFirst, gradientSecond: -gradientFirst)
}

/// The contrastive loss on the squared distance `D = d²`: `L = y·D + (1 − y)·max(0, m − D)`, `∂D/∂r0 = 2(r0 − r1)`.
struct ContrastiveSquaredDistance: PairwiseLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradients(first: Matrix, second: Matrix, similar: [Int]) -> PairLossAndGradients {
        pairLoss(first: first, second: second, similar: similar) { y, d in
            let squared = d * d, gap = margin - squared
            return (y * squared + (1 - y) * Swift.max(0, gap), 2 * (y - (1 - y) * (gap > 0 ? 1 : 0)))
        }
    }
}

/// The contrastive loss with y = 1 taken as a negative pair: `L = (1 − y)·d + y·max(0, m − d)`.
struct ContrastiveLabelsSwapped: PairwiseLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradients(first: Matrix, second: Matrix, similar: [Int]) -> PairLossAndGradients {
        pairLoss(first: first, second: second, similar: similar) { label, d in
            let y = 1 - label, gap = margin - d
            return (y * d + (1 - y) * Swift.max(0, gap), (y - (1 - y) * (gap > 0 ? 1 : 0)) / d)
        }
    }
}

/// The contrastive loss without the negative pair's hinge: `L = y·d + (1 − y)·(m − d)`.
struct ContrastiveWithoutHinge: PairwiseLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradients(first: Matrix, second: Matrix, similar: [Int]) -> PairLossAndGradients {
        pairLoss(first: first, second: second, similar: similar) { y, d in
            (y * d + (1 - y) * (margin - d), (y - (1 - y)) / d)
        }
    }
}

/// The contrastive loss with the margin hard-coded: `L = y·d + (1 − y)·max(0, 1 − d)` whatever m is.
struct ContrastiveMarginFixedAtOne: PairwiseLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradients(first: Matrix, second: Matrix, similar: [Int]) -> PairLossAndGradients {
        ContrastiveLoss(hyperparameters: Hyperparameters(margin: 1)).lossAndGradients(first: first, second: second, similar: similar)
    }
}

/// The contrastive loss summed over pairs: `L = Σ_i [y·d + (1 − y)·max(0, m − d)]`, gradients without `1/N`.
struct ContrastiveSumOverPairs: PairwiseLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradients(first: Matrix, second: Matrix, similar: [Int]) -> PairLossAndGradients {
        pairLoss(first: first, second: second, similar: similar, meanOverPairs: false) { y, d in
            let gap = margin - d
            return (y * d + (1 - y) * Swift.max(0, gap), (y - (1 - y) * (gap > 0 ? 1 : 0)) / d)
        }
    }
}

// MARK: - triplet

/// The gradients of one triplet's loss with respect to a, p and n.
private struct TripletTerm {
    var loss: Double
    var anchor: [Double]
    var positive: [Double]
    var negative: [Double]
}

/// The reference's loop over triplets, with the term of one triplet passed in: `term(a − p, a − n)`
/// gives its loss and gradients, or nil when the hinge is inactive.
private func tripletLoss(anchors: Matrix, positives: Matrix, negatives: Matrix, meanOverTriplets: Bool = true,
                         _ term: (_ toPositive: [Double], _ toNegative: [Double]) -> TripletTerm?) -> TripletLossAndGradients {
    let n = anchors.rows, dims = anchors.columns
    var gradientAnchors = Matrix.zeros(like: anchors)
    var gradientPositives = Matrix.zeros(like: anchors)
    var gradientNegatives = Matrix.zeros(like: anchors)
    var total = 0.0
    for i in 0..<n {
        let toPositive = (0..<dims).map { anchors[i, $0] - positives[i, $0] }
        let toNegative = (0..<dims).map { anchors[i, $0] - negatives[i, $0] }
        guard let t = term(toPositive, toNegative) else { continue }
        total += t.loss
        gradientAnchors[row: i] = t.anchor
        gradientPositives[row: i] = t.positive
        gradientNegatives[row: i] = t.negative
    }
    let scale = meanOverTriplets ? 1 / Double(Swift.max(n, 1)) : 1
    return TripletLossAndGradients(
        loss: total * scale, gradientAnchors: gradientAnchors * scale,
        gradientPositives: gradientPositives * scale, gradientNegatives: gradientNegatives * scale)
}

/// The Euclidean length of a vector.
private func length(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

/// The unit vector `v / ‖v‖`, or zeros when `v` is zero.
private func unit(_ v: [Double]) -> [Double] {
    let d = length(v)
    return v.map { d > 0 ? $0 / d : 0 }
}

/// The reference's term of one triplet with margin `margin`: `max(0, m + d(a, p) − d(a, n))`.
private func referenceTripletTerm(margin: Double, _ toPositive: [Double], _ toNegative: [Double]) -> TripletTerm? {
    let hinge = margin + length(toPositive) - length(toNegative)
    guard hinge > 0 else { return nil }
    let up = unit(toPositive), un = unit(toNegative)
    return TripletTerm(loss: hinge, anchor: Swift.zip(up, un).map { $0 - $1 }, positive: up.map { -$0 }, negative: un)
}

/// The triplet loss on squared distances: `max(0, m + ‖a − p‖² − ‖a − n‖²)`, `∂/∂a = 2(a − p) − 2(a − n)`.
struct TripletSquaredDistance: TripletLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradients(anchors: Matrix, positives: Matrix, negatives: Matrix) -> TripletLossAndGradients {
        tripletLoss(anchors: anchors, positives: positives, negatives: negatives) { toPositive, toNegative in
            let dp = length(toPositive), dn = length(toNegative)
            let hinge = margin + dp * dp - dn * dn
            guard hinge > 0 else { return nil }
            return TripletTerm(loss: hinge, anchor: Swift.zip(toPositive, toNegative).map { 2 * $0 - 2 * $1 },
                               positive: toPositive.map { -2 * $0 }, negative: toNegative.map { 2 * $0 })
        }
    }
}

/// The triplet loss without the hinge: `L = m + d(a, p) − d(a, n)`, active for every triplet.
struct TripletWithoutHinge: TripletLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradients(anchors: Matrix, positives: Matrix, negatives: Matrix) -> TripletLossAndGradients {
        tripletLoss(anchors: anchors, positives: positives, negatives: negatives) { toPositive, toNegative in
            let up = unit(toPositive), un = unit(toNegative)
            return TripletTerm(loss: margin + length(toPositive) - length(toNegative),
                               anchor: Swift.zip(up, un).map { $0 - $1 }, positive: up.map { -$0 }, negative: un)
        }
    }
}

/// The triplet loss with the margin hard-coded: `max(0, 1 + d(a, p) − d(a, n))` whatever m is.
struct TripletMarginFixedAtOne: TripletLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradients(anchors: Matrix, positives: Matrix, negatives: Matrix) -> TripletLossAndGradients {
        tripletLoss(anchors: anchors, positives: positives, negatives: negatives) { referenceTripletTerm(margin: 1, $0, $1) }
    }
}

/// The triplet loss summed over triplets: `L = Σ_i max(0, m + d(a, p) − d(a, n))`, gradients without `1/N`.
struct TripletSumOverTriplets: TripletLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradients(anchors: Matrix, positives: Matrix, negatives: Matrix) -> TripletLossAndGradients {
        tripletLoss(anchors: anchors, positives: positives, negatives: negatives, meanOverTriplets: false) {
            referenceTripletTerm(margin: margin, $0, $1)
        }
    }
}

/// The triplet loss with the positive and negative distances swapped: `max(0, m + d(a, n) − d(a, p))`.
struct TripletPositiveNegativeSwapped: TripletLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradients(anchors: Matrix, positives: Matrix, negatives: Matrix) -> TripletLossAndGradients {
        tripletLoss(anchors: anchors, positives: positives, negatives: negatives) { toPositive, toNegative in
            let hinge = margin + length(toNegative) - length(toPositive)
            guard hinge > 0 else { return nil }
            let up = unit(toPositive), un = unit(toNegative)
            return TripletTerm(loss: hinge, anchor: Swift.zip(un, up).map { $0 - $1 }, positive: up, negative: un.map { -$0 })
        }
    }
}
