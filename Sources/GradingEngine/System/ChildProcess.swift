import CProcessTree
import GradeSystem

#if os(Linux)
import Glibc
#else
#error("the grading engine is Linux-only: the worker sandbox needs bubblewrap, seccomp and Landlock")
#endif

/// The one way the grader starts a program: workers, the sandbox probe and build tools alike.
///
/// The child gets exactly the descriptors of ``Command/descriptors`` (every other one is
/// closed, whether or not it was close-on-exec), default signal dispositions, no blocked
/// signal, and a process group of its own, so that killing the group ends what it started.
/// A build tool is held as a tree instead (``Containment/keeper(status:lifeline:)``), because
/// the compiler moves to groups of its own.
///
/// Workers and probes start with `posix_spawn` (glibc's `clone(CLONE_VM | CLONE_VFORK)`, which
/// costs the same however large the grader is); a tree's keeper has to run code of its own
/// between fork and exec (a session, the subreaper, the reaping loop), so it is forked in C
/// (`grade_process_tree_spawn`).
enum ChildProcess {
    /// What to start.
    struct Command {
        /// The program, an absolute path (no `PATH` search).
        var executable: String
        /// Its arguments, `argv[0]` included.
        var arguments: [String]
        /// Its environment as `NAME=value` strings; nil for this process's own.
        var environment: [String]?
        /// Where it starts; nil for this process's working directory.
        var workingDirectory: String?
        /// The descriptors the child gets: the parent's descriptor by the number the child sees
        /// (0, 1, 2, and above: bubblewrap's `--info-fd 3`).
        var descriptors: [Int32: Int32]
    }

    /// How the started process and whatever it starts are held together.
    enum Containment {
        /// A new process group whose id is the child's pid.
        case processGroup
        /// A keeper process that holds the whole tree, whatever groups or sessions its members
        /// move to (see `grade_process_tree_spawn`): it reports the program's wait status on
        /// `status` and kills the tree when `lifeline` becomes readable or hung up. The program's
        /// standard input is /dev/null; ``Command/descriptors`` must map 1 and 2 to one
        /// descriptor and nothing else.
        case keeper(status: Int32, lifeline: Int32)
    }

    /// The signals the grader ignores or handles that a started program must find at their defaults.
    private static let defaultedSignals = [SIGPIPE, SIGXCPU, SIGXFSZ, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD]

    /// Starts `command`; returns the pid of the child (of the keeper, for a tree).
    static func spawn(_ command: Command, containment: Containment) throws(SystemError) -> pid_t {
        let argv = CStringArray(command.arguments)
        let environment = command.environment.map(CStringArray.init)
        switch containment {
        case .processGroup:
            return try spawnInGroup(command, argv: argv, environment: environment)
        case .keeper(let status, let lifeline):
            guard command.descriptors.count == 2, let output = command.descriptors[1], command.descriptors[2] == output else {
                throw SystemError("start \(command.executable) in a keeper: only a merged standard output is supported", code: EINVAL)
            }
            var keeper: pid_t = 0
            let error = withOptionalCString(command.workingDirectory) { directory in
                grade_process_tree_spawn(command.executable, argv.pointers, environment?.pointers ?? environ, directory,
                                         output, status, lifeline, &keeper)
            }
            guard error == 0 else { throw SystemError("fork a keeper for \(command.executable)", code: error) }
            return keeper
        }
    }

    private static func spawnInGroup(_ command: Command, argv: CStringArray, environment: CStringArray?) throws(SystemError) -> pid_t {
        let highest = command.descriptors.keys.max() ?? 2
        // A source descriptor numbered like a target could be overwritten by an earlier dup2:
        // use a copy above every target for those.
        var copies: [Int32] = []
        defer { SystemCall.close(copies) }
        var sources: [(target: Int32, source: Int32)] = []
        for (target, source) in command.descriptors.sorted(by: { $0.key < $1.key }) {
            if source <= highest {
                let copy = fcntl(source, F_DUPFD_CLOEXEC, highest + 1)
                guard copy >= 0 else { throw SystemError("fcntl(F_DUPFD_CLOEXEC)") }
                copies.append(copy)
                sources.append((target, copy))
            } else {
                sources.append((target, source))
            }
        }

        var actions = posix_spawn_file_actions_t()
        try check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init")
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, source) in sources {
            // dup2 clears close-on-exec on the copy the child keeps.
            try check(posix_spawn_file_actions_adddup2(&actions, source, target), "posix_spawn_file_actions_adddup2")
        }
        try check(addCloseFrom(&actions, highest + 1), "posix_spawn_file_actions_addclosefrom_np")
        if let directory = command.workingDirectory {
            try check(directory.withCString { addChdir(&actions, $0) }, "posix_spawn_file_actions_addchdir_np \(directory)")
        }

        var attributes = posix_spawnattr_t()
        try check(posix_spawnattr_init(&attributes), "posix_spawnattr_init")
        defer { posix_spawnattr_destroy(&attributes) }
        try check(posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)),
                  "posix_spawnattr_setflags")
        try check(posix_spawnattr_setpgroup(&attributes, 0), "posix_spawnattr_setpgroup")
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        try check(posix_spawnattr_setsigmask(&attributes, &noSignals), "posix_spawnattr_setsigmask")
        // Ignored signals survive exec: a worker whose parent has gone must die of SIGPIPE, not spin.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaultedSignals { sigaddset(&defaults, signal) }
        try check(posix_spawnattr_setsigdefault(&attributes, &defaults), "posix_spawnattr_setsigdefault")

        var pid: pid_t = 0
        let status = posix_spawn(&pid, command.executable, &actions, &attributes, argv.pointers, environment?.pointers ?? environ)
        try check(status, "start \(command.executable)")
        return pid
    }

    private static func check(_ status: Int32, _ operation: String) throws(SystemError) {
        guard status == 0 else { throw SystemError(operation, code: status) }
    }

    private typealias FileActions = UnsafeMutablePointer<posix_spawn_file_actions_t>

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `…_addchdir_np` (2.29),
    /// which the Swift Glibc module does not import.
    private static let addCloseFrom: @convention(c) (FileActions, Int32) -> Int32 = glibcFunction("posix_spawn_file_actions_addclosefrom_np")
    private static let addChdir: @convention(c) (FileActions, UnsafePointer<CChar>) -> Int32 = glibcFunction("posix_spawn_file_actions_addchdir_np")

    private static func glibcFunction<F>(_ name: String) -> F {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            fatalError("the C library lacks \(name) (glibc 2.34 or later is needed)")
        }
        return unsafeBitCast(symbol, to: F.self)
    }

    private static func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
        guard let string else { return body(nil) }
        return string.withCString { body($0) }
    }
}
