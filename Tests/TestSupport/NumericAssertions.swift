import GradeKit
import Testing

/// The relative error of the course notes, `|a − b| / max(|a|, |b|, floor)`.
///
/// With the default floor of 1e-12 it is the pure relative error except where both values
/// are essentially 0; a larger floor makes it an absolute error below that magnitude.
public func relativeError(_ a: Double, _ b: Double, floor: Double = 1e-12) -> Double {
    if a == b { return 0 }
    return Swift.abs(a - b) / Swift.max(Swift.abs(a), Swift.abs(b), floor)
}

/// The largest entrywise ``relativeError(_:_:floor:)`` of two equally long lists, or infinity if their lengths differ.
public func maxRelativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-12) -> Double {
    guard a.count == b.count else { return .infinity }
    return Swift.zip(a, b).reduce(0) { Swift.max($0, relativeError($1.0, $1.1, floor: floor)) }
}

/// The largest entrywise ``relativeError(_:_:floor:)`` of two matrices, or infinity if their shapes differ.
public func maxRelativeError(_ a: Matrix, _ b: Matrix, floor: Double = 1e-12) -> Double {
    guard a.rows == b.rows, a.columns == b.columns else { return .infinity }
    return maxRelativeError(a.elements, b.elements, floor: floor)
}

/// Expects `|actual − expected| ≤ atol + rtol·|expected|`, numpy's `isclose`.
public func expectClose(
    _ actual: Double, _ expected: Double, rtol: Double = 1e-12, atol: Double = 1e-12,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    let ok = Swift.abs(actual - expected) <= atol + rtol * Swift.abs(expected)
    #expect(ok, "\(actual) is not close to \(expected) (rtol \(rtol), atol \(atol))\(comment.map { ": \($0)" } ?? "")",
            sourceLocation: sourceLocation)
}

/// Expects equal shapes and every entry close, as numpy's `allclose(actual, expected, rtol, atol)`.
public func expectClose(
    _ actual: Matrix, _ expected: Matrix, rtol: Double = 1e-12, atol: Double = 1e-12,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.rows == expected.rows, actual.columns == expected.columns else {
        Issue.record("shape \(actual.rows)×\(actual.columns) differs from \(expected.rows)×\(expected.columns)",
                     sourceLocation: sourceLocation)
        return
    }
    let worst = Swift.zip(actual.elements, expected.elements).map { Swift.abs($0 - $1) - rtol * Swift.abs($1) }.max() ?? 0
    #expect(worst <= atol, "\(actual) is not close to \(expected) (rtol \(rtol), atol \(atol))\(comment.map { ": \($0)" } ?? "")",
            sourceLocation: sourceLocation)
}

/// Expects the analytic gradient to match a numerical one entrywise within `tolerance`
/// in ``maxRelativeError(_:_:floor:)``, the course's `rel_error ≤ 1e-7` check.
public func expectGradientsAgree(
    analytic: Matrix, numeric: Matrix, tolerance: Double = 1e-7, floor: Double = 1e-12,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = maxRelativeError(analytic, numeric, floor: floor)
    #expect(error <= tolerance,
            "relative error \(error) > \(tolerance)\(comment.map { ": \($0)" } ?? ""); analytic \(analytic), numeric \(numeric)",
            sourceLocation: sourceLocation)
}
