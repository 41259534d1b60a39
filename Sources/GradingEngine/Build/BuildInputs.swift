import Foundation

/// Every file of the two generated packages that build one submission's worker, by path
/// inside the build cache.
///
/// - `grade-runtime/` holds copies of `GradeSystem`, `GradeKit` and `ComponentRuntime`; the last two are products.
/// - `package/` holds the submission as the `StudentSubmission` module, which depends on the
///   product `GradeKit` only, and the executable `grade-worker`, which depends on
///   `ComponentRuntime` and `StudentSubmission`.
///
/// Two packages, because `package` declarations are visible throughout one package: with the
/// submission beside the runtime it could set `runningComponent` and have a stub blamed on
/// another component. `swift build --explicit-target-dependency-import-check error` keeps the
/// submission from importing `ComponentRuntime`, whose module file lies in the same build
/// folder and would otherwise be found.
struct BuildInputs {
    /// The worker executable's product and target name.
    static let workerProduct = "grade-worker"
    /// The worker package's folder in the build cache.
    static let workerPackage = "package"
    /// The file in the cache holding the last ``SourceStamp``.
    static let stampFile = "source-stamp"
    /// The runtime package's folder in the build cache, beside the worker package.
    static let runtimePackage = "grade-runtime"
    /// Where the submission's files go inside the worker package.
    /// The module the submission's files are compiled into.
    static let studentModule = "StudentSubmission"
    static let studentSourcesPath = "Sources/\(studentModule)"
    /// The generated file that hands the submission's registration to the worker loop,
    /// inside the worker package.
    static let entryPointPath = "Sources/grade-worker/main.swift"
    /// Changes whenever the layout below changes, so old cached executables are not reused;
    /// and when cached executables may be wrong: 7 leaves every executable built before
    /// ``SourceStamp`` behind, since any of them may hold the code of the submission built before it.
    static let layoutVersion = "grade-worker-package 7"
    /// The runtime modules copied from the grade package: the worker loop and what it depends on.
    static let runtimeModules = ModuleGraph.workerRuntimeModules

    /// Contents by path relative to the build cache, e.g. `grade-runtime/Sources/GradeKit/Matrix.swift`.
    private(set) var files: [String: Data] = [:]
    /// The submission's files, by path relative to the submission, with their text.
    private(set) var studentSources: [(path: String, text: String)] = []

    /// The submission's files that are compiled under another name: generated path (relative
    /// to the `StudentSubmission` folder) to the path in the submission.
    private(set) var renamedStudentFiles: [String: String] = [:]

    /// The name a student file gets inside the `StudentSubmission` module.
    ///
    /// A file called `main.swift` would make the library module a program of its own (a
    /// second `main` beside the worker's), so it is compiled like any other file; a local
    /// driver with top-level code then fails with diagnostics that point at it.
    static func generatedName(forStudentFile path: String) -> String {
        guard path == "main.swift" || path.hasSuffix("/main.swift") else { return path }
        return String(path.dropLast("main.swift".count)) + "main.submission.swift"
    }

    /// Why a submission cannot be built at all.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads the runtime sources from `packageRoot` and the `.swift` files of `submission`.
    init(packageRoot: URL, submission: URL) throws(Problem) {
        for module in Self.runtimeModules {
            let folder = packageRoot.appendingPathComponent("Sources/\(module)", isDirectory: true)
            let sources = try Self.sourceFiles(in: folder, extensions: ModuleGraph.sourceExtensions)
            guard !sources.isEmpty else { throw Problem(description: "no \(module) sources in \(folder.path): is \(packageRoot.path) the grade package?") }
            for (path, data) in sources { files["\(Self.runtimePackage)/Sources/\(module)/\(path)"] = data }
        }
        let student = try Self.sourceFiles(in: submission, extensions: ["swift"])
        guard !student.isEmpty else {
            throw Problem(description: "the submission folder \(submission.path) contains no .swift files")
        }
        for (path, data) in student.sorted(by: { $0.key < $1.key }) {
            let generated = Self.generatedName(forStudentFile: path)
            if generated != path { renamedStudentFiles[generated] = path }
            files["\(Self.workerPackage)/\(Self.studentSourcesPath)/\(generated)"] = data
            studentSources.append((path, String(decoding: data, as: UTF8.self)))
        }
        files["\(Self.runtimePackage)/Package.swift"] = Data(Self.runtimeManifest.utf8)
        files["\(Self.workerPackage)/Package.swift"] = Data(Self.workerManifest.utf8)
        files["\(Self.workerPackage)/\(Self.entryPointPath)"] = Data(Self.entryPoint.utf8)
    }

    /// The SHA-256 of the layout version, the toolchain and every file's path and contents.
    func fingerprint(toolchain: String) -> String {
        Fingerprint.of(bytes: [Array(Self.layoutVersion.utf8), Array(toolchain.utf8)]
                       + files.keys.sorted().flatMap { [Array($0.utf8), Array(files[$0]!)] })
    }

