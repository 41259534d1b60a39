import ComponentRuntime
import Foundation
import GradeResults
import Synchronization

/// The place in the submission where a worker crashed: the first frame of its stack in the
/// student's own files, with that line of source.
public struct CrashSite: Sendable, Hashable {
    /// The file, relative to the submission.
    public var file: String
    public var line: Int
    /// The source line, trimmed; nil when the line is not in the file.
    public var source: String?

    /// `File.swift:LINE`, and the source line after it.
    public var description: String {
        "\(file):\(line)" + (source.map { ": \($0)" } ?? "")
    }
}

/// Names the line of the submission where a crashed worker stopped.
///
/// The worker's crash handler writes the return addresses of its stack (``CrashFrames``); the
/// grader maps them through the worker's debug information (`llvm-symbolizer`, from the
/// toolchain) and keeps the first frame in a file of the submission. Frames of GradeKit, the
/// runtime and the standard library are not the student's and are passed over. The file named
/// must be one the submission holds and the line is read from the grader's copy of it, so a
/// forged frame line or a `#sourceLocation` can only point into the submission itself.
public final class CrashLocator: Sendable {
    let executable: URL
    let log: CompilerLog
    /// Sites already found, by the frames' offsets in the executable.
    private let found = Mutex<[[UInt]: CrashSite?]>([:])

    init(executable: URL, log: CompilerLog) {
        self.executable = executable
        self.log = log
    }

    /// The output without the crash handler's line, and the site its frames name, if any
    /// is in the submission's files.
    public func locate(_ output: CapturedOutput) -> (output: CapturedOutput, site: CrashSite?) {
        let frames = output.text.split(separator: "\n").last { $0.hasPrefix(CrashFrames.marker) }
        let cleaned = Self.removingFrames(output)
        guard let frames, let offsets = Self.offsets(in: frames) else { return (cleaned, nil) }
        if let known = found.withLock({ $0[offsets] }) { return (cleaned, known) }
        let site = symbolize(offsets)
        found.withLock { $0[offsets] = site }
        return (cleaned, site)
    }

    /// The output without the crash handler's line.
    public static func removingFrames(_ output: CapturedOutput) -> CapturedOutput {
        // Every request's output passes here: most hold no such line, and are not split.
        guard output.text.contains(CrashFrames.marker) else { return output }
        return output.removingLines { $0.hasPrefix(CrashFrames.marker) }
    }

    /// The offsets in the executable of the frames after the base, each a return address
    /// less one (the call, not the instruction after it); nil when the line is malformed.
    static func offsets(in line: Substring) -> [UInt]? {
        let words = line.dropFirst(CrashFrames.marker.count).split(separator: " ")
        guard let first = words.first, let base = UInt(first.dropFirst(2), radix: 16), first.hasPrefix("0x") else { return nil }
        let addresses = words.dropFirst().prefix(64).compactMap { $0.hasPrefix("0x") ? UInt($0.dropFirst(2), radix: 16) : nil }
        // Addresses below the base are in shared libraries: the runtime, libc.
        return addresses.filter { $0 > base }.map { $0 - base - 1 }
    }

    private func symbolize(_ offsets: [UInt]) -> CrashSite? {
        guard !offsets.isEmpty else { return nil }
        let result = ToolRunner.run(["llvm-symbolizer", "--obj=\(executable.path)"] + offsets.map { "0x" + String($0, radix: 16) },
                                    timeout: 20)
        guard result.status == 0 else { return nil }
        for line in result.output.split(separator: "\n") {
            // A location line: `/path/File.swift:LINE:COLUMN`.
            let parts = line.split(separator: ":")
            guard parts.count >= 3, let number = Int(parts[parts.count - 2]), number > 0 else { continue }
            let path = parts.dropLast(2).joined(separator: ":")
            guard let file = log.studentFile(atPath: path) else { continue }
            return CrashSite(file: file.path, line: number, source: Self.line(number, of: file.text))
        }
        return nil
    }

    private static func line(_ number: Int, of text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard number <= lines.count else { return nil }
        let source = lines[number - 1].trimmingCharacters(in: .whitespaces)
        return source.isEmpty ? nil : String(source.prefix(160))
    }
}
