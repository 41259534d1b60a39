import ComponentRuntime
import Foundation
import GradeKit
import GradeResults
import GradeSystem
import Synchronization

import Glibc

/// Runs requests on a submission's worker executable and says how each request ended.
///
/// Every worker starts confined by the supervisor's ``WorkerSandbox`` (applied before the
/// worker executes, by programs student code is not linked into), says it is ready once the
/// submission has registered its components, and is inspected from outside before it gets a
/// request. A worker serves the cases of one component only, and only while nothing of a
/// finished case can still act (``finishCase()``; no thread more than it started with, nothing
/// pending on its pipes), so a thread or a stray line of student code never reaches another
/// component's case, nor a later case of its own. Whenever a worker dies, is killed or answers something that
/// cannot be trusted, it is retired too; its successor is started at once, so that its
/// start-up overlaps with the grader's own work.
///
/// Each request runs under:
/// - a wall-clock timeout, after which the whole sandbox is killed (`SIGKILL`);
/// - the request's CPU budget, measured from outside in `/proc` over every thread;
/// - the limits of ``WorkerResourceLimits``: address space, file size, open files, tasks,
///   how much output is kept and allowed at all, and how long a result line may be.
///
/// A worker that does not get ready within ``startupTimeout`` (a slow or crashing
/// `registerComponents` or initializer) is a start-up failure, reported once: every later
/// request gets the same answer at once instead of a fresh timeout.
///
/// `run` never throws and never waits past the timeout (plus the time to reap a killed
/// process). Calls are serialized, so one supervisor may be shared between threads; use one
/// supervisor per thread to grade in parallel.
public final class WorkerSupervisor: Sendable {
    /// The worker executable, as built by ``SubmissionBuilder``.
    public let executable: URL
    /// The limits every worker runs under.
    public let limits: WorkerResourceLimits
    /// How workers are confined.
    public let sandbox: WorkerSandbox
    /// Seconds a worker may take from its start to saying it is ready.
    public let startupTimeout: Double
    private let state: Mutex<SupervisorState>
    /// The folder holding the workers' scratch (where they have no private root) and the staged executable.
    private let scratch: URL?

    /// Creates a supervisor; the first worker starts with the first request.
    ///
    /// - Parameters:
    ///   - limits: when given, replace the sandbox's resource limits.
    ///   - sandbox: how workers are confined; ``WorkerSandbox/unconfined`` starts them directly.
    public init(executable: URL, limits: WorkerResourceLimits? = nil, sandbox: WorkerSandbox = .unconfined,
                startupTimeout: Double = 10) {
        let sandbox = limits.map(sandbox.limited(by:)) ?? sandbox
        self.executable = executable
        self.limits = sandbox.limits
        self.sandbox = sandbox
        self.startupTimeout = startupTimeout
        // What cannot be set up is answered to every request, never papered over.
        var setupFailure = Self.ignoreBrokenPipes.map(WorkerDeath.couldNotStart)
        let privacyFailure = Self.keepEnvironmentPrivate
        var home: URL?
        do {
            home = try WorkerSandbox.makeScratch()
        } catch {
            setupFailure = setupFailure ?? .couldNotStart("cannot create the workers' scratch folder: \(error)")
        }
        scratch = home?.deletingLastPathComponent()
        let scratchPath = home?.path ?? NSTemporaryDirectory()
        var staged = executable.path
        do {
            staged = try sandbox.stage(worker: executable.path, scratch: home ?? URL(fileURLWithPath: scratchPath))
        } catch {
            setupFailure = setupFailure ?? .couldNotStart("cannot copy the worker where its user can run it: \(error)")
        }
        let launch = sandbox.launch(worker: staged, scratch: scratchPath)
        state = Mutex(SupervisorState(
            launch: launch, limits: sandbox.limits, environment: WorkerSandbox.environment(scratch: launch.scratch)
                + sandbox.limits.environment.map { "\($0.key)=\($0.value)" }.sorted(),
            sandbox: sandbox, startupTimeout: startupTimeout, setupFailure: setupFailure, sandboxViolation: privacyFailure))
    }

