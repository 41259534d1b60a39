import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// How the grader is started for the hostile gallery: as root, as an unprivileged user, or as
/// that user on a host that blocks user namespaces (as a container's default seccomp profile
/// does, emulated with the launcher's `--deny-user-namespaces`).
enum GalleryMode: String, Sendable, CaseIterable {
    case root
    case unprivileged
    case userNamespacesBlocked = "user-namespaces-blocked"

    /// The unprivileged user `.ci/run` creates; `GRADE_TEST_UNPRIVILEGED_USER` names another.
    static let userName = ProcessInfo.processInfo.environment["GRADE_TEST_UNPRIVILEGED_USER"] ?? "grade-ci"

    /// The user's uid and gid, when it exists.
    static let user: (uid: UInt32, gid: UInt32)? = {
        guard let entry = getpwnam(userName) else { return nil }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }()

    /// Whether the unprivileged user can read the repository and run the built grader.
    static let userCanReadTheRepository: Bool = {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        check.arguments = ["--reuid=\(userName)", "--regid=\(userName)", "--clear-groups", "--", "/usr/bin/test",
                           "-r", GalleryRun.repository.appendingPathComponent("Package.swift").path, "-a", "-x", GalleryRun.grade.path]
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }()

    /// Nil when the mode can be set up here; otherwise why not (the test is then skipped, not passed).
    var unavailableBecause: String? {
        if geteuid() != 0 { return "the tests do not run as root, so they cannot start the grader as root or as another user" }
        if self != .root && Self.user == nil { return "no user \(Self.userName) (.ci/run creates it)" }
        if !FileManager.default.isExecutableFile(atPath: GalleryRun.launcher.path) { return "grade-sandbox is not built (swift build)" }
        if self != .root && !Self.userCanReadTheRepository { return "\(Self.userName) cannot read \(GalleryRun.repository.path) or run the grader" }
        return nil
    }

    /// The sandbox mode the gallery grades under: strict where the host can confine fully.
    var sandboxMode: String { self == .userNamespacesBlocked ? "auto" : "strict" }
}

/// One grading of one hostile entry in one mode, with everything it left behind.
struct GalleryRun {
    static let repository = GradeCommandRunner.packageRoot
    static let launcher = repository.appendingPathComponent(".build/debug/grade-sandbox")
    static let grade = GradeCommandRunner.defaultExecutable
    /// A value in the grader's environment that must reach no report.
    static let secret = "gallery-secret-\(UUID().uuidString)"
    /// A line of a case file that only the repository holds.
    static let canary = "hidden-case-canary-4f1d9a73"

    var outcome: GradeCommandRunner.Result
    var junit: Data?
    var gradescope: Data?
    var listenerWasReached: Bool

