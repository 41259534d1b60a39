import ArgumentParser
import AssignmentFormat
import Foundation
import GradeReports
import GradeResults
import GradingEngine

/// A one-line progress counter on standard error, shown only on a terminal.
final class ProgressLine {
    private let total: Int
    private var done = 0
    private let enabled = isatty(2) != 0

    init(total: Int) { self.total = total }

    func advance(_ result: CheckResult) {
        done += 1
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2Kgrading \(done)/\(total): \(result.name)".utf8))
    }

    func clear() {
        if enabled && done > 0 { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
