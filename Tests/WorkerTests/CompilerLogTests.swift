@testable import GradingEngine
import Testing

/// What the builder makes of the compiler's and the linker's output.
@Suite struct CompilerLogTests {
    static let package = "/cache/grade-workers/package/"
    static let log = CompilerLog(
        studentPrefixes: [package + "Sources/StudentSubmission/"], packagePrefixes: [package],
        entryPointPath: "Sources/grade-worker/main.swift",
        studentSources: [(path: "SVMLoss.swift", text: "import GradeKit\n\npublic struct SVMLoss {}\n"),
                         (path: "Blame.swift", text: "import GradeKit\n@preconcurrency import ComponentRuntime // for the invoker\n")],
        logLimit: 16 * 1024)

    @Test func aLinkerErrorInTheEntryPointSaysWhatToDefine() {
        // What an incremental build prints when the entry point was compiled against a
        // submission that had registerComponents(in:) and the new one has none.
        let output = """
            \(Self.package)Sources/grade-worker/main.swift:5: error: undefined reference to '$s17StudentSubmission18registerComponents2iny8GradeKit17ComponentRegistryVz_tF'
            clang: error: linker command failed with exit code 1 (use -v to see invocation)
            """
        let diagnostics = Self.log.diagnostics(in: output)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.file == "SVMLoss.swift")
        #expect(diagnostics.first?.message.contains("public func registerComponents(in registry: inout ComponentRegistry)") == true)
        #expect(!Self.log.trimmed(output).contains("main.swift"))
    }

    @Test func aDiagnosticWithoutAColumnIsReadAtColumnOne() {
        let parsed = CompilerLog.parse("/x/Sources/StudentSubmission/Loss.swift:12: warning: something")
        #expect(parsed?.file == "/x/Sources/StudentSubmission/Loss.swift")
        #expect(parsed?.line == 12)
        #expect(parsed?.column == 1)
        #expect(parsed?.severity == .warning)
    }

    @Test func aCompilerDiagnosticKeepsItsColumn() {
        let parsed = CompilerLog.parse("/x/Loss.swift:7:41: error: cannot convert value")
        #expect(parsed?.line == 7)
        #expect(parsed?.column == 41)
        #expect(parsed?.message == "cannot convert value")
    }

    @Test func anImportOfTheRuntimeIsReportedAtTheStudentsImportLine() {
        // SwiftPM's import check names the target and the module, not the file.
        let output = """
            error: Target StudentSubmission imports another target (ComponentRuntime) in the package without declaring it a dependency.
            """
        let diagnostics = Self.log.diagnostics(in: output)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.file == "Blame.swift")
        #expect(diagnostics.first?.line == 2)
        #expect(diagnostics.first?.message.contains("cannot import ComponentRuntime") == true)
        #expect(Self.log.trimmed(output) == diagnostics.first?.formatted)
    }
}
