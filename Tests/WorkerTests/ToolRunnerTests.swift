import Foundation
@testable import GradingEngine
import Testing

/// Running build tools: the deadline and the memory limit hold for every process the tool
/// starts, wherever it moves, and the runner returns on time.
@Suite("Tool runner")
struct ToolRunnerTests {
    @Test func toolThatEndsGivesItsStatusAndBothOutputs() {
        let result = ToolRunner.run(["sh", "-c", "echo out; echo err >&2; exit 3"], timeout: 30)
        #expect(result.status == 3)
        #expect(result.stopped == nil)
        #expect(result.output.contains("out") && result.output.contains("err"))
    }

    @Test func toolKilledByASignalHasStatus128PlusTheSignal() {
        let result = ToolRunner.run(["sh", "-c", "kill -9 $$"], timeout: 30)
        #expect(result.status == 128 + SIGKILL)
    }

    @Test func toolThatCannotBeFoundHasStatus127() {
        let result = ToolRunner.run(["grade-no-such-tool-\(UUID().uuidString)"], timeout: 30)
        #expect(result.status == 127)
    }

    @Test func toolRunsInTheGivenFolder() throws {
        let folder = try ToolScript.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = ToolRunner.run(["pwd"], in: folder.path, timeout: 30)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == folder.resolvingSymlinksInPath().path)
    }

    @Test func deadlineEndsTheWholeTreeEvenProcessesInAnotherGroupOrSession() throws {
        let script = try ToolScript("""
            trap '' TERM
            setsid perl -e '$SIG{TERM} = "IGNORE"; open(F, ">", "$ARGV[0]/new-session.pid"); print F $$; close F; sleep 1000' "$FOLDER" &
            perl -e 'setpgrp; $SIG{TERM} = "IGNORE"; open(F, ">", "$ARGV[0]/new-group.pid"); print F $$; close F; sleep 1000' "$FOLDER" &
            sh -c 'trap "" TERM; echo $$ > "$1/printer.pid"; while :; do echo grandchild; done' printer "$FOLDER" &
            while :; do echo tick; done
            """)
        defer { script.remove() }
        let result = ToolRunner.run(["sh", script.path], timeout: 3)
        print("tree stopped at its 3 s deadline; the runner returned after \(String(format: "%.3f", result.seconds)) s")
        #expect(result.stopped == .timeLimit)
        #expect(result.seconds >= 3 && result.seconds < 4.5, "returned after \(result.seconds) s")
        #expect(result.output.contains("tick") && result.output.contains("grandchild"))
        let started = script.startedProcesses(["new-session", "new-group", "printer"])
        #expect(started.count == 3, "every grandchild had started before the deadline")
        #expect(script.survivors().isEmpty, "left running: \(script.survivors())")
    }

    @Test func toolThatEndsLeavingAProcessBehindReturnsAtOnceAndTheProcessIsKilled() throws {
        let script = try ToolScript("""
            setsid perl -e 'open(F, ">", "$ARGV[0]/left.pid"); print F $$; close F; sleep 1000' "$FOLDER" &
            while [ ! -s "$FOLDER/left.pid" ]; do sleep 0.01; done
            echo done
            """)
        defer { script.remove() }
        let result = ToolRunner.run(["sh", script.path], timeout: 30)
        #expect(result.stopped == nil)
        #expect(result.status == 0)
        #expect(result.output.contains("done"))
        #expect(result.seconds < 3, "returned after \(result.seconds) s")
        print("tool that left a process behind: the runner returned after \(String(format: "%.3f", result.seconds)) s")
        #expect(script.startedProcesses(["left"]).count == 1)
        #expect(script.survivors().isEmpty, "left running: \(script.survivors())")
    }

    @Test func treeAboveTheMemoryLimitIsStopped() throws {
        // The growing process is a grandchild: the tree's memory is what counts.
        let script = try ToolScript("""
            perl -e 'my @blocks; while (1) { push @blocks, "x" x (4 << 20); select(undef, undef, undef, 0.02) }' "$FOLDER" &
            wait
            """)
        defer { script.remove() }
        let limit: UInt64 = 256 << 20
        let result = ToolRunner.run(["sh", script.path], timeout: 60, memoryLimit: limit)
        print("tree stopped above 256 MiB at \(result.peakMemory >> 20) MiB after \(String(format: "%.3f", result.seconds)) s")
        #expect(result.stopped == .memoryLimit)
        #expect(result.peakMemory > limit)
        #expect(result.peakMemory < limit + (128 << 20), "sampled often enough to stop near the limit")
        #expect(result.seconds < 20)
        #expect(script.survivors().isEmpty, "left running: \(script.survivors())")
    }

    @Test func toolWritingAsFastAsItCanIsStillStoppedAtItsDeadline() {
        let result = ToolRunner.run(["sh", "-c", "trap '' TERM; yes"], timeout: 2)
        print("`yes` stopped at its 2 s deadline; the runner returned after \(String(format: "%.3f", result.seconds)) s")
        #expect(result.stopped == .timeLimit)
        #expect(result.seconds < 3)
        #expect(result.output.utf8.count < ToolRunner.outputLimit + 200)
    }

    @Test func floodOfOutputIsCappedAndDoesNotBlockTheTool() throws {
        let result = ToolRunner.run(["sh", "-c", "yes | head -c 20000000; echo end"], timeout: 60)
        #expect(result.status == 0)
        #expect(result.stopped == nil)
        #expect(result.output.utf8.count < ToolRunner.outputLimit + 200)
        #expect(result.output.hasSuffix("more bytes of output were not kept)"))
    }
}

/// A shell script in a folder of its own, whose processes can be found afterwards by that folder.
struct ToolScript {
    let folder: URL
    var path: String { folder.appendingPathComponent("tool.sh").path }

    /// Writes `body` after a line that sets `FOLDER` to the script's folder.
    init(_ body: String) throws {
        folder = try Self.folder()
        try "FOLDER='\(folder.path)'\n\(body)\n".write(toFile: folder.appendingPathComponent("tool.sh").path,
                                                        atomically: true, encoding: .utf8)
    }

    /// A new empty folder in the temporary folder.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grade-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The process ids the script's processes wrote to `<name>.pid`.
    func startedProcesses(_ names: [String]) -> [pid_t] {
        names.compactMap { name in
            (try? String(contentsOf: folder.appendingPathComponent("\(name).pid"), encoding: .utf8))
                .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// Processes still running whose command line names the folder (the script passes it to each).
    func survivors() -> [pid_t] { Self.processes(commandLineContaining: folder.lastPathComponent) }

    /// Processes whose command line contains `text`.
    static func processes(commandLineContaining text: String) -> [pid_t] {
        let marker = Data(text.utf8)
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { name in
            guard let pid = pid_t(name), let commandLine = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"),
                  commandLine.range(of: marker) != nil else { return nil }
            return pid
        }
    }

    /// Kills what the script left (only if a test failed), then removes the folder.
    func remove() {
        for pid in survivors() { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }
}
