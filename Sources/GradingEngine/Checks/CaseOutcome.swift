import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

/// The verdict on a case before it is dressed as a ``CheckResult``.
struct CaseOutcome {
    var status: CheckStatus
    var evaluation: CaseEvaluation
    var output: CapturedOutput
}
