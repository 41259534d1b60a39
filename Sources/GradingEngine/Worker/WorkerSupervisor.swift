import ComponentRuntime
import Foundation
import GradeKit
import GradeResults
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs requests on a submission's worker executable, one worker process at a time, and
/// says how each request ended.
///
/// One worker serves request after request, so a small case costs a pipe round trip rather
/// than a process start. Whenever a worker dies, is killed or answers something that cannot be
/// trusted, the next worker is started at once, so the next request finds a fresh process.
///
/// Each request runs under:
/// - a wall-clock timeout, after which the worker's process group is killed (`SIGKILL`);
/// - the request's CPU budget, which the worker sets on itself (`RLIMIT_CPU`, ending in `SIGXCPU`);
/// - the limits of ``WorkerResourceLimits``: address space, open files, how much output is
///   kept and how much is allowed at all, and how long a result line may be.
///
/// `run` never throws and never waits past the timeout (plus the time to reap a killed
/// process). Calls are serialized, so one supervisor may be shared between threads; use one
/// supervisor per thread to grade in parallel.
public final class WorkerSupervisor: Sendable {
    /// The worker executable, as built by ``SubmissionBuilder``.
    public let executable: URL
    /// The limits every worker runs under.
    public let limits: WorkerResourceLimits
    private let state: Mutex<SupervisorState>

    /// Creates a supervisor; the first worker starts with the first request.
    ///
    /// - Parameter hiddenFolders: folders student code must not read (the course repository,
    ///   with the reference and hidden cases); each worker covers them before student code runs
    ///   (see `WorkerSandbox`).
    public init(executable: URL, limits: WorkerResourceLimits = .default, hiddenFolders: [URL] = []) {
        self.executable = executable
        self.limits = limits
        _ = Self.ignoreBrokenPipes
        _ = Self.keepEnvironmentPrivate
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("grade-worker-\(UUID().uuidString)", isDirectory: true)
        // World-writable and sticky: a root grader's workers run as nobody.
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o1777])
        try? FileManager.default.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: scratch.path)
        // Student code sees none of the grader's environment (a CI job's tokens live there),
        // only what a Swift program needs, and starts in a private scratch folder.
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "HOME": scratch.path,
            "TMPDIR": scratch.path,
        ]
        // The crash backtracer prints kilobytes and can outlast a CPU budget; the
        // `Fatal error: …` line is printed without it.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        for (name, value) in limits.environment { environment[name] = value }
        if !hiddenFolders.isEmpty {
            environment["GRADE_WORKER_HIDE"] = hiddenFolders.map { $0.standardizedFileURL.path }.joined(separator: ":")
        }
        state = Mutex(SupervisorState(
            executable: executable.path, limits: limits,
            environment: environment.map { "\($0.key)=\($0.value)" }.sorted(),
            workingDirectory: scratch.path))
    }

    /// The folder workers start in and use as HOME and TMPDIR; removed with the supervisor.
    private let scratch: URL

    deinit {
        shutdown()
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Runs one request and says how it ended.
    ///
    /// - Parameters:
    ///   - request: the invocations to run in order, with the request's CPU budget.
    ///   - timeout: wall-clock seconds the request may take.
    /// - Returns: the results, or why there are none, with what student code printed.
    public func run(_ request: WorkerRequest, timeout: Double) -> WorkerOutcome {
        state.withLock { $0.run(request, timeout: timeout) }
    }

    /// Stops the worker, if one is running. A later ``run(_:timeout:)`` starts a new one.
    public func shutdown() {
        state.withLock { $0.stopWorker() }
    }

    /// The number of worker processes started so far, for tests and statistics.
    public var workersStarted: Int {
        state.withLock { $0.workersStarted }
    }

    /// Writing to the pipe of a worker that has died must fail with `EPIPE`, not kill the grader.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// A worker of the same user could read the grader's `/proc/<pid>/environ` (a CI job's
    /// tokens); a non-dumpable process's `/proc` files belong to root. (A root grader's workers
    /// run as nobody instead.)
    private static let keepEnvironmentPrivate: Void = {
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        guard geteuid() != 0, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") else { return }
        let setDumpable: Int32 = 4
        _ = unsafeBitCast(symbol, to: Prctl.self)(setDumpable, 0, 0, 0, 0)
    }()
}

