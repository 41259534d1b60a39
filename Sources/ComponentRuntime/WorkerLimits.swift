import Foundation
import GradeKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The resource limits a worker applies to itself before student code runs.
///
/// Read from the environment: `GRADE_WORKER_MEMORY_BYTES` (address space),
/// `GRADE_WORKER_MAX_FILES` (open descriptors), `GRADE_WORKER_MAX_PROCESSES`.
/// Core dumps are always off. The CPU budget is set per request.
public struct WorkerLimits: Sendable {
    /// The address-space limit in bytes, if any.
    public var memoryBytes: UInt64?
    /// The open-file limit, if any.
    public var maxFiles: UInt64?
    /// The process limit, if any.
    public var maxProcesses: UInt64?

    /// The limits named in the environment.
    public static func fromEnvironment() -> WorkerLimits {
        let env = ProcessInfo.processInfo.environment
        return WorkerLimits(
            memoryBytes: env["GRADE_WORKER_MEMORY_BYTES"].flatMap(UInt64.init),
            maxFiles: env["GRADE_WORKER_MAX_FILES"].flatMap(UInt64.init),
            maxProcesses: env["GRADE_WORKER_MAX_PROCESSES"].flatMap(UInt64.init))
    }

    /// Applies the limits to this process.
    public func apply() {
        setLimit(RLIMIT_CORE, 0)
        if let memoryBytes { setLimit(RLIMIT_AS, memoryBytes) }
        if let maxFiles { setLimit(RLIMIT_NOFILE, maxFiles) }
        if let maxProcesses { setLimit(__RLIMIT_NPROC, maxProcesses) }
    }

    /// Lets the process use `seconds` more CPU seconds from now; past them the kernel
    /// sends SIGXCPU (and SIGKILL one second later).
    public static func setCPUBudget(seconds: Int) {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        let used = Int(usage.ru_utime.tv_sec) + Int(usage.ru_stime.tv_sec) + 1
        var current = rlimit()
        getrlimit(resourceCPU, &current)
        let soft = rlim_t(used + max(seconds, 1))
        var limit = rlimit(rlim_cur: soft, rlim_max: current.rlim_max)
        if current.rlim_max != rlim_t.max && soft >= current.rlim_max { limit.rlim_cur = current.rlim_max }
        setrlimit(resourceCPU, &limit)
    }

    private func setLimit(_ resource: __rlimit_resource, _ value: UInt64) {
        var limit = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
        setrlimit(Int32(resource.rawValue), &limit)
    }
}

private let resourceCPU = Int32(RLIMIT_CPU.rawValue)
