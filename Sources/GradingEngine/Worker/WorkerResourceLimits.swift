import ComponentRuntime
import GradeResults

/// The limits a worker process runs under, besides each request's timeout and CPU budget.
///
/// The kernel enforces the resource limits: the `grade-sandbox` launcher sets soft and hard
/// limits alike before the worker executes, so student code cannot raise them. Output and
/// result sizes are enforced by the grader as it reads.
public struct WorkerResourceLimits: Sendable, Hashable {
    /// The address-space limit (`RLIMIT_AS`) in bytes, or nil for none.
    ///
    /// It counts the Swift runtime and Foundation too (an idle worker maps about 70 MiB). An
    /// allocation past the limit fails, the runtime stops with `Fatal error: failed to
    /// allocate …`, and the request ends as ``WorkerDeath/memoryLimitExceeded(bytes:message:)``.
    public var memoryBytes: UInt64?
    /// The open-file limit (`RLIMIT_NOFILE`), or nil for none.
    public var maxOpenFiles: UInt64?
    /// The largest file a worker may write (`RLIMIT_FSIZE`), in bytes.
    public var maxFileBytes: UInt64
    /// The size of the worker's private scratch folder (a tmpfs) where it has a private root.
    public var scratchBytes: UInt64
    /// The tasks (threads included) a worker may have, where it has a user namespace of its own
    /// in which the kernel counts them (`RLIMIT_NPROC`). Elsewhere the seccomp filter forbids
    /// new processes and the address space bounds threads.
    public var maxProcesses: UInt64
    /// CPU seconds over a worker's whole life (`RLIMIT_CPU`), a backstop behind each request's budget.
    public var maxCPUSeconds: UInt64
    /// How many bytes of what student code prints are kept for a report.
    public var keptOutputBytes: Int
    /// The most bytes a request may print before the worker is killed.
    public var maxOutputBytes: Int
    /// The most bytes a result line may have. The worker answers a result it estimates to be
    /// larger with a failure saying so (see ``ComponentRuntime/ResultSizeLimit``); a line that
    /// grows past the limit anyway gets the worker killed.
    public var maxResultBytes: Int

    /// Creates limits.
    public init(memoryBytes: UInt64? = 2 << 30, maxOpenFiles: UInt64? = 64, maxFileBytes: UInt64 = 64 << 20,
                scratchBytes: UInt64 = 64 << 20, maxProcesses: UInt64 = 64, maxCPUSeconds: UInt64 = 900,
                keptOutputBytes: Int = CapturedOutput.keptBytes, maxOutputBytes: Int = 8 << 20, maxResultBytes: Int = 64 << 20) {
        self.memoryBytes = memoryBytes
        self.maxOpenFiles = maxOpenFiles
        self.maxFileBytes = maxFileBytes
        self.scratchBytes = scratchBytes
        self.maxProcesses = maxProcesses
        self.maxCPUSeconds = maxCPUSeconds
        self.keptOutputBytes = keptOutputBytes
        self.maxOutputBytes = maxOutputBytes
        self.maxResultBytes = maxResultBytes
    }

    /// 2 GiB of address space, 64 open files, files and scratch of 64 MiB, 64 tasks, 64 KiB of
    /// output kept, 8 MiB of output at most, results of up to 64 MiB.
    public static let `default` = WorkerResourceLimits()

    /// The launcher's `--rlimit` settings, by the launcher's names; `nil` means unlimited.
    func launcherLimits(countsProcesses: Bool) -> [(name: String, value: UInt64)] {
        var settings: [(name: String, value: UInt64?)] = [
            ("as", memoryBytes), ("fsize", maxFileBytes), ("nofile", maxOpenFiles), ("core", 0), ("cpu", maxCPUSeconds),
        ]
        if countsProcesses { settings.append(("nproc", maxProcesses)) }
        return settings.compactMap { setting in setting.value.map { (setting.name, $0) } }
    }

    /// The names `/proc/<pid>/limits` gives the launcher's limits.
    static let kernelNames = [
        "as": "Max address space", "fsize": "Max file size", "nofile": "Max open files", "core": "Max core file size",
        "cpu": "Max cpu time", "nproc": "Max processes",
    ]

    /// The environment variables the worker reads: the result size it may answer
    /// (``ComponentRuntime/ResultSizeLimit``).
    var environment: [String: String] { [ResultSizeLimit.environmentVariable: String(maxResultBytes)] }
}
