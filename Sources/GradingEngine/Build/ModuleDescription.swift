/// One target of the grader's package, as ``ModuleGraph`` writes it into every manifest.
package struct ModuleDescription: Sendable {
    /// What SwiftPM builds from the target.
    package enum Kind: Sendable, Equatable {
        /// A Swift or C library module (`.target`).
        case library
        /// A program (`.executableTarget`).
        case executable
        /// A library of the system, found with pkg-config (`.systemLibrary`).
        case systemLibrary(pkgConfig: String, apt: [String])
        /// Tests (`.testTarget`).
        case tests
    }

    /// A module this one imports.
    package enum Dependency: Sendable, Equatable {
        /// A module of the same package.
        case module(String)
        /// A product of another package, by the package's name.
        case product(String, package: String)
    }

    /// The target's name, also its folder under `Sources/` unless ``path`` says otherwise.
    package var name: String
    /// What is built.
    package var kind: Kind
    /// The modules it depends on.
    package var dependencies: [Dependency]
    /// Why it exists, one line or more; the comment above it in the manifest.
    package var purpose: String
    /// Its folder when not `Sources/<name>` (or `Tests/<name>` for tests).
    package var path: String?
    /// Files inside it that are not sources.
    package var exclude: [String]
    /// System libraries it links.
    package var linkedLibraries: [String]
    /// Whether a student kit carries it (every module but the tests and the test support).
    package var inStudentKit: Bool
    /// Whether it is compiled optimized (`-O`) in every build, debug builds too: the numerics
    /// every worker and the reference run on, whose speed a debug build would cost 25 times over.
    package var optimized: Bool
    /// Whether its sources are C, which ``optimized`` then compiles with `-O2`.
    package var writtenInC: Bool

    package init(_ name: String, _ kind: Kind = .library, dependencies: [Dependency] = [], purpose: String = "",
                 path: String? = nil, exclude: [String] = [], linkedLibraries: [String] = [], inStudentKit: Bool = true,
                 optimized: Bool = false, writtenInC: Bool = false) {
        self.name = name
        self.kind = kind
        self.dependencies = dependencies
        self.purpose = purpose
        self.path = path
        self.exclude = exclude
        self.linkedLibraries = linkedLibraries
        self.inStudentKit = inStudentKit
        self.optimized = optimized
        self.writtenInC = writtenInC
    }

    /// The names of the modules of the same package it depends on.
    package var moduleDependencies: [String] {
        dependencies.compactMap { if case .module(let name) = $0 { name } else { nil } }
    }

    /// The manifest's declaration of the target, with `path` in place of its own (nil: the default folder).
    func declaration(path: String?) -> String {
        var arguments = ["name: \(Self.quoted(name))"]
        if case .systemLibrary(let pkgConfig, let apt) = kind {
            arguments += ["pkgConfig: \(Self.quoted(pkgConfig))", "providers: [.apt([\(apt.map(Self.quoted).joined(separator: ", "))])]"]
        }
        if !dependencies.isEmpty {
            let rendered = dependencies.map { dependency in
                switch dependency {
                case .module(let name): Self.quoted(name)
                case .product(let name, let package): ".product(name: \(Self.quoted(name)), package: \(Self.quoted(package)))"
                }
            }
            arguments.append("dependencies: [\(rendered.joined(separator: ", "))]")
        }
        if let path { arguments.append("path: \(Self.quoted(path))") }
        if !exclude.isEmpty { arguments.append("exclude: [\(exclude.map(Self.quoted).joined(separator: ", "))]") }
        if optimized {
            arguments.append(writtenInC ? "cSettings: [.unsafeFlags([\"-O2\"])]" : "swiftSettings: [.unsafeFlags([\"-O\"])]")
        }
        if !linkedLibraries.isEmpty {
            arguments.append("linkerSettings: [\(linkedLibraries.map { ".linkedLibrary(\(Self.quoted($0)))" }.joined(separator: ", "))]")
        }
        let function = switch kind {
        case .library: "target"
        case .executable: "executableTarget"
        case .systemLibrary: "systemLibrary"
        case .tests: "testTarget"
        }
        return ".\(function)(\(arguments.joined(separator: ", ")))"
    }

    static func quoted(_ text: String) -> String { "\"\(text)\"" }
}
