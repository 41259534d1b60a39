/// One layer of the worker's isolation, established before the worker executes and
/// verified from the grader's side.
public enum IsolationLayer: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The worker runs as an unprivileged user: `nobody` under a root grader, uid 65534 of a
    /// user namespace of its own otherwise.
    case unprivilegedUser
    /// No effective, permitted or ambient capabilities.
    case noCapabilities
    /// `no_new_privs`: nothing the worker executes can gain privileges.
    case noNewPrivileges
    /// A mount namespace whose root holds only the system's libraries, the worker and a
    /// private scratch folder: nothing of the course repository or other submissions.
    case mountNamespace
    /// A PID namespace: the worker sees and signals only itself, and everything dies with it.
    case pidNamespace
    /// A network namespace with no interface but its own loopback: no network.
    case networkNamespace
    /// IPC and host-name namespaces of its own.
    case ipcNamespace
    /// Resource limits the worker cannot raise: address space, file size, open files, CPU,
    /// no core dumps (and processes, inside a user namespace).
    case resourceLimits
    /// A seccomp filter denying new processes, namespaces, mounts, tracing, sockets other than
    /// local ones, and the kernel interfaces a loss function never needs.
    case seccomp
    /// Landlock: files only beneath the system folders, the worker and its scratch; no TCP;
    /// signals only within the sandbox. Where namespaces are missing, this is what hides
    /// the course repository.
    case landlock

    /// A short phrase for reports.
    public var phrase: String {
        switch self {
        case .unprivilegedUser: "unprivileged user"
        case .noCapabilities: "no capabilities"
        case .noNewPrivileges: "no_new_privs"
        case .mountNamespace: "private root without the course files"
        case .pidNamespace: "PID namespace"
        case .networkNamespace: "no network (network namespace)"
        case .ipcNamespace: "IPC and UTS namespaces"
        case .resourceLimits: "resource limits"
        case .seccomp: "seccomp filter"
        case .landlock: "Landlock"
        }
    }

    /// The layers `strict` mode cannot do without. Landlock is welcome but not required where
    /// namespaces already hide the files and the network.
    public var isRequiredInStrictMode: Bool { self != .landlock }

    /// What provides this layer when it is missing.
    public var remedy: String {
        switch self {
        case .mountNamespace, .pidNamespace, .networkNamespace, .ipcNamespace:
            "bubblewrap (apt-get install bubblewrap) and namespaces: as root, or with unprivileged user namespaces allowed (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0; a container needs a seccomp profile that allows unshare/clone of user namespaces)"
        case .unprivilegedUser, .noCapabilities:
            "a root grader (which drops the worker to nobody) or bubblewrap with user namespaces"
        case .noNewPrivileges, .resourceLimits, .seccomp:
            "the grade-sandbox launcher (built by swift build, linked with libseccomp: apt-get install libseccomp-dev)"
        case .landlock:
            "a kernel with Landlock (Linux 5.13 or later, CONFIG_SECURITY_LANDLOCK=y, landlock in the lsm= list)"
        }
    }

    public static func < (a: IsolationLayer, b: IsolationLayer) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
