import Foundation
import GradeKit
import Testing

/// Decoding a matrix checks what the initializer checks, and throws instead of stopping: a
/// matrix read from another process either satisfies the shape invariant or is an error.
@Suite("Matrix decoding")
struct MatrixCodingTests {
    private func decode(_ json: String) throws -> Matrix {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(Matrix.self, from: Data(json.utf8))
    }

    /// The debug description of a `dataCorrupted` error, or nil for any other error.
    private func corruption(_ json: String) -> String? {
        let error = #expect(throws: DecodingError.self) { try decode(json) }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return nil
        }
        return context.debugDescription
    }

    @Test func theWireFormNamesShapeAndEntries() throws {
        let data = try JSONEncoder().encode(Matrix([[1, 2, 3]]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["rows", "columns", "elements"])
        #expect(try decode(#"{"rows":1,"columns":3,"elements":[1,2,3]}"#) == Matrix([[1, 2, 3]]))
    }

    @Test func nonFiniteEntriesSurviveARoundTrip() throws {
        let m = try decode(#"{"rows":1,"columns":3,"elements":["nan","inf","-inf"]}"#)
        #expect(m.elements[0].isNaN)
        #expect(m.elements[1] == .infinity && m.elements[2] == -.infinity)
    }

    @Test func aCountThatDoesNotMatchTheShapeThrows() {
        #expect(corruption(#"{"rows":2,"columns":2,"elements":[0]}"#) == "a 2×2 matrix needs 4 elements, got 1")
    }

    @Test func tooManyEntriesThrow() {
        #expect(corruption(#"{"rows":1,"columns":1,"elements":[0,1]}"#) == "a 1×1 matrix needs 1 elements, got 2")
    }

    @Test func negativeDimensionsThrowEvenWhenTheirProductMatches() {
        #expect(corruption(#"{"rows":-1,"columns":-4,"elements":[0,0,0,0]}"#)?.contains("-1×-4 is impossible") == true)
    }

    @Test func oneNegativeDimensionOfAnEmptyMatrixThrows() {
        #expect(corruption(#"{"rows":-3,"columns":0,"elements":[]}"#)?.contains("-3×0 is impossible") == true)
    }

    @Test func dimensionsWhoseProductOverflowsThrow() {
        #expect(corruption(#"{"rows":4611686018427387904,"columns":4,"elements":[]}"#)?.contains("fit in an Int") == true)
        #expect(corruption(#"{"rows":9223372036854775807,"columns":9223372036854775807,"elements":[1]}"#) != nil)
    }

    @Test(arguments: [
        #"{"rows":2.5,"columns":2,"elements":[0,0,0,0,0]}"#,
        #"{"rows":"inf","columns":1,"elements":[0]}"#,
        #"{"rows":1e300,"columns":1,"elements":[0]}"#,
        #"{"rows":1,"columns":1}"#,
        #"{"rows":1,"columns":1,"elements":[[0]]}"#,
        #"{"rows":1,"columns":1,"elements":"0"}"#,
        #"[1,1,[0]]"#,
    ])
    func somethingThatIsNotAMatrixThrows(_ json: String) {
        #expect(throws: (any Error).self) { try decode(json) }
    }

    @Test func anEmptyMatrixKeepsItsDimensions() throws {
        #expect(try decode(#"{"rows":0,"columns":3,"elements":[]}"#).shape == (rows: 0, columns: 3))
    }
}
