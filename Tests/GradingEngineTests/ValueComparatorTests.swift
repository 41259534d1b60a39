import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults
import GradingEngine
import Testing

@Suite("ValueComparator")
struct ValueComparatorTests {
    let exact = Tolerance(rtol: 1e-6, atol: 1e-9)

    // MARK: Non-finite values

    @Test func nanNeverPassesEvenWhenNaNIsExpected() {
        let verdict = ValueComparator.compare("loss", expected: .scalar(.nan), got: .scalar(.nan), tolerance: exact)
        #expect(verdict.problem == .nonFinite)
        #expect(!verdict.comparison.passed)
    }

    @Test func nanFailsAgainstAFiniteValue() {
        let verdict = ValueComparator.compare("loss", expected: .scalar(2.9), got: .scalar(.nan), tolerance: exact)
        #expect(verdict.problem == .nonFinite)
        #expect(verdict.reason?.contains("nan") == true)
    }

    @Test(arguments: [Double.infinity, -Double.infinity])
    func infinityFailsAgainstAFiniteValue(_ infinity: Double) {
        let verdict = ValueComparator.compare("loss", expected: .scalar(1e308), got: .scalar(infinity), tolerance: Tolerance(rtol: 10, atol: 1e308))
        #expect(verdict.problem == .nonFinite)
        #expect(!verdict.comparison.passed)
    }

    @Test(arguments: [Double.infinity, -Double.infinity])
    func infinityNeverPassesEvenWhenTheSameInfinityIsExpected(_ infinity: Double) {
        let verdict = ValueComparator.compare("loss", expected: .scalar(infinity), got: .scalar(infinity), tolerance: exact)
        #expect(verdict.problem != nil)
        #expect(!verdict.comparison.passed)
    }

    @Test func aNonFiniteEntryIsNamedByItsPosition() {
        let expected = Matrix([[1, 2, 3], [4, 5, 6]])
        var got = expected
        got[1, 0] = .infinity
        let verdict = ValueComparator.compare("gradient", expected: .matrix(expected), got: .matrix(got), tolerance: exact, isGradient: true)
        #expect(verdict.problem == .nonFinite)
        #expect(verdict.reason?.hasPrefix("gradient[1, 0] is inf") == true, "\(verdict.reason ?? "")")
        #expect(verdict.comparison.relativeError == nil)
    }

    // MARK: Shapes

    @Test func aMatrixOfAnotherShapeIsWrongShape() {
        let verdict = ValueComparator.compare("gradient", expected: .matrix(.zeros(2, 3)), got: .matrix(.zeros(3, 2)), tolerance: exact)
        #expect(verdict.problem == .wrongShape)
        #expect(verdict.reason == "gradient has the wrong shape: expected matrix 2×3, got matrix 3×2")
    }

    @Test func aMatrixWithTheSameCountButOtherShapeIsWrongShape() {
        let verdict = ValueComparator.compare("gradient", expected: .matrix(.zeros(1, 6)), got: .matrix(.zeros(6, 1)), tolerance: exact)
        #expect(verdict.problem == .wrongShape)
    }

    @Test func aScalarWhereAMatrixIsExpectedIsWrongShape() {
        let matrixExpected = ValueComparator.compare("gradient", expected: .matrix(Matrix([[1]])), got: .scalar(1), tolerance: exact)
        #expect(matrixExpected.problem == .wrongShape)
        let scalarExpected = ValueComparator.compare("loss", expected: .scalar(1), got: .matrix(Matrix([[1]])), tolerance: exact)
        #expect(scalarExpected.problem == .wrongShape)
        #expect(scalarExpected.reason?.contains("expected scalar, got matrix 1×1") == true)
    }

    @Test func aSeriesOfAnotherLengthIsWrongShape() {
        let verdict = ValueComparator.compare("rates", expected: .series([0.1, 0.05, 0.025]), got: .series([0.1, 0.05]), tolerance: exact)
        #expect(verdict.problem == .wrongShape)
        #expect(verdict.reason?.contains("series of 3") == true)
    }

    @Test func integersOfAnotherLengthAreWrongShape() {
        let verdict = ValueComparator.compare("labels", expected: .integers([1, 2]), got: .integers([1, 2, 3]), tolerance: exact)
        #expect(verdict.problem == .wrongShape)
    }