    deinit {
        shutdown()
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    /// Runs one request and says how it ended.
    ///
    /// - Parameters:
    ///   - request: the invocations to run in order, with the request's CPU budget.
    ///   - timeout: wall-clock seconds the request may take.
    ///   - budget: the seconds a timeout message names (the whole case's); the timeout by default.
    /// - Returns: the results, or why there are none, with what student code printed.
    public func run(_ request: WorkerRequest, timeout: Double, budget: Double? = nil) -> WorkerOutcome {
        state.withLock { $0.run(request, timeout: timeout, budget: budget ?? timeout) }
    }

    /// Has the worker that will run the next request of `component` draw `recipes` now, so that
    /// its drawing overlaps with the grader's own (``WorkerRequest/prepare``).
    public func prepare(_ recipes: [DrawnMatrix.Recipe], component: String) {
        state.withLock { $0.prepare(recipes, component: component) }
    }

    /// Starts a worker now, if none is running or waiting, so that its start-up overlaps with
    /// the grader's own work before the first request (drawing that case's inputs). A worker
    /// that cannot start is not reported here: the first request starts one again and says why.
    public func startWorker() {
        state.withLock { $0.startSpare() }
    }

    /// Ends the current case: its worker is retired and a fresh one started for the next.
    public func finishCase() {
        state.withLock { $0.retireCurrent() }
    }

    /// Stops the worker, if one is running, and waits until it and everything it started are
    /// gone. A later ``run(_:timeout:)`` starts a new one.
    public func shutdown() {
        state.withLock { $0.stopWorker() }
    }

    /// The number of workers started and waiting for a request, for tests and statistics.
    public var workersWaiting: Int {
        state.withLock { $0.waiting }
    }

    /// Why workers could not be trusted to be confined, if that happened; grading must stop.
    public var sandboxViolation: String? {
        state.withLock { $0.sandboxViolation }
    }

    /// The number of workers that served requests so far (spares waiting are not counted), for tests and statistics.
    public var workersStarted: Int {
        state.withLock { $0.workersStarted }
    }

    /// Writing to the pipe of a worker that has died must fail with `EPIPE`, not kill the grader.
    /// Nil, or why SIGPIPE could not be ignored.
    private static let ignoreBrokenPipes: String? = {
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigemptyset(&ignore.sa_mask)
        return sigaction(SIGPIPE, &ignore, nil) == 0 ? nil : SystemError("sigaction(SIGPIPE, SIG_IGN)").description
    }()

    /// A worker of the same user could read the grader's `/proc/<pid>/environ` (a CI job's
    /// tokens) where it has no namespaces of its own; a non-dumpable process's `/proc` files
    /// belong to root. (A root grader's workers run as nobody instead.) Nil, or why the grader
    /// could not be made non-dumpable, which stops grading as a sandbox violation.
    private static let keepEnvironmentPrivate: String? = {
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        guard geteuid() != 0 else { return nil }
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") else { return "the C library has no prctl" }
        let setDumpable: Int32 = 4
        guard unsafeBitCast(symbol, to: Prctl.self)(setDumpable, 0, 0, 0, 0) == 0 else {
            return "the grader's environment cannot be hidden from workers: " + SystemError("prctl(PR_SET_DUMPABLE, 0)").description
        }
        return nil
    }()
}

/// The supervisor's worker and the machinery to talk to it; used under the supervisor's lock.
struct SupervisorState: ~Copyable {
    let launch: WorkerSandbox.Launch
    let limits: WorkerResourceLimits
    let environment: [String]
    let sandbox: WorkerSandbox
    let startupTimeout: Double
    private var worker: StartedWorker?
    private(set) var workersStarted = 0
    /// A start-up failure, answered to every later request.
    private var startupFailure: WorkerDeath?
    private(set) var sandboxViolation: String?
    /// Why the worker a ``prepare(_:component:)`` readied could not be, for the request that follows.
    private var unreported: (death: WorkerDeath, output: CapturedOutput)?
    private let decoder: JSONDecoder
    private var readBuffer = [UInt8](repeating: 0, count: 64 << 10)

