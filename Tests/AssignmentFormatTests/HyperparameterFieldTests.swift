import AssignmentFormat
import GradeKit
import Testing

/// The case-file fields of `hyperparameters` and the stored properties of `Hyperparameters`
/// are one list: none can be added to one and forgotten in the other.
@Suite struct HyperparameterFieldTests {
    @Test func everyStoredPropertyIsACaseFileField() {
        let stored = Mirror(reflecting: Hyperparameters()).children.compactMap(\.label)
        #expect(Set(stored) == Set(Hyperparameters.fieldNames))
        #expect(stored.count == Hyperparameters.fieldNames.count)
    }

    @Test(arguments: Hyperparameters.fieldNames)
    func settingAFieldChangesThatPropertyAndNoOther(name: String) {
        var h = Hyperparameters()
        h.set(name, to: 77)
        let before = Dictionary(uniqueKeysWithValues: Mirror(reflecting: Hyperparameters()).children.map { ($0.label!, "\($0.value)") })
        let after = Dictionary(uniqueKeysWithValues: Mirror(reflecting: h).children.map { ($0.label!, "\($0.value)") })
        let changed = after.keys.filter { after[$0] != before[$0] }
        #expect(changed == [name])
        #expect(after[name] == "77" || after[name] == "77.0")
    }
}
