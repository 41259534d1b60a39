import Foundation
import Testing
import TestSupport

/// `grade watch` grades once at the start and again after every save.
@Suite("Watch mode")
struct WatchTests {
    typealias F = InstructorFixtures

    @Test("a saved file is graded again without restarting")
    func gradesAgainOnSave() throws {
        let folder = try F.temporaryFolder("grade-watch")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: F.root.appendingPathComponent("reference/L2Loss.swift"), to: folder.appendingPathComponent("L2Loss.swift"))
        try """
            import GradeKit

            public func registerComponents(in registry: inout ComponentRegistry) {
                registry.register("l2-loss", L2Loss.self)
            }
            """.write(to: folder.appendingPathComponent("Registration.swift"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = GradeCommandRunner.defaultExecutable
        process.arguments = ["watch", "assignment3", "--submission", folder.path, "--filter", "l2-loss", "--color", "never"]
        process.currentDirectoryURL = F.root
        let log = folder.appendingPathComponent("watch.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let out = try FileHandle(forWritingTo: log)
        process.standardOutput = out
        process.standardError = out
        try process.run()
        defer {
            // SIGKILL: the test runner's blocked signals are inherited; the watch sleeps between gradings.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? out.close()
        }
        let printed = { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        func waitFor(scores count: Int) -> Bool {
            let deadline = Date().addingTimeInterval(180)
            while Date() < deadline {
                if printed().components(separatedBy: "Score: ").count - 1 >= count { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }
        #expect(waitFor(scores: 1), "\(printed())")
        // A saved mistake: the gradient halved.
        let file = folder.appendingPathComponent("L2Loss.swift")
        let source = try String(contentsOf: file, encoding: .utf8)
        try source.replacingOccurrences(of: "2 * scale", with: "scale").write(to: file, atomically: true, encoding: .utf8)
        #expect(waitFor(scores: 2), "\(printed())")
        let text = printed()
        // Full marks before the save, not after it.
        #expect(text.components(separatedBy: "Score: 4/4 points").count == 2, "\(text)")
        #expect(text.contains("watching \(folder.path)"))
    }
}
