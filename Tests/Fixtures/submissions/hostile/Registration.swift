import GradeKit

// One component per way student code can misbehave, so that a single build exercises every
// outcome the worker supervisor must classify. Every component is a score loss.
public func registerComponents(in registry: inout ComponentRegistry) {
    registry.register("correct", CorrectLoss.self)
    registry.register("fatal-error", FatalErrorLoss.self)
    registry.register("index-out-of-range", IndexOutOfRangeLoss.self)
    registry.register("infinite-loop", InfiniteLoopLoss.self)
    registry.register("sleeps-forever", SleepingLoss.self)
    registry.register("unbounded-allocation", HoardingLoss.self)
    registry.register("huge-allocation", HugeAllocationLoss.self)
    registry.register("prints-20-mb", LoudLoss.self)
    registry.register("exits-zero", ExitingLoss.self)
    registry.register("not-implemented", UnfinishedLoss.self)
    registry.register("infinite-recursion", RecursiveLoss.self)
    registry.register("forges-result", ForgingLoss.self)
    registry.register("huge-result", HugeResultLoss.self)
    registry.register("reshapes-gradient", ReshapingLoss.self)
}