/// The supervisor's worker and the machinery to talk to it; used under the supervisor's lock.
struct SupervisorState: ~Copyable {
    let executable: String
    let limits: WorkerResourceLimits
    let environment: [String]
    private var worker: WorkerProcess?
    private(set) var workersStarted = 0
    private let encoder: JSONEncoder
    private let decoder: JSONDecoder
    private var readBuffer = [UInt8](repeating: 0, count: 64 << 10)

    let workingDirectory: String

    init(executable: String, limits: WorkerResourceLimits, environment: [String], workingDirectory: String) {
        self.workingDirectory = workingDirectory
        self.executable = executable
        self.limits = limits
        self.environment = environment
        encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    }

    deinit {
        if let worker {
            worker.kill()
            _ = worker.reap(blocking: true)
            worker.closeDescriptors()
        }
    }

    mutating func stopWorker() {
        guard let worker else { return }
        worker.kill()
        _ = worker.reap(blocking: true)
        worker.closeDescriptors()
        self.worker = nil
    }

    /// Starts a worker unless a live one is waiting.
    private mutating func ensureWorker() -> WorkerDeath? {
        if let worker, worker.reap(blocking: false) != nil {
            // It died between requests (a thread of student code, say); that is no fault of the next request.
            worker.kill()
            worker.closeDescriptors()
            self.worker = nil
        }
        guard worker == nil else { return nil }
        switch WorkerProcess.spawn(executable: executable, environment: environment, workingDirectory: workingDirectory) {
        case .success(let started):
            worker = started
            workersStarted += 1
            return nil
        case .failure(let error):
            return .couldNotStart(error.message)
        }
    }

    mutating func run(_ request: WorkerRequest, timeout: Double) -> WorkerOutcome {
        if let death = ensureWorker() { return .died(death, output: CapturedOutput()) }
        guard let worker else { return .died(.couldNotStart("no worker"), output: CapturedOutput()) }

        // A random id on the wire: a line that student code forges on the result channel
        // cannot know it, so it is rejected instead of taken for the answer.
        var wireRequest = request
        wireRequest.id = Int.random(in: 1...Int.max)
        guard var message = try? encoder.encode(wireRequest) else {
            return .died(.malformedResult("the request cannot be encoded"), output: CapturedOutput())
        }
        message.append(UInt8(ascii: "\n"))

        var exchange = Exchange(worker: worker, message: [UInt8](message), limits: limits, timeout: timeout)
        let ending = exchange.run(buffer: &readBuffer)
        let output = exchange.capture.captured

        switch ending {
        case .answered(let line):
            if let results = validate(line, wireID: wireRequest.id, request: request), exchange.leftover.isEmpty {
                return .completed(results, output: output)
            }
            let detail = exchange.leftover.isEmpty
                ? "the result line is not the answer to this request (was something else written to the worker's result channel?)"
                : "more than one result line was written"
            retire(worker, reaped: nil)
            return .died(.malformedResult(detail), output: output)
        case .killed(let death):
            retire(worker, reaped: nil)
            return .died(death, output: output)
        case .ended(let termination):
            retire(worker, reaped: termination)
            return .died(classify(termination, capture: exchange.capture, request: request), output: output)
        }
    }

    /// Ends a worker that can no longer be trusted and starts its successor straight away,
    /// so that the successor's start-up overlaps with the grader's own work.
    private mutating func retire(_ old: WorkerProcess, reaped: Termination?) {
        old.kill()
        if reaped == nil { _ = old.reap(blocking: true) }
        old.closeDescriptors()
        worker = nil
        _ = ensureWorker()
    }

