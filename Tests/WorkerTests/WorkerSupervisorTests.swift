import ComponentRuntime
import Foundation
import GradeKit
import GradeResults
import GradingEngine
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Each misbehaviour of student code ends in its own classification, and the supervisor
/// keeps grading afterwards.
@Suite("Worker supervisor")
struct WorkerSupervisorTests {
    let supervisor: WorkerSupervisor

    init() throws {
        let executable = try #require(Fixtures.hostile.executable, "the hostile fixture did not build: \(Fixtures.hostile.outcome.log)")
        supervisor = WorkerSupervisor(executable: executable, sandbox: Fixtures.sandbox)
    }

    @Test func correctComponentReturnsItsValuesAndWhatItPrinted() {
        let outcome = supervisor.run(scoreLossRequest("correct"), timeout: 30)
        #expect(abs((outcome.loss ?? .nan) - expectedHostileLoss) < 1e-12)
        #expect(outcome.output.text.contains("computing the SVM loss of 3 samples"))
        #expect(!outcome.output.truncated)
    }

    @Test func fatalErrorIsACrashWithTheFatalErrorLine() {
        let death = supervisor.run(scoreLossRequest("fatal-error"), timeout: 30).death
        guard case .crashed(let signal, let message)? = death else { Issue.record("got \(String(describing: death))"); return }
        #expect(signal == SIGILL || signal == SIGTRAP)
        #expect(message?.contains("Fatal error: the hostile loss gave up") == true)
        #expect(death?.problem == .crash)
    }

    @Test func indexOutOfRangeIsACrashThatSaysSo() {
        let death = supervisor.run(scoreLossRequest("index-out-of-range"), timeout: 30).death
        guard case .crashed(_, let message)? = death else { Issue.record("got \(String(describing: death))"); return }
        #expect(message?.contains("Index out of range") == true)
        #expect(death?.reason.contains("SIGILL") == true || death?.reason.contains("SIGTRAP") == true)
    }

    @Test func aCrashNamesTheStudentsLineAndLeavesNoFramesInTheOutput() {
        guard let locator = Fixtures.hostile.crashLocator else { Issue.record("the hostile fixture has no locator"); return }
        let executor = SupervisedExecutor(supervisor: supervisor, locator: locator)
        let request = scoreLossRequest("index-out-of-range")
        guard case .died(.crash, let reason, let output) = executor.execute(request.invocations, limits: CaseLimits(timeout: 30)) else {
            Issue.record("no crash"); return
        }
        // The runtime's check is in the standard library; the first frame in the submission is the subscript.
        #expect(reason.hasSuffix("in your code at Misbehaving.swift:14: let loss = labels[labels.count + 5]"), "\(reason)")
        #expect(!output.text.contains(CrashFrames.marker))
    }

    @Test func aForgedFramesLineNamesNoFileOutsideTheSubmission() {
        guard let locator = Fixtures.hostile.crashLocator else { Issue.record("the hostile fixture has no locator"); return }
        let forged = CapturedOutput(text: "\(CrashFrames.marker) 0x1000 0x2000 0xffffffff 0x12\nzzz")
        let (output, site) = locator.locate(forged)
        #expect(site == nil || site!.file.hasSuffix(".swift") && !site!.file.hasPrefix("/"))
        #expect(output.text == "zzz")
    }

    @Test func infiniteRecursionIsASegmentationFault() {
        let death = supervisor.run(scoreLossRequest("infinite-recursion"), timeout: 30).death
        guard case .crashed(let signal, _)? = death else { Issue.record("got \(String(describing: death))"); return }
        #expect(signal == SIGSEGV || signal == SIGBUS)
        #expect(death?.reason.contains("recursion") == true)
    }

