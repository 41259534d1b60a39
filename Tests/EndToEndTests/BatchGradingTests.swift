import Foundation
import GradeResults
import Testing
import TestSupport

/// `grade batch` over a small class — a correct submission, one that does not compile and one
/// with a wrong gradient — into reports and a gradebook; a rerun that grades nothing again;
/// shards that merge into the same gradebook.
@Suite("Batch grading")
struct BatchGradingTests {
    typealias F = InstructorFixtures

    /// Three students, each registering only l2-loss: the reference's, the build failure's and
    /// the wrong gradient's `L2Loss.swift`.
    static func makeClass(in folder: URL) throws -> URL {
        let fm = FileManager.default
        let submissions = folder.appendingPathComponent("submissions")
        let registration = """
            import GradeKit

            public func registerComponents(in registry: inout ComponentRegistry) {
                registry.register("l2-loss", L2Loss.self)
            }
            """
        for (student, source) in [("alice", "reference/L2Loss.swift"), ("bob", "Tests/Fixtures/e2e/does-not-compile/L2Loss.swift"),
                                  ("carol", "Tests/Fixtures/e2e/wrong-gradient/L2Loss.swift")] {
            let own = submissions.appendingPathComponent(student)
            try fm.createDirectory(at: own, withIntermediateDirectories: true)
            try fm.copyItem(at: F.root.appendingPathComponent(source), to: own.appendingPathComponent("L2Loss.swift"))
            try registration.write(to: own.appendingPathComponent("Registration.swift"), atomically: true, encoding: .utf8)
        }
        return submissions
    }

    static func gradebook(in folder: URL) throws -> Gradebook {
        try JSONDecoder().decode(Gradebook.self, from: Data(contentsOf: folder.appendingPathComponent("gradebook.json")))
    }

    @Test("a class is graded into reports and a gradebook, a rerun grades nothing again, shards merge")
    func batch() throws {
        let folder = try F.temporaryFolder("grade-batch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let submissions = try Self.makeClass(in: folder)
        let out = folder.appendingPathComponent("grades")
        let arguments = ["batch", "assignment3", submissions.path, "--out", out.path, "--filter", "l2-loss"]

        let first = try F.grade.run(arguments + ["--jobs", "2"])
        #expect(first.status == 0, "\(first.combinedOutput)")
        let book = try Self.gradebook(in: out)
        #expect(book.entries.map(\.student) == ["alice", "bob", "carol"])
        let byStudent = Dictionary(uniqueKeysWithValues: book.entries.map { ($0.student, $0) })
        // Four points of l2-loss cases run under the filter; the wrong gradient keeps only its loss-only case.
        #expect(byStudent["alice"]?.status == .passed && byStudent["alice"]?.total == byStudent["alice"]?.maxTotal)
        #expect(byStudent["bob"]?.buildSucceeded == false && byStudent["bob"]?.total == 0 && byStudent["bob"]?.status == .failed)
        #expect(byStudent["carol"]?.buildSucceeded == true && (byStudent["carol"]?.total ?? 0) > 0
                && (byStudent["carol"]?.total ?? 0) < (byStudent["carol"]?.maxTotal ?? 0))
        for student in ["alice", "bob", "carol"] {
            for report in ["junit.xml", "results.json", "summary.md"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(student)/\(report)").path), "\(student)/\(report)")
            }
        }
        let csv = try String(contentsOf: out.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n")
        #expect(rows.count == 4)
        #expect(rows[0].hasPrefix("student,total,max_total,multiclass-svm,"))
        #expect(rows[2].hasPrefix("bob,0,") && rows[2].contains(",failed,false,"))

        // Nothing changed: every row is the one already there, seconds included.
        let again = try F.grade.run(arguments)
        #expect(again.status == 0)
        #expect(try Self.gradebook(in: out) == book)

        // A changed submission is graded again, and only it.
        let carol = submissions.appendingPathComponent("carol/L2Loss.swift")
        try FileManager.default.removeItem(at: carol)
        try FileManager.default.copyItem(at: F.root.appendingPathComponent("reference/L2Loss.swift"), to: carol)
        _ = try F.grade.run(arguments)
        let changed = try Self.gradebook(in: out)
        #expect(changed.entries.first { $0.student == "carol" }?.status == .passed)
        #expect(changed.entries.first { $0.student == "alice" } == book.entries.first { $0.student == "alice" })

        // Two shards hold every student once, and merge into the whole class.
        var merged: [String] = []
        for k in 1...2 {
            let shard = try F.grade.run(arguments.dropLast(2).map { $0 == out.path ? out.path + "-\(k)" : $0 } + ["--filter", "l2-loss", "--shard", "\(k)/2"])
            #expect(shard.status == 0, "\(shard.combinedOutput)")
            merged.append(out.path + "-\(k)")
        }
        let combined = try F.grade.run(["gradebook", "merge"] + merged + ["--out", out.path + "-all"])
        #expect(combined.status == 0, "\(combined.combinedOutput)")
        let all = try Self.gradebook(in: URL(fileURLWithPath: out.path + "-all"))
        #expect(all.entries.map(\.student) == ["alice", "bob", "carol"])
        #expect(all.entries.map(\.total) == changed.entries.map(\.total))
        // A student in two gradebooks is refused: the shards were not of one batch.
        let shardOne = try Self.gradebook(in: URL(fileURLWithPath: merged[0]))
        let twice = try F.grade.run(["gradebook", "merge", merged[0], merged[0], "--out", out.path + "-bad"])
        #expect(shardOne.entries.isEmpty ? twice.status == 0 : twice.status == 2)
    }
}
