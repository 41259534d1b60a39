import GradeSystem
import Glibc

/// Runs a build tool and collects its merged output, ending it together with every process it
/// started at a deadline or above a memory limit.
///
/// A compiler given a huge literal can run for a quarter of an hour at gigabytes; the bound has
/// to hold for the compiler processes, not only for `swift build`. So the tool runs as a
/// ``ProcessTree``, its output is read with `poll` and never past the deadline, and its memory
/// is sampled while it runs.
enum ToolRunner {
    /// Why a run was stopped before the tool ended by itself.
    enum Stop: Sendable, Equatable {
        /// It was still running at its deadline.
        case timeLimit
        /// Its processes together held more private memory than allowed.
        case memoryLimit
    }

    /// What a tool run produced.
    struct Result: Sendable {
        /// The exit status, 128 + the signal number when a signal ended the tool, or 127 when it
        /// could not be started.
        var status: Int32
        /// Standard output and standard error, interleaved (at most ``ToolRunner/outputLimit`` bytes of it).
        var output: String
        /// Why the run was stopped, or nil when the tool ended by itself.
        var stopped: Stop?
        /// Wall-clock seconds from the start until the last process of the tree was gone.
        var seconds: Double
        /// The most private resident memory the tree was seen to hold, in bytes (sampled only
        /// when there is a memory limit).
        var peakMemory: UInt64
    }

    /// The most output a run keeps; the rest is read and dropped, so the tool never blocks on a full pipe.
    static let outputLimit = 8 << 20
    /// How often the tree's memory is measured when there is a limit.
    static let memorySampleInterval: Duration = .milliseconds(200)
    /// How long the keeper may take to kill the tree before it is killed from outside.
    static let killGrace: Duration = .seconds(3)

    /// Runs `arguments` through `/usr/bin/env` (so `swift` is found on `PATH`) in `directory`.
    ///
    /// - Parameters:
    ///   - timeout: wall-clock seconds after which the whole tree is killed.
    ///   - memoryLimit: bytes of private resident memory (summed over the tree) above which it is killed.
    static func run(_ arguments: [String], in directory: String? = nil, timeout: Double, memoryLimit: UInt64? = nil) -> Result {
        let clock = ContinuousClock()
        let started = clock.now
        let tree: ProcessTree
        switch ProcessTree.start("/usr/bin/env", arguments: arguments, directory: directory) {
        case .success(let started): tree = started
        case .failure(let error):
            return Result(status: 127, output: "\(error)", stopped: nil, seconds: 0, peakMemory: 0)
        }
        let deadline = started + .milliseconds(Int64((timeout * 1000).rounded(.up)))
        var reading = Reading(tree: tree)
        var stopped: Stop?
        var peakMemory: UInt64 = 0
        var nextSample = started

        while reading.programStatus == nil, !reading.keeperEnded {
            let now = clock.now
            if now >= deadline {
                stopped = .timeLimit
                break
            }
            if let memoryLimit, now >= nextSample {
                let used = tree.privateResidentBytes()
                peakMemory = max(peakMemory, used)
                if used > memoryLimit {
                    stopped = .memoryLimit
                    break
                }
                nextSample = now + memorySampleInterval
            }
            reading.wait(until: memoryLimit == nil ? deadline : min(deadline, nextSample), clock: clock)
        }

        // The program has ended or must: the keeper kills whatever is left of the tree, and the
        // pipes end once the last process is gone.
        tree.end()
        let giveUp = clock.now + killGrace
        while !reading.keeperEnded || !reading.outputEnded {
            if clock.now >= giveUp {
                tree.killFromOutside()
                break
            }
            reading.wait(until: giveUp, clock: clock)
        }
        tree.reap()

        var output = String(decoding: reading.output, as: UTF8.self)
        if reading.droppedBytes > 0 { output += "\n… (\(reading.droppedBytes) more bytes of output were not kept)" }
        let status: Int32
        if let raw = reading.programStatus {
            status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        } else {
            status = 127
            if output.isEmpty { output = "cannot start \(arguments.joined(separator: " "))" }
        }
        let elapsed = clock.now - started
        return Result(status: status, output: output, stopped: stopped,
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      peakMemory: peakMemory)
    }

    /// The parent's side of a running tree: what has been read from its two pipes.
    private struct Reading {
        let tree: ProcessTree
        var output: [UInt8] = []
        var droppedBytes = 0
        var outputEnded = false
        /// The program's raw wait status, once the keeper has reported it.
        var programStatus: Int32?
        var keeperEnded = false
        private var statusBytes: [UInt8] = []

        init(tree: ProcessTree) { self.tree = tree }

        /// Waits until either pipe has something or `wake` comes, then reads what is there.
        mutating func wait(until wake: ContinuousClock.Instant, clock: ContinuousClock) {
            var descriptors: [pollfd] = []
            if !outputEnded { descriptors.append(pollfd(fd: tree.output, events: Int16(POLLIN), revents: 0)) }
            if !keeperEnded { descriptors.append(pollfd(fd: tree.status, events: Int16(POLLIN), revents: 0)) }
            let remaining = clock.now.duration(to: wake)
            let milliseconds = remaining <= .zero ? 0 : Int32(min(remaining / .milliseconds(1), 60_000).rounded(.up))
            _ = SystemCall.poll(&descriptors, milliseconds: milliseconds)
            readOutput()
            readStatus()
        }

        private mutating func readOutput() {
            guard !outputEnded else { return }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            // A tool writing as fast as this reads would keep the pipe from ever running dry:
            // return after a megabyte, so that the deadline is looked at.
            var chunks = 0
            let drained = SystemCall.readAvailable(tree.output, buffer: &buffer) { chunk in
                let kept = min(chunk.count, ToolRunner.outputLimit - output.count)
                output += chunk.prefix(kept)
                droppedBytes += chunk.count - kept
                chunks += 1
                return chunks < 16
            }
            if drained.ended { outputEnded = true }
        }

        private mutating func readStatus() {
            guard !keeperEnded else { return }
            if SystemCall.readAvailable(tree.status, appendingTo: &statusBytes).ended { keeperEnded = true }
            if programStatus == nil, statusBytes.count >= MemoryLayout<Int32>.size {
                programStatus = statusBytes.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
            }
        }
    }
}
