import ComponentRuntime

/// What a check needs run in the student's worker and how it judges what comes back.
///
/// Every kind of check yields one: a comparison one invocation, a gradient check one per
/// shifted entry (produced as they are sent), a property the few it was designed with.
struct CheckPlan {
    /// The invocations, in order, produced on demand.
    let invocations: AnySequence<Invocation>
    /// Judges the outputs of every invocation, given in the order of ``invocations``.
    let judge: ([Values]) -> CaseEvaluation

    /// A plan of `invocations` judged by `judge`.
    init<S: Sequence<Invocation>>(_ invocations: S, judge: @escaping ([Values]) -> CaseEvaluation) {
        self.invocations = AnySequence(invocations)
        self.judge = judge
    }
}
