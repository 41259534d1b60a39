// grade-sandbox: confines the process it becomes, then executes the worker.
//
// The grader starts every worker through this program (inside bubblewrap's namespaces where
// the host allows them). Student code is linked into the worker, never into this program, so
// nothing here can be replaced by a student's definition of a libc symbol, and everything
// applied here is in force before the first instruction of the worker runs:
//
//   --uid N --gid N        when started as root: drop to this user and group, for good
//   --rlimit NAME=VALUE    as, cpu, fsize, nofile, nproc, core, memlock, msgqueue, stack
//   --read PATH            Landlock: PATH may be read and executed beneath
//   --write PATH           Landlock: PATH may be read and written beneath
//   --landlock             restrict file access (and, from Landlock ABI 4, TCP; from 6,
//                          signals and abstract sockets) to the paths above
//   --seccomp              deny the system calls a loss function never needs (see below)
//   --deny-user-namespaces only block new user namespaces, as a container's default seccomp
//                          profile does, then run the program; for testing hosts like that
//   --probe PATH           instead of running a program, report on standard output whether
//                          PATH can be opened ("visible" / "hidden"), say "ready", and wait
//                          for standard input to close; the grader inspects the process meanwhile
//
// Any step that fails ends the program with status 125 and one line on standard error that
// starts with "grade-sandbox:", before the worker could run: confinement fails closed.
#define _GNU_SOURCE
#ifndef __linux__
#error "grade-sandbox is Linux-only: it applies Landlock, seccomp and Linux resource limits"
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/landlock.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FAILURE_STATUS 125
#define MAX_PATHS 64

// Landlock constants newer than this system's headers; the kernel reports its ABI version.
#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13)
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif
#define GRADE_LANDLOCK_ACCESS_NET_BIND_TCP (1ULL << 0)
#define GRADE_LANDLOCK_ACCESS_NET_CONNECT_TCP (1ULL << 1)
#define GRADE_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define GRADE_LANDLOCK_SCOPE_SIGNAL (1ULL << 1)

struct ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
};

static void fail(const char *format, ...) {
    char message[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    dprintf(2, "grade-sandbox: %s\n", message);
    _exit(FAILURE_STATUS);
}

static unsigned long long number(const char *text, const char *what) {
    char *end = NULL;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0') fail("%s is not a number: %s", what, text);
    return value;
}

static void drop_privileges(uid_t uid, gid_t gid) {
    if (getuid() != 0 && geteuid() != 0) {
        // Not root: only the user and group this process already has can be asked for.
        if (getuid() != uid || geteuid() != uid || getgid() != gid || getegid() != gid)
            fail("cannot become user %u and group %u without root", uid, gid);
        return;
    }
    if (setgroups(0, NULL) != 0) fail("setgroups: %s", strerror(errno));
    if (setresgid(gid, gid, gid) != 0) fail("setresgid(%u): %s", gid, strerror(errno));
    if (setresuid(uid, uid, uid) != 0) fail("setresuid(%u): %s", uid, strerror(errno));
    uid_t r, e, s;
    gid_t gr, ge, gs;
    if (getresuid(&r, &e, &s) != 0 || r != uid || e != uid || s != uid) fail("the user is still not %u", uid);
    if (getresgid(&gr, &ge, &gs) != 0 || gr != gid || ge != gid || gs != gid) fail("the group is still not %u", gid);
    if (uid != 0 && setuid(0) == 0) fail("root could be regained after dropping privileges");
}

static void set_limit(const char *assignment) {
    static const struct { const char *name; int resource; } names[] = {
        {"as", RLIMIT_AS}, {"cpu", RLIMIT_CPU}, {"fsize", RLIMIT_FSIZE}, {"nofile", RLIMIT_NOFILE},
        {"nproc", RLIMIT_NPROC}, {"core", RLIMIT_CORE}, {"memlock", RLIMIT_MEMLOCK},
        {"msgqueue", RLIMIT_MSGQUEUE}, {"stack", RLIMIT_STACK},
    };
    const char *equals = strchr(assignment, '=');
    if (equals == NULL) fail("--rlimit wants NAME=VALUE, got %s", assignment);
    size_t length = (size_t)(equals - assignment);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i].name) == length && strncmp(names[i].name, assignment, length) == 0) {
            rlim_t value = (rlim_t)number(equals + 1, names[i].name);
            if (value == RLIM_INFINITY) fail("--rlimit %s: %s is not a limit", names[i].name, equals + 1);
            struct rlimit limit = {value, value};
            if (setrlimit(names[i].resource, &limit) != 0) fail("setrlimit %s=%llu: %s", names[i].name, (unsigned long long)value, strerror(errno));
            return;
        }
    }
    fail("unknown resource limit %.*s", (int)length, assignment);
}

