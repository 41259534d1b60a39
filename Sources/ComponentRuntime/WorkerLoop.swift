import Foundation
import GradeKit
import GradeSystem

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The main loop of a worker process: reads ``WorkerRequest`` lines from standard input,
/// runs them against the submission's registry, and writes ``WorkerResponse`` lines to a
/// private result channel.
///
/// Before any student code runs, the loop moves the real standard output to a private
/// descriptor and points descriptor 1 at standard error, so that whatever student code
/// prints lands in standard error. Once the submission has registered its components it
/// writes ``readyLine``. Isolation is not the loop's business: student code shares this
/// process and could undo anything it did, so the grader confines the process before it
/// executes (the `grade-sandbox` launcher) and trusts nothing it writes but raw values.
public enum WorkerLoop {
    /// Runs the loop until standard input ends. `register` is the submission's
    /// `registerComponents(in:)`.
    public static func run(register: (inout ComponentRegistry) -> Void) -> Never {
        // Without the private channel, what student code prints would reach the grader as answers.
        let channel = dup(1)
        guard channel >= 0, dup2(2, 1) == 1 else { protocolFailure("cannot move the result channel away from standard output") }
        lineBufferStandardOutput()
        CrashFrames.install()

        var registry = ComponentRegistry()
        register(&registry)
        fflush(nil)
        writeAll(Data((readyLine + "\n").utf8), to: channel)
        let invoker = ComponentInvoker(registry: registry)
        let encoder = WireFormat.encoder()
        let resultLimit = ResultSizeLimit.fromEnvironment()
        let drawnInputs = DrawnInputs()

        while true {
            let read = Result { try WireFormat.readRequest(line: { readLine(strippingNewline: true) }, bytes: readStandardInput, keeping: drawnInputs) }
            guard case .success(let next) = read else {
                // The grader would wait for an answer that never comes: fail loudly instead.
                protocolFailure("cannot decode the request")
            }
            guard let request = next else { break }
            guard !request.invocations.isEmpty else {
                drawnInputs.prepare(request.prepare)
                continue
            }
            var results: [WorkerResult] = []
            for invocation in request.invocations {
                do {
                    results.append(.outputs(try invoker.invoke(invocation)))
                } catch {
                    results.append(.failure(error))
                    break
                }
            }
            fflush(nil)
            guard var data = try? encoder.encode(WorkerResponse(id: request.id, results: resultLimit.admit(results))) else {
                protocolFailure("cannot encode the response")
            }
            data.append(UInt8(ascii: "\n"))
            writeAll(data, to: channel)
        }
        exit(0)
    }

    /// The line written on the result channel once the submission's components are registered.
    public static let readyLine = "GRADE-WORKER-READY"

    /// The exit status of a worker that could not read a request or write a response.
    public static let protocolFailureStatus: Int32 = 71

    /// The line a worker writes to standard error before it exits with ``protocolFailureStatus``.
    public static let protocolFailureMarker = "GRADE-WORKER-PROTOCOL-ERROR:"

    private static func protocolFailure(_ message: String) -> Never {
        let text = "\(protocolFailureMarker) \(message)\n"
        // Best effort: the exit status says what happened even when standard error is gone.
        _ = text.utf8CString.withUnsafeBytes { try? SystemCall.writeAll(2, UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        _exit(protocolFailureStatus)
    }

    private static func writeAll(_ data: Data, to descriptor: Int32) {
        let failed = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            do throws(SystemError) { try SystemCall.writeAll(descriptor, raw) } catch { return true }
            return false
        }
        if failed { exit(70) }
    }
}

/// Exactly `count` bytes of standard input, read through the same C stream as `readLine`;
/// nil when it ends first.
private func readStandardInput(_ count: Int) -> [UInt8]? {
    guard count > 0 else { return [] }
    guard let stream = cStream("stdin") else { return nil }
    var bytes = [UInt8](repeating: 0, count: count)
    let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, count, stream) }
    return read == count ? bytes : nil
}

/// Makes the C standard output line-buffered, so that what student code printed before a
/// crash is not lost in a buffer.
private func lineBufferStandardOutput() {
    guard let stream = cStream("stdout") else { return }
    setvbuf(stream, nil, _IOLBF, 0)
}

/// The C stream `stdin` or `stdout`, reached through the symbol table because the imported
/// globals are not concurrency-safe.
private func cStream(_ name: String) -> UnsafeMutablePointer<FILE>? {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
    return symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
}
