import FoundationEssentials
@testable import GradeReports
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ReportFileTests {
    let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("grade-reportfile-\(UUID().uuidString)")

    @Test func writesCreatingParentFoldersAndLeavesNoTemporaryFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a/b/report.xml")
        try ReportFile.write("<x/>", to: file)
        #expect(String(decoding: try Data(contentsOf: file), as: UTF8.self) == "<x/>")
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["report.xml"])
    }

    @Test func replacesAnExistingFileWhole() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("results.json")
        try ReportFile.write(Data(repeating: 0x41, count: 10_000), to: file)
        try ReportFile.write(Data("short".utf8), to: file)
        #expect(try Data(contentsOf: file) == Data("short".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["results.json"])
    }

    @Test func failureLeavesNoTemporaryFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: ReportFileError.self) { try ReportFile.write("x", to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["occupied"])
    }

    @Test func createsMissingFoldersWithMode0755OwnedByTheGrader() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReportFile.write("<x/>", to: folder.appendingPathComponent("a/b/report.xml"))
        for created in [folder, folder.appendingPathComponent("a"), folder.appendingPathComponent("a/b")] {
            var status = stat()
            #expect(stat(created.path, &status) == 0)
            #expect(status.st_mode & 0o7777 == 0o755, "\(created.path)")
            #expect(status.st_uid == geteuid(), "\(created.path)")
        }
    }

    @Test(arguments: [0o777, 0o775, 0o757])
    func refusesAFolderOthersMayWriteToWithoutTheStickyBit(mode: Int) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try makeFolder(mode: mode)
        let error = try #require(throws: ReportFileError.self) { try ReportFile.write("x", to: folder.appendingPathComponent("report.xml")) }
        #expect(error.refusedFolder == folder.path)
        #expect(error.description.contains("the folder \(folder.path) is writable by"), "\(error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func writesIntoAFolderEveryoneMayWriteToWithTheStickyBit() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try makeFolder(mode: 0o1777)
        try ReportFile.write("x", to: folder.appendingPathComponent("report.xml"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("report.xml")) == Data("x".utf8))
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give a folder to another user"))
    func refusesAFolderOfAnotherUser() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try makeFolder(mode: 0o755)
        #expect(chown(folder.path, 65534, 65534) == 0)
        let error = try #require(throws: ReportFileError.self) { try ReportFile.write("x", to: folder.appendingPathComponent("report.xml")) }
        #expect(error.refusedFolder == folder.path)
        #expect(error.description.contains("the folder \(folder.path) belongs to user 65534, not to this user (0)"), "\(error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give a folder to another user"))
    func aRootGraderWritesIntoTheFolderOfACIRunnersUser() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try makeFolder(mode: 0o755)
        #expect(chown(folder.path, 1001, 1001) == 0)
        try ReportFile.write("x", to: folder.appendingPathComponent("report.xml"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("report.xml")) == Data("x".utf8))
    }

    @Test func aGraderThatIsNotRootRefusesAnotherUsersFolder() {
        #expect(ReportFolder.refusal(owner: 1002, mode: 0o755, folder: "/x", user: 1001)?.contains("belongs to user 1002") == true)
        #expect(ReportFolder.refusal(owner: 0, mode: 0o755, folder: "/x", user: 1001) == nil)
    }

    @Test func appendRefusesTheSameFolders() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try makeFolder(mode: 0o777)
        let error = try #require(throws: ReportFileError.self) { try ReportFile.append(Data("x".utf8), to: folder.appendingPathComponent("summary.md")) }
        #expect(error.refusedFolder == folder.path)
    }

    @Test func appendDoesNotFollowASymbolicLink() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try makeFolder(mode: 0o755)
        let target = folder.appendingPathComponent("target")
        try Data("kept".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("summary.md"), withDestinationURL: target)
        #expect(throws: ReportFileError.self) { try ReportFile.append(Data("x".utf8), to: folder.appendingPathComponent("summary.md")) }
        #expect(try Data(contentsOf: target) == Data("kept".utf8))
    }

    @Test func writeReplacesASymbolicLinkInsteadOfWritingThroughIt() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try makeFolder(mode: 0o755)
        let target = folder.appendingPathComponent("target")
        try Data("kept".utf8).write(to: target)
        let report = folder.appendingPathComponent("report.xml")
        try FileManager.default.createSymbolicLink(at: report, withDestinationURL: target)
        try ReportFile.write("new", to: report)
        #expect(try Data(contentsOf: target) == Data("kept".utf8))
        #expect(try Data(contentsOf: report) == Data("new".utf8))
    }

    /// Creates ``folder`` with exactly `mode`, whatever the umask.
    private func makeFolder(mode: Int) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: folder.path)
    }
}
