import ComponentRuntime
import Foundation
import GradeKit
import GradingEngine

/// The fixture submissions, each built once per test run and shared by every test.
enum Fixtures {
    /// The grade package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A builder whose cache lives in the tests' scratch folder, away from the default `.build`.
    static let builder = SubmissionBuilder(
        packageRoot: packageRoot, cacheDirectory: packageRoot.appendingPathComponent(".build-worker/grade-workers"))

    /// The sandbox this host allows, as a student's grader would use it (`auto`).
    static let sandbox: WorkerSandbox = {
        do {
            return try WorkerSandbox.establish(
                mode: .auto, hiddenFolders: [packageRoot], limits: .default,
                launcherCandidates: ["debug", "release"].map { packageRoot.appendingPathComponent(".build/\($0)/grade-sandbox") })
        } catch {
            fatalError("auto mode never refuses: \(error)")
        }
    }()

    /// The folder of a fixture submission.
    static func submission(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures/submissions/\(name)", isDirectory: true)
    }

    /// The hostile submission: one score loss per kind of misbehaviour, and one correct one.
    static let hostile: BuiltSubmission = timedBuild("hostile")
    /// A submission with a type error on line 7 of `BrokenLoss.swift`.
    static let broken: BuiltSubmission = timedBuild("broken")
    /// A submission without `registerComponents(in:)`.
    static let missingRegistration: BuiltSubmission = timedBuild("missing-registration")

    /// A copy of a fixture submission, in a new temporary folder, with `files` (name to
    /// contents) added. The caller removes it.
    static func copy(of name: String, adding files: [String: String]) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("grade-\(name)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: submission(name), to: copy)
        for (file, text) in files {
            try text.write(to: copy.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return copy
    }

    /// The permission bits of a file or folder.
    static func mode(of url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    /// True when every folder above the builder's cache may be passed through by other users,
    /// as a worker started as `nobody` needs.
    static var othersCanReachTheCache: Bool {
        var folder = builder.cacheDirectory.deletingLastPathComponent()
        while true {
            // A folder not made yet (the first run of a fresh clone) is made by the builder,
            // with the cache's pass-through mode, when the fixtures are built.
            if FileManager.default.fileExists(atPath: folder.path) {
                guard let mode = try? mode(of: folder), mode & 0o001 != 0 else { return false }
            }
            if folder.path == "/" { return true }
            folder = folder.deletingLastPathComponent()
        }
    }

    static func timedBuild(_ name: String) -> BuiltSubmission {
        let started = Date()
        let built = builder.build(submission: submission(name))
        print("build of \(name): \(String(format: "%.2f", Date().timeIntervalSince(started))) s, "
              + "cached: \(built.reusedCache), succeeded: \(built.outcome.succeeded)")
        return built
    }
}

/// A one-invocation score-loss request for a component of the hostile submission.
func scoreLossRequest(_ component: String, id: Int = 1, cpuSeconds: Int = 10) -> WorkerRequest {
    WorkerRequest(
        id: id,
        invocations: [Invocation(component: component, family: .scoreLoss, inputs: [
            "scores": .matrix(Matrix([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]])),
            "labels": .integers([0, 1, 2]),
        ])],
        cpuSeconds: cpuSeconds)
}

/// The loss the correct component must return for ``scoreLossRequest(_:id:cpuSeconds:)``:
/// the lecture's cat, car and frog example, (2.9 + 0 + 12.9) / 3.
let expectedHostileLoss = (2.9 + 0 + 12.9) / 3

extension WorkerOutcome {
    /// The loss of a completed score-loss invocation, if there is one.
    var loss: Double? {
        guard case .completed(let results, _) = self, case .outputs(let values)? = results.first,
              case .scalar(let loss)? = values["loss"] else { return nil }
        return loss
    }
}
