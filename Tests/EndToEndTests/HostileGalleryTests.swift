import Foundation
import Testing
import TestSupport

/// Every hostile entry, graded as root, as an unprivileged user, and as that user where user
/// namespaces are blocked: the grader survives with the right verdict and a valid report, no
/// secret or hidden case reaches a report, nothing is left running, the repository is unchanged.
@Suite("Hostile gallery", .serialized)
struct HostileGalleryTests {
    @Test("graded by a root grader, sandbox strict", .enabled(if: GalleryMode.root.unavailableBecause == nil,
                                                               Comment(rawValue: GalleryMode.root.unavailableBecause ?? "")),
          arguments: HostileEntry.all)
    func asRoot(_ entry: HostileEntry) throws {
        try check(entry, mode: .root)
    }

    @Test("graded by an unprivileged grader, sandbox strict",
          .enabled(if: GalleryMode.unprivileged.unavailableBecause == nil,
                   Comment(rawValue: GalleryMode.unprivileged.unavailableBecause ?? "")),
          arguments: HostileEntry.all)
    func asUnprivilegedUser(_ entry: HostileEntry) throws {
        try check(entry, mode: .unprivileged)
    }

    @Test("graded by an unprivileged grader where user namespaces are blocked, sandbox auto",
          .enabled(if: GalleryMode.userNamespacesBlocked.unavailableBecause == nil,
                   Comment(rawValue: GalleryMode.userNamespacesBlocked.unavailableBecause ?? "")),
          arguments: HostileEntry.all)
    func withUserNamespacesBlocked(_ entry: HostileEntry) throws {
        try check(entry, mode: .userNamespacesBlocked)
    }

    @Test("strict mode refuses to grade where user namespaces are blocked, and says what is missing",
          .enabled(if: GalleryMode.userNamespacesBlocked.unavailableBecause == nil,
                   Comment(rawValue: GalleryMode.userNamespacesBlocked.unavailableBecause ?? "")))
    func strictRefusesWithoutNamespaces() throws {
        let honest = HostileEntry.l2("honest", .passes, attack: "")
        let run = try GalleryRun.grade(honest, mode: .userNamespacesBlocked, sandbox: "strict")
        #expect(run.outcome.status == 2, "\(run.outcome.combinedOutput)")
        #expect(run.outcome.standardError.contains("strict mode: missing"), "\(run.outcome.standardError)")
        #expect(run.outcome.standardError.contains("PID namespace"))
        #expect(run.outcome.standardError.contains("bubblewrap"))
        #expect(run.junit == nil, "no report may claim a grade that was refused")
    }

    private func check(_ entry: HostileEntry, mode: GalleryMode) throws {
        let before = GalleryRun.repositorySnapshot()
        let started = Date()
        let run = try GalleryRun.grade(entry, mode: mode)
        let seconds = Date().timeIntervalSince(started)
        let output = run.outcome.combinedOutput
        print("gallery \(mode.rawValue) \(entry.name): exit \(run.outcome.status) in \(String(format: "%.1f", seconds)) s")

        // The grader survived and graded.
        #expect(!run.outcome.timedOut, "the grader did not finish")
        #expect(run.outcome.status == 0 || run.outcome.status == 1, "exit \(run.outcome.status): \(output.suffix(2000))")
        let junitData = try #require(run.junit, "no JUnit report: \(output.suffix(2000))")
        #expect(try JUnitSchemaValidator.jenkins().validate(junitData).isEmpty, "the JUnit report is not valid")
        let junit = try JUnitSummary(parsing: junitData)
        let gradescope = try #require(run.gradescope)
        #expect((try? JSONSerialization.jsonObject(with: gradescope)) != nil, "results.json does not parse")
        #expect(output.contains("isolation: sandbox \(mode.sandboxMode)"), "the report states the isolation")

        // The rest of the report is intact: the honest component passes every case.
        let control = junit.testCases.filter { $0.component == "l1-regularization" }
        var wholeSubmissionFails = false
        if case .wholeSubmission = entry.verdict { wholeSubmissionFails = true }
        #expect(!control.isEmpty && (wholeSubmissionFails || control.allSatisfy { $0.verdict == .passed }),
                "l1-regularization: \(control.map { "\($0.name) \($0.verdict) \($0.detail.prefix(200))" })")

        // The hostile component's verdict.
        let attacked = junit.testCases.filter { $0.component == "l2-regularization" }
        #expect(!attacked.isEmpty)
        switch entry.verdict {
        case .passes:
            #expect(attacked.allSatisfy { $0.verdict == .passed },
                    "\(attacked.map { "\($0.name) \($0.verdict) \($0.type ?? "") \($0.detail.prefix(300))" })")
        case .fails(let type, let reason):
            let first = try #require(attacked.first)
            #expect(first.verdict != .passed && first.type == type, "\(first.name): \(first.type ?? "passed") \(first.detail.prefix(400))")
            if let reason { #expect(first.detail.contains(reason), "\(first.detail.prefix(400))") }
        case .survives:
            break
        case .wholeSubmission(let type, let reason):
            #expect(seconds < 90, "one start-up timeout or one bounded build, not one per case")
            // Every case that ran ends that way; after a build failure the one that ran is the
            // build test, and the cases are skipped, never run.
            let ran = junit.testCases.filter { $0.verdict != .skipped }
            #expect(!ran.isEmpty && ran.allSatisfy { $0.type == type },
                    "\(junit.testCases.map { "\($0.name) \($0.type ?? "passed") \($0.detail.prefix(200))" })")
            if ran.count < junit.testCases.count { #expect(ran.map(\.component) == ["build"]) }
            if let reason {
                #expect(junit.testCases.contains { $0.detail.contains(reason) }, "\(junit.testCases.first?.detail.prefix(600) ?? "")")
            }
        }

        // Nothing secret reached a report; nothing was left running; the repository is as it was.
        let reports = [run.outcome.standardOutput, run.outcome.standardError, String(decoding: junitData, as: UTF8.self),
                       String(decoding: gradescope, as: UTF8.self)]
        #expect(!reports.contains { $0.contains(GalleryRun.secret) }, "the grader's secret reached a report")
        #expect(!reports.contains { $0.contains(GalleryRun.canary) }, "a hidden case file reached a report")
        #expect(!reports.contains { $0.contains("READ \(GalleryRun.repository.path)") }, "student code read the repository")
        #expect(!run.listenerWasReached, "student code reached a loopback server")
        #expect(GalleryRun.leftoverWorkers().isEmpty, "left running: \(GalleryRun.leftoverWorkers())")
        #expect(GalleryRun.repositorySnapshot() == before, "the repository changed")
    }
}
