import ArgumentParser
import Foundation
import GradingEngine

/// `--sandbox strict|auto|off`, shared by every command that runs student code.
struct SandboxOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "How student code is isolated: strict (refuse to grade unless every layer holds; the default when CI=true), auto (apply what this host allows; the default otherwise) or off.",
        valueName: "mode"))
    var sandbox: SandboxMode?

    /// Establishes the sandbox for this grader's course repository, or explains why it cannot.
    func establish(layout: ProjectLayout) throws(CouldNotGrade) -> WorkerSandbox {
        let mode = sandbox ?? .default(environment: ProcessInfo.processInfo.environment)
        do {
            // The course repository holds the reference and the hidden cases.
            return try WorkerSandbox.establish(mode: mode, hiddenFolders: [layout.root], limits: .default,
                                               launcherCandidates: layout.sandboxLauncherCandidates)
        } catch {
            throw CouldNotGrade(message: error.description)
        }
    }
}

extension SandboxMode: ExpressibleByArgument {}

extension ProjectLayout {
    /// Where the `grade-sandbox` launcher may be: beside the running grader, then in the
    /// package's build folders.
    var sandboxLauncherCandidates: [URL] {
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        return [running.appendingPathComponent("grade-sandbox")] + ["debug", "release"].map {
            root.appendingPathComponent(".build/\($0)/grade-sandbox")
        }
    }
}
