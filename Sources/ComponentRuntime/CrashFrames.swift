#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// What a worker writes on standard error when a signal stops it: ``marker``, the load address
/// of its executable and the return addresses on the stack, in hexadecimal, as one line.
///
/// The worker cannot name a source line itself: that needs its debug information and the
/// submission's files, which the grader has, outside the sandbox. So the handler only records
/// addresses, with nothing that allocates or locks; the grader maps them to `File.swift:LINE`
/// (`CrashLocator`). Student code could replace the handler or forge the line: it would only
/// lose the location of its own crash, since the grader names only lines of the submission's
/// own files.
public enum CrashFrames {
    /// The start of the line.
    public static let marker = "GRADE-WORKER-CRASH-FRAMES:"

    /// The signals of a crash: a failed runtime check (`SIGILL`, `SIGTRAP`), a bad memory
    /// access or a stack overflow (`SIGSEGV`, `SIGBUS`), arithmetic (`SIGFPE`), `abort()`.
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]

    /// The most frames recorded.
    static let depth: Int32 = 48

    /// Installs the handler, on a stack of its own so that a stack overflow is recorded too.
    static func install() {
        _ = marker.utf8.count
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "backtrace") else { return }
        let backtrace = unsafeBitCast(symbol, to: Backtrace.self)
        let frames = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: Int(depth))
        // The first call loads the unwinder; a handler must not be the one to do that.
        _ = backtrace(frames, depth)
        let handler: @convention(c) (Int32) -> Void = crashed
        guard let found = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "dladdr") else { return }
        // glibc's Dl_info, which the Glibc module does not import: four pointers, the second the base.
        var info: (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) = (nil, nil, nil, nil)
        let looked = withUnsafeMutableBytes(of: &info) { bytes in
            unsafeBitCast(found, to: AddressLookup.self)(unsafeBitCast(handler, to: UnsafeRawPointer.self), bytes.baseAddress)
        }
        guard looked != 0 else { return }
        state = State(backtrace: backtrace, frames: frames, text: .allocate(capacity: 64 + Int(depth) * 19),
                      base: UInt(bitPattern: info.1))

        let stackSize = 1 << 16
        var stack = stack_t(ss_sp: UnsafeMutableRawPointer.allocate(byteCount: stackSize, alignment: 16), ss_flags: 0, ss_size: stackSize)
        _ = sigaltstack(&stack, nil)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        action.sa_flags = Int32(SA_ONSTACK) | Int32(bitPattern: UInt32(SA_RESETHAND))
        sigemptyset(&action.sa_mask)
        for signal in signals { _ = sigaction(signal, &action, nil) }
    }

    /// `dladdr`, a GNU extension the Glibc module does not import.
    private typealias AddressLookup = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer?) -> Int32

    private typealias Backtrace = @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>, Int32) -> Int32

    private struct State {
        let backtrace: Backtrace
        let frames: UnsafeMutablePointer<UnsafeMutableRawPointer?>
        let text: UnsafeMutablePointer<UInt8>
        let base: UInt
    }

    /// Set once, before any student code runs; read only by the handler.
    nonisolated(unsafe) private static var state: State?

    /// The handler: writes the line, then lets the signal take its default course.
    private static let crashed: @convention(c) (Int32) -> Void = { signal in
        if let state = CrashFrames.state {
            let count = Int(state.backtrace(state.frames, CrashFrames.depth))
            var length = 0
            func put(_ byte: UInt8) {
                state.text[length] = byte
                length += 1
            }
            func hex(_ value: UInt) {
                put(UInt8(ascii: " ")); put(UInt8(ascii: "0")); put(UInt8(ascii: "x"))
                var shift = (UInt.bitWidth - 4)
                var started = false
                while shift >= 0 {
                    let digit = UInt8((value >> UInt(shift)) & 0xF)
                    if digit != 0 || started || shift == 0 {
                        started = true
                        put(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
                    }
                    shift -= 4
                }
            }
            for byte in CrashFrames.marker.utf8 { put(byte) }
            hex(state.base)
            for k in 0..<count { hex(UInt(bitPattern: state.frames[k])) }
            put(UInt8(ascii: "\n"))
            _ = write(2, state.text, length)
        }
        // The handler was reset to the default: raised again, the signal ends the process as it would have.
        raise(signal)
    }
}
