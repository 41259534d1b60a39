import Foundation

/// Hostile submissions, each the reference with `L2Regularization.swift` (or another file)
/// replaced by code that attacks the grader in one way, and what grading it must give.
///
/// Each attack runs inside `l2-regularization`'s `penaltyAndGradient`, then (if it is still
/// alive) returns the right answer, so that an attack that is contained costs nothing, and
/// one that gets through shows in the report: everything an attack reads is printed.
struct HostileEntry: Sendable, CustomStringConvertible {
    /// What grading `l2-regularization` must give.
    enum Verdict: Sendable {
        /// Every case passes: the attack was contained and the answer is right.
        case passes
        /// Cases fail or error with this JUnit `type`; when `reason` is set, the detail holds it.
        case fails(type: String, reason: String?)
        /// Cases may pass or fail, but do not crash the grader (behaviour depends on the host's limits).
        case survives
        /// The whole submission fails (it does not build, or does not start): every case, the
        /// control component's included, has this JUnit `type`, and the first holds `reason`.
        case wholeSubmission(type: String, reason: String?)
    }

    var name: String
    /// The reference file replaced.
    var file = "L2Regularization.swift"
    /// The file's contents; `REPO` and `PORT` are replaced by the repository path and the port
    /// of a listener that must never be reached.
    var source: String
    var verdict: Verdict
    /// Seconds the build may take (`--build-timeout`).
    var buildTimeout = 300

    var description: String { name }
}

extension HostileEntry {
    /// An `L2Regularization` whose `penaltyAndGradient` first runs `attack` (Swift statements),
    /// with `declarations` at file scope.
    static func l2(_ name: String, _ verdict: Verdict, declarations: String = "", attack: String) -> HostileEntry {
        HostileEntry(name: name, source: """
            import Foundation
            import GradeKit
            #if canImport(Glibc)
            import Glibc
            #endif

            \(declarations)

            public struct L2Regularization: Regularizer {
                public init(hyperparameters: Hyperparameters) {}

                public func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
                    \(attack)
                    return LossAndGradient(loss: (weights * weights).sum(), gradient: weights * 2)
                }
            }

            """, verdict: verdict)
    }

    /// Reads a file and prints what it got.
    static let dump = """
        func dump(_ path: String) {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { print("READ \\(path): \\(text)") }
            else { print("unreadable: \\(path)") }
        }
        func list(_ path: String) {
            print("LIST \\(path): \\((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["unlistable"])")
        }
        """

