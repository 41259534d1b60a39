import GradeSystem
import Glibc

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

    /// Starts `executable` (an absolute path) with `arguments` (without `argv[0]`) and this
    /// process's environment, in `directory` when given.
    static func start(_ executable: String, arguments: [String], directory: String?) -> Result<ProcessTree, SystemError> {
        var opened: [Int32] = []
        do throws(SystemError) {
            let output = try SystemCall.makePipe()
            opened += [output.read, output.write]
            let status = try SystemCall.makePipe()
            opened += [status.read, status.write]
            let lifeline = try SystemCall.makePipe()
            opened += [lifeline.read, lifeline.write]
            let command = ChildProcess.Command(executable: executable, arguments: [executable] + arguments, environment: nil,
                                               workingDirectory: directory, descriptors: [1: output.write, 2: output.write])
            let keeper = try ChildProcess.spawn(command, containment: .keeper(status: status.write, lifeline: lifeline.read))
            SystemCall.close(output.write, status.write, lifeline.read)
            opened = [output.read, status.read, lifeline.write]
            try SystemCall.setNonBlocking(output.read)
            try SystemCall.setNonBlocking(status.read)
            return .success(ProcessTree(keeper: keeper, output: output.read, status: status.read, lifeline: lifeline.write))
        } catch {
            // Closing the lifeline of a keeper already started makes it end the tree.
            SystemCall.close(opened)
            return .failure(error)
        }
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
        SystemCall.close(lifeline)
    }

    /// Kills the tree from here, for a keeper that did not finish the job in time: every
    /// descendant, then the keeper. Processes the dead keeper had not reached go to init.
    func killFromOutside() {
        for pid in ProcessTable.current().descendants(of: keeper) { kill(pid, SIGKILL) }
        kill(keeper, SIGKILL)
    }

    /// Waits for the keeper to exit, and closes the read ends.
    func reap() {
        _ = SystemCall.wait(for: keeper, blocking: true)
        SystemCall.close(output, status)
    }
}
