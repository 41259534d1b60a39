import ComponentRuntime
import GradeKit
import Yams

/// A case as read from its file, with the nodes its values came from, so that checks
/// that need the whole case (or the whole assignment) can point at the right place.
struct ParsedCase {
    /// The case as read so far.
    var testCase: CaseDraft
    /// The file it was read from.
    var file: YAMLFile
    /// The case's own fields, keys normalised.
    var fields: YAMLFile.Fields
    /// Whether the kind was read (a case with an unknown kind gets no kind-specific checks).
    var kindKnown = true
    /// The component it checks, if it names a known one.
    var component: ComponentSpec?
    /// The node of the `inputs` field, if written.
    var inputsNode: Node?
    /// Each input's key and value nodes, by canonical input name.
    var inputNodes: [String: (key: Node, value: Node)] = [:]
    /// Input names that an unexpected input was probably meant to be (already reported).
    var misspeltInputs: Set<String> = []
    /// Each literal expected output's key and value nodes, by canonical output name.
    var expectedNodes: [String: (key: Node, value: Node)] = [:]

    /// The family's descriptor, if the component is known.
    var descriptor: FamilyDescriptor?

    /// `case 'name'`, for messages.
    var label: String { "case '\(testCase.name)'" }

    /// The location of a field's value, or of the case.
    func location(of field: String) -> SourceLocation {
        fields[field].map { file.location($0) } ?? testCase.location
    }

    /// The location of an input's value, or of `inputs`, or of the case.
    func location(ofInput name: String) -> SourceLocation {
        if let node = inputNodes[name]?.value { return file.location(node) }
        return inputsNode.map { file.location($0) } ?? testCase.location
    }
}
