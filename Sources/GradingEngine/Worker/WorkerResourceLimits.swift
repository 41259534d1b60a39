import ComponentRuntime

/// The limits a worker process runs under, besides each request's timeout and CPU budget.
public struct WorkerResourceLimits: Sendable, Hashable {
    /// The address-space limit (`RLIMIT_AS`) in bytes, or nil for none.
    ///
    /// The worker applies it to itself once the Swift runtime and Foundation are loaded; an
    /// idle worker then maps about 70 MiB (19 MiB resident), which counts against the limit.
    /// An allocation past the limit fails, the runtime stops with `Fatal error: failed to
    /// allocate …`, and the request ends as ``WorkerDeath/memoryLimitExceeded(bytes:message:)``.
    public var memoryBytes: UInt64?
    /// The open-file limit (`RLIMIT_NOFILE`), or nil for none.
    public var maxOpenFiles: UInt64?
    /// The process limit (`RLIMIT_NPROC`), or nil for none. It counts every process of the
    /// user, not only the worker's, so it is off by default.
    public var maxProcesses: UInt64?
    /// How many bytes of what student code prints are kept for a report.
    public var keptOutputBytes: Int
    /// The most bytes a request may print before the worker is killed.
    public var maxOutputBytes: Int
    /// The most bytes a result line may have. The worker answers a result it estimates to be
    /// larger with a failure saying so (see ``ComponentRuntime/ResultSizeLimit``); a line that
    /// grows past the limit anyway gets the worker killed.
    public var maxResultBytes: Int

    /// Creates limits.
    public init(memoryBytes: UInt64? = 2 << 30, maxOpenFiles: UInt64? = 64, maxProcesses: UInt64? = nil,
                keptOutputBytes: Int = 64 << 10, maxOutputBytes: Int = 8 << 20, maxResultBytes: Int = 64 << 20) {
        self.memoryBytes = memoryBytes
        self.maxOpenFiles = maxOpenFiles
        self.maxProcesses = maxProcesses
        self.keptOutputBytes = keptOutputBytes
        self.maxOutputBytes = maxOutputBytes
        self.maxResultBytes = maxResultBytes
    }

    /// 2 GiB of address space, 64 open files, 64 KiB of output kept, 8 MiB of output at most,
    /// results of up to 64 MiB.
    public static let `default` = WorkerResourceLimits()

    /// The environment variables ``ComponentRuntime/WorkerLimits`` and
    /// ``ComponentRuntime/ResultSizeLimit`` read in the worker.
    var environment: [String: String] {
        var variables: [String: String] = [:]
        if let memoryBytes { variables["GRADE_WORKER_MEMORY_BYTES"] = String(memoryBytes) }
        if let maxOpenFiles { variables["GRADE_WORKER_MAX_FILES"] = String(maxOpenFiles) }
        if let maxProcesses { variables["GRADE_WORKER_MAX_PROCESSES"] = String(maxProcesses) }
        variables[ResultSizeLimit.environmentVariable] = String(maxResultBytes)
        return variables
    }
}