    /// A worker process, when it started, and — once it said so — that it is ready.
    struct StartedWorker {
        var process: WorkerProcess
        var started: Double
        var ready = false
        /// The pid of the process that runs student code, as the grader's namespace sees it.
        var workerPID: pid_t
        /// That process, held by descriptor, when it is not the grader's own child.
        var held: ProcessHandle?
        /// The component of the cases it served; it serves no other.
        var component: String?
        /// How many threads it had when it got ready.
        var baselineThreads = 0
        /// True between the end of a case and the next request.
        var caseEnded = false
        /// Bytes of the result channel read past the ready line.
        var pending: [UInt8] = []
        /// What it printed while it got ready, until a request takes it.
        var startup: OutputCapture?
        /// What bubblewrap wrote on the info descriptor so far.
        var info: [UInt8] = []
        /// True once bubblewrap closed the info descriptor: it is polled no more, since a
        /// closed pipe reads as ready for ever and would turn the wait into a busy loop.
        var infoEnded = false
    }

    init(launch: WorkerSandbox.Launch, limits: WorkerResourceLimits, environment: [String], sandbox: WorkerSandbox,
         startupTimeout: Double, setupFailure: WorkerDeath? = nil, sandboxViolation: String? = nil) {
        startupFailure = setupFailure
        self.sandboxViolation = sandboxViolation
        self.launch = launch
        self.limits = limits
        self.environment = environment
        self.sandbox = sandbox
        self.startupTimeout = startupTimeout
        decoder = WireFormat.decoder()
    }

    deinit {
        if let worker { Self.end(worker, reaped: false) }
        for spare in spares { Self.end(spare, reaped: false) }
    }

    /// Stops the worker and the spares, and waits until they are gone.
    mutating func stopWorker() {
        if let worker { Self.end(worker, reaped: false) }
        worker = nil
        for spare in spares { Self.end(spare, reaped: false) }
        spares = []
    }

    /// Retires the current worker, if it served a request, and starts the next one.
    mutating func retireCurrent() {
        guard worker?.ready == true else { return }
        worker?.caseEnded = true
    }

    /// Whether the worker that served the last case may serve the next one, of `component`.
    ///
    /// Only when nothing of the last case can reach it: the same component, no thread more than
    /// when the worker got ready (a thread could write later), and nothing on its pipes (what a
    /// thread wrote before it ended). Timers and new processes are denied by the seccomp filter,
    /// so no other code can run between cases. Otherwise it is retired, and a spare takes over.
    private func mayServe(_ worker: StartedWorker, component: String?) -> Bool {
        guard let component, worker.component == component else { return false }
        guard Self.threadCount(worker.workerPID) == worker.baselineThreads else { return false }
        var descriptors = [pollfd(fd: worker.process.results, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: worker.process.errors, events: Int16(POLLIN), revents: 0)]
        return SystemCall.poll(&descriptors, milliseconds: 0) == 0
    }

    /// The threads of a process, from `/proc/<pid>/task`; 0 when it is gone.
    private static func threadCount(_ pid: pid_t) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task"))?.count ?? 0
    }

    /// Kills a worker's sandbox and waits until nothing of it is left. The process running
    /// student code is killed through its descriptor first (opened from bubblewrap's report when
    /// the worker had not got ready), then bubblewrap is killed and reaped; the process it ran is
    /// bubblewrap's child, not the grader's, so its end is awaited through the descriptor.
    private static func end(_ worker: StartedWorker, reaped: Bool) {
        var held = worker.held
        var info = worker.info
        if held == nil, let descriptor = worker.process.info, !reaped,
           let inner = WorkerSandbox.awaitChildPID(on: descriptor, info: &info, deadline: Monotonic.now() + 1,
                                                   gaveUp: { worker.process.reap(blocking: false) != nil }),
           inner != worker.process.pid {
            held = ProcessHandle(pid: inner)
        }
        held?.kill()
        end(worker.process, reaped: reaped)
        if let held {
            // SIGKILL cannot be caught; only a process stuck in the kernel takes longer.
            _ = held.awaitEnd(deadline: Monotonic.now() + 10)
            held.close()
        }
    }

