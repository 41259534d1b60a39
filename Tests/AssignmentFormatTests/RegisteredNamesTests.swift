import AssignmentFormat
import Foundation
import Testing

@Suite struct RegisteredNamesTests {
    @Test func theStarterAndTheReferenceMustRegisterTheSameComponents() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("grade-registered-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let starter = root.appendingPathComponent("starter"), reference = root.appendingPathComponent("reference")
        for folder in [starter, reference] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        try #"registry.register("softmax", Softmax.self)\n registry.register( "adm", Adam.self)"#
            .write(to: starter.appendingPathComponent("Registration.swift"), atomically: true, encoding: .utf8)
        try #"registry.register("softmax", Softmax.self); registry.register("adam", Adam.self); registry.register("sgd", SGD.self)"#
            .write(to: reference.appendingPathComponent("Registration.swift"), atomically: true, encoding: .utf8)
        let assignment = Assignment(id: "a", title: "A", directory: root, components: [
            ComponentSpec(name: "softmax", title: "Softmax", family: .scoreLoss), ComponentSpec(name: "adam", title: "Adam", family: .optimizer),
        ], cases: [])
        #expect(RegisteredNames.disagreements(starter: starter, reference: reference, assignment: assignment) == [
            "the starter does not register 'adam', a component of a",
            "the starter registers 'adm' (Registration.swift), which a does not have",
        ])
        // The reference may register more: it serves every assignment of the course.
        try #"registry.register("softmax", S.self); registry.register("adam", A.self)"#
            .write(to: starter.appendingPathComponent("Registration.swift"), atomically: true, encoding: .utf8)
        #expect(RegisteredNames.disagreements(starter: starter, reference: reference, assignment: assignment).isEmpty)
    }
}
