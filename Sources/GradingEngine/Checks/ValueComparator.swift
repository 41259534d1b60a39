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
            return Verdict(comparison: comparison, problem: isGradient ? .wrongGradient : .wrongValue,
                           reason: { let (got, want) = ReportNumber.distinct(g[k], e[k]); return "\(quantity)\(position(k, in: expected)) is \(got), expected \(want)" }())
        }
        return Verdict(comparison: comparison, problem: nil, reason: nil)
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

    private static func formatMatrix(_ m: Matrix) -> String {
        let rows = (0..<Swift.min(m.rows, 4)).map { i in
            let entries = (0..<Swift.min(m.columns, 6)).map { ReportNumber.value(m[i, $0]) }
            return "[" + entries.joined(separator: ", ") + (m.columns > 6 ? ", …" : "") + "]"
        }
        let body = rows.joined(separator: ", ") + (m.rows > 4 ? ", …" : "")
        return m.rows == 1 && m.columns == 1 ? "[[\(ReportNumber.value(m[0, 0]))]]" : "[\(body)] (\(m.rows)×\(m.columns))"
    }
}