    /// Makes the source folders of both packages in `cache` hold exactly these files, writing
    /// only files whose contents differ, so that the build stays incremental. Returns true when
    /// the runtime package changed at all, and the worker package's build folder must go: with a
    /// file gained or lost it describes a dependency that no longer exists (SwiftPM fails with
    /// "missing inputs"), and a changed file may change the layout of a type that the
    /// submission's compiled module has built in (a private stored property added to `Matrix`
    /// changes its size without changing its interface), which the incremental build does not
    /// notice: the old code would read the new values wrongly. The runtime changes only with
    /// the grader itself, so a clean build is rare.
    ///
    /// The Swift driver takes a file whose modification time is in the same second as when it
    /// last compiled it for unchanged, whatever its contents: the next submission's files,
    /// swapped in well within a second of the last build, would be graded as the last one's.
    /// So every file written here gets one modification time, a whole second later than that
    /// of any file written before (``SourceStamp``).
    @discardableResult
    func synchronize(into cache: URL) throws -> Bool {
        let fileManager = FileManager.default
        var written: [URL] = []
        var runtimeFilesChanged = false
        for package in [Self.runtimePackage, Self.workerPackage] {
            let sources = cache.appendingPathComponent("\(package)/Sources", isDirectory: true)
            guard let existing = fileManager.enumerator(at: sources, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            var stale: [URL] = []
            for case let url as URL in existing {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let relative = "\(package)/Sources/" + Self.relativePath(of: url, in: sources)
                if files[relative] == nil { stale.append(url) }
            }
            for url in stale { try fileManager.removeItem(at: url) }
            if package == Self.runtimePackage && !stale.isEmpty { runtimeFilesChanged = true }
        }
        for (path, data) in files {
            let url = cache.appendingPathComponent(path)
            if let current = try? Data(contentsOf: url), current == data { continue }
            if path.hasPrefix(Self.runtimePackage + "/") { runtimeFilesChanged = true }
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
            written.append(url)
        }
        for package in [Self.runtimePackage, Self.workerPackage] {
            Self.removeEmptyFolders(in: cache.appendingPathComponent("\(package)/Sources", isDirectory: true))
        }
        if !written.isEmpty { try SourceStamp(file: cache.appendingPathComponent(Self.stampFile)).mark(written) }
        return runtimeFilesChanged
    }

    /// The files under `folder` whose names end in one of `extensions`, by relative path.
    /// Hidden files and folders (such as `._Loss.swift` from a macOS archive, or `.build`) are skipped.
    private static func sourceFiles(in folder: URL, extensions: Set<String>) throws(Problem) -> [String: Data] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw Problem(description: "\(folder.path) is not a folder")
        }
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles, .skipsPackageDescendants])
        else { throw Problem(description: "cannot list \(folder.path)") }
        var found: [String: Data] = [:]
        for case let url as URL in enumerator where extensions.contains(url.pathExtension) {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  !url.pathComponents.contains("__MACOSX") else { continue }
            guard let data = try? Data(contentsOf: url) else { throw Problem(description: "cannot read \(url.path)") }
            found[relativePath(of: url, in: folder)] = data
        }
        return found
    }

    private static func relativePath(of url: URL, in folder: URL) -> String {
        let base = folder.resolvingSymlinksInPath().pathComponents
        let components = url.resolvingSymlinksInPath().pathComponents
        return components.dropFirst(base.count).joined(separator: "/")
    }

    private static func removeEmptyFolders(in folder: URL) {
        let fileManager = FileManager.default
        guard let children = try? fileManager.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        for child in children where (try? child.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
            removeEmptyFolders(in: child)
            if (try? fileManager.contentsOfDirectory(atPath: child.path))?.isEmpty == true { try? fileManager.removeItem(at: child) }
        }
    }

    /// The runtime product the submission is compiled against, and the one with the worker loop.
    private static let (studentProduct, workerLoopProduct) = ("GradeKit", "ComponentRuntime")
    /// The products of the runtime package that the worker package uses.
    private static let runtimeProducts = [studentProduct, workerLoopProduct]

    private static let runtimeManifest = ModuleGraph.runtimeManifest(name: runtimePackage, products: runtimeProducts)

    private static let workerManifest = """
        // swift-tools-version: 6.1
        // Generated by the grader for each submission it builds; edits are overwritten.
        import PackageDescription

        let package = Package(
            name: "grade-worker",
            dependencies: [.package(path: "../\(runtimePackage)")],
            targets: [
                .target(name: "\(studentModule)", dependencies: [.product(name: "\(studentProduct)", package: "\(runtimePackage)")]),
                .executableTarget(name: "\(workerProduct)", dependencies: [
                    .product(name: "\(workerLoopProduct)", package: "\(runtimePackage)"), "\(studentModule)",
                ]),
            ],
            swiftLanguageModes: [.v6]
        )

        """

    /// Scoped imports bring exactly these two names into scope, so no declaration of the
    /// submission (a type called `WorkerLoop` or `StudentSubmission`, another overload) can
    /// shadow them or make the call ambiguous.
    private static let entryPoint = """
        // Generated by the grader: the worker process runs the submission's components.
        import enum ComponentRuntime.WorkerLoop
        import func StudentSubmission.registerComponents

        WorkerLoop.run(register: { registerComponents(in: &$0) })

        """
}

/// The modification time of the source files one synchronization writes: a whole second, no
/// earlier than now and later than every stamp before it, which `file` keeps. Rebuilds faster
/// than one a second move it ahead of the clock, which only the comparison needs.
struct SourceStamp {
    let file: URL

    /// Gives `files` the next stamp, and keeps it.
    func mark(_ files: [URL]) throws {
        let last = (try? String(contentsOf: file, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        let second = max(Int(Date().timeIntervalSince1970.rounded(.down)), last + 1)
        let date = Date(timeIntervalSince1970: Double(second))
        for url in files { try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path) }
        try Data(String(second).utf8).write(to: file, options: .atomic)
    }
}
