#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The exit status with which ``notImplemented(_:file:line:)`` ends the process.
public let notImplementedExitStatus: Int32 = 78

/// The line ``notImplemented(_:file:line:)`` writes to standard error before it exits.
public let notImplementedMarker = "GRADE-NOT-IMPLEMENTED:"

/// The component being run, bound around each call (by the worker, and by the grader when it
/// runs trusted code) so that the not-implemented marker names whose stub it was. A task-local
/// value: calls on other tasks or threads, such as in-process grading in parallel, each see
/// their own.
enum RunningComponent {
    @TaskLocal static var name: String?
}

/// The component being run, if any.
package var runningComponent: String? { RunningComponent.name }

/// Runs `body` with ``runningComponent`` bound to `name`.
package func whileRunning<T, Failure: Error>(_ name: String, _ body: () throws(Failure) -> T) throws(Failure) -> T {
    let result: Result<T, Failure> = RunningComponent.$name.withValue(name) {
        do throws(Failure) { return .success(try body()) } catch { return .failure(error) }
    }
    return try result.get()
}

/// Marks a requirement you have not written yet.
///
/// The grader reports the component as "not implemented" and goes on with the others.
/// Replace the call with your implementation.
public func notImplemented(_ what: String = "", file: StaticString = #fileID, line: UInt = #line) -> Never {
    let component = runningComponent.map { " [component: \($0)]" } ?? ""
    let text = "\(notImplementedMarker) \(what.isEmpty ? "this requirement" : what) (\(file):\(line))\(component)\n"
    _ = text.utf8CString.withUnsafeBufferPointer { buffer in
        write(2, buffer.baseAddress, buffer.count - 1)
    }
    _exit(notImplementedExitStatus)
}

/// Stops the program with `message` unless `condition` holds, in every build configuration.
///
/// Unlike `precondition`, whose message an optimized build drops (GradeKit is always built
/// optimized), the message is printed as `Fatal error: …`: the line the grader reports when a
/// worker stops, and the one a student needs to see.
@inline(__always)
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
