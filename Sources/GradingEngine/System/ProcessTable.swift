import Glibc

/// Which process is whose parent, read from `/proc` at one moment.
///
/// The kernel here has no `/proc/<pid>/task/<tid>/children`, so descendants are found by
/// reading every process's `stat`. Processes come and go while the table is read; one that
/// has gone is simply absent.
struct ProcessTable {
    /// Parent process id by process id.
    private(set) var parents: [pid_t: pid_t] = [:]

    /// Reads the table now.
    static func current() -> ProcessTable {
        var table = ProcessTable()
        guard let directory = opendir("/proc") else { return table }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = pid_t(name), pid > 0, let parent = parent(of: pid) else { continue }
            table.parents[pid] = parent
        }
        return table
    }

    /// Every process descended from `root` (children, their children, …), without `root`.
    func descendants(of root: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        for (pid, parent) in parents { children[parent, default: []].append(pid) }
        var found: [pid_t] = []
        var pending = children[root] ?? []
        while let pid = pending.popLast() {
            found.append(pid)
            pending += children[pid] ?? []
        }
        return found
    }

    /// The resident memory of `pid` that no other process shares (its heap and stack, not the
    /// pages of the libraries it maps), in bytes; 0 once it has ended.
    ///
    /// Summing whole resident sets would count the compiler's libraries once per compiler
    /// process; the private part is what grows when a literal is too large to compile.
    static func privateResidentBytes(of pid: pid_t) -> UInt64 {
        // statm: size resident shared text lib data dt, in pages.
        guard let text = contents(of: "/proc/\(pid)/statm") else { return 0 }
        let fields = text.split(separator: " ").compactMap { UInt64($0) }
        guard fields.count >= 3, fields[1] >= fields[2] else { return 0 }
        return (fields[1] - fields[2]) * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The parent of `pid`, from `/proc/<pid>/stat`: `pid (command) state ppid …`, where the
    /// command may itself hold spaces and parentheses.
    private static func parent(of pid: pid_t) -> pid_t? {
        guard let text = contents(of: "/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count >= 2 ? pid_t(fields[1]) : nil
    }

    /// A small file of `/proc` (whose size the kernel reports as 0), or nil when it cannot be read.
    private static func contents(of path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 1024)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: bytes.prefix(count), as: UTF8.self)
    }
}
