import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

/// The text of a not-implemented marker, split from the `[component: NAME]` tag the worker
/// adds to say whose stub it was (a trainer runs its objective, for instance).
struct NotImplementedMarker {
    /// The student's description and place, such as `MulticlassSVM.lossAndGradient (…:51)`.
    var text: String
    /// The component that was running, when the worker said.
    var component: String?

    init(_ detail: String) {
        let tag = " [component: "
        if let range = detail.range(of: tag, options: .backwards), detail.hasSuffix("]") {
            text = String(detail[..<range.lowerBound])
            component = String(detail[range.upperBound...].dropLast())
        } else {
            text = detail
            component = nil
        }
    }
}
