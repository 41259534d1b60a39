import ComponentRuntime
import Foundation
import GradeKit
@testable import GradingEngine
import Testing

/// A worker refuses to send a result larger than the grader reads, estimating the size from
/// element counts before encoding, and says how large it was.
@Suite("Result size limit")
struct ResultSizeLimitTests {
    private func outputs(_ values: Values) -> [WorkerResult] { [.outputs(values)] }

    @Test func aResultUnderTheLimitIsSentUnchanged() {
        let results = outputs(["loss": .scalar(1), "gradient": .matrix(.zeros(3, 3))])
        let admitted = ResultSizeLimit(maxBytes: 64 << 10).admit(results)
        guard case .outputs(let values)? = admitted.first else { Issue.record("got \(admitted)"); return }
        #expect(admitted.count == 1 && values == ["loss": .scalar(1), "gradient": .matrix(.zeros(3, 3))])
    }

    @Test func aResultOverTheLimitBecomesOneFailureNamingItsSizeAndTheLimit() {
        let results = outputs(["loss": .scalar(1), "gradient": .matrix(.zeros(1000, 1000))]) + outputs(["loss": .scalar(2)])
        let admitted = ResultSizeLimit(maxBytes: 1 << 20).admit(results)
        guard admitted.count == 1, case .failure(let failure) = admitted[0],
              case .resultTooLarge(let numbers, let estimatedBytes, let limitBytes) = failure else {
            Issue.record("got \(admitted)"); return
        }
        #expect(numbers == 1_000_002)
        #expect(estimatedBytes >= 1_000_002 * ResultSizeLimit.bytesPerNumber)
        #expect(limitBytes == 1 << 20)
        #expect(failure.message == "the outputs hold 1000002 numbers, up to \(estimatedBytes >> 20) MiB to send back, more than the limit of 1 MiB for a result: return only the outputs the component computes, each with the shape it should have")
    }

    @Test func withoutALimitEverythingIsSent() {
        let results = outputs(["gradient": .matrix(.zeros(1000, 1000))])
        #expect(ResultSizeLimit(maxBytes: nil).admit(results).count == 1)
        guard case .outputs? = ResultSizeLimit(maxBytes: nil).admit(results).first else { Issue.record("refused"); return }
    }

    @Test func aFailureResultIsCountedToo() {
        let failure = WorkerResult.failure(.notRegistered(component: String(repeating: "x", count: 1000), registered: []))
        guard case .failure(.resultTooLarge)? = ResultSizeLimit(maxBytes: 1000).admit([failure]).first else {
            Issue.record("a 1000-character failure fits 1000 bytes only if its escapes are not counted"); return
        }
    }

    /// Every kind of value, at its longest encoding: the estimate must never be below what the
    /// worker's encoder writes, or an admitted result could still be cut off by the grader.
    @Test func theEstimateIsNeverBelowTheEncodedSize() throws {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let longest: [Double] = [-2.2250738585072014e-308, -1.7976931348623157e308, -.infinity, .nan, -Double.leastNonzeroMagnitude,
                                 -0.00012345678901234567, -123456789012345.67]
        var rng = SeededGenerator(seed: 7)
        for trial in 0..<200 {
            func number() -> Double { longest[Int(rng.next() % UInt64(longest.count))] }
            func matrix() -> Matrix {
                let rows = Int(rng.next() % 4), columns = Int(rng.next() % 4)
                return Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in number() })
            }
            var values: Values = [:]
            for k in 0..<Int(rng.next() % 6) {
                let name = String(repeating: "\u{1}", count: Int(rng.next() % 5)) + "v\(k)"
                switch rng.next() % 6 {
                case 0: values[name] = .scalar(number())
                case 1: values[name] = .matrix(matrix())
                case 2: values[name] = .integers((0..<Int(rng.next() % 5)).map { _ in Int.min })
                case 3: values[name] = .series((0..<Int(rng.next() % 5)).map { _ in number() })
                case 4: values[name] = .matrices((0..<Int(rng.next() % 4)).map { _ in matrix() })
                default: values[name] = .text(String(repeating: "\u{1}\"\\/", count: Int(rng.next() % 5)))
                }
            }
            let results: [WorkerResult] = [.outputs(values), .failure(.unknownName(input: "\u{2}objective", name: "\u{1}"))]
            let encoded = try encoder.encode(WorkerResponse(id: Int.min, results: results))
            let estimate = ResultSizeLimit.estimate(results)
            #expect(encoded.count <= estimate.bytes, "trial \(trial): \(encoded.count) bytes encoded, \(estimate.bytes) estimated")
        }
    }

    @Test func theLimitIsReadFromTheEnvironment() {
        #expect(ResultSizeLimit.fromEnvironment(["GRADE_WORKER_MAX_RESULT_BYTES": "1000"]).maxBytes == 1000)
        #expect(ResultSizeLimit.fromEnvironment([:]).maxBytes == nil)
        #expect(ResultSizeLimit.fromEnvironment(["GRADE_WORKER_MAX_RESULT_BYTES": "lots"]).maxBytes == nil)
        #expect(ResultSizeLimit.fromEnvironment(["GRADE_WORKER_MAX_RESULT_BYTES": "-1"]).maxBytes == nil)
    }

    @Test func theGraderPassesItsResultLimitToTheWorker() {
        let environment = WorkerResourceLimits(maxResultBytes: 12345).environment
        #expect(environment[ResultSizeLimit.environmentVariable] == "12345")
        #expect(ResultSizeLimit.fromEnvironment(environment).maxBytes == 12345)
    }
}
