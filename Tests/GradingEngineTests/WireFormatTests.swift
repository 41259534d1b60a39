import ComponentRuntime
import Foundation
import GradeKit
import Testing

/// The worker boundary's encoding: each run of calls on the same inputs carries one copy of
/// them, and matrices travel as the bits of their entries.
@Suite struct WireFormatTests {
    static let inputs: Values = ["scores": .matrix(Matrix([[1, -2.5, .pi], [.infinity, -.infinity, 1e-300]])), "labels": .integers([0, 2])]

    @Test func callsOnTheSameInputsSendThemOnce() throws {
        let calls = (0..<100).map { k in
            Invocation(component: "multiclass-svm", family: .scoreLoss, inputs: Self.inputs, outputs: ["loss"],
                       variation: .entry(input: "scores", index: k % 6, by: 1e-5))
        }
        let data = try WireFormat.encoder().encode(WorkerRequest(id: 1, invocations: calls, cpuSeconds: 3))
        let wire = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((wire["inputSets"] as? [Any])?.count == 1)
        let decoded = try WireFormat.decoder().decode(WorkerRequest.self, from: data)
        #expect(decoded.invocations == calls)
    }

    @Test func matricesKeepEveryBit() throws {
        let nan = Double(bitPattern: 0x7FF8_0000_0000_1234)
        let m = Matrix(rows: 1, columns: 4, elements: [nan, -0.0, .leastNonzeroMagnitude, -.greatestFiniteMagnitude])
        let data = try WireFormat.encoder().encode(m)
        #expect(String(decoding: data, as: UTF8.self).contains("\"bytes\""))
        let back = try WireFormat.decoder().decode(Matrix.self, from: data)
        #expect(back.elements.map(\.bitPattern) == m.elements.map(\.bitPattern))
    }

    @Test func theDecimalFormIsStillRead() throws {
        let back = try WireFormat.decoder().decode(Matrix.self, from: Data(#"{"rows": 1, "columns": 2, "elements": [1, 2]}"#.utf8))
        #expect(back == Matrix([[1, 2]]))
    }

    @Test(arguments: [
        #"{"rows": 1, "columns": 2, "bytes": "AAAAAAAA8D8="}"#,
        #"{"rows": 1, "columns": 1, "bytes": "not base64!"}"#,
        #"{"rows": 4611686018427387904, "columns": 4, "bytes": ""}"#,
    ])
    func bytesThatAreNotTheMatrixAreRefused(_ text: String) {
        #expect(throws: DecodingError.self) { try WireFormat.decoder().decode(Matrix.self, from: Data(text.utf8)) }
    }

    @Test func aCallNamingAnInputSetItDoesNotCarryIsRefused() {
        let call = Invocation(component: "softmax", family: .scoreLoss, inputs: Self.inputs)
        var text = String(decoding: try! WireFormat.encoder().encode(WorkerRequest(id: 1, invocations: [call], cpuSeconds: 1)), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"inputSet\":0", with: "\"inputSet\":1")
        #expect(text.contains("\"inputSet\":1"))
        let error = #expect(throws: DecodingError.self) { try WireFormat.decoder().decode(WorkerRequest.self, from: Data(text.utf8)) }
        #expect("\(String(describing: error))".contains("a call names input set 1 of 1"))
    }

    @Test func aVariationOutsideItsInputIsABadInput() {
        #expect(throws: InvocationFailure.badInput(name: "scores", expected: "a matrix with an entry 6 (it has 6)")) {
            try Variation.entry(input: "scores", index: 6, by: 1).applied(to: Self.inputs)
        }
        #expect(throws: InvocationFailure.self) {
            try Variation.direction(input: "scores", direction: Matrix([[1]]), by: 1).applied(to: Self.inputs)
        }
        #expect(throws: InvocationFailure.self) {
            try Variation.entry(input: "labels", index: 0, by: 1).applied(to: Self.inputs)
        }
    }
}

