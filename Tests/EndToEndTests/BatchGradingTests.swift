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

    /// Four students, each registering only l2-loss: the reference's, the build failure's, the
    /// wrong gradient's `L2Loss.swift`, and one that crashes.
    static func makeClass(in folder: URL) throws -> URL {
        let fm = FileManager.default
        let submissions = folder.appendingPathComponent("submissions")
        let registration = """
            import GradeKit

            public func registerComponents(in registry: inout ComponentRegistry) {
                registry.register("l2-loss", L2Loss.self)
            }
            """
        for (student, source) in [("alice", "reference/L2Loss.swift"), ("bob", "Tests/Fixtures/e2e/one-file-does-not-compile/L2Loss.swift"),
                                  ("carol", "Tests/Fixtures/e2e/wrong-gradient/L2Loss.swift")] {
            let own = submissions.appendingPathComponent(student)
            try fm.createDirectory(at: own, withIntermediateDirectories: true)
            try fm.copyItem(at: F.root.appendingPathComponent(source), to: own.appendingPathComponent("L2Loss.swift"))
            try registration.write(to: own.appendingPathComponent("Registration.swift"), atomically: true, encoding: .utf8)
        }
        // A fourth student whose loss crashes the worker: it costs only its own cases.
        let crash = """
            import GradeKit

            public struct L2Loss: RegressionLoss {
                public init(hyperparameters: Hyperparameters) {}
                public func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
                    fatalError("gave up")
                }
            }
            """
        let dave = submissions.appendingPathComponent("dave")
        try fm.createDirectory(at: dave, withIntermediateDirectories: true)
        try crash.write(to: dave.appendingPathComponent("L2Loss.swift"), atomically: true, encoding: .utf8)
        try registration.write(to: dave.appendingPathComponent("Registration.swift"), atomically: true, encoding: .utf8)
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
        #expect(book.entries.map(\.student) == ["alice", "bob", "carol", "dave"])
        let byStudent = Dictionary(uniqueKeysWithValues: book.entries.map { ($0.student, $0) })
        // Four points of l2-loss cases run under the filter; the wrong gradient keeps only its loss-only case.
        #expect(byStudent["alice"]?.status == .passed && byStudent["alice"]?.total == byStudent["alice"]?.maxTotal)
        #expect(byStudent["bob"]?.buildSucceeded == false && byStudent["bob"]?.total == 0 && byStudent["bob"]?.status == .failed)
        #expect(byStudent["carol"]?.buildSucceeded == true && (byStudent["carol"]?.total ?? 0) > 0
                && (byStudent["carol"]?.total ?? 0) < (byStudent["carol"]?.maxTotal ?? 0))
        #expect(byStudent["dave"]?.status == .failed && byStudent["dave"]?.total == 0 && byStudent["dave"]?.buildSucceeded == true)
        for student in ["alice", "bob", "carol", "dave"] {
            for report in ["junit.xml", "results.json", "summary.md"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(student)/\(report)").path), "\(student)/\(report)")
            }
        }
        let csv = try String(contentsOf: out.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n")
        #expect(rows.count == 5)
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
        #expect(all.entries.map(\.student) == ["alice", "bob", "carol", "dave"])
        #expect(all.entries.map(\.total) == changed.entries.map(\.total))
        // A student in two gradebooks is refused: the shards were not of one batch.
        let shardOne = try Self.gradebook(in: URL(fileURLWithPath: merged[0]))
        let twice = try F.grade.run(["gradebook", "merge", merged[0], merged[0], "--out", out.path + "-bad"])
        #expect(shardOne.entries.isEmpty ? twice.status == 0 : twice.status == 2)
    }

    @Test("an assignment with inputs per student seeds each student's inputs from their id, and --student reproduces them")
    func inputsPerStudent() throws {
        let folder = try F.temporaryFolder("grade-batch-variants")
        defer { try? FileManager.default.removeItem(at: folder) }
        let submissions = try Self.makeClass(in: folder)
        let assignment = try F.copyOfAssignment3(in: folder)
        let metadata = assignment.appendingPathComponent("assignment.yaml")
        try (String(contentsOf: metadata, encoding: .utf8) + "\ninputs_per_student: true\n").write(to: metadata, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("grades")
        let batch = try F.grade.run(["batch", assignment.path, submissions.path, "--out", out.path, "--filter", "l2-loss-reference"])
        #expect(batch.status == 0, "\(batch.combinedOutput)")
        let book = try Self.gradebook(in: out)
        let seeds = book.entries.map(\.seed)
        #expect(Set(seeds).count == 4 && !seeds.contains(0), "\(seeds)")
        // The student's own run, by id, is on the same inputs: the same seed in the report, the same verdict.
        let own = try F.grade.run([assignment.path, "--submission", submissions.appendingPathComponent("alice").path,
                                   "--student", "alice", "--filter", "l2-loss-reference", "--color", "never"])
        #expect(own.standardOutput.contains("seed \(book.entries[0].seed)"), "\(own.standardOutput)")
        #expect(own.status == 0)
        // Without inputs per student, --student is refused rather than ignored.
        let refused = try F.grade.run(["assignment3", "--submission", "reference", "--student", "alice"])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("gives every student the same inputs"))
    }

    /// Chromium from Debian, headless; nil when it is not installed.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("the class dashboard renders in a real browser and its numbers are the gradebook's",
          .enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil, "Chromium is not installed (scripts/test installs it)"))
    func dashboardInABrowser() throws {
        let browser = try #require(Self.chromium, "CI must install chromium: the dashboard is checked in a real browser")
        let folder = try F.temporaryFolder("grade-batch-dashboard")
        defer { try? FileManager.default.removeItem(at: folder) }
        let submissions = try Self.makeClass(in: folder)
        let out = folder.appendingPathComponent("grades")
        let batch = try F.grade.run(["batch", "assignment3", submissions.path, "--out", out.path, "--filter", "l2-loss"])
        #expect(batch.status == 0, "\(batch.combinedOutput)")
        let book = try Self.gradebook(in: out)
        let page = out.appendingPathComponent("index.html")

        func chromium(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: browser)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/profile"] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        // The DOM as the browser built it, and a picture of the page as it drew it.
        let dom = try chromium(["--dump-dom", page.absoluteString])
        let picture = folder.appendingPathComponent("dashboard.png")
        _ = try chromium(["--screenshot=\(picture.path)", "--window-size=1100,1400", page.absoluteString])
        let png = try Data(contentsOf: picture)
        #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))

        func metric(_ name: String) -> [String] {
            let pattern = "data-metric=\"\(name)\" data-value=\""
            return dom.components(separatedBy: pattern).dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        let totals = book.entries.map(\.total)
        #expect(metric("submissions") == ["\(book.entries.count)"])
        #expect(metric("graded") == ["\(book.entries.filter { $0.status != .couldNotGrade }.count)"])
        #expect(metric("mean-total") == [ReportNumber.points(totals.reduce(0, +) / Double(totals.count))])
        #expect(metric("build-failures") == ["\(book.entries.filter { !$0.buildSucceeded }.count)"])
        let bins = dom.components(separatedBy: "data-bin=\"").dropFirst().map { $0.components(separatedBy: "data-value=\"")[1].prefix { $0 != "\"" } }
        #expect(bins.count == 10 && bins.compactMap { Int($0) }.reduce(0, +) == book.entries.count, "\(bins)")
        // The l2-loss component row: its mean is the gradebook's.
        let l2 = book.entries.compactMap { $0.points["l2-loss"] }
        #expect(metric("mean").first == ReportNumber.points(l2.reduce(0, +) / Double(l2.count)))
        #expect(dom.contains("<li class=\"build-failure\">bob</li>"))
        #expect(try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8).contains("4 submissions, 4 graded"))
    }
}
