import Foundation
import Synchronization
import GradeKit
import Testing
import TestSupport

/// `Matrix` behaves like the numpy arrays of the course.
@Suite("Matrix")
struct MatrixTests {
    static let a: Matrix = [[1, 2, 3], [4, 5, 6]]

    @Test func shapeCountsRowsAndColumns() {
        #expect(Self.a.rows == 2)
        #expect(Self.a.columns == 3)
        #expect(Self.a.shape == (rows: 2, columns: 3))
        #expect(Self.a.count == 6)
    }

    @Test func elementsAreRowMajor() {
        #expect(Self.a.elements == [1, 2, 3, 4, 5, 6])
        #expect(Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6]) == Self.a)
    }

    @Test func rowAndColumnVectorsHaveTheirShapes() {
        #expect(Matrix(row: [1, 2, 3]).shape == (rows: 1, columns: 3))
        #expect(Matrix(column: [1, 2, 3]).shape == (rows: 3, columns: 1))
    }

    @Test func zerosAndOnesAreFilled() {
        #expect(Matrix.zeros(2, 3).elements == Array(repeating: 0, count: 6))
        #expect(Matrix.ones(3, 1).elements == [1, 1, 1])
        #expect(Matrix.zeros(like: Self.a).shape == Self.a.shape)
        #expect(Matrix(rows: 2, columns: 2, repeating: 7).elements == [7, 7, 7, 7])
    }

    @Test func subscriptReadsAndWritesOneEntry() {
        var m = Self.a
        #expect(m[1, 2] == 6)
        m[0, 1] = -2
        #expect(m.elements == [1, -2, 3, 4, 5, 6])
    }

    @Test func rowAndColumnSubscriptsReadAndWriteSlices() {
        var m = Self.a
        #expect(m[row: 1] == [4, 5, 6])
        #expect(m[column: 2] == [3, 6])
        m[row: 0] = [7, 8, 9]
        m[column: 1] = [0, 0]
        #expect(m == Matrix([[7, 0, 9], [4, 0, 6]]))
    }

    @Test func rowsAtIndicesGathersAMinibatchInOrderWithRepeats() {
        #expect(Self.a.rows(at: [1, 1, 0]) == Matrix([[4, 5, 6], [4, 5, 6], [1, 2, 3]]))
        #expect(Self.a.rows(at: []).shape == (rows: 0, columns: 3))
    }

    @Test func pickingTakesOneEntryPerRowAsAColumn() {
        #expect(Self.a.picking([2, 0]) == Matrix(column: [3, 4]))
    }

    @Test func oneHotEncodesLabels() {
        #expect(Matrix.oneHot([2, 0], classes: 3) == Matrix([[0, 0, 1], [1, 0, 0]]))
    }

    @Test func transposeSwapsRowsAndColumns() {
        #expect(Self.a.transposed() == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(Self.a.T == Self.a.transposed())
        #expect(Self.a.T.T == Self.a)
    }

    @Test(arguments: [(0, 5), (5, 0), (1, 1), (1, 70), (70, 1), (64, 64), (65, 130), (130, 65), (500, 307)])
    func transposeMovesEveryEntryBitForBit(_ rows: Int, _ columns: Int) {
        // Across the kernel's 64×64 tiles and their ragged edges; NaN payloads and signed zeros kept.
        var random = SeededGenerator(seed: UInt64(rows * 1000 + columns))
        var x = Matrix.normal(rows: rows, columns: columns, using: &random)
        if x.count > 2 {
            x.elements[1] = Double(bitPattern: 0x7FF8_0000_0000_0123)
            x.elements[2] = -0.0
        }
        let t = x.transposed()
        #expect(t.rows == columns && t.columns == rows)
        var moved = true
        for i in 0..<rows {
            for j in 0..<columns where t.elements[j * rows + i].bitPattern != x.elements[i * columns + j].bitPattern { moved = false }
        }
        #expect(moved)
    }

