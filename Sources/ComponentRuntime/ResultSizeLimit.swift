import Foundation

/// The most bytes a worker's response may take, checked before the response is encoded.
///
/// Encoding a result of 10⁸ numbers takes longer than a case's timeout, and the grader stops
/// reading a result line past its own limit anyway; either way the student would read the
/// wrong reason ("an infinite loop"). So the worker estimates the size from the element
/// counts, which costs nothing, and answers an oversized result with
/// ``InvocationFailure/resultTooLarge(numbers:estimatedBytes:limitBytes:)`` instead.
///
/// The estimate is an upper bound of the encoded size: ``bytesPerNumber`` bytes a number (the
/// longest `Double`, `-2.2250738585072014e-308`, is 24 characters, plus a comma), six bytes a
/// character of text (`\u00XX`), and a fixed allowance for the structure around each value.
/// A response that passes it therefore also fits the grader's limit on a result line.
public struct ResultSizeLimit: Sendable, Hashable {
    /// The limit in bytes, or nil for none.
    public var maxBytes: Int?

    /// The environment variable the grader sets to the limit, in bytes.
    public static let environmentVariable = "GRADE_WORKER_MAX_RESULT_BYTES"

    /// The bytes the estimate allows for one number.
    public static let bytesPerNumber = 25

    /// The bytes the estimate allows for the structure around one value, one matrix, or one result.
    static let bytesPerItem = 128

    /// Creates a limit.
    public init(maxBytes: Int?) {
        self.maxBytes = maxBytes
    }

    /// The limit named by ``environmentVariable`` in `environment`; none when it is absent or not a number.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ResultSizeLimit {
        guard let text = environment[environmentVariable], let bytes = Int(text), bytes >= 0 else {
            return ResultSizeLimit(maxBytes: nil)
        }
        return ResultSizeLimit(maxBytes: bytes)
    }

    /// `results`, or a single ``InvocationFailure/resultTooLarge(numbers:estimatedBytes:limitBytes:)``
    /// when their estimated size is over the limit.
    public func admit(_ results: [WorkerResult]) -> [WorkerResult] {
        guard let maxBytes else { return results }
        let size = Self.estimate(results)
        guard size.bytes > maxBytes else { return results }
        return [.failure(.resultTooLarge(numbers: size.numbers, estimatedBytes: size.bytes, limitBytes: maxBytes))]
    }

    /// How many numbers `results` hold, and at most how many bytes they encode to.
    public static func estimate(_ results: [WorkerResult]) -> (numbers: Int, bytes: Int) {
        var numbers = 0, bytes = 0
        for result in results {
            bytes += bytesPerItem
            switch result {
            case .outputs(let values):
                for (name, value) in values {
                    let size = estimate(value)
                    numbers += size.numbers
                    bytes += bytesPerItem + 6 * name.utf8.count + size.bytes
                }
            case .failure(let failure):
                bytes += bytesPerItem + 6 * failure.message.utf8.count
            }
        }
        return (numbers, bytes)
    }

    private static func estimate(_ value: Value) -> (numbers: Int, bytes: Int) {
        let numbers: Int
        var bytes = 0
        switch value {
        case .scalar: numbers = 1
        case .matrix(let m): numbers = m.count
        case .integers(let v): numbers = v.count
        case .series(let v): numbers = v.count
        case .matrices(let ms):
            numbers = ms.reduce(0) { $0 + $1.count }
            bytes = ms.count * bytesPerItem
        case .text(let t):
            numbers = 0
            bytes = 6 * t.utf8.count
        }
        return (numbers, bytes + numbers * bytesPerNumber)
    }
}
