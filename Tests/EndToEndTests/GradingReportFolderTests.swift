import Foundation
import Testing

/// Where `grade` writes its reports: never into a folder another user could tamper with.
@Suite("Grading into a report folder others may write to")
struct GradingReportFolderTests {
    @Test("The run exits 2 with a message naming the folder, and writes no report there")
    func refusedFolderIsAnErrorNamingIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grade-e2e-open-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }

        let outcome = try await GradingCommand.run(["assignment3", "--submission", "reference", "--filter", "softmax",
                                                    "--color", "never", "--junit", folder.appendingPathComponent("junit.xml").path])
        #expect(outcome.status == 2, "stderr: \(outcome.standardError)")
        #expect(outcome.standardError.contains("grade: error: could not write a report: cannot write \(folder.path)/junit.xml: "
                                               + "the folder \(folder.path) is writable by every user (mode 777) and has no sticky bit"),
                "stderr: \(outcome.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
