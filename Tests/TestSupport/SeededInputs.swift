import GradeKit

extension SeededGenerator {
    /// A uniform Double in `range`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
    }

    /// A rows×columns matrix of uniform entries in `range`.
    public mutating func matrix(_ rows: Int, _ columns: Int, in range: ClosedRange<Double> = -1...1) -> Matrix {
        var elements: [Double] = []
        elements.reserveCapacity(rows * columns)
        for _ in 0..<(rows * columns) { elements.append(uniform(range)) }
        return Matrix(rows: rows, columns: columns, elements: elements)
    }

    /// `count` labels uniform in `0..<classes`.
    public mutating func labels(_ count: Int, classes: Int) -> [Int] {
        (0..<count).map { _ in nextIndex(below: classes) }
    }
}
