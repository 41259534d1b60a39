import AssignmentFormat
import ComponentRuntime
import GradeKit

/// A case's inputs as Swift declarations a student can paste into a test, such as
/// `let scores = Matrix([[3.2, 5.1, -1.7]])` and `let labels = [0]`.
///
/// Numbers are written in the shortest form that reads back to the same `Double`, so the pasted
/// inputs are the graded ones bit for bit; NaN and infinities as `.nan` and `.infinity`.
enum SwiftLiteral {
    /// The most numbers the declarations hold; larger inputs are not written out.
    static let largestInputs = 64
    /// The most numbers `grade repro` writes out: a larger literal takes the compiler minutes.
    static let largestReproInputs = 10_000

    /// The declarations of `testCase`'s inputs, in name order, or nil when they hold more than
    /// ``largestInputs`` numbers.
    static func declarations(of testCase: TestCase, generator: InputGenerator) -> String? {
        guard !testCase.inputs.isEmpty, testCase.inputNumbers <= largestInputs else { return nil }
        let values = generator.inputs(for: testCase)
        return values.keys.sorted().compactMap { name in values[name].map { "let \(name) = \(literal($0))" } }.joined(separator: "\n")
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .scalar(let x): number(x)
        case .matrix(let m): matrix(m)
        case .integers(let list): "[" + list.map(String.init).joined(separator: ", ") + "]"
        case .series(let list): "[" + list.map(number).joined(separator: ", ") + "]"
        case .matrices(let list): "[" + list.map(matrix).joined(separator: ", ") + "]"
        case .text(let text): string(text)
        }
    }

    /// `text` as a Swift string literal: a backslash, a quote and a line break escaped.
    static func string(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n") + "\""
    }

    private static func matrix(_ m: Matrix) -> String {
        let rows = (0..<m.rows).map { i in "[" + (0..<m.columns).map { number(m[i, $0]) }.joined(separator: ", ") + "]" }
        return "Matrix([" + rows.joined(separator: ", ") + "])"
    }

    private static func number(_ x: Double) -> String {
        if x.isNaN { return ".nan" }
        if x.isInfinite { return x < 0 ? "-.infinity" : ".infinity" }
        return "\(x)"
    }
}