/// Requests carry large matrices as raw attachments after a byte count, not inside the JSON.
@Suite struct RequestFramingTests {
    static func read(_ message: [UInt8], keeping kept: DrawnInputs = DrawnInputs()) throws -> WorkerRequest? {
        var position = 0
        func line() -> String? {
            guard position < message.count, let end = message[position...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            defer { position = end + 1 }
            return String(decoding: message[position..<end], as: UTF8.self)
        }
        func bytes(_ n: Int) -> [UInt8]? {
            guard position + n <= message.count else { return nil }
            defer { position += n }
            return Array(message[position..<(position + n)])
        }
        return try WireFormat.readRequest(line: line, bytes: bytes, keeping: kept)
    }

    @Test func aLargeMatrixTravelsAsAnAttachmentAndKeepsEveryBit() throws {
        var random = SeededGenerator(seed: 5)
        var big = Matrix.normal(rows: 40, columns: 30, using: &random)
        big[0, 0] = Double(bitPattern: 0x7FF8_0000_0000_0042)
        big[39, 29] = -.infinity
        let inputs: Values = ["scores": .matrix(big), "labels": .integers(Array(repeating: 1, count: 40))]
        let shared = Matrix.normal(rows: 40, columns: 30, using: &random)
        let other = Matrix.normal(rows: 40, columns: 30, using: &random)
        // Both steps of a directional derivative along `shared`, and one along `other`.
        let calls = [(shared, 1e-5), (shared, -1e-5), (other, 1e-5)].map { direction, step in
            Invocation(component: "softmax", family: .scoreLoss, inputs: inputs,
                       variation: .direction(input: "scores", direction: direction, by: step))
        }
        let message = try WireFormat.frame(WorkerRequest(id: 9, invocations: calls, cpuSeconds: 2)).bytes
        let header = String(decoding: message.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        // The inputs once, and each distinct direction once: `shared` is not sent twice.
        #expect(header == String(repeating: "0", count: 19 - "\(3 * 1200 * 8)".count) + "\(3 * 1200 * 8)")
        let json = String(decoding: message.suffix(from: header.utf8.count + 1 + 3 * 1200 * 8), as: UTF8.self)
        #expect(json.contains("\"@0\"") && json.contains("\"@9600\"") && json.contains("\"@19200\""))
        #expect(json.components(separatedBy: "\"@9600\"").count == 3, "both calls along `shared` name its one copy: \(json)")
        #expect(json.count < 3 * 1200, "the JSON holds no entries of the large matrices: \(json)")
        let decoded = try #require(try Self.read(message))
        #expect(decoded.invocations.count == 3)
        guard case .matrix(let back)? = decoded.invocations[0].inputs["scores"] else { Issue.record("no scores"); return }
        #expect(back.elements.map(\.bitPattern) == big.elements.map(\.bitPattern))
        #expect(decoded.invocations.map(\.variation) == calls.map(\.variation))
    }

    @Test func aFrameWrittenInAnyPiecesIsTheSameMessage() throws {
        var random = SeededGenerator(seed: 8)
        let call = Invocation(component: "softmax", family: .scoreLoss,
                              inputs: ["scores": .matrix(.normal(rows: 30, columns: 40, using: &random)),
                                       "labels": .integers(Array(repeating: 2, count: 30))],
                              variation: .direction(input: "scores", direction: .normal(rows: 30, columns: 40, using: &random), by: 1e-5))
        let frame = try WireFormat.frame(WorkerRequest(id: 3, invocations: [call, call], cpuSeconds: 2))
        let whole = frame.bytes
        #expect(whole.count == frame.count)
        // As a pipe takes it: however little of each part a write takes, the next starts where it stopped.
        for piece in [1, 7, 4096] {
            var written: [UInt8] = []
            while written.count < frame.count {
                frame.withBytes(from: written.count) { written.append(contentsOf: $0.prefix(piece)) }
            }
            #expect(written == whole)
        }
        frame.withBytes(from: frame.count) { #expect($0.isEmpty) }
        #expect(try Self.read(whole)?.invocations.count == 2)
    }

    /// A request whose `inputs` input is `inputs`, sent with `drawn`.
    static func frame(_ inputs: Matrix, drawn: [DrawnMatrix]) throws -> [UInt8] {
        let call = Invocation(component: "l2-regularization", family: .regularizer, inputs: ["weights": .matrix(inputs)])
        return try WireFormat.frame(WorkerRequest(id: 4, invocations: [call], cpuSeconds: 1, drawn: drawn)).bytes
    }

    static func attachedBytes(_ message: [UInt8]) -> Int {
        Int(String(decoding: message.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)) ?? -1
    }

    @Test func aDrawnMatrixTravelsAsItsRecipeAndIsDrawnAgainBitForBit() throws {
        var random = SeededGenerator(seed: 77)
        let drawn = Matrix.normal(rows: 300, columns: 250, mean: 0.25, scale: 3, using: &random)
        let recipe = DrawnMatrix(matrix: drawn, seed: 77, mean: 0.25, scale: 3)
        let message = try Self.frame(drawn, drawn: [recipe])
        #expect(Self.attachedBytes(message) == 0, "no entry of the drawn matrix is sent")
        #expect(message.count < 1000)
        guard case .matrix(let back)? = try Self.read(message)?.invocations.first?.inputs["weights"] else {
            Issue.record("no weights"); return
        }
        #expect(back.rows == 300 && back.columns == 250)
        #expect(back.elements.map(\.bitPattern) == drawn.elements.map(\.bitPattern))
    }

    @Test func aChangedCopyOfADrawnMatrixTravelsAsItsBytes() throws {
        var random = SeededGenerator(seed: 78)
        let drawn = Matrix.normal(rows: 300, columns: 250, using: &random)
        var changed = drawn
        changed[299, 249] += 1
        let equal = Matrix(rows: 300, columns: 250, elements: drawn.elements.map { $0 })
        for value in [changed, equal] {
            let message = try Self.frame(value, drawn: [DrawnMatrix(matrix: drawn, seed: 78, mean: 0, scale: 1)])
            #expect(Self.attachedBytes(message) == 300 * 250 * 8)
            #expect(try Self.read(message)?.invocations.first?.inputs["weights"] == .matrix(value))
        }
    }

    @Test func aRecipeThatDoesNotGiveItsEntriesIsRefused() throws {
        // A recipe with another seed than the matrix was drawn with: its checksum gives it away.
        var random = SeededGenerator(seed: 79)
        let drawn = Matrix.normal(rows: 300, columns: 250, using: &random)
        let message = try Self.frame(drawn, drawn: [DrawnMatrix(matrix: drawn, seed: 80, mean: 0, scale: 1)])
        #expect(throws: DecodingError.self) { try Self.read(message) }
    }

    @Test func aRequestThatOnlyPreparesCarriesItsRecipes() throws {
        let recipes = [DrawnMatrix.Recipe(seed: .max, mean: -0.5, scale: 1e-4, count: 1 << 17),
                       DrawnMatrix.Recipe(seed: 3, mean: 0, scale: 1, count: 70_000)]
        let back = try #require(try Self.read(WireFormat.frame(.preparing(recipes)).bytes))
        #expect(back.invocations.isEmpty)
        #expect(back.prepare == recipes)
        let ordinary = try #require(try Self.read(Self.frame(Matrix.zeros(1, 2), drawn: [])))
        #expect(ordinary.prepare.isEmpty)
    }

    @Test func aPreparedInputIsTheOneTheRequestGetsAndIsKeptForTheNext() throws {
        var random = SeededGenerator(seed: 81)
        let drawn = Matrix.normal(rows: 300, columns: 250, mean: 1, scale: 2, using: &random)
        let recipe = DrawnMatrix(matrix: drawn, seed: 81, mean: 1, scale: 2)
        let kept = DrawnInputs()
        kept.prepare([recipe.recipe])
        let prepared = try #require(kept.entries(keptFor: recipe.recipe))
        #expect(prepared.map(\.bitPattern) == drawn.elements.map(\.bitPattern))
        let message = try Self.frame(drawn, drawn: [recipe])
        for _ in 0..<2 {
            let request = try #require(try Self.read(message, keeping: kept))
            guard case .matrix(let back)? = request.invocations.first?.inputs["weights"] else {
                Issue.record("no weights"); return
            }
            #expect(back.isStorage(of: prepared), "the prepared entries themselves, not drawn again")
        }
        // A request without the input lets it go.
        _ = try Self.read(Self.frame(Matrix.zeros(1, 2), drawn: []), keeping: kept)
        #expect(kept.entries(keptFor: recipe.recipe) == nil)
    }

    @Test func aKeptInputChangedInPlaceIsDrawnAgainNotUsed() throws {
        var random = SeededGenerator(seed: 82)
        let drawn = Matrix.normal(rows: 300, columns: 250, using: &random)
        let recipe = DrawnMatrix(matrix: drawn, seed: 82, mean: 0, scale: 1)
        let kept = DrawnInputs()
        kept.prepare([recipe.recipe])
        // What code with a pointer into the kept array could do behind copy-on-write's back.
        let prepared = try #require(kept.entries(keptFor: recipe.recipe))
        prepared.withUnsafeBufferPointer { UnsafeMutablePointer(mutating: $0.baseAddress!)[7] += 1 }
        let request = try #require(try Self.read(Self.frame(drawn, drawn: [recipe]), keeping: kept))
        guard case .matrix(let back)? = request.invocations.first?.inputs["weights"] else {
            Issue.record("no weights"); return
        }
        #expect(!back.isStorage(of: prepared))
        #expect(back.elements.map(\.bitPattern) == drawn.elements.map(\.bitPattern))
    }

    @Test func aDeferredDrawTravelsAsItsRecipeWithoutBeingDrawnHere() throws {
        let recipe = DrawnMatrix.Recipe(seed: 83, mean: -0.5, scale: 2, count: 300 * 250)
        let deferred = DrawnMatrix(deferring: recipe, rows: 300, columns: 250)
        let message = try Self.frame(deferred.matrix, drawn: [deferred])
        #expect(!deferred.matrix.areEntriesWrittenOut, "framing the request did not draw the matrix")
        #expect(Self.attachedBytes(message) == 0 && message.count < 1000)
        let text = String(decoding: message, as: UTF8.self)
        let named = "%normal 83 \((-0.5).bitPattern) \(2.0.bitPattern)"
        #expect(text.contains("\"\(named)\""), "the recipe, without a sum")
        var random = SeededGenerator(seed: 83)
        let expected = Matrix.normal(rows: 300, columns: 250, mean: -0.5, scale: 2, using: &random)
        guard case .matrix(let back)? = try Self.read(message)?.invocations.first?.inputs["weights"] else {
            Issue.record("no weights"); return
        }
        #expect(back.rows == 300 && back.columns == 250)
        #expect(back.elements.map(\.bitPattern) == expected.elements.map(\.bitPattern))
        #expect(deferred.matrix.elements.map(\.bitPattern) == expected.elements.map(\.bitPattern), "the grader's draw, when read, is the same")
        // A changed copy is no longer the draw: it travels as its bytes.
        var changed = deferred.matrix
        changed[0, 0] += 1
        #expect(Self.attachedBytes(try Self.frame(changed, drawn: [deferred])) == 300 * 250 * 8)
    }

    @Test func aKeptInputChangedInPlaceIsDrawnAgainForARecipeWithoutASum() throws {
        let recipe = DrawnMatrix.Recipe(seed: 84, mean: 0, scale: 1, count: 300 * 250)
        let deferred = DrawnMatrix(deferring: recipe, rows: 300, columns: 250)
        let kept = DrawnInputs()
        kept.prepare([recipe])
        let prepared = try #require(kept.entries(keptFor: recipe))
        let message = try Self.frame(deferred.matrix, drawn: [deferred])
        let first = try #require(try Self.read(message, keeping: kept))
        guard case .matrix(let unchanged)? = first.invocations.first?.inputs["weights"] else { Issue.record("no weights"); return }
        #expect(unchanged.isStorage(of: prepared), "an unchanged kept input is used as it is")
        // What code with a pointer into the kept array could do behind copy-on-write's back.
        prepared.withUnsafeBufferPointer { UnsafeMutablePointer(mutating: $0.baseAddress!)[7] += 1 }
        let again = try #require(try Self.read(message, keeping: kept))
        guard case .matrix(let back)? = again.invocations.first?.inputs["weights"] else { Issue.record("no weights"); return }
        #expect(!back.isStorage(of: prepared))
        var random = SeededGenerator(seed: 84)
        #expect(back.elements.map(\.bitPattern) == Matrix.normal(rows: 300, columns: 250, using: &random).elements.map(\.bitPattern))
    }

    @Test func anAttachmentOutsideTheFrameIsRefused() throws {
        let big = Matrix.zeros(1, 600)
        let call = Invocation(component: "l2-regularization", family: .regularizer, inputs: ["weights": .matrix(big)])
        let message = try WireFormat.frame(WorkerRequest(id: 1, invocations: [call], cpuSeconds: 1)).bytes
        var text = String(decoding: message, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"@0\"", with: "\"@8\"")
        #expect(throws: DecodingError.self) { try Self.read(Array(text.utf8)) }
        let short = Array("99999\n".utf8) + message.dropFirst(message.prefix { $0 != UInt8(ascii: "\n") }.count + 1)
        #expect(throws: DecodingError.self) { try Self.read(short) }
    }
}