    private static func end(_ process: WorkerProcess, reaped: Bool) {
        if !reaped {
            process.kill()
            _ = process.reap(blocking: true)
        }
        process.closeDescriptors()
    }

    /// Makes sure a worker is waiting: the first spare, or a new one. Spares are started after
    /// a request (``fillSpares()``), not here, so that their start-up does not take the CPU
    /// from the request about to run.
    private mutating func ensureWorker() -> WorkerDeath? {
        if let startupFailure { return startupFailure }
        if let worker, worker.ready, worker.process.reap(blocking: false) != nil {
            // It died between requests of its case; that is no fault of the next request.
            Self.end(worker, reaped: true)
            self.worker = nil
        }
        if worker == nil {
            if spares.isEmpty {
                switch spawn() {
                case .success(let started): spares.append(started)
                case .failure(let death): return death
                }
            }
            worker = spares.removeFirst()
            workersStarted += 1
        }
        return nil
    }

    /// Starts spares up to ``spareCount``, once a request has been answered: their start-up
    /// overlaps with the grader judging that request and preparing the next case, rather than
    /// competing for the CPU with the request (on two cores, a large request's products run
    /// on both).
    private mutating func fillSpares() {
        guard startupFailure == nil, sandboxViolation == nil else { return }
        while spares.count < Self.spareCount, case .success(let started) = spawn() { spares.append(started) }
    }

    /// Starts a spare when there is no worker and no spare, and nothing stops workers from starting.
    mutating func startSpare() {
        guard startupFailure == nil, sandboxViolation == nil, worker == nil, spares.isEmpty,
              case .success(let started) = spawn() else { return }
        spares.append(started)
    }

    /// The spares, and the worker when it has not served a request yet.
    var waiting: Int { spares.count + (worker?.ready == false ? 1 : 0) }

    /// How many workers wait, started, for the cases to come.
    private static let spareCount = 2
    private var spares: [StartedWorker] = []

    private mutating func spawn() -> Result<StartedWorker, WorkerDeath> {
        switch WorkerProcess.spawn(arguments: launch.arguments, environment: environment,
                                   workingDirectory: launch.workingDirectory, info: launch.reportsPID) {
        case .success(let started):
            return .success(StartedWorker(process: started, started: Monotonic.now(), workerPID: started.pid))
        case .failure(let error):
            return .failure(.couldNotStart(error.message))
        }
    }

    /// How ``readyWorker(for:waiting:)`` went.
    private enum Readiness {
        case ready
        /// It has not said it is ready yet (only when not waiting).
        case starting
        /// There is none, for this reason, and it printed this.
        case failed(WorkerDeath, CapturedOutput)
    }

    /// Makes the worker for a request of `component` ready: the current one when it may serve
    /// it, else the next, once it said it is ready and was found confined. Unless `waiting`, a
    /// worker that has not said it is ready yet is left starting.
    private mutating func readyWorker(for component: String?, waiting: Bool = true) -> Readiness {
        if let finished = worker, finished.caseEnded {
            let reusable = mayServe(finished, component: component)
            let ended = finished.process.reap(blocking: false)
            if reusable && ended == nil {
                worker?.caseEnded = false
            } else {
                Self.end(finished, reaped: ended != nil)
                worker = nil
            }
        }
        if let death = ensureWorker() { return .failed(death, CapturedOutput()) }
        guard var current = worker else { return .failed(.couldNotStart("no worker"), CapturedOutput()) }
        if current.component == nil { current.component = component }
        if !current.ready && !waiting {
            var results = [pollfd(fd: current.process.results, events: Int16(POLLIN), revents: 0)]
            if SystemCall.poll(&results, milliseconds: 0) == 0 {
                worker = current
                return .starting
            }
        }
        if !current.ready {
            var capture = OutputCapture(keptBytes: limits.keptOutputBytes)
            if let death = awaitReady(&current, capture: &capture) {
                worker = nil
                if case .sandboxViolation(let text) = death { sandboxViolation = text } else { startupFailure = death }
                return .failed(death, capture.captured)
            }
            current.startup = capture
        }
        worker = current
        return .ready
    }

