import GradeKit

extension Hyperparameters {
    /// A field a case file may set, with where its value goes.
    enum Field: Sendable {
        /// A number.
        case number(WritableKeyPath<Hyperparameters, Double> & Sendable)
        /// A whole number.
        case integer(WritableKeyPath<Hyperparameters, Int> & Sendable)
    }

    /// Every field a case file may set, by its name: the one list that validation, setting
    /// and the documentation's table read (a test checks it holds every stored property).
    static let fields: [(name: String, field: Field)] = [
        ("margin", .number(\.margin)), ("temperature", .number(\.temperature)), ("alpha", .number(\.alpha)),
        ("beta", .number(\.beta)), ("regularization", .number(\.regularization)), ("learningRate", .number(\.learningRate)),
        ("momentum", .number(\.momentum)), ("decayRate", .number(\.decayRate)), ("beta1", .number(\.beta1)),
        ("beta2", .number(\.beta2)), ("epsilon", .number(\.epsilon)), ("step", .number(\.step)),
        ("decayFactor", .number(\.decayFactor)), ("decayEvery", .integer(\.decayEvery)),
        ("batchSize", .integer(\.batchSize)), ("iterations", .integer(\.iterations)),
    ]

    /// The names of the fields, as they are spelled in case files.
    public static var fieldNames: [String] { fields.map(\.name) }

    /// The fields that hold integers; the others hold numbers.
    static var integerFieldNames: Set<String> {
        Set(fields.compactMap { if case .integer = $0.field { $0.name } else { nil } })
    }

    /// The snake_case spelling of each field whose name has a capital, mapped to the field name.
    static let snakeCaseSpellings: [String: String] = Dictionary(uniqueKeysWithValues: fields.map(\.name).compactMap { name in
        let snake = name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
        return snake == name ? nil : (snake, name)
    })

    /// Sets the field called `name` (one of ``fields``); integer fields take the value as an integer.
    public mutating func set(_ name: String, to value: Double) {
        switch Self.fields.first(where: { $0.name == name })?.field {
        case .number(let keyPath)?: self[keyPath: keyPath] = value
        case .integer(let keyPath)?: self[keyPath: keyPath] = Int(value)
        case nil: preconditionFailure("'\(name)' is not a hyper-parameter; validation admits only the names of `fields`")
        }
    }
}

extension Hyperparameters {
    /// The fields that differ from the course's defaults as initializer arguments, in the
    /// initializer's order: `["margin: 2.0"]`, so that `Hyperparameters(margin: 2.0)` is these.
    public var swiftArguments: [String] {
        let defaults = Hyperparameters()
        return Self.fields.compactMap { name, field in
            switch field {
            case .number(let path): self[keyPath: path] == defaults[keyPath: path] ? nil : "\(name): \(self[keyPath: path])"
            case .integer(let path): self[keyPath: path] == defaults[keyPath: path] ? nil : "\(name): \(self[keyPath: path])"
            }
        }
    }
}
