import Foundation
import GradeKit
import Testing

/// A matrix always has `rows × columns` entries and no negative dimension: entries change in
/// place, the count never does, and a program that tries stops with a message naming both.
@Suite("Matrix shape invariant")
struct MatrixInvariantTests {
    @Test func entriesChangeInPlace() {
        var m = Matrix.zeros(2, 2)
        m.elements[3] += 0.5
        m.elements[0] = 1
        #expect(m.elements == [1, 0, 0, 0.5])
        #expect(m.shape == (rows: 2, columns: 2))
    }

    @Test func inPlaceAlgorithmsThatKeepTheCountWork() {
        var m = Matrix([[3, 1], [2, 0]])
        m.elements.sort()
        m.elements.swapAt(0, 3)
        m.elements.withUnsafeMutableBufferPointer { $0[1] = 7 }
        #expect(m.elements == [3, 7, 2, 0])
    }

    @Test func anArrayOfTheSameCountCanBeAssigned() {
        var m = Matrix.zeros(1, 3)
        m.elements = [1, 2, 3]
        #expect(m == Matrix(row: [1, 2, 3]))
    }

    @Test func aGradientStepOnOneEntryLeavesTheOthers() {
        let x = Matrix([[1, 2], [3, 4]])
        var shifted = x
        shifted.elements[2] += 1e-5
        #expect(shifted.elements == [1, 2, 3 + 1e-5, 4])
        #expect(x.elements == [1, 2, 3, 4], "the original is a separate value")
    }

    @Test func assigningAnArrayOfAnotherCountStopsNamingTheShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var gradient = Matrix.zeros(2, 2)
            gradient.elements = [0]
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Fatal error"), "\(message)")
        #expect(message.contains("Matrix 2×2 needs 4 elements, got 1"), "\(message)")
    }

    @Test func appendingAnEntryStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var m = Matrix.zeros(2, 3)
            m.elements.append(1)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Matrix 2×3 needs 6 elements, got 7"), "\(message)")
    }

    @Test func removingEveryEntryStops() async {
        await #expect(processExitsWith: .failure) {
            var m = Matrix.ones(3, 1)
            m.elements.removeAll()
        }
    }

    @Test func negativeDimensionsStopEvenWhenTheirProductMatches() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Matrix(rows: -1, columns: -4, elements: [0, 0, 0, 0])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Matrix dimensions -1×-4 are invalid"), "\(message)")
    }

    @Test func aNegativeFilledMatrixStopsWithTheShapeRatherThanAnArrayError() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Matrix.zeros(-2, 3)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Matrix dimensions -2×3 are invalid"), "\(message)")
    }

    @Test func dimensionsWhoseProductOverflowsStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Matrix(rows: Int.max, columns: 2, repeating: 0)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("their product must fit in an Int"), "\(message)")
    }

    @Test func emptyMatricesKeepTheirDimensions() {
        let m = Matrix(rows: 0, columns: 3, elements: [])
        #expect(m.shape == (rows: 0, columns: 3))
        #expect(m.count == 0)
    }
}
