import Foundation

/// How many compile jobs a build runs at once: one a processor, but no more than the memory
/// this process may still use can hold.
///
/// A compiler killed by the kernel for lack of memory makes `swift build` fail with "compile
/// command failed due to signal 9", a failure that says nothing about the code and that a rerun,
/// with fewer modules left to compile, usually does not repeat. Measured on a released kit's
/// first build on 2 processors: it peaks at about 450 MB with 2 jobs and fails with exactly that
/// message in a 400 MB memory cgroup, while `--jobs 1` peaks at 270 MB and succeeds in 300 MB.
/// So the job count is chosen before the build from the memory actually free: the system's
/// `MemAvailable`, and the headroom of every memory cgroup (v1 or v2) above this process, which
/// is what a container's limit is.
public struct BuildJobs: Sendable, Equatable {
    /// Memory one compile job is given: the largest single `swift-frontend` of the kit's first
    /// build reached 338 MB, with the module caches it maps.
    public static let bytesPerJob: UInt64 = 400 << 20

    /// The jobs to run.
    public let count: Int
    /// The processors there are, which is what `swift build` runs without `--jobs`.
    public let processors: Int
    /// Bytes this process may still use, if any limit could be read.
    public let availableBytes: UInt64?

    /// The jobs for `processors` processors when `availableBytes` may still be used.
    public init(processors: Int, availableBytes: UInt64?) {
        self.processors = max(processors, 1)
        self.availableBytes = availableBytes
        guard let availableBytes else {
            count = self.processors
            return
        }
        let fit = Int(min(availableBytes / Self.bytesPerJob, UInt64(Int.max)))
        count = max(1, min(self.processors, fit))
    }

    /// The jobs for this machine and this process's memory cgroups.
    public static func current(root: String = "/") -> BuildJobs {
        BuildJobs(processors: ProcessInfo.processInfo.activeProcessorCount, availableBytes: MemoryHeadroom(root: root).bytes())
    }

    /// The note a build log carries when fewer jobs run than processors, or nil.
    public var note: String? {
        guard count < processors, let availableBytes else { return nil }
        let mebibytes = availableBytes >> 20
        return "(built with \(count) compile job\(count == 1 ? "" : "s") instead of \(processors): only \(mebibytes) MiB of memory is free)"
    }
}

/// The memory this process may still use: the least of the system's `MemAvailable` and of the
/// headroom (limit − usage, page cache that can be dropped not counted as used) of each memory
/// cgroup from this process's up to the root, in cgroup v2 and v1 layouts.
struct MemoryHeadroom {
    /// The file system root the files are read under; tests point it at a fixture.
    let root: String

    func bytes() -> UInt64? {
        [systemAvailable(), cgroupHeadroom()].compactMap { $0 }.min()
    }

    private func read(_ path: String) -> String? {
        try? String(contentsOfFile: root + path, encoding: .utf8)
    }

    /// `MemAvailable` of `/proc/meminfo`, in bytes.
    func systemAvailable() -> UInt64? {
        guard let meminfo = read("/proc/meminfo") else { return nil }
        for line in meminfo.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let kilobytes = UInt64(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// The least headroom of this process's memory cgroups and their ancestors.
    func cgroupHeadroom() -> UInt64? {
        guard let membership = read("/proc/self/cgroup") else { return nil }
        var headrooms: [UInt64] = []
        for line in membership.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = String(parts[2])
            if parts[0] == "0", parts[1].isEmpty {
                headrooms += ancestors(of: path).compactMap { headroom(under: "/sys/fs/cgroup" + $0, limit: "memory.max", usage: "memory.current",
                                                                       reclaimable: "inactive_file") }
            } else if parts[1].split(separator: ",").contains("memory") {
                headrooms += ancestors(of: path).compactMap { headroom(under: "/sys/fs/cgroup/memory" + $0, limit: "memory.limit_in_bytes",
                                                                       usage: "memory.usage_in_bytes", reclaimable: "total_inactive_file") }
            }
        }
        return headrooms.min()
    }

    /// `path` and every folder above it, the root last.
    private func ancestors(of path: String) -> [String] {
        var components = path.split(separator: "/").map(String.init)
        var paths: [String] = []
        while true {
            paths.append(components.isEmpty ? "" : "/" + components.joined(separator: "/"))
            if components.isEmpty { return paths }
            components.removeLast()
        }
    }

    /// Limit minus usage of one cgroup folder, or nil when it has no limit (v2's `max`, v1's
    /// page-rounded `Int64.max`) or cannot be read.
    private func headroom(under folder: String, limit limitFile: String, usage usageFile: String, reclaimable: String) -> UInt64? {
        guard let limitText = read("\(folder)/\(limitFile)")?.trimmingCharacters(in: .whitespacesAndNewlines),
              let limit = UInt64(limitText), limit < 1 << 62,
              let usageText = read("\(folder)/\(usageFile)")?.trimmingCharacters(in: .whitespacesAndNewlines),
              let usage = UInt64(usageText) else { return nil }
        var dropped: UInt64 = 0
        for line in (read("\(folder)/memory.stat") ?? "").split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[0] == reclaimable, let bytes = UInt64(fields[1]) { dropped = bytes }
        }
        let used = usage > dropped ? usage - dropped : 0
        return limit > used ? limit - used : 0
    }
}