    @Test func aTrajectoryOfAnotherLengthIsWrongShape() {
        let step = Matrix([[1, 2]])
        let verdict = ValueComparator.compare("trajectory", expected: .matrices([step, step, step]), got: .matrices([step, step]), tolerance: exact)
        #expect(verdict.problem == .wrongShape)
        #expect(verdict.reason?.contains("expected 3 matrices of 1×2, got 2 matrices of 1×2") == true, "\(verdict.reason ?? "")")
    }

    @Test func aTrajectoryWithAStepOfAnotherShapeIsWrongShape() {
        let verdict = ValueComparator.compare("trajectory", expected: .matrices([Matrix([[1, 2]]), Matrix([[3, 4]])]),
                                              got: .matrices([Matrix([[1, 2]]), Matrix([[3], [4]])]), tolerance: exact)
        #expect(verdict.problem == .wrongShape)
    }

    @Test func aMissingOutputIsAMissingResult() {
        let verdict = ValueComparator.compare("gradient", expected: .matrix(.zeros(2, 2)), got: nil, tolerance: exact)
        #expect(verdict.problem == .missingResult)
        #expect(verdict.comparison.got == "nothing")
    }

    // MARK: Tolerance

    @Test func theAllowanceIsAtolPlusRtolTimesTheExpectedMagnitude() {
        let tolerance = Tolerance(rtol: 0.25, atol: 0)
        // |5 − 4| = 1 = 0.25·|4|: on the boundary, which passes.
        #expect(ValueComparator.compare("x", expected: .scalar(4), got: .scalar(5), tolerance: tolerance).problem == nil)
        #expect(ValueComparator.compare("x", expected: .scalar(4), got: .scalar(5.001), tolerance: tolerance).problem == .wrongValue)
        #expect(ValueComparator.compare("x", expected: .scalar(-4), got: .scalar(-3), tolerance: tolerance).problem == nil)
    }

    @Test func theRelativeAllowanceScalesWithTheExpectedValueNotTheSubmittedOne() {
        let tolerance = Tolerance(rtol: 0.6, atol: 0)
        // |2 − 1| = 1 ≤ 0.6·2, but not ≤ 0.6·1.
        #expect(ValueComparator.compare("x", expected: .scalar(2), got: .scalar(1), tolerance: tolerance).problem == nil)
        #expect(ValueComparator.compare("x", expected: .scalar(1), got: .scalar(2), tolerance: tolerance).problem == .wrongValue)
    }

    @Test func theAbsoluteAllowanceDecidesNearZero() {
        let tolerance = Tolerance(rtol: 1e-6, atol: 1e-6)
        #expect(ValueComparator.compare("x", expected: .scalar(0), got: .scalar(9e-7), tolerance: tolerance).problem == nil)
        #expect(ValueComparator.compare("x", expected: .scalar(0), got: .scalar(-9e-7), tolerance: tolerance).problem == nil)
        #expect(ValueComparator.compare("x", expected: .scalar(0), got: .scalar(2e-6), tolerance: tolerance).problem == .wrongValue)
    }

    @Test func aZeroToleranceAcceptsOnlyEqualValues() {
        let zero = Tolerance(rtol: 0, atol: 0)
        #expect(ValueComparator.compare("x", expected: .scalar(0.1), got: .scalar(0.1), tolerance: zero).problem == nil)
        #expect(ValueComparator.compare("x", expected: .scalar(0.1), got: .scalar(0.1.nextUp), tolerance: zero).problem == .wrongValue)
    }

    @Test func everyEntryIsHeldToTheTolerance() {
        let expected = Matrix([[1, 2, 3], [4, 5, 6]])
        var got = expected
        got[1, 2] += 1e-3
        let verdict = ValueComparator.compare("gradient", expected: .matrix(expected), got: .matrix(got), tolerance: exact)
        #expect(verdict.problem == .wrongValue)
        #expect(ValueComparator.compare("gradient", expected: .matrix(expected), got: .matrix(expected), tolerance: exact).problem == nil)
    }

    @Test func aWrongGradientEntryIsAWrongGradient() {
        let verdict = ValueComparator.compare("gradient", expected: .matrix(Matrix([[1, 2]])), got: .matrix(Matrix([[1, 3]])),
                                              tolerance: exact, isGradient: true)
        #expect(verdict.problem == .wrongGradient)
    }

