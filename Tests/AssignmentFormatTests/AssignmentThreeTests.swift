import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import Testing

/// The real assignment shipped in `assignments/assignment3`.
@Suite struct AssignmentThreeTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assignments/assignment3")

    static func load() throws -> Assignment { try AssignmentLoader.load(directory: directory) }

    @Test func loadsWithoutProblems() throws {
        let problems = AssignmentValidator.problems(in: Self.directory)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        let assignment = try Self.load()
        #expect(assignment.id == "assignment3")
        #expect(assignment.title == "Assignment 3: Loss functions and optimization")
        #expect(assignment.starterPath == "starter")
        #expect(assignment.components.count == 23)
    }

    @Test func hasTheExpectedNumberOfCasesAndPoints() throws {
        let assignment = try Self.load()
        #expect(assignment.cases.count == 156)
        #expect(assignment.totalPoints == 208)
    }

    @Test func everyComponentHasAReferenceCase() throws {
        let assignment = try Self.load()
        for component in assignment.components {
            #expect(assignment.cases.contains { $0.component == component.name && $0.kind == .reference },
                    "\(component.name) has no reference case")
        }
    }

    @Test func everyDifferentiableComponentHasAGradientCheck() throws {
        let assignment = try Self.load()
        for component in assignment.components where !(assignment.families.descriptor(for: component.family)?.gradients.isEmpty ?? true) {
            #expect(assignment.cases.contains { $0.component == component.name && $0.kind == .gradientCheck },
                    "\(component.name) has no gradient check")
        }
    }

    @Test func everyPropertyIsChecked() throws {
        let used = Set(try Self.load().cases.compactMap(\.check.property))
        #expect(used == Set(PropertyName.allCases))
    }

    @Test func someCasesAreHidden() throws {
        #expect(try Self.load().cases.filter { $0.visibility != .visible }.count >= 5)
    }
}
