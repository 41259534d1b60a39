import FoundationEssentials
import GradeReports
import Testing

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
}
