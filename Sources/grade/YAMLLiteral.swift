import ComponentRuntime
import GradeKit

/// Values written back as case-file literals, at full precision (Swift's shortest
/// representation that reads back to the same `Double`).
enum YAMLLiteral {
    /// The flow-style literal of a value: `[[1.5, -2]]`, `[0, 2]`, `2.9`, `seed004-quadratic`.
    static func write(_ value: Value) -> String {
        switch value {
        case .scalar(let x): number(x)
        case .matrix(let m): matrix(m)
        case .integers(let v): "[" + v.map(String.init).joined(separator: ", ") + "]"
        case .series(let v): "[" + v.map(number).joined(separator: ", ") + "]"
        case .matrices(let v): "[" + v.map(matrix).joined(separator: ", ") + "]"
        case .text(let s): s
        }
    }

    /// A mapping of values in flow style, keys sorted: `{loss: 2.9, gradient: [[-1, 1, 0]]}`.
    static func write(_ values: Values) -> String {
        "{" + values.keys.sorted().map { "\($0): \(write(values[$0]!))" }.joined(separator: ", ") + "}"
    }

    /// True when every number can be written (the format has no infinity or NaN).
    static func isWritable(_ value: Value) -> Bool { value.numbers.allSatisfy(\.isFinite) }

    private static func number(_ x: Double) -> String {
        x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }

    private static func matrix(_ m: Matrix) -> String {
        "[" + (0..<m.rows).map { i in
            "[" + (0..<m.columns).map { number(m[i, $0]) }.joined(separator: ", ") + "]"
        }.joined(separator: ", ") + "]"
    }
}
