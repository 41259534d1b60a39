import Foundation
@testable import GradingEngine
import Testing

/// The compile jobs of a worker build fit the memory that is free: the system's and that of
/// every memory cgroup above the process, in either cgroup layout.
@Suite struct BuildJobsTests {
    static let mebibyte: UInt64 = 1 << 20

    @Test func jobsAreProcessorsWhenMemoryIsPlentyOrUnknown() {
        #expect(BuildJobs(processors: 2, availableBytes: 20_000 * Self.mebibyte).count == 2)
        #expect(BuildJobs(processors: 8, availableBytes: nil).count == 8)
        #expect(BuildJobs(processors: 2, availableBytes: 20_000 * Self.mebibyte).note == nil)
    }

    @Test func jobsShrinkToTheMemoryAndNeverBelowOne() {
        let three = BuildJobs(processors: 8, availableBytes: 3 * BuildJobs.bytesPerJob + 1)
        #expect(three.count == 3)
        #expect(three.note == "(built with 3 compile jobs instead of 8: only 1200 MiB of memory is free)")
        #expect(BuildJobs(processors: 2, availableBytes: 100 * Self.mebibyte).count == 1)
        #expect(BuildJobs(processors: 2, availableBytes: 0).count == 1)
    }

    /// A fixture file system: `files` written under a fresh root.
    static func root(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("build-jobs-\(UUID().uuidString)").path
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func aCgroupV2LimitOnAnAncestorCountsAndDroppablePageCacheDoesNot() throws {
        let root = try Self.root([
            "/proc/meminfo": "MemTotal:       24000000 kB\nMemAvailable:   23000000 kB\n",
            "/proc/self/cgroup": "0::/box/job\n",
            "/sys/fs/cgroup/box/job/memory.max": "max\n",
            "/sys/fs/cgroup/box/job/memory.current": "1000\n",
            "/sys/fs/cgroup/box/memory.max": "\(900 * Self.mebibyte)\n",
            "/sys/fs/cgroup/box/memory.current": "\(500 * Self.mebibyte)\n",
            "/sys/fs/cgroup/box/memory.stat": "anon 1\ninactive_file \(200 * Self.mebibyte)\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(MemoryHeadroom(root: root).bytes() == 600 * Self.mebibyte)
        #expect(BuildJobs(processors: 4, availableBytes: MemoryHeadroom(root: root).bytes()).count == 1)
    }

    @Test func aCgroupV1MemoryLimitCountsAndAnUnlimitedOneDoesNot() throws {
        let unlimited = "9223372036854771712\n"
        let root = try Self.root([
            "/proc/meminfo": "MemAvailable:   2000000 kB\n",
            "/proc/self/cgroup": "5:cpuset:/\n4:memory:/api/box\n0::/\n",
            "/sys/fs/cgroup/memory/api/box/memory.limit_in_bytes": "\(1000 * Self.mebibyte)\n",
            "/sys/fs/cgroup/memory/api/box/memory.usage_in_bytes": "\(300 * Self.mebibyte)\n",
            "/sys/fs/cgroup/memory/api/memory.limit_in_bytes": unlimited,
            "/sys/fs/cgroup/memory/api/memory.usage_in_bytes": "5\n",
            "/sys/fs/cgroup/memory/memory.limit_in_bytes": unlimited,
            "/sys/fs/cgroup/memory/memory.usage_in_bytes": "5\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(MemoryHeadroom(root: root).bytes() == 700 * Self.mebibyte)

        let free = try Self.root(["/proc/meminfo": "MemAvailable:   2000000 kB\n", "/proc/self/cgroup": "4:memory:/\n",
                                  "/sys/fs/cgroup/memory/memory.limit_in_bytes": unlimited,
                                  "/sys/fs/cgroup/memory/memory.usage_in_bytes": "5\n"])
        defer { try? FileManager.default.removeItem(atPath: free) }
        #expect(MemoryHeadroom(root: free).bytes() == 2_000_000 * 1024)
    }

    @Test func nothingReadableMeansNoLimit() throws {
        let root = try Self.root([:])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(MemoryHeadroom(root: root).bytes() == nil)
        #expect(BuildJobs.current(root: root).count == ProcessInfo.processInfo.activeProcessorCount)
    }
}
