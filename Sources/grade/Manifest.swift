import ArgumentParser
import GradingEngine

/// `grade manifest`: prints the grader's `Package.swift` as the module graph renders it, for
/// `scripts/generate-manifest`. Hidden: it is for people changing the grader's modules.
struct Manifest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the grader's Package.swift, rendered from its module graph.", shouldDisplay: false)

    func run() {
        print(ModuleGraph.graderManifest, terminator: "")
    }
}