    /// Has the worker for the next request of `component` draw `recipes` now, while the
    /// grader draws its own copy, so that the request finds them drawn. Nothing answers it; a
    /// worker that could not be readied is reported by that request. A worker still starting
    /// is not waited for (nothing goes to a worker before it was found confined): the request
    /// carries the recipes as ever.
    mutating func prepare(_ recipes: [DrawnMatrix.Recipe], component: String) {
        unreported = nil
        guard !recipes.isEmpty, sandboxViolation == nil else { return }
        switch readyWorker(for: component, waiting: false) {
        case .ready: break
        case .starting: return
        case .failed(let death, let output):
            unreported = (death, output)
            return
        }
        guard let current = worker, let message = try? WireFormat.frame(.preparing(recipes)).bytes else { return }
        // A few hundred bytes into a pipe the worker has emptied: one write, in practice.
        var written = 0
        let deadline = Monotonic.now() + 1
        while written < message.count && Monotonic.now() < deadline {
            let count = message[written...].withUnsafeBytes { SystemCall.write(current.process.input, $0) }
            if count > 0 {
                written += count
            } else if count < 0 && errno != EAGAIN {
                break
            } else {
                var descriptor = [pollfd(fd: current.process.input, events: Int16(POLLOUT), revents: 0)]
                _ = SystemCall.poll(&descriptor, milliseconds: 10)
            }
        }
        // A request cut short would be read as the start of the next: that worker serves no more.
        if written < message.count { retire(reaped: nil) }
    }

