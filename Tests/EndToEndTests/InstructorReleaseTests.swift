import Foundation
import Testing
import TestSupport

/// `grade release`: the student kit has no reference and no withheld case, builds on its own,
/// and grades the visible cases as the course repository does; student reports never show
/// what hidden cases hold.
@Suite("Instructor tools: release and hidden cases", .serialized)
struct InstructorReleaseTests {
    typealias F = InstructorFixtures

    /// One kit for every test, released once and built once (about a minute cold).
    static let kit: Result<URL, any Error> = Result {
        let folder = try F.temporaryFolder("grade-kit")
        let kit = folder.appendingPathComponent("kit")
        let released = try F.grade.run(["release", "assignment3", "--out", kit.path])
        guard released.status == 0 else { throw GradeCommandRunner.LaunchFailure(description: released.combinedOutput) }
        let git = try GradeCommandRunner(executable: URL(fileURLWithPath: "/usr/bin/git")).run(["init", "-q"], in: kit)
        guard git.status == 0 else { throw GradeCommandRunner.LaunchFailure(description: git.combinedOutput) }
        return kit
    }

    @Test("the kit holds no reference source and no withheld case's name or text")
    func noSecrets() throws {
        let kit = try Self.kit.get()
        let files = F.texts(under: kit)
        let referenceFolder = F.root.appendingPathComponent("reference")
        let references = try FileManager.default.contentsOfDirectory(atPath: referenceFolder.path)
            .map { try String(contentsOf: referenceFolder.appendingPathComponent($0), encoding: .utf8) }
        for file in files {
            #expect(!references.contains(file.text), "\(file.path) is a reference source file")
            #expect(!file.text.contains("MulticlassSVMLoss"), "\(file.path) names a reference type")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: kit.appendingPathComponent("Sources/Reference").path) == ["Registration.swift"])
        #expect(!FileManager.default.fileExists(atPath: kit.appendingPathComponent("reference").path))
        #expect(!FileManager.default.fileExists(atPath: kit.appendingPathComponent("assignments/assignment3/examples").path))
        let withheld = try F.withheldCasesOfAssignment3()
        try #require(withheld.count == 7)
        for secret in withheld {
            let distinctive = secret.text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("inputs:") || $0.hasPrefix("hint:") || $0.hasPrefix("title:") || $0.hasPrefix("scores:") }
            for file in files {
                #expect(!file.text.contains(secret.name), "\(file.path) names withheld case \(secret.name)")
                for line in distinctive where line.count > 12 {
                    #expect(!file.text.contains(line), "\(file.path) holds '\(line)' of withheld case \(secret.name)")
                }
            }
        }
    }

    @Test("the kit builds and grades its visible cases with the course repository's verdicts")
    func sameVerdicts() throws {
        let kit = try Self.kit.get()
        let folder = try F.temporaryFolder("grade-kit-verdicts")
        defer { try? FileManager.default.removeItem(at: folder) }
        let kitGrade = GradeCommandRunner(executable: kit.appendingPathComponent(".build/debug/grade"))
        let build = try GradeCommandRunner(executable: URL(fileURLWithPath: "/usr/bin/env")).run(["swift", "build"], in: kit, timeout: 900)
        try #require(build.status == 0, "\(build.combinedOutput)")

        for (name, submission) in [("reference", F.root.appendingPathComponent("reference")),
                                   ("softmax-log10", F.root.appendingPathComponent("assignments/assignment3/examples/softmax-log10"))] {
            // A whole submission (the kit has no reference to lay an example over): the
            // reference, with the example's files in place of its own.
            let copy = folder.appendingPathComponent(name)
            try FileManager.default.copyItem(at: F.root.appendingPathComponent("reference"), to: copy)
            for file in try FileManager.default.contentsOfDirectory(atPath: submission.path) where file.hasSuffix(".swift") {
                try? FileManager.default.removeItem(at: copy.appendingPathComponent(file))
                try FileManager.default.copyItem(at: submission.appendingPathComponent(file), to: copy.appendingPathComponent(file))
            }
            let inKit = folder.appendingPathComponent("\(name)-kit.json"), inCourse = folder.appendingPathComponent("\(name)-course.json")
            let student = try kitGrade.run(["assignment3", "--submission", copy.path, "--gradescope", inKit.path], in: kit)
            let course = try F.grade.run(["assignment3", "--submission", copy.path, "--gradescope", inCourse.path])
            #expect(student.status == course.status, "\(name): \(student.combinedOutput)")
            let kitVerdicts = try F.verdicts(gradescope: inKit), courseVerdicts = try F.verdicts(gradescope: inCourse)
            let visible = try Self.visibleTestCount(gradescope: inCourse)
            #expect(kitVerdicts.count == visible)
            for (test, status) in kitVerdicts {
                #expect(courseVerdicts[test] == status, "\(name): \(test) is \(status) in the kit, \(courseVerdicts[test] ?? "absent") in the course")
            }
            if name == "reference" {
                #expect(student.status == 0)
                #expect(kitVerdicts.values.allSatisfy { $0 == "passed" })
            }
        }
        let starter = try kitGrade.run(["assignment3"], in: kit)
        let visible = try Self.visibleTestCount(gradescope: folder.appendingPathComponent("reference-course.json"))
        #expect(starter.status == 1)
        #expect(starter.standardOutput.contains("\(visible) not implemented"), "\(starter.standardOutput.suffix(300))")
    }