    @Test func dotIsTheMatrixProduct() {
        let b: Matrix = [[1, 0], [0, 1], [2, -1]]
        #expect(Self.a.dot(b) == Matrix([[7, -1], [16, -1]]))
        #expect(matmul(Self.a, b) == Self.a.dot(b))
        #expect(Self.a.dot(b).shape == (rows: 2, columns: 2))
    }

    @Test func dotOfARowAndAColumnIsTheInnerProduct() {
        #expect(Matrix(row: [1, 2, 3]).dot(Matrix(column: [4, 5, 6])) == Matrix([[32]]))
        #expect(Matrix(column: [1, 2]).dot(Matrix(row: [3, 4])) == Matrix([[3, 4], [6, 8]]))
    }

    @Test func dotMatchesTheDefinitionOnSeededMatrices() {
        var generator = SeededGenerator(seed: 1)
        let x = generator.matrix(4, 5), w = generator.matrix(5, 3)
        let product = x.dot(w)
        for i in 0..<4 {
            for j in 0..<3 {
                let expected = (0..<5).reduce(0.0) { $0 + x[i, $1] * w[$1, j] }
                expectClose(product[i, j], expected, rtol: 1e-14, atol: 1e-15)
            }
        }
    }

    @Test func elementwiseOperatorsCombineEqualShapes() {
        let b: Matrix = [[1, 1, 1], [2, 2, 2]]
        #expect(Self.a + b == Matrix([[2, 3, 4], [6, 7, 8]]))
        #expect(Self.a - b == Matrix([[0, 1, 2], [2, 3, 4]]))
        #expect(Self.a * b == Matrix([[1, 2, 3], [8, 10, 12]]))
        #expect(Self.a / b == Matrix([[1, 2, 3], [2, 2.5, 3]]))
    }

    @Test func aRowBroadcastsDownTheRows() {
        #expect(Self.a + Matrix(row: [10, 20, 30]) == Matrix([[11, 22, 33], [14, 25, 36]]))
        #expect(Matrix(row: [10, 20, 30]) - Self.a == Matrix([[9, 18, 27], [6, 15, 24]]))
    }

    @Test func aColumnBroadcastsAlongEachRow() {
        #expect(Self.a - Matrix(column: [1, 4]) == Matrix([[0, 1, 2], [0, 1, 2]]))
        #expect(Self.a / Self.a.sum(axis: 1) == Matrix([[1.0 / 6, 2.0 / 6, 3.0 / 6], [4.0 / 15, 5.0 / 15, 6.0 / 15]]))
    }

    @Test func aOneByOneBroadcastsEverywhere() {
        #expect(Self.a * Matrix([[2]]) == Self.a * 2)
    }

    @Test func aColumnAndARowBroadcastToTheirOuterShape() {
        #expect(Matrix(column: [1, 2]) + Matrix(row: [10, 20, 30]) == Matrix([[11, 21, 31], [12, 22, 32]]))
    }

    @Test func scalarOperatorsApplyToEveryEntry() {
        #expect(Self.a + 1 == Matrix([[2, 3, 4], [5, 6, 7]]))
        #expect(1 - Self.a == Matrix([[0, -1, -2], [-3, -4, -5]]))
        #expect(2 * Self.a == Self.a * 2)
        #expect(Self.a / 2 == Matrix([[0.5, 1, 1.5], [2, 2.5, 3]]))
        #expect(6 / Matrix([[1, 2, 3]]) == Matrix([[6, 3, 2]]))
        #expect(-Self.a == Self.a * -1)
    }

    @Test func compoundAssignmentsUpdateInPlace() {
        var m = Self.a
        m += 1
        m *= 2
        m -= Matrix(row: [2, 2, 2])
        m /= Matrix(column: [1, 2])
        #expect(m == Matrix([[2, 4, 6], [4, 5, 6]]))
    }

