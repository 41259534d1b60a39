import Foundation
import GradeSystem
import Glibc

/// Why a confinement could not be started on this host.
struct ProbeFailure: Error {
    var reason: String
}

/// Grading was refused: the sandbox mode demands layers this host cannot provide.
public struct SandboxUnavailable: Error, CustomStringConvertible {
    /// What is missing, why, and what provides it.
    public var description: String
}

extension WorkerSandbox {
    /// Finds the strongest confinement this host allows, proves it by starting the launcher in
    /// it and inspecting the process from outside, and checks it against `mode`.
    ///
    /// - Parameters:
    ///   - hiddenFolders: folders student code must not see (the course repository).
    ///   - launcherCandidates: where the `grade-sandbox` launcher may be; the first that exists is used.
    /// - Throws: ``SandboxUnavailable`` in `strict` mode when a required layer is missing, naming it
    ///   and what provides it.
    public static func establish(mode: SandboxMode, hiddenFolders: [URL], limits: WorkerResourceLimits,
                                 launcherCandidates: [URL]) throws(SandboxUnavailable) -> WorkerSandbox {
        let hidden = hiddenFolders.map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
        let root = geteuid() == 0
        let launcher = launcherCandidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
        guard mode != .off else {
            return WorkerSandbox(mode: .off, confinement: .none, layers: [], missing: Dictionary(uniqueKeysWithValues:
                IsolationLayer.allCases.map { ($0, "--sandbox off") }), landlock: false, launcher: launcher, bubblewrap: nil,
                hiddenFolders: hidden, libraryFolders: [], limits: limits, graderIsRoot: root)
        }
        let bubblewrap = executableOnPath("bwrap")
        let libraries = runtimeLibraryFolders

        var reasons: [String] = []
        if launcher == nil { reasons.append("the grade-sandbox launcher is not built (run swift build; it needs libseccomp-dev)") }
        if bubblewrap == nil { reasons.append("bubblewrap is not installed (apt-get install bubblewrap)") }
        var candidates: [(Confinement, Bool)] = []
        if launcher != nil {
            if bubblewrap != nil { candidates += [(.namespaces(userNamespace: !root), true), (.namespaces(userNamespace: !root), false)] }
            candidates += [(.launcher, true), (.launcher, false)]
        }
        var chosen: (WorkerSandbox, Set<IsolationLayer>)?
        for (confinement, landlock) in candidates {
            let candidate = WorkerSandbox(mode: mode, confinement: confinement, layers: [], missing: [:], landlock: landlock,
                                          launcher: launcher, bubblewrap: bubblewrap, hiddenFolders: hidden,
                                          libraryFolders: libraries, limits: limits, graderIsRoot: root)
            switch candidate.probe() {
            case .success(let layers):
                chosen = (candidate, layers)
            case .failure(let failure):
                reasons.append(failure.reason)
            }
            if chosen != nil { break }
        }
        let layers = chosen?.1 ?? []
        var missing: [IsolationLayer: String] = [:]
        let because = reasons.isEmpty ? "not provided on this host" : reasons.joined(separator: "; ")
        for layer in IsolationLayer.allCases where !layers.contains(layer) { missing[layer] = because }
        if mode == .strict {
            let lacking = IsolationLayer.allCases.filter { $0.isRequiredInStrictMode && !layers.contains($0) }
            if !lacking.isEmpty {
                let remedies = Set(lacking.map(\.remedy)).sorted()
                throw SandboxUnavailable(description: """
                    the worker sandbox cannot be established in strict mode: missing \(lacking.map(\.phrase).joined(separator: ", ")).
                    Seen: \(because).
                    Provided by: \(remedies.joined(separator: "; or "))
                    (--sandbox auto grades with the isolation this host allows, and reports it).
                    """)
            }
        }
        guard let (sandbox, _) = chosen else {
            return WorkerSandbox(mode: mode, confinement: .none, layers: [], missing: missing, landlock: false, launcher: nil,
                                 bubblewrap: nil, hiddenFolders: hidden, libraryFolders: libraries, limits: limits, graderIsRoot: root)
        }
        return WorkerSandbox(mode: mode, confinement: sandbox.confinement, layers: layers, missing: missing,
                             landlock: sandbox.landlock, launcher: launcher, bubblewrap: bubblewrap, hiddenFolders: hidden,
                             libraryFolders: libraries, limits: limits, graderIsRoot: root)
    }