    /// The number of tests a Gradescope report marks visible, less the efficiency cases (they
    /// time the reference, which a kit does not have): the cases a kit keeps.
    static func visibleTestCount(gradescope: URL) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: gradescope)) as? [String: Any]
        let tests = object?["tests"] as? [[String: Any]] ?? []
        let timed = try efficiencyCaseNames()
        #expect(!timed.isEmpty, "assignment3 has efficiency cases, which a kit leaves out")
        return tests.filter { test in
            test["visibility"] as? String == "visible" && !timed.contains { (test["name"] as? String ?? "").contains($0) }
        }.count
    }

    /// The names of assignment3's efficiency cases, read from its case files: the name line
    /// that opens the case whose kind is efficiency.
    static func efficiencyCaseNames() throws -> [String] {
        let folder = F.root.appendingPathComponent("assignments/assignment3/cases")
        var names: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".yaml") {
            var current: String?
            for line in try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("- name:") { current = trimmed.dropFirst("- name:".count).trimmingCharacters(in: .whitespaces) }
                if trimmed == "kind: efficiency", let name = current { names.append(name) }
            }
        }
        return names
    }

    @Test("release refuses a folder that is not empty")
    func refusesNonEmptyFolder() throws {
        let folder = try F.temporaryFolder("grade-kit-occupied")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "keep me".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let result = try F.grade.run(["release", "assignment3", "--out", folder.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("is not empty"))
    }

    @Test("no student-visible report of a run shows what a hidden case holds")
    func hiddenCasesStayHidden() throws {
        let folder = try F.temporaryFolder("grade-hidden-reports")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A submission that fails hidden cases, so their reports would carry details if any leaked.
        let submission = F.root.appendingPathComponent("assignments/assignment3/examples/loss-sum-not-mean").path
        let staff = try F.grade.run(["assignment3", "--submission", submission, "--base", "reference", "--staff", "--verbose"])
        let student = try F.grade.run(["assignment3", "--submission", submission, "--base", "reference", "--verbose",
                                       "--junit", folder.appendingPathComponent("junit.xml").path,
                                       "--gradescope", folder.appendingPathComponent("results.json").path,
                                       "--markdown", folder.appendingPathComponent("summary.md").path])
        #expect(student.status == 1)
        let reports = [("console", student.standardOutput)] + F.texts(under: folder).map { ($0.path, $0.text) }
        let withheld = try F.withheldCasesOfAssignment3()
        // What the staff report shows of a failing hidden case: its comparisons with numbers.
        let staffDetails = withheld.flatMap { secret -> [String] in
            guard let start = staff.standardOutput.range(of: secret.name) else { return [] }
            return staff.standardOutput[start.upperBound...].components(separatedBy: "\n").dropFirst().prefix(4)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.count > 12 && $0.contains(where: \.isNumber) }
                // Only what the staff report says once: inputs as common as `let labels = [0, 1, 2]`
                // appear in visible cases too.
                .filter { staff.standardOutput.components(separatedBy: $0).count == 2 }
        }
        #expect(!staffDetails.isEmpty, "the staff report shows hidden details to compare with")
        for secret in withheld {
            let lines = secret.text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("hint:") || $0.hasPrefix("inputs:") }
            for (report, text) in reports {
                for line in lines + staffDetails {
                    #expect(!text.contains(line), "\(report) shows '\(line)' of a hidden case")
                }
                // Not even its name: a name can hold the answer.
                #expect(!text.contains(secret.name), "\(report) names the withheld case \(secret.name)")
            }
        }
    }
}
