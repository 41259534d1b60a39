/// The wire form of a matrix, `{"rows": 2, "columns": 3, "elements": [1, 2, 3, 4, 5, 6]}`, or,
/// when the coder's `userInfo` holds a ``CompactMatrixCoding`` under ``compactEncoding``,
/// `{"rows": 2, "columns": 3, "bytes": "…"}`: the entries in that coding's text (the worker
/// boundary's keeps every bit, NaN and infinities included, and is read without parsing decimals).
///
/// Decoding is where values from another process come in, so it checks everything the
/// initializer would stop the program for, and throws instead: a decoded matrix always
/// satisfies `elements.count == rows × columns` with both dimensions ≥ 0, and a malformed
/// one is an error the reader can report.
extension Matrix: Codable {
    private enum CodingKeys: String, CodingKey {
        case rows, columns, elements, bytes
    }

    /// The `userInfo` key of the ``CompactMatrixCoding`` an encoder writes matrices with, and
    /// a decoder reads their `bytes` with.
    public static let compactEncoding = CodingUserInfoKey(rawValue: "grade.matrix.compact")!

    /// Decodes a matrix, checking its shape against its entries.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when a dimension is negative, when
    ///   `rows × columns` overflows `Int`, or when the number of entries is not `rows × columns`;
    ///   the errors of the decoder for anything that is not a matrix at all.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        guard let count = Matrix.entryCount(rows: rows, columns: columns) else {
            throw DecodingError.dataCorruptedError(
                forKey: .rows, in: container,
                debugDescription: "a matrix of \(rows)×\(columns) is impossible: both dimensions must be ≥ 0 and their product must fit in an Int")
        }
        let elements: [Double]
        if container.contains(.bytes) {
            let text = try container.decode(String.self, forKey: .bytes)
            guard let coding = decoder.userInfo[Self.compactEncoding] as? any CompactMatrixCoding,
                  let decoded = coding.entries(from: text, count: count) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .bytes, in: container,
                    debugDescription: "the bytes of a \(rows)×\(columns) matrix cannot be read as \(count) entries")
            }
            elements = decoded
        } else {
            elements = try container.decode([Double].self, forKey: .elements)
        }
        guard elements.count == count else {
            throw DecodingError.dataCorruptedError(
                forKey: .elements, in: container,
                debugDescription: "a \(rows)×\(columns) matrix needs \(count) elements, got \(elements.count)")
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    /// Encodes the shape and the row-major entries.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        if let coding = encoder.userInfo[Self.compactEncoding] as? any CompactMatrixCoding {
            try container.encode(coding.text(of: self), forKey: .bytes)
        } else {
            try container.encode(elements, forKey: .elements)
        }
    }
}

/// A compact text form of a matrix's entries, which a coder puts in its `userInfo` under
/// ``Matrix/compactEncoding``.
public protocol CompactMatrixCoding: Sendable {
    /// The text of `entries`.
    func text(of entries: [Double]) -> String
    /// The text of `matrix`'s entries; by default the text of its elements. A
    /// coding that can name a matrix without its entries (a deferred draw, by its recipe)
    /// does so here, and the entries are never drawn.
    func text(of matrix: Matrix) -> String
    /// Exactly `count` entries read from `text`, or nil when it holds anything else.
    func entries(from text: String, count: Int) -> [Double]?
}

extension CompactMatrixCoding {
    public func text(of matrix: Matrix) -> String { text(of: matrix.elements) }
}
