import Foundation
@testable import GradingEngine
import Testing

/// The module graph is written once; the manifests are rendered from it.
@Suite("Module graph")
struct ModuleGraphTests {
    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func packageSwiftIsTheManifestTheGraphRenders() throws {
        let committed = try String(contentsOf: Self.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(committed == ModuleGraph.graderManifest, "Package.swift differs from the module graph: run scripts/generate-manifest")
    }

    @Test func everyDependencyIsAModuleOfTheGraphDeclaredBeforeIt() {
        var declared: Set<String> = []
        for module in ModuleGraph.modules {
            for dependency in module.moduleDependencies { #expect(declared.contains(dependency), "\(module.name) depends on \(dependency)") }
            declared.insert(module.name)
        }
    }

    @Test func everySourceFolderIsAModuleOfTheGraph() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.packageRoot.appendingPathComponent("Sources").path)
            .filter { !$0.hasPrefix(".") }
        let modules = Set(ModuleGraph.modules.filter { $0.path == nil && $0.kind != .tests }.map(\.name))
        #expect(Set(folders) == modules)
    }

    @Test func theStudentKitCarriesNoTestsAndCopiesEverySourceModuleButTheReference() {
        #expect(!ModuleGraph.studentKitSourceModules.contains("Reference"))
        #expect(!ModuleGraph.studentKitManifest.contains("testTarget"))
        #expect(ModuleGraph.studentKitManifest.contains(".target(name: \"Reference\", dependencies: [\"GradeKit\"])"))
        #expect(Set(ModuleGraph.studentKitSourceModules).isSuperset(of: ModuleGraph.workerRuntimeModules))
    }

    @Test func workersAreBuiltAgainstTheWorkerLoopAndWhatItDependsOn() {
        #expect(ModuleGraph.workerRuntimeModules == ["CMatrixKernel", "GradeKit", "GradeSystem", "ComponentRuntime"])
    }
}
