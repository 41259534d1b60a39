import GradeKit

/// Why an invocation produced no outputs, when the process survived it.
public enum InvocationFailure: Error, Sendable, Hashable, Codable {
    /// The submission registered nothing under this name; `registered` are the names it did
    /// register, so that the grader can point at a misspelt one.
    case notRegistered(component: String, registered: [String])
    /// The submission registered the name with a type of another family.
    case wrongFamily(component: String, expected: ComponentFamily, registered: ComponentFamily)
    /// An input the family needs is missing or of the wrong kind (a fault of the case, not the student).
    case badInput(name: String, expected: String)
    /// An input names a function or objective the runtime does not know.
    case unknownName(input: String, name: String)
    /// The outputs are too large to send back: they hold `numbers` numbers, estimated at
    /// `estimatedBytes` encoded, over the worker's limit of `limitBytes` (see ``ResultSizeLimit``).
    case resultTooLarge(numbers: Int, estimatedBytes: Int, limitBytes: Int)

    /// A sentence a student or instructor can act on.
    public var message: String {
        switch self {
        case .notRegistered(let c, _):
            "no conformance is registered under \"\(c)\" in registerComponents(in:)"
        case .wrongFamily(let c, let expected, let registered):
            "\"\(c)\" is registered as a \(registered.rawValue), but it must be a \(expected.rawValue)"
        case .badInput(let name, let expected):
            "input \"\(name)\" must be \(expected)"
        case .unknownName(let input, let name):
            "input \"\(input)\" names \"\(name)\", which is not known"
        case .resultTooLarge(let numbers, let estimatedBytes, let limitBytes):
            "the outputs hold \(numbers) numbers, up to \(Self.describe(bytes: estimatedBytes)) to send back, more than the limit of \(Self.describe(bytes: limitBytes)) for a result: return only the outputs the component computes, each with the shape it should have"
        }
    }

    /// A byte count as messages show it: whole MiB from 1 MiB on, bytes below.
    private static func describe(bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
