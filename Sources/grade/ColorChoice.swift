import ArgumentParser
import AssignmentFormat
import Foundation
import GradeReports
import GradeResults
import GradingEngine

/// When to colour the console report.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// True when colour should be used on this handle: `always`, or `auto` on a terminal
    /// without `NO_COLOR` (https://no-color.org) and not `TERM=dumb`.
    func enabled(for handle: FileHandle) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let env = ProcessInfo.processInfo.environment
            if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
            if env["TERM"] == "dumb" { return false }
            return isatty(handle.fileDescriptor) != 0
        }
    }
}