    @Test func reductionsFollowNumpyAxesWithKeptDimensions() {
        #expect(Self.a.sum() == 21)
        #expect(Self.a.mean() == 3.5)
        #expect(Self.a.max() == 6)
        #expect(Self.a.sum(axis: 0) == Matrix(row: [5, 7, 9]))
        #expect(Self.a.sum(axis: 1) == Matrix(column: [6, 15]))
        #expect(Self.a.max(axis: 0) == Matrix(row: [4, 5, 6]))
        #expect(Self.a.max(axis: 1) == Matrix(column: [3, 6]))
    }

    @Test func argmaxOfEachRowTakesTheFirstOfTies() {
        #expect(Matrix([[1, 3, 3], [5, -1, 0], [2, 2, 2]]).argmaxRows() == [1, 0, 0])
    }

    @Test func elementwiseFunctionsMatchTheirScalarForms() {
        let m: Matrix = [[-2, 0, 0.5]]
        #expect(abs(m) == Matrix([[2, 0, 0.5]]))
        #expect(sign(m) == Matrix([[-1, 0, 1]]))
        #expect(maximum(m, 0) == Matrix([[0, 0, 0.5]]))
        #expect(maximum(m, Matrix(row: [-3, 1, 0])) == Matrix([[-2, 1, 0.5]]))
        #expect(sqrt(Matrix([[4, 9]])) == Matrix([[2, 3]]))
        expectClose(log(exp(m)), m, rtol: 1e-15, atol: 1e-15)
        #expect(m.map { $0 * $0 } == Matrix([[4, 0, 0.25]]))
        #expect(m.zip(Matrix([[1, 1, 2]]), +) == Matrix([[-1, 1, 2.5]]))
    }

    @Test func signOfZeroIsZero() {
        #expect(sign(Matrix([[0, -0.0]])) == Matrix([[0, 0]]))
    }

    @Test func rowArraysAndDescriptionReadLikeNumpy() {
        #expect(Self.a.rowArrays == [[1, 2, 3], [4, 5, 6]])
        #expect(Matrix([[1, 2], [3, 4]]).description == "[[1.0, 2.0], [3.0, 4.0]]")
    }

    @Test func codableRoundTripPreservesShapeAndEntries() throws {
        let data = try JSONEncoder().encode(Self.a)
        #expect(try JSONDecoder().decode(Matrix.self, from: data) == Self.a)
    }

