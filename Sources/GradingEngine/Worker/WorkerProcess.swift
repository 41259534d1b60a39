import GradeSystem
import Glibc

/// One running worker process and the parent's ends of its three pipes.
///
/// The worker runs in its own process group (see ``ChildProcess``), so killing the group also
/// ends anything student code started. All three descriptors are non-blocking; the supervisor polls them.
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
        var opened: [Int32] = []
        do throws(SystemError) {
            let stdin = try SystemCall.makePipe()
            opened += [stdin.read, stdin.write]
            // A CIFAR-size request is megabytes.
            SystemCall.growPipe(stdin.write)
            let stdout = try SystemCall.makePipe()
            opened += [stdout.read, stdout.write]
            let stderr = try SystemCall.makePipe()
            opened += [stderr.read, stderr.write]
            let infoPipe = info ? try SystemCall.makePipe() : nil
            if let infoPipe { opened += [infoPipe.read, infoPipe.write] }
            var descriptors: [Int32: Int32] = [0: stdin.read, 1: stdout.write, 2: stderr.write]
            if let infoPipe { descriptors[3] = infoPipe.write }
            let command = ChildProcess.Command(executable: arguments[0], arguments: arguments, environment: environment,
                                               workingDirectory: workingDirectory, descriptors: descriptors)
            let pid = try ChildProcess.spawn(command, containment: .processGroup)
            SystemCall.close(Array(descriptors.values))
            let kept = [stdin.write, stdout.read, stderr.read] + (infoPipe.map { [$0.read] } ?? [])
            opened = kept
            let process = WorkerProcess(pid: pid, input: stdin.write, results: stdout.read, errors: stderr.read, info: infoPipe?.read)
            do throws(SystemError) {
                for descriptor in kept { try SystemCall.setNonBlocking(descriptor) }
            } catch {
                process.kill()
                _ = process.reap(blocking: true)
                throw error
            }
            return .success(process)
        } catch {
            SystemCall.close(opened)
            return .failure(SpawnError(message: error.description))
        }
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
        SystemCall.wait(for: pid, blocking: blocking).map { Termination(status: $0.status, usage: $0.usage) }
    }

    /// Closes the parent's ends of the pipes.
    func closeDescriptors() {
        SystemCall.close([input, results, errors] + (info.map { [$0] } ?? []))
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
