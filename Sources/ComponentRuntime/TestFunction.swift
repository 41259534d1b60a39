import GradeKit

import Glibc

/// A smooth scalar function with a known exact gradient, named in case files: the
/// function a numerical-gradient estimator differentiates, or the objective an
/// optimizer's trajectory descends.
public struct TestFunction: Sendable {
    /// The name case files use, such as `seed004-quadratic`.
    public let name: String
    /// The formula, for reports.
    public let formula: String
    /// The number of entries the point must have, or nil for any.
    public let requiredCount: Int?
    /// `f(x)`.
    public let value: @Sendable (Matrix) -> Double
    /// `∇f(x)`, with the shape of x.
    public let gradient: @Sendable (Matrix) -> Matrix

    /// The function called `name`, if there is one.
    public static func named(_ name: String) -> TestFunction? { all.first { $0.name == name } }

    /// Every known function.
    public static let all: [TestFunction] = [
        TestFunction(
            name: "seed004-quadratic",
            formula: "f(x) = 5x₁² + 2x₂² + 7x₁x₂ + 10x₁ + x₂ + 1",
            requiredCount: 2,
            value: { m in
                let x1 = m.elements[0], x2 = m.elements[1]
                return 5 * x1 * x1 + 2 * x2 * x2 + 7 * x1 * x2 + 10 * x1 + x2 + 1
            },
            gradient: { m in
                let x1 = m.elements[0], x2 = m.elements[1]
                return Matrix(rows: m.rows, columns: m.columns, elements: [10 * x1 + 7 * x2 + 10, 4 * x2 + 7 * x1 + 1])
            }),
        TestFunction(
            name: "sum-of-squares",
            formula: "f(x) = Σ x_k²",
            requiredCount: nil,
            value: { m in m.elements.reduce(0) { $0 + $1 * $1 } },
            gradient: { m in m * 2 }),
        TestFunction(
            name: "ill-conditioned-bowl",
            formula: "f(x) = ½ Σ c_k x_k², c_k = 1 + 9·(k mod 5)/4",
            requiredCount: nil,
            value: { m in
                m.elements.enumerated().reduce(0) { $0 + 0.5 * bowlCurvature($1.offset) * $1.element * $1.element }
            },
            gradient: { m in
                Matrix(rows: m.rows, columns: m.columns,
                       elements: m.elements.enumerated().map { bowlCurvature($0.offset) * $0.element })
            }),
        TestFunction(
            name: "rosenbrock",
            formula: "f(x) = (1 − x₁)² + 100(x₂ − x₁²)²",
            requiredCount: 2,
            value: { m in
                let x1 = m.elements[0], x2 = m.elements[1]
                return (1 - x1) * (1 - x1) + 100 * (x2 - x1 * x1) * (x2 - x1 * x1)
            },
            gradient: { m in
                let x1 = m.elements[0], x2 = m.elements[1]
                return Matrix(rows: m.rows, columns: m.columns,
                              elements: [-2 * (1 - x1) - 400 * x1 * (x2 - x1 * x1), 200 * (x2 - x1 * x1)])
            }),
        TestFunction(
            name: "log-sum-exp",
            formula: "f(x) = log Σ e^{x_k}",
            requiredCount: nil,
            value: { m in
                let top = m.elements.max() ?? 0
                return top + log(m.elements.reduce(0) { $0 + exp($1 - top) })
            },
            gradient: { m in
                let top = m.elements.max() ?? 0
                let e = m.elements.map { exp($0 - top) }
                let total = e.reduce(0, +)
                return Matrix(rows: m.rows, columns: m.columns, elements: e.map { $0 / total })
            }),
        TestFunction(
            name: "sine-product",
            formula: "f(x) = Σ_k sin(x_k)·cos(x_{k+1}) (cyclic)",
            requiredCount: nil,
            value: { m in
                let x = m.elements, n = x.count
                return (0..<n).reduce(0) { $0 + sin(x[$1]) * cos(x[($1 + 1) % n]) }
            },
            gradient: { m in
                let x = m.elements, n = x.count
                if n == 1 { return Matrix(rows: m.rows, columns: m.columns, elements: [cos(2 * x[0])]) }
                let g = (0..<n).map { k in
                    cos(x[k]) * cos(x[(k + 1) % n]) - sin(x[(k - 1 + n) % n]) * sin(x[k])
                }
                return Matrix(rows: m.rows, columns: m.columns, elements: g)
            }),
    ]
}

private func bowlCurvature(_ k: Int) -> Double { 1 + 9 * Double(k % 5) / 4 }