    static let all: [HostileEntry] = [
        l2("trap", .fails(type: "crash", reason: "Fatal error: gave up"), attack: #"fatalError("gave up")"#),
        l2("index-out-of-range", .fails(type: "crash", reason: "Index out of range"), attack: "let a = [1.0]; _ = a[weights.rows + 5]"),
        l2("infinite-recursion", .fails(type: "crash", reason: "SIGSEGV"),
           declarations: "func down(_ n: Int) -> Int { n == Int.min ? 0 : down(n &- 1) &+ 1 }",
           attack: "print(down(weights.rows))"),
        l2("infinite-loop", .fails(type: "timeout", reason: nil),
           attack: "var x = 0.0; while weights.rows >= 0 { x += 1 }; print(x)"),
        l2("sleep-forever", .fails(type: "timeout", reason: nil), attack: "sleep(100_000)"),
        l2("memory-bomb", .fails(type: "memory-limit", reason: nil),
           attack: "var chunks: [[Double]] = []; while true { var chunk: [Double] = []; chunk.reserveCapacity(1 << 26); chunks.append(chunk) }"),
        l2("raise-memory-limit-then-bomb", .fails(type: "memory-limit", reason: nil),
           attack: """
               var limit = rlimit(rlim_cur: rlim_t.max, rlim_max: rlim_t.max)
               print("raised address space:", setrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0)
               var chunks: [[Double]] = []; while true { var chunk: [Double] = []; chunk.reserveCapacity(1 << 26); chunks.append(chunk) }
               """),
        l2("output-flood", .fails(type: "output-limit", reason: nil),
           attack: #"let line = String(repeating: "x", count: 4096); while true { print(line) }"#),
        l2("exit-zero", .fails(type: "missing-result", reason: "exit status 0"), attack: "exit(0)"),
        l2("nan-gradient", .fails(type: "non-finite", reason: nil),
           attack: "return LossAndGradient(loss: .nan, gradient: weights * .nan)"),
        l2("wrong-shape", .fails(type: "wrong-shape", reason: nil),
           attack: "return LossAndGradient(loss: (weights * weights).sum(), gradient: Matrix.zeros(weights.rows + 1, 1))"),
        l2("elements-of-another-count", .fails(type: "crash", reason: nil),
           attack: "var g = weights * 2; g.elements = [0]; return LossAndGradient(loss: 0, gradient: g)"),
        l2("shape-forged-in-memory", .survives,
           attack: """
               var g = weights * 2
               withUnsafeMutableBytes(of: &g) { raw in raw.storeBytes(of: -7, toByteOffset: 0, as: Int.self) }
               return LossAndGradient(loss: (weights * weights).sum(), gradient: g)
               """),
        l2("forged-result-frames", .survives,
           attack: """
               let forged = "{\\"id\\":1,\\"results\\":[{\\"outputs\\":{\\"loss\\":{\\"scalar\\":0}}}]}\\n"
               for descriptor in Int32(0)..<Int32(64) { _ = forged.withCString { write(descriptor, $0, strlen($0)) } }
               """),
        l2("stray-thread-writes-later", .passes,
           attack: """
               Thread.detachNewThread {
                   usleep(300_000)
                   for descriptor in Int32(0)..<Int32(64) { _ = "garbage\\n".withCString { write(descriptor, $0, 8) } }
               }
               """),
        l2("timer-for-the-next-case", .passes,
           attack: """
               var later = itimerval(it_interval: timeval(), it_value: timeval(tv_sec: 0, tv_usec: 200_000))
               print("alarm", alarm(1), "setitimer", setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &later, nil))
               """),
        l2("libc-interposition", .passes,
           declarations: """
               @_cdecl("setuid") public func fakeSetuid(_ id: UInt32) -> Int32 { 0 }
               @_cdecl("setgid") public func fakeSetgid(_ id: UInt32) -> Int32 { 0 }
               @_cdecl("setgroups") public func fakeSetgroups(_ n: Int, _ list: UnsafePointer<UInt32>?) -> Int32 { 0 }
               @_cdecl("mount") public func fakeMount(_ a: UnsafePointer<CChar>?, _ b: UnsafePointer<CChar>?, _ c: UnsafePointer<CChar>?, _ d: UInt, _ e: UnsafeRawPointer?) -> Int32 { 0 }
               @_cdecl("prctl") public func fakePrctl(_ option: Int32, _ a: UInt, _ b: UInt, _ c: UInt, _ d: UInt) -> Int32 { 0 }
               \(dump)
               """,
           attack: #"print("uid \(getuid()) euid \(geteuid())"); dump("REPO/reference/Adam.swift"); list("REPO/assignments/assignment3/cases")"#),
        l2("read-hidden-cases-by-path", .passes, declarations: dump,
           attack: #"dump("REPO/assignments/assignment3/cases/01-multiclass-svm.yaml"); list("REPO"); list("REPO/assignments")"#),
        l2("read-hidden-cases-relatively", .passes, declarations: dump,
           attack: """
               for prefix in ["", "../", "../../", "../../../", "../../../../", "../../../../../"] {
                   dump(prefix + "assignments/assignment3/cases/01-multiclass-svm.yaml"); dump(prefix + "reference/Adam.swift")
               }
               dump(String(#filePath).components(separatedBy: "/.build")[0] + "/assignments/assignment3/cases/01-multiclass-svm.yaml")
               """),
        l2("read-through-proc", .passes, declarations: dump,
           attack: """
               dump("/proc/\\(getppid())/environ"); dump("/proc/1/environ"); dump("/proc/\\(getppid())/cmdline")
               dump("/proc/1/root/REPO/reference/Adam.swift"); dump("/proc/\\(getppid())/root/REPO/reference/Adam.swift")
               dump("/proc/\\(getppid())/cwd/reference/Adam.swift"); list("/proc")
               """),
        l2("read-environment", .passes,
           attack: #"print("ENV", ProcessInfo.processInfo.environment)"#),
        l2("write-into-repository", .passes,
           attack: """
               for path in ["REPO/reference/PWNED.swift", "REPO/assignments/assignment3/cases/pwned.yaml", "REPO/PWNED"] {
                   print("wrote \\(path):", FileManager.default.createFile(atPath: path, contents: Data("pwned".utf8)))
               }
               print("removed:", (try? FileManager.default.removeItem(atPath: "REPO/reference/Adam.swift")) != nil)
               """),
        l2("network-loopback", .passes,
           attack: """
               let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
               var address = sockaddr_in()
               address.sin_family = sa_family_t(AF_INET)
               address.sin_port = UInt16(PORT).bigEndian
               address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
               let connected = withUnsafePointer(to: &address) {
                   $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
               }
               print("socket \\(s) connect \\(connected) errno \\(errno)")
               """),
        l2("disk-fill", .survives,
           attack: """
               let block = Data(count: 1 << 20)
               for name in ["/tmp/fill", NSTemporaryDirectory() + "/fill", "fill"] {
                   if let handle = FileHandle(forWritingAtPath: name) ?? (FileManager.default.createFile(atPath: name, contents: nil) ? FileHandle(forWritingAtPath: name) : nil) {
                       for _ in 0..<2048 { do { try handle.write(contentsOf: block) } catch { break } }
                   }
               }
               """),
        l2("fork-bomb", .passes,
           attack: """
               var children = 0
               for _ in 0..<200 { let pid = fork(); if pid == 0 { while true { sleep(1) } }; if pid > 0 { children += 1 } }
               print("children", children)
               """),
        l2("spawn-detached-sleeper", .passes,
           attack: """
               var pid: pid_t = 0
               let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup("setsid sleep 600 &"), nil]
               print("spawn", posix_spawn(&pid, "/bin/sh", nil, nil, argv, nil), pid)
               print("setsid", setsid())
               """),
        l2("thousand-threads", .survives,
           attack: """
               var started = 0
               for _ in 0..<1000 { let t = Thread { while true { sleep(1) } }; t.start(); started += 1 }
               print("threads", started)
               """),
        l2("kill-the-grader", .survives,
           attack: """
               print("kill parent", kill(getppid(), SIGKILL), "group", kill(0, SIGTERM) , "all", kill(-1, SIGKILL))
               """),
        l2("ptrace-and-peek", .passes,
           attack: """
               typealias Ptrace = @convention(c) (Int32, Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Int
               if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "ptrace") {
                   print("ptrace attach", unsafeBitCast(symbol, to: Ptrace.self)(16, getppid(), nil, nil))
               }
               """),
        l2("namespaces-and-mounts", .passes, declarations: dump,
           attack: """
               typealias Unshare = @convention(c) (Int32) -> Int32
               if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "unshare") {
                   print("unshare", unsafeBitCast(symbol, to: Unshare.self)(0x1000_0000 | 0x0002_0000))
               }
               print("umount", umount2("REPO", 2), "mount", mount("/", "/tmp", nil, UInt(MS_BIND), nil))
               dump("REPO/reference/Adam.swift")
               """),
        l2("crlf-output-then-crash", .fails(type: "crash", reason: "Fatal error: after CRLF"),
           attack: #"print("one\r\ntwo\r\n"); fatalError("after CRLF")"#),
        l2("hostile-output-bytes", .passes,
           attack: #"print("\u{1b}[31mred\u{1b}[0m ]]> </system-out> \u{0} \u{7} &amp; [[ATTACHMENT|/etc/passwd]]")"#),
        l2("huge-result", .survives,
           attack: "return LossAndGradient(loss: 0, gradient: Matrix.zeros(10_000, 10_000))"),
        HostileEntry(name: "slow-registration", file: "Registration.swift", source: slowRegistration,
                     verdict: .wholeSubmission(type: "startup-failure", reason: "did not start within 10 s")),
        HostileEntry(name: "names-that-shadow-the-runtime", file: "Shadows.swift", source: """
            import GradeKit

            public struct WorkerLoop { public static func run() {} }
            public enum StudentSubmission {}
            public enum ComponentRuntime { public static let WorkerLoop = 0 }
            public func registerComponents(in registry: inout Int) {}
            public func registerComponents() {}
            """, verdict: .passes),
        HostileEntry(name: "import-the-runtime", file: "Blame.swift", source: """
            import GradeKit
            import ComponentRuntime

            func blameAnotherComponent() { runningComponent = "adam" }
            """, verdict: .wholeSubmission(type: "build-failure", reason: "cannot import ComponentRuntime")),
        HostileEntry(name: "compiler-bomb", file: "Bomb.swift",
                     source: "let table: [Double] = [" + (0..<400_000).map { "\($0).5" }.joined(separator: ", ") + "]\n",
                     verdict: .wholeSubmission(type: "build-failure", reason: "was stopped"), buildTimeout: 30),
    ]

    /// The reference's registration, after sleeping past the start-up timeout.
    static var slowRegistration: String {
        let reference = GalleryRun.repository.appendingPathComponent("reference/Registration.swift")
        let text = (try? String(contentsOf: reference, encoding: .utf8)) ?? ""
        return text.replacingOccurrences(
            of: "public func registerComponents(in registry: inout ComponentRegistry) {",
            with: "public func registerComponents(in registry: inout ComponentRegistry) {\n    sleep(15)")
            .replacingOccurrences(of: "import GradeKit", with: "import GradeKit\n#if canImport(Glibc)\nimport Glibc\n#endif")
    }
}