    mutating func run(_ request: WorkerRequest, timeout: Double, budget: Double) -> WorkerOutcome {
        defer { fillSpares() }
        if let failed = unreported {
            unreported = nil
            return .died(failed.death, output: failed.output)
        }
        if let sandboxViolation { return .died(.sandboxViolation(sandboxViolation), output: CapturedOutput()) }
        if case .failed(let death, let output) = readyWorker(for: request.invocations.first?.component) { return .died(death, output: output) }
        guard var current = worker else { return .died(.couldNotStart("no worker"), output: CapturedOutput()) }
        let capture = current.startup ?? OutputCapture(keptBytes: limits.keptOutputBytes)
        current.startup = nil

        var wireRequest = request
        wireRequest.id = Int.random(in: 1...Int.max)
        guard let message = try? WireFormat.frame(wireRequest) else {
            return .died(.malformedResult("the request cannot be encoded"), output: CapturedOutput())
        }

        var exchange = Exchange(worker: current.process, workerPID: current.workerPID, message: message,
                                limits: limits, timeout: timeout, budget: budget, cpuSeconds: request.cpuSeconds,
                                capture: capture, resultLine: current.pending)
        current.pending = []
        worker = current
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
            retire(reaped: nil)
            return .died(.malformedResult(detail), output: output)
        case .killed(let death):
            retire(reaped: nil)
            return .died(death, output: output)
        case .ended(let termination):
            retire(reaped: termination)
            return .died(classify(termination, capture: exchange.capture, request: request), output: output)
        }
    }

    /// Waits for the worker's ready line, then inspects the worker; nil when it may serve.
    private mutating func awaitReady(_ current: inout StartedWorker, capture: inout OutputCapture) -> WorkerDeath? {
        let deadline = current.started + startupTimeout
        var line: [UInt8] = []
        func fail(_ death: WorkerDeath, reaped: Bool) -> WorkerDeath {
            Self.end(current, reaped: reaped)
            return death
        }
        while true {
            var descriptors = [pollfd(fd: current.process.results, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: current.process.errors, events: Int16(POLLIN), revents: 0)]
            if let info = current.process.info, !current.infoEnded {
                descriptors.append(pollfd(fd: info, events: Int16(POLLIN), revents: 0))
            }
            _ = SystemCall.poll(&descriptors, milliseconds: 50)
            let printed = Self.drain(current.process.errors, into: &capture, buffer: &readBuffer)
            if capture.totalBytes > limits.maxOutputBytes {
                return fail(.outputLimitExceeded(bytes: limits.maxOutputBytes), reaped: false)
            }
            if let info = current.process.info, !current.infoEnded {
                current.infoEnded = SystemCall.readAvailable(info, appendingTo: &current.info).ended
            }
            let read = SystemCall.readAvailable(current.process.results, appendingTo: &line).bytes
            if let newline = line.firstIndex(of: UInt8(ascii: "\n")) {
                guard line[..<newline].elementsEqual(WorkerLoop.readyLine.utf8) else {
                    return fail(.malformedResult("the worker wrote something else before it was ready"), reaped: false)
                }
                current.pending = Array(line[(newline + 1)...])
                break
            }
            if line.count > 256 { return fail(.malformedResult("the worker wrote something else before it was ready"), reaped: false) }
            if read == 0 && printed == 0, let termination = current.process.reap(blocking: false) {
                _ = Self.drain(current.process.errors, into: &capture, buffer: &readBuffer)
                Self.end(current, reaped: true)
                let death = classify(termination, capture: capture, request: nil)
                if case .sandboxViolation = death { return death }
                return .startupFailed("the submission stopped before it was ready: \(death.reason)")
            }
            // Checked after reading: a spare started long ago, while the grader was busy, may
            // have been ready all along.
            if Monotonic.now() >= deadline {
                return fail(.startupFailed("the submission did not start within \(Int(startupTimeout)) s: registerComponents(in:) or a global initializer runs too long"), reaped: false)
            }
        }
        if launch.reportsPID {
            if let info = current.process.info {
                _ = WorkerSandbox.awaitChildPID(on: info, info: &current.info, deadline: Monotonic.now() + 2)
            }
            guard let pid = WorkerSandbox.childPID(in: current.info) else {
                return fail(.sandboxViolation("bubblewrap did not report the sandboxed worker's pid"), reaped: false)
            }
            current.workerPID = pid
            // Held before it is inspected: while the descriptor's process has not ended, the
            // pid inspected below is that process.
            guard let held = ProcessHandle(pid: pid) else {
                return fail(.sandboxViolation("the sandboxed worker could not be held by a process descriptor"), reaped: false)
            }
            current.held = held
        }
        if !sandbox.layers.isEmpty {
            guard let inspection = ProcessInspection(pid: current.workerPID) else {
                return fail(.sandboxViolation("the worker could not be inspected in /proc"), reaped: false)
            }
            let violations = sandbox.violations(of: inspection, expected: sandbox.layers)
            if !violations.isEmpty {
                return fail(.sandboxViolation("a worker lacks: \(violations.joined(separator: ", "))"), reaped: false)
            }
        }
        current.ready = true
        current.baselineThreads = Self.threadCount(current.workerPID)
        return nil
    }

    /// Ends a worker that can no longer be trusted and starts its successor straight away,
    /// so that the successor's start-up overlaps with the grader's own work.
    private mutating func retire(reaped: Termination?) {
        if let worker { Self.end(worker, reaped: reaped != nil) }
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
    private func classify(_ termination: Termination, capture: OutputCapture, request: WorkerRequest?) -> WorkerDeath {
        let lines = capture.searchableLines
        if let text = Self.text(after: WorkerSandbox.launcherFailureMarker, in: lines),
           termination.exitStatus == WorkerSandbox.launcherFailureStatus {
            return .sandboxViolation("the sandbox launcher failed: \(text)")
        }
        if launch.reportsPID, termination.exitStatus == 1, let text = Self.text(after: "bwrap:", in: lines) {
            return .sandboxViolation("bubblewrap failed: \(text)")
        }
        let fatalError = lines.last { $0.contains("Fatal error:") }.map { Self.withoutRuntimeLocation($0.trimmingCharacters(in: .whitespaces)) }
        // bubblewrap reports a signal death of the worker as the exit status 128 + the signal.
        var signal = termination.signal
        var exitStatus = termination.exitStatus
        if launch.reportsPID, let status = exitStatus, status > 128, status < 128 + 65 {
            signal = status - 128
            exitStatus = nil
        }
        if exitStatus != 0, let message = fatalError ?? lines.last(where: Self.isAllocationFailure).map(String.init),
           Self.isAllocationFailure(Substring(message)) {
            return .memoryLimitExceeded(bytes: limits.memoryBytes, message: message)
        }
        if let status = exitStatus {
            if status == notImplementedExitStatus, let text = Self.text(after: notImplementedMarker, in: lines) {
                return .notImplemented(text)
            }
            if status == WorkerLoop.protocolFailureStatus, let text = Self.text(after: WorkerLoop.protocolFailureMarker, in: lines) {
                return .malformedResult("the worker failed: \(text)")
            }
            return .exitedWithoutResult(status: status)
        }
        let number = signal ?? 0
        if let request, number == SIGXCPU || (number == SIGKILL && termination.cpuSeconds >= Double(request.cpuSeconds)) {
            return .cpuLimitExceeded(seconds: request.cpuSeconds)
        }
        if let memoryBytes = limits.memoryBytes, number != SIGKILL,
           Double(termination.peakResidentBytes) >= 0.9 * Double(memoryBytes) {
            // The runtime could not even report the failed allocation, but the worker had filled its address space.
            return .memoryLimitExceeded(bytes: memoryBytes, message: nil)
        }
        if number == SIGXFSZ { return .crashed(signal: number, fatalError: "a file grew past the limit of \(limits.maxFileBytes >> 20) MiB") }
        return .crashed(signal: number, fatalError: fatalError)
    }

    /// A `Fatal error:` line without the place in GradeKit or the standard library that
    /// stopped (`GradeKit/Matrix.swift:144: `), which is not the student's; the student's own
    /// place keeps its file and loses only the module (`StudentSubmission/`).
    static func withoutRuntimeLocation(_ line: String) -> String {
        guard let range = line.range(of: "Fatal error:") else { return line }
        let place = line[..<range.lowerBound]
        if place.hasPrefix("GradeKit/") || place.hasPrefix("Swift/") || place.hasPrefix("ComponentRuntime/") {
            return String(line[range.lowerBound...])
        }
        if place.hasPrefix(BuildInputs.studentModule + "/") { return String(line.dropFirst(BuildInputs.studentModule.count + 1)) }
        return line
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

    /// Reads what the worker printed into `capture`, up to a gigabyte; the bytes read.
    private static func drain(_ descriptor: Int32, into capture: inout OutputCapture, buffer: inout [UInt8]) -> Int {
        SystemCall.readAvailable(descriptor, buffer: &buffer) { chunk in
            capture.append(chunk)
            return capture.totalBytes <= 1 << 30
        }.bytes
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
    /// The process running student code, whose CPU time is measured.
    let workerPID: pid_t
    let message: Frame
    let limits: WorkerResourceLimits
    let timeout: Double
    let budget: Double
    let cpuSeconds: Int
    private(set) var capture: OutputCapture
    /// Bytes on the result channel after the answer's newline.
    private(set) var leftover: [UInt8] = []
    private var written = 0
    private var inputClosed = false
    private var resultLine: [UInt8] = []
    private var resultsOpen = true
    private var errorsOpen = true

    init(worker: WorkerProcess, workerPID: pid_t, message: Frame, limits: WorkerResourceLimits, timeout: Double,
         budget: Double, cpuSeconds: Int, capture: OutputCapture, resultLine: [UInt8]) {
        self.worker = worker
        self.workerPID = workerPID
        self.message = message
        self.limits = limits
        self.timeout = timeout
        self.budget = budget
        self.cpuSeconds = cpuSeconds
        self.capture = capture
        self.resultLine = resultLine
    }

    mutating func run(buffer: inout [UInt8]) -> Ending {
        let deadline = Monotonic.now() + max(timeout, 0)
        let cpuAtStart = CPUTime.seconds(of: workerPID)
        // The CPU budget is whole seconds; reading it every 50 ms is exact enough and keeps
        // /proc out of the wake-ups of a fast request.
        var nextCPUCheck = Monotonic.now() + CPUTime.checkInterval
        var termination: Termination?
        // Once the worker has ended, its pipes get a short grace period to drain; a grandchild
        // holding them open must not keep the grader waiting.
        var drainDeadline: Double?

        while true {
            let now = Monotonic.now()
            if let termination, (!resultsOpen && !errorsOpen) || now >= drainDeadline! {
                return .ended(termination)
            }
            if termination == nil, now >= nextCPUCheck, let start = cpuAtStart, let used = CPUTime.seconds(of: workerPID),
               used - start > Double(max(cpuSeconds, 1)) {
                worker.kill()
                drainErrors(&buffer)
                return .killed(.cpuLimitExceeded(seconds: cpuSeconds))
            }
            if now >= nextCPUCheck { nextCPUCheck = now + CPUTime.checkInterval }
            if now >= deadline {
                worker.kill()
                drainErrors(&buffer)
                return .killed(.timedOut(seconds: budget))
            }

            var descriptors: [pollfd] = []
            if written < message.count && !inputClosed { descriptors.append(pollfd(fd: worker.input, events: Int16(POLLOUT), revents: 0)) }
            if resultsOpen { descriptors.append(pollfd(fd: worker.results, events: Int16(POLLIN), revents: 0)) }
            if errorsOpen { descriptors.append(pollfd(fd: worker.errors, events: Int16(POLLIN), revents: 0)) }
            // Wake up now and then to notice a worker that died while something else holds its pipes.
            let wait = min(deadline, drainDeadline ?? deadline, now + (resultsOpen ? 0.1 : 0.005)) - now
            let ready = SystemCall.poll(&descriptors, milliseconds: Int32((max(wait, 0) * 1000).rounded(.up)))
            if ready < 0 {
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
        let count = message.withBytes(from: written) { SystemCall.write(worker.input, $0) }
        if count > 0 {
            written += count
        } else if count < 0 && errno != EAGAIN {
            // EPIPE: the worker is gone; how it ended is read from the other pipes.
            inputClosed = true
        }
    }

    /// Reads what the worker printed; returns true when it printed more than allowed.
    private mutating func readErrors(_ buffer: inout [UInt8]) -> Bool {
        var exceeded = false
        let drained = SystemCall.readAvailable(worker.errors, buffer: &buffer) { chunk in
            capture.append(chunk)
            exceeded = capture.totalBytes > limits.maxOutputBytes
            return !exceeded
        }
        if drained.ended { errorsOpen = false }
        return exceeded
    }

    /// Reads what is left in standard error without waiting, after the worker was killed or answered.
    mutating func drainErrors(_ buffer: inout [UInt8]) {
        if errorsOpen { _ = readErrors(&buffer) }
    }

    private mutating func readResults(_ buffer: inout [UInt8]) -> Ending? {
        while true {
            let count = buffer.withUnsafeMutableBytes { SystemCall.read(worker.results, into: $0) }
            if count > 0 {
                let chunk = buffer[..<count]
                // memchr: a result line can be megabytes, and this module is built for fast compilation.
                let found = buffer.withUnsafeBytes { raw in memchr(raw.baseAddress!, Int32(UInt8(ascii: "\n")), count) }
                if let found {
                    let newline = buffer.withUnsafeBytes { raw in UnsafeRawPointer(found) - raw.baseAddress! }
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
            } else {
                if count == 0 { resultsOpen = false }
                return nil
            }
        }
    }
}

/// The CPU time of a process, all its threads, from `/proc/<pid>/stat`.
enum CPUTime {
    private static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    /// How often a running request's CPU time is read.
    static let checkInterval = 0.05

    /// User plus system seconds, or nil when the process is gone: fields 14 and 15 of
    /// `/proc/<pid>/stat`, counted after the command name's closing parenthesis (a name may
    /// hold spaces and parentheses).
    static func seconds(of pid: pid_t) -> Double? {
        let descriptor = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 1024)
        let count = bytes.withUnsafeMutableBytes { SystemCall.read(descriptor, into: $0) }
        guard count > 0, let close = bytes[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // After the name: state is field 3, so utime (14) and stime (15) are the 12th and 13th
        // space-separated fields that follow.
        var field = 0, value: UInt64 = 0, ticks: UInt64 = 0
        for byte in bytes[(close + 1)..<count] {
            if byte == UInt8(ascii: " ") {
                if field == 12 || field == 13 { ticks += value }
                field += 1
                value = 0
                if field > 13 { return Double(ticks) / ticksPerSecond }
            } else if field == 12 || field == 13 {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            }
        }
        return nil
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
