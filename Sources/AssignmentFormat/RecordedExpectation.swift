import Yams

/// The reference's outputs written into a `reference` case, so that it can be graded where the
/// reference is not available (a student kit):
///
/// ```yaml
/// - name: svm-reference-batch
///   kind: reference
///   inputs: {scores: [[0.5, -1.25]], labels: [1]}
///   expected: {recorded: {loss: 2.75, gradient: [[0.5, -0.5]]}}
/// ```
///
/// The case is loaded with these values as literal expected values.
public enum RecordedExpectation {
    /// The key under `expected` that holds the recorded outputs.
    public static let key = "recorded"

    /// The node under `recorded` when `expected` is a mapping with that single key.
    static func outputs(of mapping: Node.Mapping) -> Node? {
        guard mapping.count == 1, let (keyNode, value) = mapping.first, keyNode.string == key else { return nil }
        return value
    }

    /// True when an `expected` node holds recorded outputs.
    static func isRecorded(_ node: Node?) -> Bool {
        guard case .mapping(let mapping)? = node else { return false }
        return outputs(of: mapping) != nil
    }
}
