import GradeReports
import GradeResults
import Testing

@Suite struct ReportNumberTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (3.0, "3"), (-2.0, "-2"), (2.9, "2.9"), (5.266666666666667, "5.26667"),
        (0.000123456, "0.000123456"), (1e-7, "1.0000e-07"), (12345678.9, "1.2346e+07"), (15_000_000.0, "15000000"),
        (Double.nan, "nan"), (Double.infinity, "inf"), (-Double.infinity, "-inf"),
    ])
    func valuesHaveSixSignificantDigits(_ x: Double, _ text: String) {
        #expect(ReportNumber.value(x) == text)
    }

    @Test(arguments: [(0.0, "0.000"), (1e-7, "0.000"), (0.0123456, "0.012"), (0.0005, "0.001"), (14.56789, "14.568"),
                      (1e10, "10000000000.000"), (-3, "0.000"), (.nan, "0.000"), (.infinity, "0.000")])
    func secondsHaveThreeDecimalsAndNoExponent(value: Double, expected: String) {
        #expect(ReportNumber.seconds(value) == expected)
    }

    @Test(arguments: [(2.0, "2"), (1.5, "1.5"), (0.25, "0.25"), (0.1 + 0.2, "0.3"), (0, "0"), (-1.5, "-1.5")])
    func pointsAreWrittenAsPeopleWriteThem(value: Double, expected: String) {
        #expect(ReportNumber.points(value) == expected)
    }

    @Test(arguments: [(1.0, "1.00e+00"), (0.000314159, "3.14e-04"), (1.333, "1.33e+00"), (12345, "1.23e+04"),
                      (9.999, "1.00e+01"), (0, "0.00e+00"), (.nan, "NaN")])
    func relativeErrorsAreScientific(value: Double, expected: String) {
        #expect(ReportNumber.relativeError(value) == expected)
    }
}

@Suite struct DistinctNumberTests {
    @Test func twoCloseValuesGetTheDigitsThatTellThemApart() {
        let (a, b) = ReportNumber.distinct(-1.393912, -1.393861)
        #expect(a != b)
        #expect(a.hasPrefix("-1.3939"))
    }

    @Test func valuesThatAlreadyDifferKeepTheShortForm() {
        #expect(ReportNumber.distinct(2.5, 3) == ("2.5", "3"))
    }
}
