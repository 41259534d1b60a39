import Foundation
import Testing
import TestSupport

/// Student code runs without the grader's environment or working directory: a course CI job's
/// tokens and the repository's files are not where a submission starts.
@Suite("Grading: what student code can see")
struct GradingIsolationTests {
    @Test("student code does not see the grader's environment variables")
    func environmentIsNotInherited() async throws {
        let run = try await GradingFixture.hostile.run
        let junit = String(decoding: try #require(run.junit), as: UTF8.self)
        #expect(junit.contains("environment: "), "the hostile fixture prints its environment")
        #expect(!junit.contains(GradingFixture.secretValue))
        #expect(!run.outcome.standardOutput.contains(GradingFixture.secretValue))
        #expect(!junit.contains(GradingFixture.secretName))
    }

    @Test("student code starts in a scratch folder, not in the course repository")
    func workingDirectoryIsAScratchFolder() async throws {
        let run = try await GradingFixture.hostile.run
        let junit = String(decoding: try #require(run.junit), as: UTF8.self)
        let line = try #require(junit.components(separatedBy: "\n").first { $0.contains("working directory: ") })
        // A private tmpfs at /tmp in a private root, or a scratch folder of its own without one.
        #expect(line.hasSuffix("working directory: /tmp") || line.contains("grade-worker-"), "\(line)")
        #expect(!line.hasSuffix(FileManager.default.currentDirectoryPath), "\(line)")
    }

    @Test("student code cannot read the grader's environment through /proc")
    func parentEnvironmentIsUnreadable() async throws {
        let run = try await GradingFixture.hostile.run
        let junit = String(decoding: try #require(run.junit), as: UTF8.self)
        let line = try #require(junit.components(separatedBy: "\n").first { $0.contains("parent environment: ") })
        #expect(line.hasSuffix("parent environment: unreadable"), "\(line.prefix(300))")
    }

    @Test("student code cannot read the course repository's reference", .enabled(if: mountNamespacesAreAllowed))
    func repositoryIsHidden() async throws {
        let run = try await GradingFixture.hostile.run
        let junit = String(decoding: try #require(run.junit), as: UTF8.self)
        let line = try #require(junit.components(separatedBy: "\n").first { $0.contains("reference source: ") })
        #expect(line.hasSuffix("reference source: unreadable"), "\(line)")
    }

    @Test("a grader running as root runs student code as nobody")
    func rootGraderDropsPrivileges() async throws {
        let run = try await GradingFixture.hostile.run
        let junit = String(decoding: try #require(run.junit), as: UTF8.self)
        let line = try #require(junit.components(separatedBy: "\n").first { $0.contains("user id: ") })
        if getuid() == 0 {
            #expect(line.hasSuffix("user id: 65534"), "\(line)")
        } else {
            #expect(line.hasSuffix("user id: \(getuid())"), "\(line)")
        }
    }
}

/// True when this machine lets a process make a mount namespace of its own (as root, or in a user
/// namespace), which hiding the repository needs; container runtimes often forbid it.
let mountNamespacesAreAllowed: Bool = {
    for arguments in [["-m", "true"], ["-Urm", "true"]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        if process.terminationStatus == 0 { return true }
    }
    return false
}()
