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

/// The component the worker is running, set by the grader's worker around each call so that
/// the not-implemented marker names whose stub it was.
package nonisolated(unsafe) var runningComponent: String?

/// Runs `body` with ``runningComponent`` set to `name`, restoring it afterwards.
package func whileRunning<T, Failure: Error>(_ name: String, _ body: () throws(Failure) -> T) throws(Failure) -> T {
    let previous = runningComponent
    runningComponent = name
    defer { runningComponent = previous }
    return try body()
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
