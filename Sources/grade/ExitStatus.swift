import ArgumentParser
import Foundation

/// The exit statuses of every command.
enum ExitStatus {
    static let passed: Int32 = 0
    static let failed: Int32 = 1
    static let couldNotGrade: Int32 = 2
}