static void restrict_files(char **readable, int readable_count, char **writable, int writable_count) {
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 1) fail("Landlock is not available: %s", strerror(errno));
    uint64_t read_access = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
    uint64_t all_access = read_access | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
        LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
        LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
        LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
    if (abi >= 2) all_access |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3) all_access |= LANDLOCK_ACCESS_FS_TRUNCATE;
    if (abi >= 5) all_access |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
    uint64_t write_access = all_access & ~(uint64_t)(LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_BLOCK);

    struct ruleset_attr attributes = {.handled_access_fs = all_access};
    size_t size = offsetof(struct ruleset_attr, handled_access_net);
    if (abi >= 4) {
        // No network rule is added: every TCP bind and connect is denied.
        attributes.handled_access_net = GRADE_LANDLOCK_ACCESS_NET_BIND_TCP | GRADE_LANDLOCK_ACCESS_NET_CONNECT_TCP;
        size = offsetof(struct ruleset_attr, scoped);
    }
    if (abi >= 6) {
        // Signals and abstract sockets reach only processes confined by this same ruleset.
        attributes.scoped = GRADE_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | GRADE_LANDLOCK_SCOPE_SIGNAL;
        size = sizeof attributes;
    }
    int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attributes, size, 0);
    if (ruleset < 0) fail("landlock_create_ruleset: %s", strerror(errno));

    for (int pass = 0; pass < 2; pass++) {
        char **paths = pass == 0 ? readable : writable;
        int count = pass == 0 ? readable_count : writable_count;
        for (int i = 0; i < count; i++) {
            int descriptor = open(paths[i], O_PATH | O_CLOEXEC);
            if (descriptor < 0) {
                if (errno == ENOENT) continue;  // a system folder this host does not have
                fail("open %s: %s", paths[i], strerror(errno));
            }
            struct landlock_path_beneath_attr rule = {
                .allowed_access = pass == 0 ? read_access : write_access,
                .parent_fd = descriptor,
            };
            // A rule on a file (not a folder) may only carry file rights.
            struct stat info;
            if (fstat(descriptor, &info) != 0) fail("fstat %s: %s", paths[i], strerror(errno));
            if (!S_ISDIR(info.st_mode)) {
                rule.allowed_access &= LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE |
                    (pass == 1 ? (LANDLOCK_ACCESS_FS_WRITE_FILE | (abi >= 3 ? LANDLOCK_ACCESS_FS_TRUNCATE : 0)) : 0);
            }
            if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) != 0)
                fail("landlock_add_rule %s: %s", paths[i], strerror(errno));
            if (close(descriptor) != 0) fail("close %s: %s", paths[i], strerror(errno));
        }
    }
    if (syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) fail("landlock_restrict_self: %s", strerror(errno));
    close(ruleset);
}

static void deny(scmp_filter_ctx filter, int error, int syscall_number, unsigned count, ...) {
    struct scmp_arg_cmp conditions[2];
    va_list arguments;
    va_start(arguments, count);
    for (unsigned i = 0; i < count && i < 2; i++) conditions[i] = va_arg(arguments, struct scmp_arg_cmp);
    va_end(arguments);
    int status = seccomp_rule_add_array(filter, SCMP_ACT_ERRNO(error), syscall_number, count, conditions);
    // A system call this architecture lacks needs no rule.
    if (status != 0 && status != -EDOM && status != -EFAULT) fail("seccomp rule for system call %d: %s", syscall_number, strerror(-status));
}

static scmp_filter_ctx new_filter(void) {
    scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
    if (filter == NULL) fail("seccomp_init failed");
    return filter;
}

