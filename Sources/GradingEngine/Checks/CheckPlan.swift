import ComponentRuntime

/// What a check needs run in the student's worker and how it judges what comes back.
///
/// Every kind of check yields one: a comparison one invocation, a gradient check one per
/// varied call (produced as they are sent, in bounded batches), a property the few it was
/// designed with. A plan may ask for more once it has seen the outputs: a directional
/// gradient check that fails narrows the direction down to the entries that are wrong.
struct CheckPlan {
    /// What a plan does with the outputs of its invocations.
    enum Step {
        /// The check is decided.
        case done(CaseEvaluation)
        /// The check needs the outputs of another plan first.
        case more(CheckPlan)
    }

    /// The invocations, in order, produced on demand.
    let invocations: AnySequence<Invocation>
    /// The sizes of the requests the invocations go in, each timed from the grader; nil lets
    /// the runner batch them as it likes.
    let timedRequests: [Int]?
    /// Decides, or asks for more, given the outputs of every invocation in the order of
    /// ``invocations`` and, for timed requests, the wall-clock seconds of each.
    let next: ([Values], [Double]) -> Step

    /// A plan of `invocations` judged by `judge`.
    init<S: Sequence<Invocation>>(_ invocations: S, judge: @escaping ([Values]) -> CaseEvaluation) {
        self.invocations = AnySequence(invocations)
        self.timedRequests = nil
        self.next = { values, _ in .done(judge(values)) }
    }

    /// A plan of `invocations` that may ask for more.
    init<S: Sequence<Invocation>>(_ invocations: S, then next: @escaping ([Values]) -> Step) {
        self.invocations = AnySequence(invocations)
        self.timedRequests = nil
        self.next = { values, _ in next(values) }
    }

    /// A plan of requests sent one by one and timed, which may ask for more.
    init(timed requests: [[Invocation]], then next: @escaping ([Values], [Double]) -> Step) {
        self.invocations = AnySequence(requests.joined())
        self.timedRequests = requests.map(\.count)
        self.next = next
    }
}