    /// Starts the launcher in this confinement in probe mode and says which layers it shows.
    func probe() -> Result<Set<IsolationLayer>, ProbeFailure> {
        guard let launcher else { return .failure(ProbeFailure(reason: "no launcher")) }
        let scratch: URL
        do { scratch = try Self.makeScratch() } catch { return .failure(ProbeFailure(reason: "cannot create a scratch folder: \(error)")) }
        defer { try? FileManager.default.removeItem(at: scratch.deletingLastPathComponent()) }
        let launch = self.launch(worker: launcher, scratch: scratch.path, probe: hiddenFolders.isEmpty ? ["/"] : hiddenFolders)
        let started = WorkerProcess.spawn(arguments: launch.arguments, environment: Self.environment(scratch: launch.scratch),
                                          workingDirectory: launch.workingDirectory, info: launch.reportsPID)
        guard case .success(let process) = started else {
            if case .failure(let error) = started { return .failure(ProbeFailure(reason: error.message)) }
            return .failure(ProbeFailure(reason: "cannot start"))
        }
        defer {
            process.kill()
            _ = process.reap(blocking: true)
            process.closeDescriptors()
        }
        var output: [UInt8] = [], errors: [UInt8] = [], info: [UInt8] = []
        let deadline = Monotonic.now() + 10
        while !String(decoding: output, as: UTF8.self).contains("ready\n") && Monotonic.now() < deadline {
            var descriptors = [pollfd(fd: process.results, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: process.errors, events: Int16(POLLIN), revents: 0)]
            _ = SystemCall.poll(&descriptors, milliseconds: 100)
            let a = SystemCall.readAvailable(process.results, appendingTo: &output).bytes
            let b = SystemCall.readAvailable(process.errors, appendingTo: &errors).bytes
            if a == 0 && b == 0 && process.reap(blocking: false) != nil { break }
        }
        let said = String(decoding: output, as: UTF8.self)
        guard said.contains("ready\n") else {
            let reason = String(decoding: errors, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "it ended without a word"
            return .failure(ProbeFailure(reason: "\(describe) could not start: \(reason)"))
        }
        var pid = process.pid
        if launch.reportsPID {
            if let descriptor = process.info {
                _ = Self.awaitChildPID(on: descriptor, info: &info, deadline: Monotonic.now() + 2)
            }
            guard let child = Self.childPID(in: info) else { return .failure(ProbeFailure(reason: "\(describe) did not report the sandboxed process")) }
            pid = child
        }
        guard let inspection = ProcessInspection(pid: pid) else { return .failure(ProbeFailure(reason: "\(describe): the probe process cannot be inspected")) }
        var layers = observedLayers(inspection)
        let hiddenInside = said.split(separator: "\n").filter { $0.hasPrefix("hidden ") }.count
        if landlock { layers.insert(.landlock) }
        if hiddenInside < hiddenFolders.count { layers.remove(.mountNamespace) }
        if confinement == .launcher, hiddenInside < hiddenFolders.count {
            return .success(layers)  // the course files stay visible; reported as missing layers
        }
        return .success(layers)
    }

    private var describe: String {
        switch confinement {
        case .none: "an unconfined worker"
        case .launcher: landlock ? "the launcher with Landlock" : "the launcher"
        case .namespaces(let user): "bubblewrap" + (user ? " with a user namespace" : "") + (landlock ? " and Landlock" : "")
        }
    }

    /// The environment of every worker: nothing of the grader's (a CI job's tokens live there).
    static func environment(scratch: String) -> [String] {
        ["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=\(scratch)", "TMPDIR=\(scratch)", "SWIFT_BACKTRACE=enable=no"]
    }

    /// A new private folder for one supervisor: `<tmp>/grade-worker-…/home`, the parent only
    /// traversable, the home the worker's own (nobody's, under a root grader).
    static func makeScratch() throws -> URL {
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grade-worker-\(UUID().uuidString)", isDirectory: true)
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o711])
        let home = root.appendingPathComponent("home", isDirectory: true)
        try fileManager.createDirectory(at: home, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        if geteuid() == 0, chown(home.path, workerID, workerID) != 0 { throw SystemError("chown \(home.path) to the worker's user") }
        return home
    }

    /// Copies the worker executable where the worker's user can execute it, beside its scratch.
    func stage(worker: String, scratch: URL) throws -> String {
        guard confinement == .launcher, graderIsRoot else { return worker }
        let fileManager = FileManager.default
        let folder = scratch.deletingLastPathComponent().appendingPathComponent("bin", isDirectory: true)
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let copy = folder.appendingPathComponent(URL(fileURLWithPath: worker).lastPathComponent)
        if !fileManager.fileExists(atPath: copy.path) { try fileManager.copyItem(atPath: worker, toPath: copy.path) }
        try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        return copy.path
    }

    /// Waits until bubblewrap's info document on `descriptor` names the sandboxed process, the
    /// monotonic `deadline` passes, or `gaveUp` says so; `info` keeps what was read so far.
    static func awaitChildPID(on descriptor: Int32, info: inout [UInt8], deadline: Double,
                              gaveUp: () -> Bool = { false }) -> pid_t? {
        while childPID(in: info) == nil && Monotonic.now() < deadline {
            var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            _ = SystemCall.poll(&descriptors, milliseconds: 20)
            if SystemCall.readAvailable(descriptor, appendingTo: &info).bytes == 0 && gaveUp() { break }
        }
        return childPID(in: info)
    }

    /// The `"child-pid": N` of bubblewrap's info document.
    static func childPID(in info: [UInt8]) -> pid_t? {
        let text = String(decoding: info, as: UTF8.self)
        guard let key = text.range(of: "\"child-pid\":") else { return nil }
        let digits = text[key.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
        guard text[key.upperBound...].contains("}") else { return nil }
        return pid_t(digits)
    }

    private static func executableOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin"])
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Where the Swift runtime's shared libraries are, as the toolchain reports them.
    private static let runtimeLibraryFolders: [String] = {
        let result = ToolRunner.run(["swift", "-print-target-info"], timeout: 60)
        guard result.status == 0, let data = result.output.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let paths = object["paths"] as? [String: Any], let folders = paths["runtimeLibraryPaths"] as? [String] else { return [] }
        return folders
    }()
}