static void load(scmp_filter_ctx filter) {
    int status = seccomp_load(filter);
    if (status != 0) fail("seccomp_load: %s", strerror(-status));
    seccomp_release(filter);
}

static const uint64_t namespace_flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
    CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP;

// The filter of the worker. Denied with EPERM unless said otherwise:
// - new processes (fork, vfork, clone without CLONE_THREAD): a worker computes, it never starts
//   programs, so no process can outlive the worker or escape its group; threads stay allowed;
// - clone3, with ENOSYS, so that the C library creates threads with clone, whose flags the
//   filter can read;
// - namespaces, mounts, changing root, tracing and reading other processes' memory;
// - sockets of any family but AF_UNIX: no network even where no network namespace exists;
// - the kernel's keyring, BPF, perf, io_uring, userfaultfd, modules, reboot, swap, clocks,
//   host names, accounting, quotas, handles to files by number, fanotify, raw I/O ports;
// - timers that deliver signals (alarm, setitimer, timer_create): between two cases a worker
//   runs no code, so a case cannot reach the next one of its component.
static void install_worker_filter(void) {
    scmp_filter_ctx filter = new_filter();
    deny(filter, EPERM, SCMP_SYS(fork), 0);
    deny(filter, EPERM, SCMP_SYS(vfork), 0);
    deny(filter, EPERM, SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
    for (int bit = 0; bit < 64; bit++) {
        uint64_t flag = 1ULL << bit;
        if (namespace_flags & flag) deny(filter, EPERM, SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag));
    }
    deny(filter, ENOSYS, SCMP_SYS(clone3), 0);
    deny(filter, EPERM, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_NE, AF_UNIX));
    static const int denied[] = {
        SCMP_SYS(unshare), SCMP_SYS(setns), SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root),
        SCMP_SYS(chroot), SCMP_SYS(move_mount), SCMP_SYS(open_tree), SCMP_SYS(fsopen), SCMP_SYS(fsconfig),
        SCMP_SYS(fsmount), SCMP_SYS(fspick), SCMP_SYS(mount_setattr), SCMP_SYS(ptrace),
        SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev), SCMP_SYS(kcmp), SCMP_SYS(pidfd_getfd),
        SCMP_SYS(keyctl), SCMP_SYS(add_key), SCMP_SYS(request_key), SCMP_SYS(bpf), SCMP_SYS(perf_event_open),
        SCMP_SYS(io_uring_setup), SCMP_SYS(io_uring_enter), SCMP_SYS(io_uring_register), SCMP_SYS(userfaultfd),
        SCMP_SYS(init_module), SCMP_SYS(finit_module), SCMP_SYS(delete_module), SCMP_SYS(kexec_load),
        SCMP_SYS(kexec_file_load), SCMP_SYS(reboot), SCMP_SYS(swapon), SCMP_SYS(swapoff), SCMP_SYS(syslog),
        SCMP_SYS(acct), SCMP_SYS(settimeofday), SCMP_SYS(clock_settime), SCMP_SYS(clock_adjtime),
        SCMP_SYS(adjtimex), SCMP_SYS(sethostname), SCMP_SYS(setdomainname), SCMP_SYS(iopl), SCMP_SYS(ioperm),
        SCMP_SYS(quotactl), SCMP_SYS(name_to_handle_at), SCMP_SYS(open_by_handle_at), SCMP_SYS(fanotify_init),
        SCMP_SYS(lookup_dcookie), SCMP_SYS(vhangup), SCMP_SYS(personality), SCMP_SYS(mknod), SCMP_SYS(mknodat),
        SCMP_SYS(setuid), SCMP_SYS(setgid), SCMP_SYS(setreuid), SCMP_SYS(setregid), SCMP_SYS(setresuid),
        SCMP_SYS(setresgid), SCMP_SYS(setgroups), SCMP_SYS(setfsuid), SCMP_SYS(setfsgid),
        SCMP_SYS(alarm), SCMP_SYS(setitimer), SCMP_SYS(timer_create),
    };
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) deny(filter, EPERM, denied[i], 0);
    load(filter);
}

// What a container runtime's default profile does to user namespaces.
static void install_user_namespace_filter(void) {
    scmp_filter_ctx filter = new_filter();
    deny(filter, EPERM, SCMP_SYS(unshare), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER));
    deny(filter, EPERM, SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER));
    deny(filter, ENOSYS, SCMP_SYS(clone3), 0);
    load(filter);
}

