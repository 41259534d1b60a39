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

    /// The key beside `recorded` that holds the fingerprint of generated inputs kept as
    /// generators: `expected: {recorded: {…}, inputs_fingerprint: fnv1a64:…}`.
    public static let fingerprintKey = "inputs_fingerprint"

    /// The node under `recorded` when `expected` is a mapping of that key (and, optionally,
    /// ``fingerprintKey``).
    static func outputs(of mapping: Node.Mapping) -> Node? {
        let keys = Set(mapping.map { $0.key.string })
        guard keys == [key] || keys == [key, fingerprintKey] else { return nil }
        return mapping.first { $0.key.string == key }?.value
    }

    /// The fingerprint beside the recorded outputs, if any.
    static func fingerprint(of mapping: Node.Mapping) -> String? {
        guard outputs(of: mapping) != nil else { return nil }
        return mapping.first { $0.key.string == fingerprintKey }?.value.string
    }

    /// True when an `expected` node holds recorded outputs.
    static func isRecorded(_ node: Node?) -> Bool {
        guard case .mapping(let mapping)? = node else { return false }
        return outputs(of: mapping) != nil
    }
}