    @Test func theComparisonCarriesTheWorstRelativeErrorAndTheTolerance() {
        let verdict = ValueComparator.compare("gradient", expected: .matrix(Matrix([[1, 2, 4]])), got: .matrix(Matrix([[1, 2.5, 3]])),
                                              tolerance: Tolerance(rtol: 1e-6, atol: 1e-9))
        #expect(verdict.comparison.relativeError == 0.25)
        #expect(verdict.comparison.tolerance == "rtol 1e-06, atol 1e-09")
        #expect(!verdict.comparison.passed)
    }

    // MARK: Reasons name the entry

    @Test func theReasonNamesTheFailingMatrixEntry() {
        let expected = Matrix([[1, 2, 3], [4, 5, 6]])
        var got = expected
        got[1, 2] = 7.5
        let verdict = ValueComparator.compare("gradient", expected: .matrix(expected), got: .matrix(got), tolerance: exact, isGradient: true)
        #expect(verdict.reason == "gradient[1, 2] is 7.5, expected 6\nMismatched entries: 1 of 6 (16.6667%); max absolute difference 1.5 at [1, 2], max relative difference 0.2 at [1, 2]")
    }

    @Test func aMismatchTheExcerptDoesNotShowGetsItsRow() {
        let expected = Matrix(rows: 6, columns: 2, elements: (0..<12).map(Double.init))
        var got = expected
        got[5, 1] = 100
        let verdict = ValueComparator.compare("scores", expected: .matrix(expected), got: .matrix(got), tolerance: exact)
        #expect(verdict.reason?.hasSuffix("\nrow 5: expected [10, 11], got [10, 100]") == true, "\(verdict.reason ?? "")")
    }

    @Test func theReasonNamesTheFailingSeriesEntry() {
        let verdict = ValueComparator.compare("rates", expected: .series([0.1, 0.05, 0.025]), got: .series([0.1, 0.05, 0.05]), tolerance: exact)
        #expect(verdict.reason == "rates[2] is 0.05, expected 0.025\nMismatched entries: 1 of 3 (33.3333%); max absolute difference 0.025 at [2], max relative difference 0.5 at [2]")
    }

    @Test func theReasonNamesTheStepAndEntryOfATrajectory() {
        let expected: [Matrix] = [Matrix([[0.95, -1.9]]), Matrix([[0.925, -1.95]])]
        let got: [Matrix] = [Matrix([[0.95, -1.9]]), Matrix([[0.925, -1.85]])]
        let verdict = ValueComparator.compare("trajectory", expected: .matrices(expected), got: .matrices(got), tolerance: exact)
        #expect(verdict.reason?.hasPrefix("trajectory[step 2][0, 1] is -1.85, expected -1.95\nMismatched entries: 1 of 4 (25%)") == true, "\(verdict.reason ?? "")")
    }

    @Test func aScalarReasonHasNoPosition() {
        let verdict = ValueComparator.compare("loss", expected: .scalar(5.266666666666667), got: .scalar(15.8), tolerance: exact)
        #expect(verdict.reason == "loss is 15.8, expected 5.26667")
    }

    // MARK: Formatting

    @Test func valuesAreFormattedForReports() {
        #expect(ValueComparator.format(.scalar(2.9)) == "2.9")
        #expect(ValueComparator.format(.matrix(Matrix([[5]]))) == "[[5]]")
        #expect(ValueComparator.format(.matrix(Matrix([[1, 2], [3, 4.5]]))) == "[[1, 2], [3, 4.5]] (2×2)")
        #expect(ValueComparator.format(.integers([0, 1, 2])) == "[0, 1, 2]")
        #expect(ValueComparator.format(.series([0.1, 0.05])) == "[0.1, 0.05]")
        #expect(ValueComparator.format(.matrices([Matrix([[1, 2]]), Matrix([[3, 4]])])) == "2 steps, last: [[3, 4]] (1×2)")
    }

    @Test func largeValuesAreAbbreviated() {
        let big = ValueComparator.format(.matrix(Matrix(rows: 5, columns: 7, repeating: 1)))
        #expect(big == "[[1, 1, 1, 1, 1, 1, …], [1, 1, 1, 1, 1, 1, …], [1, 1, 1, 1, 1, 1, …], [1, 1, 1, 1, 1, 1, …], …] (5×7)")
        #expect(ValueComparator.format(.series((1...9).map(Double.init))) == "[1, 2, 3, 4, 5, 6, … (9 in all)]")
    }
}