static void probe(const char *path) {
    int descriptor = open(path, O_RDONLY | O_CLOEXEC);
    if (printf("%s %s\n", descriptor >= 0 ? "visible" : "hidden", path) < 0) fail("cannot write the probe's report: %s", strerror(errno));
    if (descriptor >= 0) close(descriptor);
}

int main(int argc, char **argv) {
    char *readable[MAX_PATHS], *writable[MAX_PATHS], *probes[MAX_PATHS];
    int readable_count = 0, writable_count = 0, probe_count = 0;
    long long uid = -1, gid = -1;
    int landlock = 0, seccomp = 0, user_namespace_filter = 0, probing = 0;
    int index = 1;
    for (; index < argc; index++) {
        const char *option = argv[index];
        const char *value = index + 1 < argc ? argv[index + 1] : NULL;
        if (strcmp(option, "--") == 0) { index++; break; }
        if (strcmp(option, "--landlock") == 0) { landlock = 1; continue; }
        if (strcmp(option, "--seccomp") == 0) { seccomp = 1; continue; }
        if (strcmp(option, "--deny-user-namespaces") == 0) { user_namespace_filter = 1; continue; }
        if (value == NULL) fail("%s needs a value", option);
        index++;
        if (strcmp(option, "--uid") == 0) uid = (long long)number(value, "--uid");
        else if (strcmp(option, "--gid") == 0) gid = (long long)number(value, "--gid");
        else if (strcmp(option, "--rlimit") == 0) set_limit(value);
        else if (strcmp(option, "--read") == 0 || strcmp(option, "--write") == 0 || strcmp(option, "--probe") == 0) {
            int *count = option[2] == 'r' ? &readable_count : option[2] == 'w' ? &writable_count : &probe_count;
            char **paths = option[2] == 'r' ? readable : option[2] == 'w' ? writable : probes;
            if (*count >= MAX_PATHS) fail("more than %d paths for %s", MAX_PATHS, option);
            paths[(*count)++] = argv[index];
            if (option[2] == 'p') probing = 1;
        }
        else fail("unknown option %s", option);
    }
    if (!probing && index >= argc) fail("no program to run");

    if (user_namespace_filter) {
        if (index >= argc) fail("no program to run");
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
        install_user_namespace_filter();
        execvp(argv[index], &argv[index]);
        fail("cannot run %s: %s", argv[index], strerror(errno));
    }

    // Nothing the grader did not mean to hand over: only standard input, output and error.
    if (syscall(SYS_close_range, 3U, ~0U, 0U) != 0) {
        // A kernel before 5.9: close one by one, up to the highest descriptor there can be.
        struct rlimit limit;
        if (getrlimit(RLIMIT_NOFILE, &limit) != 0) fail("getrlimit(RLIMIT_NOFILE): %s", strerror(errno));
        int highest = limit.rlim_max == RLIM_INFINITY || limit.rlim_max > 1048576 ? 1048576 : (int)limit.rlim_max;
        for (int descriptor = 3; descriptor < highest; descriptor++) close(descriptor);
    }
    if (uid >= 0 || gid >= 0) drop_privileges((uid_t)(uid >= 0 ? uid : gid), (gid_t)(gid >= 0 ? gid : uid));
    // Changing credentials clears the parent-death signal bubblewrap set: the worker must still
    // die with its sandbox. (Its parent is outside the PID namespace, so getppid() is 0 there.)
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail("PR_SET_PDEATHSIG: %s", strerror(errno));
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
    if (landlock) restrict_files(readable, readable_count, writable, writable_count);
    if (seccomp) install_worker_filter();

    if (probing) {
        for (int i = 0; i < probe_count; i++) probe(probes[i]);
        if (printf("ready\n") < 0 || fflush(stdout) != 0) fail("cannot write the probe's report: %s", strerror(errno));
        char buffer[256];
        while (read(0, buffer, sizeof buffer) > 0) {}
        return 0;
    }
    execv(argv[index], &argv[index]);
    fail("cannot run %s: %s", argv[index], strerror(errno));
}