    private func validate(_ line: [UInt8], wireID: Int, request: WorkerRequest) -> [WorkerResult]? {
        guard let response = try? decoder.decode(WorkerResponse.self, from: Data(line)), response.id == wireID else { return nil }
        let results = response.results
        // One result per invocation, except that the worker stops after the first failure.
        if results.count == request.invocations.count { return results }
        if results.count < request.invocations.count, case .failure? = results.last { return results }
        return nil
    }

    /// Why a worker that ended on its own gave no answer.
    private func classify(_ termination: Termination, capture: OutputCapture, request: WorkerRequest) -> WorkerDeath {
        let lines = capture.searchableLines
        let fatalError = lines.last { $0.contains("Fatal error:") }.map { $0.trimmingCharacters(in: .whitespaces) }
        if termination.exitStatus != 0, let message = fatalError ?? lines.last(where: Self.isAllocationFailure).map(String.init),
           Self.isAllocationFailure(Substring(message)) {
            return .memoryLimitExceeded(bytes: limits.memoryBytes, message: message)
        }
        if let status = termination.exitStatus {
            if status == notImplementedExitStatus, let text = Self.text(after: notImplementedMarker, in: lines) {
                return .notImplemented(text)
            }
            if status == WorkerLoop.protocolFailureStatus, let text = Self.text(after: WorkerLoop.protocolFailureMarker, in: lines) {
                return .malformedResult("the worker failed: \(text)")
            }
            return .exitedWithoutResult(status: status)
        }
        let signal = termination.signal ?? 0
        if signal == SIGXCPU || (signal == SIGKILL && termination.cpuSeconds >= Double(request.cpuSeconds)) {
            return .cpuLimitExceeded(seconds: request.cpuSeconds)
        }
        if let memoryBytes = limits.memoryBytes, signal != SIGKILL,
           Double(termination.peakResidentBytes) >= 0.9 * Double(memoryBytes) {
            // The runtime could not even report the failed allocation, but the worker had filled its address space.
            return .memoryLimitExceeded(bytes: memoryBytes, message: nil)
        }
        return .crashed(signal: signal, fatalError: fatalError)
    }

    /// How the runtime reports a failed allocation: the Swift runtime's
    /// `Fatal error: failed to allocate N bytes of memory with alignment 8` (measured here for
    /// both a huge array and steady growth), its older `Could not allocate memory.`, and C++'s
    /// `std::bad_alloc`. Only lines that start that way count, so a student printing
    /// "out of memory" does not turn a crash into a memory-limit death.
    private static func isAllocationFailure(_ line: Substring) -> Bool {
        let text = line.drop { $0 == " " }
        if text.contains("Fatal error:") { return text.contains("failed to allocate") || text.contains("Could not allocate memory") }
        return text.hasPrefix("Could not allocate memory") || text.hasPrefix("terminate called after throwing an instance of 'std::bad_alloc'")
    }

    /// The rest of the last line holding `marker`, trimmed.
    private static func text(after marker: String, in lines: [Substring]) -> String? {
        guard let line = lines.last(where: { $0.contains(marker) }), let range = line.range(of: marker) else { return nil }
        return line[range.upperBound...].trimmingCharacters(in: .whitespaces)
    }
}

/// One request's round trip: writing the request, reading the answer and everything printed,
/// watching the deadline and the limits.
private struct Exchange {
    enum Ending {
        /// The worker wrote a result line (without its newline).
        case answered([UInt8])
        /// The grader killed the worker.
        case killed(WorkerDeath)
        /// The worker ended by itself without answering.
        case ended(Termination)
    }

    let worker: WorkerProcess
    let message: [UInt8]
    let limits: WorkerResourceLimits
    let timeout: Double
    private(set) var capture: OutputCapture
    /// Bytes on the result channel after the answer's newline.
    private(set) var leftover: [UInt8] = []
    private var written = 0
    private var inputClosed = false
    private var resultLine: [UInt8] = []
    private var resultsOpen = true
    private var errorsOpen = true

    init(worker: WorkerProcess, message: [UInt8], limits: WorkerResourceLimits, timeout: Double) {
        self.worker = worker
        self.message = message
        self.limits = limits
        self.timeout = timeout
        capture = OutputCapture(keptBytes: limits.keptOutputBytes)
    }

