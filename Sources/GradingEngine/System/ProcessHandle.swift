import CProcessTree
import GradeSystem
import Glibc

/// A process held by a process descriptor rather than by its pid.
///
/// The grader holds the process that runs student code this way: it is a child of bubblewrap,
/// not of the grader, so the grader cannot reap it, and a pid alone could name another process
/// once it has been reaped. Through the descriptor the grader kills exactly that process and
/// waits until it has ended, so that nothing of a worker outlives its end.
struct ProcessHandle {
    private let descriptor: Int32

    /// Holds the process `pid`; nil when it has already been reaped (or cannot be held).
    init?(pid: pid_t) {
        let descriptor = grade_process_open(pid)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    /// Whether the process has ended (it may still await its parent's reaping).
    var hasEnded: Bool {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        return SystemCall.poll(&descriptors, milliseconds: 0) > 0
    }

    /// Sends SIGKILL to the process; nothing happens once it has ended.
    func kill() {
        _ = grade_process_signal(descriptor, SIGKILL)
    }

    /// Waits until the process has ended, at most until `deadline` (``Monotonic``); true when it has.
    func awaitEnd(deadline: Double) -> Bool {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        let left = max(deadline - Monotonic.now(), 0)
        return SystemCall.poll(&descriptors, milliseconds: Int32((left * 1000).rounded(.up))) > 0
    }

    /// Lets go of the process.
    func close() {
        SystemCall.close(descriptor)
    }
}
