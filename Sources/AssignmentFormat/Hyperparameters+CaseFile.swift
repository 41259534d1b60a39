import GradeKit

extension Hyperparameters {
    /// The fields that hold integers; the others hold numbers.
    static let integerFieldNames: Set<String> = ["decayEvery", "batchSize", "iterations"]

    /// The snake_case spelling of each field whose name has a capital, mapped to the field name.
    static let snakeCaseSpellings: [String: String] = Dictionary(uniqueKeysWithValues: fieldNames.compactMap { name in
        let snake = name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
        return snake == name ? nil : (snake, name)
    })

    /// Sets the field called `name` (as in ``fieldNames``); integer fields take the value as an integer.
    mutating func set(_ name: String, to value: Double) {
        switch name {
        case "margin": margin = value
        case "temperature": temperature = value
        case "alpha": alpha = value
        case "beta": beta = value
        case "regularization": regularization = value
        case "learningRate": learningRate = value
        case "momentum": momentum = value
        case "decayRate": decayRate = value
        case "beta1": beta1 = value
        case "beta2": beta2 = value
        case "epsilon": epsilon = value
        case "step": step = value
        case "decayFactor": decayFactor = value
        case "decayEvery": decayEvery = Int(value)
        case "batchSize": batchSize = Int(value)
        case "iterations": iterations = Int(value)
        default: break
        }
    }
}
