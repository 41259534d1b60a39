import CProcessTree

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program and every process it starts, held together by a keeper process so that the whole
/// tree can be measured and ended, whatever process groups or sessions its members move to.
///
/// `swift build` starts `swiftc` and `swift-frontend` in process groups of their own, so
/// killing the build's group leaves the compiler running. Here the keeper is a child
/// subreaper (see `grade_process_tree_spawn`): every process of the tree stays its descendant
/// even when its own parent dies, and the keeper exits only once it has none left.
struct ProcessTree {
    /// The keeper: the tree's root, and a child of this process.
    let keeper: pid_t
    /// The read end of the program's merged standard output and standard error (non-blocking).
    let output: Int32
    /// The read end on which the keeper writes the program's wait status, and which ends
    /// when the keeper has exited, that is when the tree is gone (non-blocking).
    let status: Int32
    /// The write end whose closing tells the keeper to kill the tree.
    private let lifeline: Int32

    /// Why the program could not be started.
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `executable` (an absolute path) with `arguments` (without `argv[0]`) and this
    /// process's environment, in `directory` when given.
    static func start(_ executable: String, arguments: [String], directory: String?) -> Result<ProcessTree, StartError> {
        guard let output = makePipe(), let status = makePipe(), let lifeline = makePipe() else {
            return .failure(StartError(description: "cannot create pipes: \(String(cString: strerror(errno)))"))
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var keeper: pid_t = 0
        let error = argv.withUnsafeBufferPointer { argv in
            withOptionalCString(directory) { directory in
                grade_process_tree_spawn(executable, argv.baseAddress, environ, directory,
                                         output.write, status.write, lifeline.read, &keeper)
            }
        }
        for descriptor in [output.write, status.write, lifeline.read] { close(descriptor) }
        guard error == 0 else {
            for descriptor in [output.read, status.read, lifeline.write] { close(descriptor) }
            return .failure(StartError(description: "cannot start \(executable): \(String(cString: strerror(error)))"))
        }
        for descriptor in [output.read, status.read] {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        return .success(ProcessTree(keeper: keeper, output: output.read, status: status.read, lifeline: lifeline.write))
    }

    /// Every process of the tree now, the keeper included.
    func members() -> [pid_t] {
        [keeper] + ProcessTable.current().descendants(of: keeper)
    }

    /// The private resident memory of the whole tree, in bytes (see ``ProcessTable``).
    func privateResidentBytes() -> UInt64 {
        members().reduce(0) { $0 + ProcessTable.privateResidentBytes(of: $1) }
    }

    /// Tells the keeper to kill every process of the tree; ``status`` ends once it has. Call once.
    func end() {
        close(lifeline)
    }

    /// Kills the tree from here, for a keeper that did not finish the job in time: every
    /// descendant, then the keeper. Processes the dead keeper had not reached go to init.
    func killFromOutside() {
        for pid in ProcessTable.current().descendants(of: keeper) { kill(pid, SIGKILL) }
        kill(keeper, SIGKILL)
    }

    /// Waits for the keeper to exit, and closes the read ends.
    func reap() {
        var status: Int32 = 0
        while waitpid(keeper, &status, 0) == -1 && errno == EINTR {}
        close(output)
        close(self.status)
    }

    private static func makePipe() -> (read: Int32, write: Int32)? {
        var descriptors: [Int32] = [0, 0]
        guard grade_process_tree_pipe(&descriptors) == 0 else { return nil }
        return (descriptors[0], descriptors[1])
    }

    private static func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
        guard let string else { return body(nil) }
        return string.withCString { body($0) }
    }
}