    /// Grades `entry` over the reference in `mode`, with `extra` arguments.
    static func grade(_ entry: HostileEntry, mode: GalleryMode, sandbox: String? = nil) throws -> GalleryRun {
        let fm = FileManager.default
        let work = URL(fileURLWithPath: "/tmp/grade-gallery-\(mode.rawValue)-\(UUID().uuidString)", isDirectory: true)
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let listener = try LoopbackListener()
        defer { listener.close() }

        let submission = work.appendingPathComponent("submission", isDirectory: true)
        let reports = work.appendingPathComponent("reports", isDirectory: true)
        try fm.createDirectory(at: submission, withIntermediateDirectories: true)
        try fm.createDirectory(at: reports, withIntermediateDirectories: true)
        let source = entry.source.replacingOccurrences(of: "REPO", with: repository.path)
            .replacingOccurrences(of: "PORT", with: String(listener.port))
        try source.write(to: submission.appendingPathComponent(entry.file), atomically: true, encoding: .utf8)

        // Each mode keeps its own worker cache, which its user can write.
        let cache = URL(fileURLWithPath: "/tmp/grade-gallery-cache-\(mode.rawValue)", isDirectory: true)
        let home = URL(fileURLWithPath: "/tmp/grade-gallery-home-\(mode.rawValue)", isDirectory: true)
        for folder in [cache, home] { try fm.createDirectory(at: folder, withIntermediateDirectories: true) }
        if mode != .root, let user = GalleryMode.user {
            for folder in [cache, home, work, submission, reports] { _ = chown(folder.path, user.uid, user.gid) }
            _ = chown(submission.appendingPathComponent(entry.file).path, user.uid, user.gid)
        }

        let junit = reports.appendingPathComponent("report.xml"), gradescope = reports.appendingPathComponent("results.json")
        var arguments = ["assignment3", "--submission", submission.path, "--base", "reference",
                         "--filter", "l2-regularization-w1,l2-regularization-gradient-check,l1-regularization-w1", "--timeout", "2",
                         "--junit", junit.path, "--gradescope", gradescope.path,
                         "--worker-cache", cache.path, "--build-timeout", String(entry.buildTimeout), "--sandbox", sandbox ?? mode.sandboxMode]
        var runner = GradeCommandRunner()
        var environment = ["GALLERY_SECRET": secret, "HOME": home.path]
        switch mode {
        case .root:
            break
        case .unprivileged, .userNamespacesBlocked:
            runner = GradeCommandRunner(executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
            var prefix = ["--reuid=\(GalleryMode.userName)", "--regid=\(GalleryMode.userName)", "--clear-groups", "--"]
            if mode == .userNamespacesBlocked { prefix += [launcher.path, "--deny-user-namespaces", "--"] }
            arguments = prefix + [grade.path] + arguments
            environment["USER"] = GalleryMode.userName
        }
        let outcome = try runner.run(arguments, timeout: 240, environment: environment)
        return GalleryRun(outcome: outcome, junit: try? Data(contentsOf: junit), gradescope: try? Data(contentsOf: gradescope),
                          listenerWasReached: listener.wasReached())
    }

    /// Every process left that belongs to a worker or its sandbox.
    static func leftoverWorkers() -> [String] {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { name in
            guard Int32(name) != nil, Int32(name) != getpid(),
                  let data = fm.contents(atPath: "/proc/\(name)/cmdline"), !data.isEmpty else { return nil }
            let command = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            guard command.hasPrefix("/grade/") || command.contains("grade-gallery-cache") || command.contains("sleep 600") else { return nil }
            // Workers of other tests still have their supervisor; a leaked one has lost it.
            let stat = (try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8)) ?? ""
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            let parent = fields.count > 1 ? Int32(fields[1]) ?? 0 : 0
            let orphaned = parent <= 1 || !fm.fileExists(atPath: "/proc/\(parent)")
            return orphaned ? "\(name): \(command)" : nil
        }
    }

    /// The files of the repository's reference and assignments, with sizes and modification times.
    static func repositorySnapshot() -> [String: String] {
        var snapshot: [String: String] = [:]
        for folder in ["reference", "assignments/assignment3"] {
            let url = repository.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(atPath: url.path)
            if folder == "." { enumerator?.skipDescendants() }
            while let path = enumerator?.nextObject() as? String {
                if folder == "." { enumerator?.skipDescendants() }
                let attributes = try? FileManager.default.attributesOfItem(atPath: url.appendingPathComponent(path).path)
                snapshot["\(folder)/\(path)"] = "\(attributes?[.size] ?? 0) \(attributes?[.modificationDate] ?? "")"
            }
        }
        return snapshot
    }
}

/// A TCP listener on 127.0.0.1 that no student code may reach.
final class LoopbackListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw GradeCommandRunner.LaunchFailure(description: "cannot listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    /// True when a connection is waiting (or was made).
    func wasReached() -> Bool {
        let connection = accept(descriptor, nil, nil)
        if connection >= 0 { Glibc.close(connection); return true }
        return false
    }

    func close() { Glibc.close(descriptor) }
}
