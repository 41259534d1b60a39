import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One running worker process and the parent's ends of its three pipes.
///
/// The worker runs in its own process group, so killing the group also ends anything
/// student code started. All three descriptors are non-blocking; the supervisor polls them.
struct WorkerProcess {
    /// The worker's process id, which is also its process group id.
    let pid: pid_t
    /// The write end of the worker's standard input, where requests go.
    let input: Int32
    /// The read end of the worker's result channel (its original standard output).
    let results: Int32
    /// The read end of the worker's standard error, where everything student code prints goes.
    let errors: Int32
    /// The read end of descriptor 3, where bubblewrap reports the pid of the sandboxed worker.
    let info: Int32?

    /// Starts `arguments` (the first is the program's path) with `environment` (`NAME=value`
    /// strings); with `info`, descriptor 3 of the child is a pipe whose read end is kept.
    static func spawn(arguments: [String], environment: [String], workingDirectory: String? = nil,
                      info: Bool = false) -> Result<WorkerProcess, SpawnError> {
        // Between creating a pipe and marking it close-on-exec, a worker spawned by another
        // thread would inherit it and keep it open; spawning one at a time closes that window.
        spawnLock.withLock { _ in
            spawnLocked(arguments: arguments, environment: environment, workingDirectory: workingDirectory, info: info)
        }
    }

    private static let spawnLock = Mutex(())

    private static func spawnLocked(arguments: [String], environment: [String], workingDirectory: String?,
                                    info: Bool) -> Result<WorkerProcess, SpawnError> {
        let executable = arguments[0]
        guard let stdin = makePipe(), let stdout = makePipe(), let stderr = makePipe() else {
            return .failure(SpawnError(message: "cannot create pipes: \(String(cString: strerror(errno)))"))
        }
        let infoPipe = info ? makePipe() : nil
        if info && infoPipe == nil {
            for descriptor in [stdin.read, stdin.write, stdout.read, stdout.write, stderr.read, stderr.write] { close(descriptor) }
            return .failure(SpawnError(message: "cannot create pipes: \(String(cString: strerror(errno)))"))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The pipes are close-on-exec; dup2 onto 0, 1, 2 clears that flag on the copies.
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        if let infoPipe { posix_spawn_file_actions_adddup2(&actions, infoPipe.write, 3) }
        // Descriptors other code in the grader opened without close-on-exec must not leak in.
        // glibc has had this since 2.34, but the Swift overlay does not import it.
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, infoPipe == nil ? 3 : 4)
        }
        // Likewise posix_spawn_file_actions_addchdir_np (glibc 2.29).
        typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        if let workingDirectory,
           let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") {
            _ = workingDirectory.withCString { unsafeBitCast(symbol, to: AddChdir.self)(&actions, $0) }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        // The grader ignores SIGPIPE, and ignored signals survive exec: restore the defaults
        // so that a worker whose parent has gone dies instead of spinning.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGXCPU, SIGXFSZ, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        for descriptor in [stdin.read, stdout.write, stderr.write] + (infoPipe.map { [$0.write] } ?? []) { close(descriptor) }
        guard status == 0 else {
            for descriptor in [stdin.write, stdout.read, stderr.read] + (infoPipe.map { [$0.read] } ?? []) { close(descriptor) }
            return .failure(SpawnError(message: "cannot start \(executable): \(String(cString: strerror(status)))"))
        }
        for descriptor in [stdin.write, stdout.read, stderr.read] + (infoPipe.map { [$0.read] } ?? []) {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        return .success(WorkerProcess(pid: pid, input: stdin.write, results: stdout.read, errors: stderr.read, info: infoPipe?.read))
    }

    /// Why a worker could not start.
    struct SpawnError: Error {
        var message: String
    }

    /// Kills the worker and everything in its process group. Call it only before the worker
    /// has been reaped: afterwards its pid may belong to another process.
    func kill() {
        _ = Glibc.kill(-pid, SIGKILL)
        _ = Glibc.kill(pid, SIGKILL)
    }

    /// The wait status and resource usage of the worker if it has ended; waits for it when `blocking`.
    func reap(blocking: Bool) -> Termination? {
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let result = wait4(pid, &status, blocking ? 0 : WNOHANG, &usage)
            if result == pid { return Termination(status: status, usage: usage) }
            if result == -1 && errno == EINTR { continue }
            return nil
        }
    }

    /// Closes the parent's ends of the pipes.
    func closeDescriptors() {
        close(input)
        close(results)
        close(errors)
        if let info { close(info) }
    }

    private static func makePipe() -> (read: Int32, write: Int32)? {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return nil }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (descriptors[0], descriptors[1])
    }
}

/// How a worker process ended, as `wait4` reports it.
struct Termination {
    /// The raw wait status.
    var status: Int32
    /// The resources the worker used over its whole life.
    var usage: rusage

    /// The exit status, when the worker exited.
    var exitStatus: Int32? { status & 0x7f == 0 ? (status >> 8) & 0xff : nil }
    /// The signal that ended the worker, when one did.
    var signal: Int32? {
        let signal = status & 0x7f
        return signal != 0 && signal != 0x7f ? signal : nil
    }
    /// User plus system CPU seconds.
    var cpuSeconds: Double {
        Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
    /// The peak resident memory in bytes (Linux reports kilobytes).
    var peakResidentBytes: UInt64 { UInt64(max(usage.ru_maxrss, 0)) * 1024 }
}
