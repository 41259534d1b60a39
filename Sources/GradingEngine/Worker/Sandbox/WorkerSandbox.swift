import Foundation
import GradeResults

import Glibc

/// How workers are confined: the command that starts one, and the check, from the grader's
/// side, that a started one is confined as promised.
///
/// Confinement is applied before the worker executes, by programs student code is never linked
/// into: bubblewrap (namespaces, a private root) and the grader's own `grade-sandbox` launcher
/// (dropping root, resource limits, `no_new_privs`, Landlock, the seccomp filter). A worker is
/// then inspected in `/proc` before it gets its first request; one that is not confined as the
/// probe was is killed, and grading stops (see ``SandboxViolation``).
public struct WorkerSandbox: Sendable {
    /// What starts a worker.
    public enum Confinement: Sendable, Hashable {
        /// The worker is started directly.
        case none
        /// Through the launcher alone (no namespaces: the host allows none).
        case launcher
        /// Through bubblewrap and the launcher; `userNamespace` when the grader is not root.
        case namespaces(userNamespace: Bool)
    }

    /// The mode asked for.
    public let mode: SandboxMode
    /// How workers are started.
    public let confinement: Confinement
    /// The layers the probe established and verified; every worker must show them.
    public let layers: Set<IsolationLayer>
    /// The layers that could not be established, with the reason.
    public let missing: [IsolationLayer: String]
    /// Whether the launcher applies Landlock.
    let landlock: Bool
    let launcher: String?
    let bubblewrap: String?
    /// Folders student code must not see (the course repository: reference, hidden cases).
    let hiddenFolders: [String]
    /// Folders of the Swift runtime's shared libraries.
    let libraryFolders: [String]
    let limits: WorkerResourceLimits
    let graderIsRoot: Bool

    /// No confinement: workers run as the grader's own processes.
    public static let unconfined = WorkerSandbox(
        mode: .off, confinement: .none, layers: [], missing: [:], landlock: false, launcher: nil, bubblewrap: nil,
        hiddenFolders: [], libraryFolders: [], limits: .default, graderIsRoot: geteuid() == 0)

    /// The same confinement under other resource limits.
    public func limited(by limits: WorkerResourceLimits) -> WorkerSandbox {
        WorkerSandbox(mode: mode, confinement: confinement, layers: layers, missing: missing, landlock: landlock,
                      launcher: launcher, bubblewrap: bubblewrap, hiddenFolders: hiddenFolders,
                      libraryFolders: libraryFolders, limits: limits, graderIsRoot: graderIsRoot)
    }

    /// The isolation achieved, for reports.
    public var isolation: Isolation {
        Isolation(mode: mode.rawValue, layers: layers.sorted().map(\.phrase),
                  missing: missing.sorted { $0.key < $1.key }.map { "\($0.key.phrase) (\($0.value))" })
    }

    /// The exit status of the launcher when a step of confinement failed.
    static let launcherFailureStatus: Int32 = 125
    /// How the launcher's failure line starts.
    static let launcherFailureMarker = "grade-sandbox:"

    /// The user and group a worker runs as.
    static let workerID: UInt32 = 65534
    /// Where the worker's folder and the launcher appear inside a private root.
    static let workerFolderInside = "/grade/worker"
    static let launcherInside = "/grade/grade-sandbox"
    /// The worker's scratch folder inside a private root (a size-limited tmpfs).
    static let scratchInside = "/tmp"

    /// How to start one worker (or, with `probe`, the launcher's self-check).
    struct Launch {
        /// The program and its arguments; the first is the path to execute.
        var arguments: [String]
        /// Where the started process begins.
        var workingDirectory: String?
        /// The worker's HOME and TMPDIR.
        var scratch: String
        /// True when bubblewrap reports the worker's pid on descriptor 3.
        var reportsPID: Bool
    }

