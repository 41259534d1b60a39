import ComponentRuntime
import GradeKit

/// A JSON document: the wire format between the oracle test and `Oracle/oracle.py`.
enum JSONValue: Codable, Sendable {
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let x = try? container.decode(Double.self) {
            self = .number(x)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let x): try container.encode(x)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }

    /// A matrix as a list of rows.
    init(_ matrix: Matrix) { self = .array(matrix.rowArrays.map { .array($0.map(JSONValue.number)) }) }

    /// An input or output value as the oracle reads and writes it.
    init(_ value: Value) {
        switch value {
        case .scalar(let x): self = .number(x)
        case .matrix(let m): self.init(m)
        case .integers(let v): self = .array(v.map { .number(Double($0)) })
        case .series(let v): self = .array(v.map(JSONValue.number))
        case .matrices(let v): self = .array(v.map(JSONValue.init))
        case .text(let t): self = .string(t)
        }
    }

    /// Every number, depth first: the order of ``Value/numbers`` for the same value.
    var numbers: [Double] {
        switch self {
        case .number(let x): [x]
        case .string: []
        case .array(let a): a.flatMap(\.numbers)
        case .object(let o): o.keys.sorted().flatMap { o[$0]!.numbers }
        }
    }

    /// The value under `key` of an object.
    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}
