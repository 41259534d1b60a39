import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

extension CaseRunner {
    /// Worked examples, reference agreement and numerical-gradient cases: run once, compare
    /// the outputs with expected values.
    func compareOutputs(_ testCase: TestCase) throws(CaseError) -> CaseOutcome {
        let family = try family(of: testCase)
        let inputs = generator.inputs(for: testCase)
        let call = invocation(testCase, family: family, inputs: inputs)
        let expected = try expectedOutputs(testCase, family: family, call: call, inputs: inputs)
        switch run([call], for: testCase) {
        case .ended(let status, let problem, let reason, let output):
            return CaseOutcome(status: status, evaluation: .fail(problem, reason), output: output)
        case .outputs(let results, let output):
            var got = results[0]
            if let base = testCase.logBase, case .scalar(let loss)? = got["loss"] {
                got["loss"] = .scalar(loss / Foundation.log(base))
            }
            let verdicts = expected.keys.sorted(by: outputOrder).map { name in
                ValueComparator.compare(name, expected: expected[name]!, got: got[name], tolerance: testCase.tolerance,
                                        isGradient: name.hasPrefix("gradient"))
            }
            var evaluation = CaseEvaluation.from(verdicts)
            if !evaluation.passed {
                evaluation.misconception = Misconceptions.diagnose(
                    testCase: testCase, family: family, inputs: inputs, expected: expected, got: got)
                if testCase.logBase != nil, evaluation.reason != nil {
                    evaluation.reason! += " (your natural-log loss divided by ln \(ValueComparator.formatNumber(testCase.logBase!)))"
                }
            }
            return CaseOutcome(status: evaluation.passed ? .passed : .failed, evaluation: evaluation, output: output)
        }
    }

    private func expectedOutputs(_ testCase: TestCase, family: ComponentFamily, call: Invocation,
                                 inputs: Values) throws(CaseError) -> Values {
        var expected: Values
        switch (testCase.kind, testCase.expected) {
        case (.numericalGradient, _):
            guard case .text(let name)? = inputs["function"], let function = TestFunction.named(name),
                  case .matrix(let point)? = inputs["point"] else {
                throw CaseError(caseName: testCase.name, location: testCase.location,
                                message: "a numerical-gradient case needs inputs 'function' (a known test function) and 'point' (a matrix)")
            }
            expected = ["gradient": .matrix(function.gradient(point))]
        case (_, .literal(let values)):
            expected = values
        case (_, .reference):
            expected = try referenceOutputs(call, for: testCase)
        case (_, .none):
            throw CaseError(caseName: testCase.name, location: testCase.location,
                            message: "a \(testCase.kind.rawValue) case needs 'expected' (literal values or 'reference')")
        }
        if !testCase.compare.isEmpty {
            expected = expected.filter { testCase.compare.contains($0.key) }
        }
        if expected.isEmpty {
            throw CaseError(caseName: testCase.name, location: testCase.location, message: "nothing to compare")
        }
        return expected
    }
}

/// Outputs in report order: the loss first, then gradients, then the rest by name.
func outputOrder(_ a: String, _ b: String) -> Bool {
    func rank(_ s: String) -> Int { s == "loss" ? 0 : (s.hasPrefix("gradient") ? 1 : 2) }
    return rank(a) != rank(b) ? rank(a) < rank(b) : a < b
}
