import GradeKit

/// Registers every component of the assignment under its stable name.
public func registerComponents(in registry: inout ComponentRegistry) {
    registry.register("multiclass-svm", MulticlassSVMLoss.self)
    registry.register("squared-hinge", SquaredHingeLoss.self)
    registry.register("softmax", SoftmaxLoss.self)
    registry.register("binary-cross-entropy", BinaryCrossEntropyLoss.self)
    registry.register("l2-loss", L2Loss.self)
    registry.register("l1-loss", L1Loss.self)
    registry.register("contrastive", ContrastiveLoss.self)
    registry.register("triplet", TripletMarginLoss.self)
    registry.register("distillation", KnowledgeDistillationLoss.self)
    registry.register("l2-regularization", L2Regularization.self)
    registry.register("l1-regularization", L1Regularization.self)
    registry.register("elastic-net", ElasticNetRegularization.self)
    registry.register("linear-svm", LinearSVMObjective.self)
    registry.register("linear-softmax", LinearSoftmaxObjective.self)
    registry.register("numerical-gradient", CenteredDifferenceGradient.self)
    registry.register("gradient-descent", GradientDescent.self)
    registry.register("momentum", Momentum.self)
    registry.register("nesterov", Nesterov.self)
    registry.register("adagrad", Adagrad.self)
    registry.register("rmsprop", RMSProp.self)
    registry.register("adam", Adam.self)
    registry.register("step-decay", StepDecaySchedule.self)
    registry.register("sgd", MinibatchSGD.self)
}
