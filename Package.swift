// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "grade",
    // The floor for the GradeKit library alone: every other target is Linux-only (#error elsewhere).
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "grade", targets: ["grade"]),
        .library(name: "GradeKit", targets: ["GradeKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The matrix product's kernel and the normal sampler's ziggurat, in C so that on x86-64 Linux they are
        // compiled for AVX-512, AVX2 and SSE2 and the processor's widest is chosen at load time; bit for bit the
        // same on each. Optimized in every build.
        .target(name: "CMatrixKernel", cSettings: [.unsafeFlags(["-O2"])]),
        // The protocols students conform to, the Matrix type and registration. Optimized in every build.
        .target(name: "GradeKit", dependencies: ["CMatrixKernel"], swiftSettings: [.unsafeFlags(["-O"])]),
        // The trusted conformance of every component; also gradable as a submission.
        .target(name: "Reference", dependencies: ["GradeKit"], path: "reference"),
        // The system calls every process of the grader makes (EINTR-safe I/O, pipes, waiting,
        // file locks); in the worker too. Linux-only. Optimized in every build.
        .target(name: "GradeSystem", swiftSettings: [.unsafeFlags(["-O"])]),
        // Invocations, their wire format, the test functions and the worker's main loop.
        // Optimized in every build: it decodes every input a worker gets, megabytes at CIFAR size.
        .target(name: "ComponentRuntime", dependencies: ["GradeKit", "GradeSystem"], swiftSettings: [.unsafeFlags(["-O"])]),
        // The results every report is written from.
        .target(name: "GradeResults"),
        // Case files and assignment metadata: parsing and validation.
        .target(name: "AssignmentFormat", dependencies: ["GradeKit", "ComponentRuntime", "GradeResults", .product(name: "Yams", package: "Yams")]),
        // Starting a build tool so that its whole process tree can be measured and killed; holding a process by descriptor.
        .target(name: "CProcessTree"),
        // Building submissions, supervising workers, running checks, computing verdicts.
        .target(name: "GradingEngine", dependencies: ["GradeKit", "GradeSystem", "ComponentRuntime", "Reference", "AssignmentFormat", "GradeResults", "CProcessTree"]),
        // libxml2, for JUnit XML.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Console, JUnit, Gradescope and Markdown writers.
        .target(name: "GradeReports", dependencies: ["GradeResults", "GradeSystem", "CLibXML2"]),
        // The launcher every worker starts through: drops root, sets resource limits,
        // no_new_privs, Landlock and the seccomp filter, then executes the worker. C, so that it
        // starts in a millisecond and needs nothing inside the sandbox but libc and libseccomp.
        .executableTarget(name: "grade-sandbox", linkerSettings: [.linkedLibrary("seccomp")]),
        // The command line.
        .executableTarget(name: "grade", dependencies: ["GradingEngine", "GradeReports", "AssignmentFormat", "GradeResults", "grade-sandbox", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .target(name: "TestSupport", dependencies: ["GradeKit", "CLibXML2"], path: "Tests/TestSupport"),
        .testTarget(name: "GradeKitTests", dependencies: ["GradeKit", "CMatrixKernel", "TestSupport"]),
        .testTarget(name: "ReferenceTests", dependencies: ["Reference", "GradeKit", "ComponentRuntime", "TestSupport"], exclude: ["Oracle"]),
        .testTarget(name: "AssignmentFormatTests", dependencies: ["AssignmentFormat", "TestSupport"]),
        .testTarget(name: "GradingEngineTests", dependencies: ["GradingEngine", "GradeResults", "TestSupport"]),
        .testTarget(name: "GradeReportsTests", dependencies: ["GradeReports", "GradeResults", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["GradeResults", "TestSupport"]),
        .testTarget(name: "FamilyRecipeTests", dependencies: ["GradeKit", "ComponentRuntime", "AssignmentFormat", "GradingEngine", "GradeResults"]),
        .testTarget(name: "WorkerTests", dependencies: ["GradingEngine", "ComponentRuntime", "GradeResults", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
