import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

/// Compares a value a submission returned with the expected one, entry by entry:
/// `|got − expected| ≤ atol + rtol·|expected|`. Shapes must match exactly, and NaN or
/// infinity never passes, whatever was expected.
public enum ValueComparator {
    /// The verdict on one quantity.
    public struct Verdict: Sendable {
        /// The comparison for reports.
        public var comparison: Comparison
        /// Why it failed, if it did: a shape mismatch, a non-finite entry, or a wrong entry.
        public var problem: Problem?
        /// A sentence for the report when it failed; it names the first failing entry in row-major order.
        public var reason: String?
    }

    /// Compares `got` with `expected` under `tolerance`.
    public static func compare(_ quantity: String, expected: Value, got: Value?, tolerance: Tolerance,
                               isGradient: Bool = false) -> Verdict {
        let toleranceText = describe(tolerance)
        guard let got else {
            return Verdict(
                comparison: Comparison(quantity: quantity, expected: format(expected), got: "nothing",
                                       relativeError: nil, tolerance: toleranceText, passed: false),
                problem: .missingResult, reason: "no \(quantity) was returned")
        }
        let e = expected.numbers, g = got.numbers
        // Equal shapes give equal counts; the count is checked too, so that the entry loop
        // below can never index past the values it was handed.
        if let mismatch = shapeMismatch(expected, got) ?? (e.count == g.count ? nil : (expected.shapeDescription, got.shapeDescription)) {
            return Verdict(
                comparison: Comparison(quantity: quantity, expected: format(expected), got: format(got),
                                       relativeError: nil, tolerance: toleranceText, passed: false),
                problem: .wrongShape, reason: "\(quantity) has the wrong shape: expected \(mismatch.expected), got \(mismatch.got)")
        }
        var worst = 0.0
        var nonFiniteIndex: Int?
        var failedIndex: Int?
        for k in e.indices {
            if !g[k].isFinite {
                if nonFiniteIndex == nil { nonFiniteIndex = k }
                continue
            }
            let err = relativeError(g[k], e[k])
            worst = Swift.max(worst, err)
            if !tolerance.admits(g[k], expected: e[k]) && failedIndex == nil {
                failedIndex = k
            }
        }
        let passed = nonFiniteIndex == nil && failedIndex == nil
        let comparison = Comparison(quantity: quantity, expected: format(expected), got: format(got),
                                    relativeError: nonFiniteIndex == nil ? worst : nil, tolerance: toleranceText, passed: passed)
        if let k = nonFiniteIndex {
            return Verdict(comparison: comparison, problem: .nonFinite,
                           reason: "\(quantity)\(position(k, in: expected)) is \(g[k]) (expected \(ReportNumber.value(e[k]))): look for overflow in exp or a division by zero")
        }
        if let k = failedIndex {
            let (gotText, want) = ReportNumber.distinct(g[k], e[k])
            var reason = "\(quantity)\(position(k, in: expected)) is \(gotText), expected \(want)"
            if e.count > 1 { reason += "\n" + mismatchSummary(expected: expected, e: e, g: g, tolerance: tolerance, first: k) }
            return Verdict(comparison: comparison, problem: isGradient ? .wrongGradient : .wrongValue, reason: reason)
        }
        return Verdict(comparison: comparison, problem: nil, reason: nil)
    }

    /// What `numpy.testing.assert_allclose` says of a mismatch: how many entries are outside
    /// the tolerance, the largest absolute and relative differences and where they are, and,
    /// for a matrix, the row of the first mismatch when the excerpts (which start at the first
    /// row and column) do not show it.
    static func mismatchSummary(expected: Value, e: [Double], g: [Double], tolerance: Tolerance, first: Int) -> String {
        var mismatched = 0
        var largestAbsolute = (0.0, 0), largestRelative = (0.0, 0)
        for k in e.indices {
            if !tolerance.admits(g[k], expected: e[k]) { mismatched += 1 }
            let absolute = Swift.abs(g[k] - e[k]), relative = relativeError(g[k], e[k])
            if absolute > largestAbsolute.0 { largestAbsolute = (absolute, k) }
            if relative > largestRelative.0 { largestRelative = (relative, k) }
        }
        let share = Double(mismatched) / Double(e.count) * 100
        var text = "Mismatched entries: \(mismatched) of \(e.count) (\(ReportNumber.value(share))%); "
            + "max absolute difference \(ReportNumber.value(largestAbsolute.0)) at \(position(largestAbsolute.1, in: expected)), "
            + "max relative difference \(ReportNumber.value(largestRelative.0)) at \(position(largestRelative.1, in: expected))"
        if case .matrix(let m) = expected, m.columns > 0,
           first / m.columns >= excerptRows || first % m.columns >= excerptColumns {
            let row = first / m.columns
            let window = { (values: [Double]) -> String in
                let entries = values[(row * m.columns)..<((row + 1) * m.columns)]
                return "[" + entries.prefix(8).map(ReportNumber.value).joined(separator: ", ") + (entries.count > 8 ? ", …" : "") + "]"
            }
            text += "\nrow \(row): expected \(window(e)), got \(window(g))"
        }
        return text
    }

