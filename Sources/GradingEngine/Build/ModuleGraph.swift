/// The grader's modules and what each depends on, written down once: the grader's own
/// `Package.swift`, a student kit's and the worker packages' manifests are all rendered from it.
///
/// `Package.swift` cannot import project code, so it is generated (`scripts/generate-manifest`)
/// and a test checks that the committed file is exactly what ``graderManifest`` renders.
package enum ModuleGraph {
    /// A package the grader depends on.
    package struct PackageDependency: Sendable {
        package var url: String
        package var from: String
    }

    /// The packages the grader depends on.
    package static let packageDependencies = [
        PackageDependency(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        PackageDependency(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `swift package generate-documentation --target GradeKit`: a plugin, built only when it runs.
        PackageDependency(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ]

    /// The grader's products: the command line, and the library students write against.
    package static let products = [".executable(name: \"grade\", targets: [\"grade\"])", ".library(name: \"GradeKit\", targets: [\"GradeKit\"])"]

    /// Every target, in the manifest's order.
    package static let modules: [ModuleDescription] = [
        ModuleDescription("CMatrixKernel", purpose: """
            The matrix product's kernel and the normal sampler's ziggurat, in C so that on x86-64 Linux they are
            compiled for AVX-512, AVX2 and SSE2 and the processor's widest is chosen at load time; bit for bit the
            same on each. Optimized in every build.
            """, optimized: true, writtenInC: true),
        ModuleDescription("GradeKit", dependencies: [.module("CMatrixKernel")],
                          purpose: "The protocols students conform to, the Matrix type and registration. Optimized in every build.",
                          optimized: true),
        ModuleDescription("Reference", dependencies: [.module("GradeKit")],
                          purpose: "The trusted conformance of every component; also gradable as a submission.", path: "reference"),
        ModuleDescription("GradeSystem", purpose: """
            The system calls every process of the grader makes (EINTR-safe I/O, pipes, waiting,
            file locks); in the worker too. Linux-only. Optimized in every build.
            """, optimized: true),
        ModuleDescription("ComponentRuntime", dependencies: [.module("GradeKit"), .module("GradeSystem")],
                          purpose: """
            Invocations, their wire format, the test functions and the worker's main loop.
            Optimized in every build: it decodes every input a worker gets, megabytes at CIFAR size.
            """, optimized: true),
        ModuleDescription("GradeResults", purpose: "The results every report is written from."),
        ModuleDescription("AssignmentFormat", dependencies: [.module("GradeKit"), .module("ComponentRuntime"), .module("GradeResults"),
                                                             .product("Yams", package: "Yams")],
                          purpose: "Case files and assignment metadata: parsing and validation."),
        ModuleDescription("CProcessTree", purpose: "Starting a build tool so that its whole process tree can be measured and killed; holding a process by descriptor."),
        ModuleDescription("GradingEngine", dependencies: ["GradeKit", "GradeSystem", "ComponentRuntime", "Reference", "AssignmentFormat",
                                                          "GradeResults", "CProcessTree"].map { .module($0) },
                          purpose: "Building submissions, supervising workers, running checks, computing verdicts."),
        ModuleDescription("CLibXML2", .systemLibrary(pkgConfig: "libxml-2.0", apt: ["libxml2-dev"]), purpose: "libxml2, for JUnit XML."),
        ModuleDescription("GradeReports", dependencies: [.module("GradeResults"), .module("GradeSystem"), .module("CLibXML2")],
                          purpose: "Console, JUnit, Gradescope and Markdown writers."),
        ModuleDescription("grade-sandbox", .executable, purpose: """
            The launcher every worker starts through: drops root, sets resource limits,
            no_new_privs, Landlock and the seccomp filter, then executes the worker. C, so that it
            starts in a millisecond and needs nothing inside the sandbox but libc and libseccomp.
            """, linkedLibraries: ["seccomp"]),
        ModuleDescription("grade", .executable, dependencies: ["GradingEngine", "GradeReports", "AssignmentFormat", "GradeResults", "grade-sandbox"]
                            .map { .module($0) } + [.product("ArgumentParser", package: "swift-argument-parser")],
                          purpose: "The command line."),

        ModuleDescription("TestSupport", dependencies: [.module("GradeKit"), .module("CLibXML2")], path: "Tests/TestSupport", inStudentKit: false),
        test("GradeKitTests", ["GradeKit", "CMatrixKernel", "TestSupport"]),
        test("ReferenceTests", ["Reference", "GradeKit", "ComponentRuntime", "TestSupport"], exclude: ["Oracle"]),
        test("AssignmentFormatTests", ["AssignmentFormat", "TestSupport"]),
        test("GradingEngineTests", ["GradingEngine", "GradeResults", "TestSupport"]),
        test("GradeReportsTests", ["GradeReports", "GradeResults", "TestSupport"]),
        test("EndToEndTests", ["GradeResults", "TestSupport"]),
        test("FamilyRecipeTests", ["GradeKit", "ComponentRuntime", "AssignmentFormat", "GradingEngine", "GradeResults"]),
        test("WorkerTests", ["GradingEngine", "ComponentRuntime", "GradeResults", "TestSupport"]),
    ]

    private static func test(_ name: String, _ dependencies: [String], exclude: [String] = []) -> ModuleDescription {
        ModuleDescription(name, .tests, dependencies: dependencies.map { .module($0) }, exclude: exclude, inStudentKit: false)
    }

    /// The module named `name`.
    package static func module(_ name: String) -> ModuleDescription {
        guard let module = modules.first(where: { $0.name == name }) else { fatalError("no module \(name) in the module graph") }
        return module
    }

    /// `roots` and every module they depend on, each after its dependencies.
    package static func closure(of roots: [String]) -> [ModuleDescription] {
        var ordered: [ModuleDescription] = []
        var seen: Set<String> = []
        func visit(_ name: String) {
            guard seen.insert(name).inserted else { return }
            let module = module(name)
            for dependency in module.moduleDependencies { visit(dependency) }
            ordered.append(module)
        }
        for root in roots { visit(root) }
        return ordered
    }

    /// The modules a student kit copies from `Sources/`: all it carries but `Reference`, which it replaces by a stub.
    package static var studentKitSourceModules: [String] {
        modules.filter { $0.inStudentKit && $0.path == nil }.map(\.name)
    }

    /// The grader's `Package.swift`.
    package static var graderManifest: String {
        manifest(name: "grade", header: [], platforms: true, products: products, dependencies: packageDependencies,
                 targets: modules.map { ($0, $0.purpose, $0.path) })
    }

    /// A student kit's `Package.swift`: the same modules without the tests; `Reference` is the kit's stub.
    package static var studentKitManifest: String {
        let kit = modules.filter(\.inStudentKit).map { module in
            module.name == "Reference"
                ? (module, "Registers nothing here: the kit's cases carry the reference's outputs.", nil)
                : (module, module.purpose, module.path)
        }
        return manifest(name: "grade", header: [], platforms: true, products: products, dependencies: packageDependencies, targets: kit)
    }

    /// The kinds of file a module's folder holds sources in: Swift, and C with its headers.
    package static let sourceExtensions: Set<String> = ["swift", "c", "h"]

    /// The modules the worker needs from the grader: the worker loop and what it depends on.
    package static let workerRuntimeModules = closure(of: ["ComponentRuntime"]).map(\.name)

    /// The manifest of the package of runtime modules that workers are built against, with
    /// `products` the modules a worker package uses.
    package static func runtimeManifest(name: String, products: [String]) -> String {
        manifest(name: name, header: ["// Generated by the grader for the submissions it builds; edits are overwritten."], platforms: false,
                 products: products.map { ".library(name: \"\($0)\", targets: [\"\($0)\"])" }, dependencies: [],
                 targets: closure(of: ["ComponentRuntime"]).map { ($0, "", nil) })
    }

    private static func manifest(name: String, header: [String], platforms: Bool, products: [String], dependencies: [PackageDependency],
                                 targets: [(ModuleDescription, String, String?)]) -> String {
        var lines = ["// swift-tools-version: 6.1"] + header + ["import PackageDescription", "", "let package = Package("]
        lines.append("    name: \(ModuleDescription.quoted(name)),")
        if platforms {
            lines.append("    // The floor for the GradeKit library alone: every other target is Linux-only (#error elsewhere).")
            lines.append("    platforms: [.macOS(.v15)],")
        }
        lines.append("    products: [")
        lines += products.map { "        \($0)," }
        lines.append("    ],")
        if !dependencies.isEmpty {
            lines.append("    dependencies: [")
            lines += dependencies.map { "        .package(url: \(ModuleDescription.quoted($0.url)), from: \(ModuleDescription.quoted($0.from)))," }
            lines.append("    ],")
        }
        lines.append("    targets: [")
        var inTests = false
        for (module, purpose, path) in targets {
            if !module.inStudentKit && !inTests {
                lines.append("")
                inTests = true
            }
            lines += purpose.split(separator: "\n").map { "        // \($0)" }
            lines.append("        \(module.declaration(path: path)),")
        }
        lines += ["    ],", "    swiftLanguageModes: [.v6]", ")", ""]
        return lines.joined(separator: "\n")
    }
}