    @Test func infiniteLoopHitsTheWallClockTimeout() {
        let started = Date()
        let death = supervisor.run(scoreLossRequest("infinite-loop", cpuSeconds: 60), timeout: 1).death
        #expect(death == .timedOut(seconds: 1))
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func sleepingForeverHitsTheWallClockTimeout() {
        let death = supervisor.run(scoreLossRequest("sleeps-forever", cpuSeconds: 60), timeout: 0.5).death
        #expect(death == .timedOut(seconds: 0.5))
    }

    @Test func infiniteLoopUnderALongTimeoutHitsTheCPUBudget() {
        let started = Date()
        let death = supervisor.run(scoreLossRequest("infinite-loop", cpuSeconds: 1), timeout: 60).death
        print("CPU budget of 1 s ended the loop after \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        #expect(death == .cpuLimitExceeded(seconds: 1))
        #expect(death?.problem == .cpuLimit)
    }

    @Test func growingWithoutBoundHitsTheMemoryLimit() {
        let limited = WorkerSupervisor(executable: supervisor.executable, limits: .init(memoryBytes: 1 << 30), sandbox: Fixtures.sandbox)
        let started = Date()
        let outcome = limited.run(scoreLossRequest("unbounded-allocation"), timeout: 60)
        print("unbounded allocation under 1 GiB: \(String(describing: outcome.death)) after "
              + "\(String(format: "%.2f", Date().timeIntervalSince(started))) s; printed: \(outcome.output.text.prefix(300))")
        guard case .memoryLimitExceeded(let bytes, _)? = outcome.death else { Issue.record("got \(String(describing: outcome.death))"); return }
        #expect(bytes == 1 << 30)
        #expect(outcome.death?.problem == .memoryLimit)
    }

    @Test func oneHugeAllocationHitsTheMemoryLimit() {
        let outcome = supervisor.run(scoreLossRequest("huge-allocation"), timeout: 30)
        print("huge allocation under the default limit: \(String(describing: outcome.death)); printed: \(outcome.output.text.prefix(300))")
        guard case .memoryLimitExceeded? = outcome.death else { Issue.record("got \(String(describing: outcome.death))"); return }
    }

    @Test func printingTwentyMegabytesHitsTheOutputLimitAndKeepsTheBeginningAndTheEnd() {
        let outcome = supervisor.run(scoreLossRequest("prints-20-mb"), timeout: 60)
        #expect(outcome.death == .outputLimitExceeded(bytes: WorkerResourceLimits.default.maxOutputBytes))
        #expect(outcome.output.truncated)
        // The beginning the limit keeps, the line that says how much was left out, the last kilobytes.
        #expect(outcome.output.text.utf8.count > WorkerResourceLimits.default.keptOutputBytes)
        #expect(outcome.output.text.utf8.count < WorkerResourceLimits.default.keptOutputBytes + 16 << 10)
        #expect(outcome.output.text.contains("bytes left out] …"))
        #expect(outcome.output.totalBytes > WorkerResourceLimits.default.maxOutputBytes)
        #expect(outcome.output.text.hasPrefix(String(repeating: "x", count: 99) + "\n"))
    }

    @Test func exitZeroIsAMissingResultNotAPass() {
        let outcome = supervisor.run(scoreLossRequest("exits-zero"), timeout: 30)
        #expect(outcome.death == .exitedWithoutResult(status: 0))
        #expect(outcome.death?.problem == .missingResult)
        #expect(outcome.output.text.contains("leaving early"))
    }

    @Test func notImplementedCarriesTheMarkerText() {
        let death = supervisor.run(scoreLossRequest("not-implemented"), timeout: 30).death
        guard case .notImplemented(let text)? = death else { Issue.record("got \(String(describing: death))"); return }
        #expect(text.hasPrefix("UnfinishedLoss.lossAndGradient (StudentSubmission/Misbehaving.swift:"))
        #expect(death?.problem == .notImplemented)
    }

    @Test func aResultForgedOnTheChannelIsRejected() {
        let death = supervisor.run(scoreLossRequest("forges-result"), timeout: 30).death
        guard case .malformedResult? = death else { Issue.record("got \(String(describing: death))"); return }
    }

    @Test func aResultOverTheLimitIsAFailureFromALiveWorkerThatSaysHowLargeItIs() {
        let limited = WorkerSupervisor(executable: supervisor.executable, limits: .init(maxResultBytes: 1 << 20))
        let started = Date()
        let outcome = limited.run(scoreLossRequest("huge-result"), timeout: 30)
        guard case .completed(let results, _) = outcome, case .failure(let failure)? = results.first else {
            Issue.record("got \(outcome)"); return
        }
        guard case .resultTooLarge(let numbers, _, let limitBytes) = failure else { Issue.record("got \(failure)"); return }
        #expect(numbers == 1_000_001)
        #expect(limitBytes == 1 << 20)
        #expect(failure.message.contains("1000001 numbers") && failure.message.contains("limit of 1 MiB"), "\(failure.message)")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(abs((limited.run(scoreLossRequest("correct"), timeout: 30).loss ?? .nan) - expectedHostileLoss) < 1e-12)
        #expect(limited.workersStarted == 1, "the worker that refused stays in service")
    }

    @Test func changingTheCountOfAMatrixCrashesTheWorkerNamingTheShape() {
        let death = supervisor.run(scoreLossRequest("reshapes-gradient"), timeout: 30).death
        guard case .crashed(_, let message)? = death else { Issue.record("got \(String(describing: death))"); return }
        #expect(message?.contains("Fatal error: Matrix 3×3 needs 9 elements, got 1") == true, "\(message ?? "")")
    }

    @Test func anUnregisteredComponentIsAFailureResultFromALiveWorker() {
        let outcome = supervisor.run(scoreLossRequest("no-such-loss"), timeout: 30)
        guard case .completed(let results, _) = outcome, case .failure(let failure)? = results.first else {
            Issue.record("got \(outcome)"); return
        }
        guard case .notRegistered(let component, let registered) = failure else { Issue.record("got \(failure)"); return }
        #expect(component == "no-such-loss")
        // The names it does register travel with the failure, for the grader to suggest one.
        #expect(registered.contains("correct") && registered.contains("fatal-error"))
    }

    @Test func everyDeathIsFollowedByAFreshWorkerThatStillGrades() {
        let misbehaving = ["fatal-error", "index-out-of-range", "infinite-recursion", "exits-zero", "not-implemented",
                           "forges-result", "huge-allocation", "sleeps-forever"]
        var id = 0
        for component in misbehaving {
            id += 1
            let death = supervisor.run(scoreLossRequest(component, id: id), timeout: 1).death
            #expect(death != nil, "\(component) should not have answered")
            id += 1
            let outcome = supervisor.run(scoreLossRequest("correct", id: id), timeout: 30)
            #expect(abs((outcome.loss ?? .nan) - expectedHostileLoss) < 1e-12, "after \(component): \(outcome)")
            #expect(!outcome.output.text.contains("leaving early"), "output of the dead worker leaked into the next request")
        }
        #expect(supervisor.workersStarted == misbehaving.count + 1)
    }

    @Test func oneWorkerServesManyRequests() {
        _ = supervisor.run(scoreLossRequest("correct"), timeout: 30)
        let count = 500
        let started = Date()
        for id in 1...count {
            #expect(supervisor.run(scoreLossRequest("correct", id: id), timeout: 30).loss != nil)
        }
        let perRequest = Date().timeIntervalSince(started) / Double(count)
        print("round trip of a small request: \(String(format: "%.0f", perRequest * 1e6)) µs over \(count) requests")
        #expect(supervisor.workersStarted == 1)
    }

    @Test func shutdownStopsTheWorkerAndTheNextRequestStartsAnother() {
        #expect(supervisor.run(scoreLossRequest("correct"), timeout: 30).loss != nil)
        supervisor.shutdown()
        #expect(supervisor.run(scoreLossRequest("correct"), timeout: 30).loss != nil)
        #expect(supervisor.workersStarted == 2)
    }

    @Test func aWorkerStartedAheadServesTheFirstRequest() {
        let ahead = WorkerSupervisor(executable: supervisor.executable, sandbox: Fixtures.sandbox)
        #expect(ahead.workersWaiting == 0, "no worker starts before it is asked for")
        ahead.startWorker()
        ahead.startWorker()
        #expect(ahead.workersWaiting == 1, "one worker, however often it is asked for")
        #expect(ahead.run(scoreLossRequest("correct"), timeout: 30).loss != nil)
        #expect(ahead.workersStarted == 1)
        ahead.shutdown()
        #expect(ahead.workersWaiting == 0)
    }

    @Test func aPreparedWorkerDrawsTheInputsAheadAndAnswersOnlyTheRequests() {
        var random = SeededGenerator(seed: 91)
        let scores = Matrix.normal(rows: 1000, columns: 70, using: &random)
        let labels = (0..<1000).map { ($0 * 7) % 70 }
        let drawn = DrawnMatrix(matrix: scores, seed: 91, mean: 0, scale: 1)
        let request = WorkerRequest(id: 2, invocations: [Invocation(component: "correct", family: .scoreLoss, inputs: [
            "scores": .matrix(scores), "labels": .integers(labels)])], cpuSeconds: 10, drawn: [drawn])
        var expected = 0.0
        for i in 0..<1000 {
            for j in 0..<70 where j != labels[i] { expected += max(0, scores[i, j] - scores[i, labels[i]] + 1) }
        }
        expected /= 1000

        let prepared = WorkerSupervisor(executable: supervisor.executable, sandbox: Fixtures.sandbox)
        defer { prepared.shutdown() }
        // No worker is ready yet: nothing is sent and nothing waited for; the request brings the recipe.
        prepared.prepare([drawn.recipe], component: "correct")
        #expect(abs((prepared.run(request, timeout: 30).loss ?? .nan) - expected) < 1e-9 * expected)
        // Now one is: it draws ahead, and the requests after get their own answers, not one to the preparing.
        for id in 3...4 {
            prepared.prepare([drawn.recipe], component: "correct")
            var again = request
            again.id = id
            #expect(abs((prepared.run(again, timeout: 30).loss ?? .nan) - expected) < 1e-9 * expected)
        }
        #expect(prepared.run(scoreLossRequest("correct", id: 5), timeout: 30).loss.map { abs($0 - expectedHostileLoss) < 1e-12 } == true)
        #expect(prepared.workersStarted == 1)
    }

    @Test func aWorkerThatCannotStartAheadIsReportedByTheFirstRequest() {
        let missing = WorkerSupervisor(executable: URL(fileURLWithPath: "/nonexistent/grade-worker"))
        missing.startWorker()
        guard case .couldNotStart? = missing.run(scoreLossRequest("correct"), timeout: 5).death else {
            Issue.record("a missing executable should not start"); return
        }
    }

    @Test func everyReasonIsOneLine() {
        let deaths: [WorkerDeath] = [
            .notImplemented("Loss.lossAndGradient (StudentSubmission/Loss.swift:3)"), .crashed(signal: SIGILL, fatalError: nil),
            .crashed(signal: SIGSEGV, fatalError: nil), .crashed(signal: SIGKILL, fatalError: nil),
            .crashed(signal: SIGABRT, fatalError: "Fatal error: boom"), .timedOut(seconds: 2.5), .cpuLimitExceeded(seconds: 3),
            .memoryLimitExceeded(bytes: 1 << 30, message: nil), .outputLimitExceeded(bytes: 8 << 20),
            .exitedWithoutResult(status: 0), .malformedResult("forged"), .couldNotStart("no such file"),
        ]
        for death in deaths {
            #expect(!death.reason.isEmpty && !death.reason.contains("\n"), "\(death)")
        }
        #expect(WorkerDeath.memoryLimitExceeded(bytes: 1 << 30, message: nil).reason.contains("1024 MiB"))
    }

    @Test func aMissingExecutableCannotStart() {
        let missing = WorkerSupervisor(executable: URL(fileURLWithPath: "/nonexistent/grade-worker"))
        guard case .couldNotStart? = missing.run(scoreLossRequest("correct"), timeout: 5).death else {
            Issue.record("a missing executable should not start"); return
        }
    }
}
