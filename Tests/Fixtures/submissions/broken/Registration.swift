import GradeKit

public func registerComponents(in registry: inout ComponentRegistry) {
    registry.register("multiclass-svm", BrokenLoss.self)
}