    /// The command that starts `worker` (an executable path on the host), with `scratch` its
    /// private folder when there is no private root. With `probe`, the launcher checks
    /// whether it can open each of those paths instead of running the worker.
    func launch(worker: String, scratch: String, probe: [String]? = nil) -> Launch {
        guard let launcher else {
            return Launch(arguments: [worker], workingDirectory: scratch, scratch: scratch, reportsPID: false)
        }
        switch confinement {
        case .none:
            // Unconfined, but the kernel still bounds memory, files and CPU.
            var arguments = [launcher]
            for (name, value) in limits.launcherLimits(countsProcesses: false) { arguments += ["--rlimit", "\(name)=\(value)"] }
            arguments += probe.map { $0.flatMap { ["--probe", $0] } } ?? ["--", worker]
            return Launch(arguments: arguments, workingDirectory: scratch, scratch: scratch, reportsPID: false)
        case .launcher:
            var arguments = [launcher] + launcherArguments(reading: hostReadableFolders + [URL(fileURLWithPath: worker).deletingLastPathComponent().path],
                                                           writing: scratch, processes: false)
            arguments += probe.map { $0.flatMap { ["--probe", $0] } } ?? ["--", worker]
            return Launch(arguments: arguments, workingDirectory: scratch, scratch: scratch, reportsPID: false)
        case .namespaces(let userNamespace):
            let workerName = URL(fileURLWithPath: worker).lastPathComponent
            let workerFolder = URL(fileURLWithPath: worker).deletingLastPathComponent().path
            var arguments = [bubblewrap ?? "bwrap",
                             "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                             "--die-with-parent", "--new-session", "--as-pid-1", "--info-fd", "3"]
            if userNamespace {
                arguments += ["--unshare-user", "--uid", "\(Self.workerID)", "--gid", "\(Self.workerID)", "--disable-userns"]
            } else {
                // Root keeps only what the launcher needs to become nobody.
                arguments += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
            }
            var made: Set<String> = ["/"]
            func makeParents(of path: String) {
                var parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
                var chain: [String] = []
                while !made.contains(parent) && parent != "/" {
                    chain.append(parent)
                    parent = URL(fileURLWithPath: parent).deletingLastPathComponent().path
                }
                for folder in chain.reversed() {
                    arguments += ["--perms", "0755", "--dir", folder]
                    made.insert(folder)
                }
            }
            for (link, target) in systemLinks { arguments += ["--symlink", target, link] }
            for folder in systemFolders + libraryFolders where FileManager.default.fileExists(atPath: folder) {
                makeParents(of: folder)
                arguments += ["--ro-bind", folder, folder]
                made.insert(folder)
            }
            // A hidden folder beneath a system folder is covered by an empty one.
            for folder in hiddenFolders where systemFolders.contains(where: { folder.hasPrefix($0 + "/") }) {
                arguments += ["--perms", "0000", "--tmpfs", folder]
            }
            makeParents(of: Self.workerFolderInside)
            arguments += ["--ro-bind", workerFolder, Self.workerFolderInside, "--ro-bind", launcher, Self.launcherInside,
                          "--proc", "/proc", "--dev", "/dev",
                          "--size", "\(limits.scratchBytes)", "--perms", "1777", "--tmpfs", Self.scratchInside,
                          "--chdir", Self.scratchInside, Self.launcherInside]
            arguments += launcherArguments(reading: systemFolders + libraryFolders + [Self.workerFolderInside, "/dev", "/proc"],
                                           writing: Self.scratchInside, processes: userNamespace)
            arguments += probe.map { $0.flatMap { ["--probe", $0] } } ?? ["--", Self.workerFolderInside + "/" + workerName]
            return Launch(arguments: arguments, workingDirectory: nil, scratch: Self.scratchInside, reportsPID: true)
        }
    }

    /// The launcher's options: the user to become, the limits, Landlock's folders, the filter.
    private func launcherArguments(reading: [String], writing: String, processes: Bool) -> [String] {
        var arguments: [String] = []
        if graderIsRoot { arguments += ["--uid", "\(Self.workerID)", "--gid", "\(Self.workerID)"] }
        for (name, value) in limits.launcherLimits(countsProcesses: processes) { arguments += ["--rlimit", "\(name)=\(value)"] }
        if landlock {
            arguments.append("--landlock")
            for folder in reading { arguments += ["--read", folder] }
            arguments += ["--write", writing]
        }
        arguments.append("--seccomp")
        return arguments
    }

    /// The system's own folders: programs and libraries, never course files.
    private var systemFolders: [String] {
        ["/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin"].filter { path in
            // A merged-/usr host has /lib → usr/lib: bind the real folder only once, and keep the link.
            (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil
        }
    }

    /// The system folders that are symbolic links (`/lib` → `usr/lib` on a merged-/usr host), recreated as such.
    private var systemLinks: [(String, String)] {
        ["/lib", "/lib64", "/lib32", "/bin", "/sbin"].compactMap { path in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { (path, $0) }
        }
    }

    /// What a worker may read without a private root.
    private var hostReadableFolders: [String] {
        ["/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc/ld.so.cache", "/dev/null", "/dev/zero", "/dev/full",
         "/dev/random", "/dev/urandom", "/proc/self", "/sys/devices/system/cpu", "/sys/fs/cgroup"] + libraryFolders
    }

    /// The layers `inspection` shows the worker lacks, among those the sandbox promised.
    func violations(of inspection: ProcessInspection, expected: Set<IsolationLayer>) -> [String] {
        expected.subtracting([.landlock]).subtracting(observedLayers(inspection)).sorted().map(\.phrase)
    }

    /// The layers `inspection` shows (all but Landlock, which only the process itself can test).
    func observedLayers(_ inspection: ProcessInspection) -> Set<IsolationLayer> {
        var layers: Set<IsolationLayer> = []
        let users = inspection.userIDs
        if users.count == 4, users.allSatisfy({ $0 != 0 }), !graderIsRoot || users.allSatisfy({ $0 == Self.workerID }) {
            layers.insert(.unprivilegedUser)
        }
        if inspection.hasNoCapabilities { layers.insert(.noCapabilities) }
        if inspection.hasNoNewPrivileges { layers.insert(.noNewPrivileges) }
        if inspection.hasSeccompFilter { layers.insert(.seccomp) }
        if inspection.sharedNamespaces(["mnt"]).isEmpty, inspection.visiblePaths(hiddenFolders).isEmpty { layers.insert(.mountNamespace) }
        if inspection.sharedNamespaces(["pid"]).isEmpty { layers.insert(.pidNamespace) }
        if inspection.sharedNamespaces(["net"]).isEmpty { layers.insert(.networkNamespace) }
        if inspection.sharedNamespaces(["ipc", "uts"]).isEmpty { layers.insert(.ipcNamespace) }
        let limited = limits.launcherLimits(countsProcesses: false).allSatisfy { name, value in
            guard let kernelName = WorkerResourceLimits.kernelNames[name] else { return false }
            return inspection.hasLimit(kernelName, value)
        }
        if limited && confinement != .none { layers.insert(.resourceLimits) }
        return layers
    }
}
