import Foundation
import GradeKit

public struct FatalErrorLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        fatalError("the hostile loss gave up")
    }
}

public struct IndexOutOfRangeLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let loss = labels[labels.count + 5]
        return LossAndGradient(loss: Double(loss), gradient: scores)
    }
}

public struct InfiniteLoopLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        var counter = 0
        while counter >= 0 { counter = (counter &+ 1) & 0xffff }
        return LossAndGradient(loss: Double(counter), gradient: scores)
    }
}

public struct SleepingLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        while true { Thread.sleep(forTimeInterval: 60) }
    }
}

/// Touches every page it allocates, so resident memory grows until the limit stops it.
public struct HoardingLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        var hoard: [[Double]] = []
        while hoard.count >= 0 { hoard.append([Double](repeating: Double(hoard.count), count: 1 << 20)) }
        return LossAndGradient(loss: Double(hoard.count), gradient: scores)
    }
}

/// Asks for 64 GiB at once, which fails without touching a page.
public struct HugeAllocationLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let huge = [Double](repeating: 0, count: 1 << 33)
        return LossAndGradient(loss: huge[huge.count - 1], gradient: scores)
    }
}

public struct LoudLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let line = String(repeating: "x", count: 99)
        for _ in 0..<200_000 { print(line) }
        return LossAndGradient(loss: 0, gradient: scores)
    }
}

public struct ExitingLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        print("leaving early")
        exit(0)
    }
}

public struct UnfinishedLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        notImplemented("UnfinishedLoss.lossAndGradient")
    }
}

public struct RecursiveLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        LossAndGradient(loss: descend(Double(labels.count)), gradient: scores)
    }

    private func descend(_ depth: Double) -> Double {
        depth >= 0 ? descend(depth + 1) + 1 : 0
    }
}

/// Writes a plausible answer straight to the descriptors a worker's result channel may use.
public struct ForgingLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let forged = "{\"id\":1,\"results\":[{\"outputs\":{\"_0\":{\"loss\":{\"scalar\":{\"_0\":0}}}}}]}\n"
        for descriptor in Int32(3)...Int32(9) {
            _ = forged.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
        }
        return LossAndGradient(loss: 0, gradient: scores)
    }
}

/// Returns a gradient of a million entries for a 3×3 input: 25 MB of JSON, too much to send back
/// under a small result limit.
public struct HugeResultLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        LossAndGradient(loss: 0, gradient: Matrix(rows: 1000, columns: 1000, repeating: -2.2250738585072014e-308))
    }
}

/// Replaces the entries of its gradient with an array of another count.
public struct ReshapingLoss: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        var gradient = Matrix.zeros(like: scores)
        gradient.elements = [0]
        return LossAndGradient(loss: 0, gradient: gradient)
    }
}