    @Test func dotOfMismatchedShapesStopsWithAMessage() async {
        await #expect(processExitsWith: .failure) {
            _ = Matrix.zeros(2, 3).dot(Matrix.zeros(2, 3))
        }
    }

    @Test func shapesThatDoNotBroadcastStop() async {
        await #expect(processExitsWith: .failure) {
            _ = Matrix.zeros(2, 3) + Matrix.zeros(3, 2)
        }
    }

    @Test func aKeptTransposeIsNeverStale() {
        // Large enough to be kept; a changed copy, or another matrix of the same shape, gets its own.
        var random = SeededGenerator(seed: 11)
        let x = Matrix.normal(rows: 300, columns: 250, using: &random)
        let first = x.transposed()
        #expect(x.transposed() == first)
        var changed = x
        changed[0, 1] = 42
        #expect(changed.transposed()[1, 0] == 42)
        #expect(x.transposed()[1, 0] == x[0, 1])
        let other = Matrix.normal(rows: 300, columns: 250, using: &random)
        let t = other.transposed()
        #expect((0..<250).allSatisfy { j in (0..<300).allSatisfy { i in t[j, i] == other[i, j] } })
        #expect(x.transposed() == first)
    }

    /// A large transpose whose entries are not written out reads like any other matrix:
    /// entries, rows, columns and elements; equal to and hashing as the transpose written out;
    /// changing it, or the matrix it came from, changes nothing else.
    @Test func aTransposeReadInPlaceIsTheTransposeEverywhere() {
        var random = SeededGenerator(seed: 12)
        let x = Matrix.normal(rows: 310, columns: 230, using: &random)
        let moved = MatrixProductTests.movedTranspose(x)
        let t = x.transposed()
        #expect(t.rows == 230 && t.columns == 310 && t.count == x.count)
        #expect((0..<230).allSatisfy { i in (0..<310).allSatisfy { j in t[i, j].bitPattern == moved[i, j].bitPattern } })
        #expect(t[row: 7] == moved[row: 7] && t[row: 229] == moved[row: 229])
        #expect(t[column: 0] == moved[column: 0] && t[column: 309] == moved[column: 309])
        #expect(t.elements.map(\.bitPattern) == moved.elements.map(\.bitPattern))
        #expect(t == moved && t.hashValue == moved.hashValue && Set([t, moved]).count == 1)
        #expect(t.T == x && t.T.elements == x.elements)
        #expect((t + 1)[3, 4] == moved[3, 4] + 1 && t.sum(axis: 0) == moved.sum(axis: 0) && t.sum(axis: 1) == moved.sum(axis: 1))

        var changed = x.transposed()
        changed[5, 6] = 42
        changed[row: 1] = Array(repeating: -1, count: 310)
        #expect(changed[5, 6] == 42 && changed[1, 9] == -1 && changed[2, 3] == x[3, 2])
        #expect(x[6, 5] != 42 && x[9, 1] != -1, "the matrix transposed is unchanged")
        #expect(x.transposed()[5, 6] == x[6, 5], "the kept transpose is unchanged")
        var column = x.transposed()
        column[column: 2] = Array(repeating: 7, count: 230)
        #expect(column[0, 2] == 7 && x[2, 0] != 7)
        var copy = x
        copy[6, 5] = -42
        #expect(t[5, 6] == x[6, 5] && t[5, 6] != -42, "a transpose taken before a change keeps the old entries")
        #expect(copy.transposed()[5, 6] == -42)
    }

    /// A deferred matrix is drawn once, by the first reader, whichever accessor and thread it
    /// reads from; never when nothing reads it; and a change goes to the changed copy only.
    @Test func aDeferredMatrixIsDrawnOnceWhenFirstReadAndNeverOtherwise() async {
        let expected = (0..<(300 * 250)).map { Double($0) * 0.5 - 7 }
        let draws = DrawCounter()
        let m = Matrix(rows: 300, columns: 250, deferred: { draws.add(); return expected })
        let copy = m
        #expect(m.rows == 300 && m.columns == 250 && m.count == 75_000 && m.shape == (300, 250))
        #expect(draws.count == 0 && !m.areEntriesWrittenOut && copy.isDeferred(like: m))
        await withTaskGroup(of: Double.self) { group in
            for k in 0..<8 { group.addTask { copy[k, 3] + copy[row: k][4] + copy[column: 5][k] + copy.elements[k] } }
            for await _ in group {}
        }
        #expect(draws.count == 1 && m.areEntriesWrittenOut)
        #expect(m[299, 249] == expected[74_999] && m[row: 1] == Array(expected[250..<500]) && m.elements == expected)
        #expect(m.transposed()[4, 2] == expected[2 * 250 + 4] && m.dot(Matrix.ones(250, 1))[0, 0] == expected[0..<250].reduce(0, +))
        #expect(m == Matrix(rows: 300, columns: 250, elements: expected))
        var changed = m
        changed[0, 0] = 99
        #expect(changed[0, 0] == 99 && m[0, 0] == expected[0] && !changed.isDeferred(like: m) && draws.count == 1)
        #expect(!m.isDeferred(like: Matrix(rows: 300, columns: 250, deferred: { expected })), "another deferred draw is not this one")

        let unread = DrawCounter()
        let never = Matrix(rows: 2, columns: 3, deferred: { unread.add(); return [1, 2, 3, 4, 5, 6] })
        _ = (never.rows, never.columns, never.count, never.isDeferred(like: never))
        #expect(unread.count == 0)
    }
}

/// How many times a deferred draw ran.
final class DrawCounter: Sendable {
    private let counted = Mutex(0)
    func add() { counted.withLock { $0 += 1 } }
    var count: Int { counted.withLock { $0 } }
}