    mutating func run(buffer: inout [UInt8]) -> Ending {
        let deadline = Monotonic.now() + max(timeout, 0)
        var termination: Termination?
        // Once the worker has ended, its pipes get a short grace period to drain; a grandchild
        // holding them open must not keep the grader waiting.
        var drainDeadline: Double?

        while true {
            let now = Monotonic.now()
            if let termination, (!resultsOpen && !errorsOpen) || now >= drainDeadline! {
                worker.kill()
                return .ended(termination)
            }
            if now >= deadline {
                worker.kill()
                drainErrors(&buffer)
                return .killed(.timedOut(seconds: timeout))
            }

            var descriptors: [pollfd] = []
            if written < message.count && !inputClosed { descriptors.append(pollfd(fd: worker.input, events: Int16(POLLOUT), revents: 0)) }
            if resultsOpen { descriptors.append(pollfd(fd: worker.results, events: Int16(POLLIN), revents: 0)) }
            if errorsOpen { descriptors.append(pollfd(fd: worker.errors, events: Int16(POLLIN), revents: 0)) }
            // Wake up now and then to notice a worker that died while something else holds its pipes.
            let wait = min(deadline, drainDeadline ?? deadline, now + (resultsOpen ? 0.1 : 0.005)) - now
            let ready = poll(&descriptors, nfds_t(descriptors.count), Int32((max(wait, 0) * 1000).rounded(.up)))
            if ready < 0 && errno != EINTR {
                worker.kill()
                return .killed(.malformedResult("poll failed: \(String(cString: strerror(errno)))"))
            }

            for descriptor in descriptors where descriptor.revents != 0 {
                switch descriptor.fd {
                case worker.input:
                    writeRequest()
                case worker.errors:
                    if readErrors(&buffer) {
                        worker.kill()
                        return .killed(.outputLimitExceeded(bytes: limits.maxOutputBytes))
                    }
                default:
                    if let ending = readResults(&buffer) { return ending }
                }
            }

            if termination == nil, let ended = worker.reap(blocking: false) {
                termination = ended
                drainDeadline = Monotonic.now() + 0.25
            }
        }
    }

    private mutating func writeRequest() {
        let count = message.withUnsafeBytes { bytes in
            write(worker.input, bytes.baseAddress! + written, bytes.count - written)
        }
        if count > 0 {
            written += count
        } else if count < 0 && errno != EAGAIN && errno != EINTR {
            // EPIPE: the worker is gone; how it ended is read from the other pipes.
            inputClosed = true
        }
    }

    /// Reads what the worker printed; returns true when it printed more than allowed.
    private mutating func readErrors(_ buffer: inout [UInt8]) -> Bool {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(worker.errors, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.withUnsafeBytes { capture.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                if capture.totalBytes > limits.maxOutputBytes { return true }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                if count == 0 { errorsOpen = false }
                return false
            }
        }
    }

    /// Reads what is left in standard error without waiting, after the worker was killed or answered.
    mutating func drainErrors(_ buffer: inout [UInt8]) {
        if errorsOpen { _ = readErrors(&buffer) }
    }

    private mutating func readResults(_ buffer: inout [UInt8]) -> Ending? {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(worker.results, $0.baseAddress, $0.count) }
            if count > 0 {
                let chunk = buffer[..<count]
                if let newline = chunk.firstIndex(of: UInt8(ascii: "\n")) {
                    resultLine.append(contentsOf: chunk[..<newline])
                    leftover.append(contentsOf: chunk[(newline + 1)...])
                    // Everything printed before the answer is already in the pipe.
                    drainErrors(&buffer)
                    return .answered(resultLine)
                }
                resultLine.append(contentsOf: chunk)
                if resultLine.count > limits.maxResultBytes {
                    worker.kill()
                    return .killed(.malformedResult("the result line is longer than \(limits.maxResultBytes) bytes"))
                }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                if count == 0 { resultsOpen = false }
                return nil
            }
        }
    }
}

/// Seconds on the monotonic clock, which wall-clock adjustments do not move.
enum Monotonic {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
