#if os(Linux)
import Glibc
#endif

/// The system calls the grader makes on descriptors and children, each retried when a signal
/// interrupts it (`EINTR`), so that no caller needs a loop of its own.
///
/// The wrappers keep the calls' own results (a count, `-1` with `errno`) where callers act on
/// `EAGAIN` or the end of a pipe, and throw ``SystemError`` where a failure can only be reported.
public enum SystemCall {
    /// `read(2)`: the bytes read, 0 at the end, or -1 with `errno` (never `EINTR`).
    public static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 || errno != EINTR { return count }
        }
    }

    /// `write(2)`: the bytes written, or -1 with `errno` (never `EINTR`).
    public static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        guard !bytes.isEmpty else { return 0 }
        while true {
            let count = Glibc.write(descriptor, bytes.baseAddress, bytes.count)
            if count >= 0 || errno != EINTR { return count }
        }
    }

    /// Writes every byte, on a blocking descriptor.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            guard count > 0 else { throw SystemError("write", code: count == 0 ? EIO : errno) }
            offset += count
        }
    }

    /// `poll(2)` for at most `milliseconds` (negative: without limit): the number of ready
    /// descriptors, 0 when the time ran out, or -1 with `errno` (never `EINTR`: an interrupted
    /// wait resumes for the time that is left).
    public static func poll(_ descriptors: inout [pollfd], milliseconds: Int32) -> Int32 {
        let deadline = milliseconds >= 0 ? monotonicMilliseconds() + Int64(milliseconds) : nil
        while true {
            let remaining = deadline.map { Int32(clamping: max($0 - monotonicMilliseconds(), 0)) } ?? -1
            let ready = Glibc.poll(&descriptors, nfds_t(descriptors.count), remaining)
            if ready >= 0 || errno != EINTR { return ready }
        }
    }

    /// Whether `descriptor` has something to read (or has ended) right now.
    public static func isReadable(_ descriptor: Int32) -> Bool {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        return poll(&descriptors, milliseconds: 0) > 0
    }

    /// How a child ended, as `wait4(2)` reports it.
    public struct Exit: Sendable {
        /// The raw wait status.
        public var status: Int32
        /// The resources the child used over its whole life.
        public var usage: rusage
    }

    /// `wait4(2)` on `pid`: how it ended, or nil when it is still running (`blocking` false)
    /// or is no child of this process (any more).
    public static func wait(for pid: pid_t, blocking: Bool) -> Exit? {
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let result = wait4(pid, &status, blocking ? 0 : WNOHANG, &usage)
            if result == pid { return Exit(status: status, usage: usage) }
            if result == -1 && errno == EINTR { continue }
            return nil
        }
    }

    /// What one ``readAvailable(_:buffer:_:)`` found.
    public struct Drained: Sendable {
        /// Bytes read.
        public var bytes = 0
        /// True when the writers are gone (`read` returned 0).
        public var ended = false
    }

    /// Reads a non-blocking descriptor until it would block, has ended, or `consume` (handed
    /// each chunk) returns false.
    public static func readAvailable(_ descriptor: Int32, buffer: inout [UInt8],
                                     _ consume: (UnsafeRawBufferPointer) -> Bool = { _ in true }) -> Drained {
        var drained = Drained()
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, into: $0) }
            if count == 0 { drained.ended = true }
            guard count > 0 else { return drained }
            drained.bytes += count
            let more = buffer.withUnsafeBytes { consume(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            if !more { return drained }
        }
    }

    /// Reads what is available on a non-blocking descriptor and appends it to `bytes`.
    @discardableResult
    public static func readAvailable(_ descriptor: Int32, appendingTo bytes: inout [UInt8]) -> Drained {
        var buffer = [UInt8](repeating: 0, count: 4096)
        return readAvailable(descriptor, buffer: &buffer) { chunk in
            bytes.append(contentsOf: chunk)
            return true
        }
    }

    /// A pipe whose ends are close-on-exec from the start (`pipe2(O_CLOEXEC)`), so that no
    /// program another thread starts meanwhile inherits an end.
    public static func makePipe() throws(SystemError) -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe2(&descriptors, O_CLOEXEC) == 0 else { throw SystemError("pipe2") }
        return (descriptors[0], descriptors[1])
    }

    /// Asks the kernel for a pipe buffer of `bytes` (up to `/proc/sys/fs/pipe-max-size`, 1 MiB
    /// by default) instead of 64 KiB, so that megabytes cross in few wake-ups. Best effort:
    /// false when the kernel refuses, and the pipe keeps working with the buffer it has.
    @discardableResult
    public static func growPipe(_ descriptor: Int32, bytes: Int32 = 1 << 20) -> Bool {
        fcntl(descriptor, setPipeSize, bytes) >= 0
    }

    /// `F_SETPIPE_SZ` (`F_LINUX_SPECIFIC_BASE + 7`), which the Swift Glibc module does not import.
    private static let setPipeSize: Int32 = 1031

    /// glibc's `pipe2`, which the Swift Glibc module does not import (it is a GNU extension).
    private static let pipe2: @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") else {
            fatalError("glibc without pipe2")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    }()

    /// Makes reads and writes on `descriptor` return `EAGAIN` instead of waiting.
    public static func setNonBlocking(_ descriptor: Int32) throws(SystemError) {
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0 else { throw SystemError("fcntl(F_GETFL)") }
        guard fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0 else { throw SystemError("fcntl(F_SETFL, O_NONBLOCK)") }
    }

    /// Closes descriptors the caller owns. `close` is not retried after `EINTR`: on Linux the
    /// descriptor is released anyway, and a retry could close one another thread just opened.
    public static func close(_ descriptors: Int32...) {
        for descriptor in descriptors where descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    /// Closes descriptors the caller owns.
    public static func close(_ descriptors: [Int32]) {
        for descriptor in descriptors where descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    private static func monotonicMilliseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