    /// `|a − b| / max(|a|, |b|, 1e-300)`, and 0 when both are 0.
    public static func relativeError(_ a: Double, _ b: Double) -> Double {
        let scale = Swift.max(Swift.abs(a), Swift.abs(b))
        return scale == 0 ? 0 : Swift.abs(a - b) / Swift.max(scale, 1e-300)
    }

    /// The tolerance as reports show it.
    public static func describe(_ tolerance: Tolerance) -> String {
        "rtol \(ReportNumber.setting(tolerance.rtol)), atol \(ReportNumber.setting(tolerance.atol))"
    }

    private static func shapeMismatch(_ expected: Value, _ got: Value) -> (expected: String, got: String)? {
        switch (expected, got) {
        case (.scalar, .scalar): return nil
        case (.matrix(let a), .matrix(let b)) where a.rows == b.rows && a.columns == b.columns: return nil
        case (.integers(let a), .integers(let b)) where a.count == b.count: return nil
        case (.series(let a), .series(let b)) where a.count == b.count: return nil
        case (.matrices(let a), .matrices(let b))
            where a.count == b.count && zip(a, b).allSatisfy({ $0.rows == $1.rows && $0.columns == $1.columns }):
            return nil
        default: return (expected.shapeDescription, got.shapeDescription)
        }
    }

    private static func position(_ k: Int, in value: Value) -> String {
        switch value {
        case .matrix(let m) where m.count > 1: "[\(k / m.columns), \(k % m.columns)]"
        case .series(let s) where s.count > 1: "[\(k)]"
        case .integers(let s) where s.count > 1: "[\(k)]"
        case .matrices(let ms):
            if let first = ms.first, first.count > 0 {
                "[step \(k / first.count + 1)][\(k % first.count / first.columns), \(k % first.count % first.columns)]"
            } else { "" }
        default: ""
        }
    }

    /// A value as reports show it; matrices beyond 4×6 are abbreviated.
    public static func format(_ value: Value) -> String {
        switch value {
        case .scalar(let x): return ReportNumber.value(x)
        case .matrix(let m): return formatMatrix(m)
        case .integers(let v): return formatList(v.map { String($0) })
        case .series(let v): return formatList(v.map(ReportNumber.value))
        case .matrices(let ms):
            guard let last = ms.last else { return "[]" }
            return "\(ms.count) steps, last: \(formatMatrix(last))"
        case .text(let t): return t
        }
    }

    private static func formatList(_ items: [String]) -> String {
        items.count <= 8 ? "[" + items.joined(separator: ", ") + "]"
            : "[" + items.prefix(6).joined(separator: ", ") + ", … (\(items.count) in all)]"
    }

    /// The rows and columns of a matrix its excerpt shows, from the first.
    static let excerptRows = 4, excerptColumns = 6

    private static func formatMatrix(_ m: Matrix) -> String {
        let rows = (0..<Swift.min(m.rows, excerptRows)).map { i in
            let entries = (0..<Swift.min(m.columns, excerptColumns)).map { ReportNumber.value(m[i, $0]) }
            return "[" + entries.joined(separator: ", ") + (m.columns > excerptColumns ? ", …" : "") + "]"
        }
        let body = rows.joined(separator: ", ") + (m.rows > excerptRows ? ", …" : "")
        return m.rows == 1 && m.columns == 1 ? "[[\(ReportNumber.value(m[0, 0]))]]" : "[\(body)] (\(m.rows)×\(m.columns))"
    }
}
