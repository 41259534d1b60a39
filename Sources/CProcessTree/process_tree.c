// The keeper runs in a child forked from a multithreaded program: until it exits it may use
// only async-signal-safe calls (no malloc, no stdio, no locks), so everything below is plain
// system calls on stack buffers.
#define _GNU_SOURCE
#include "CProcessTree.h"

#ifndef __linux__
#error "CProcessTree is Linux-only: the keeper is a child subreaper (PR_SET_CHILD_SUBREAPER) and reads /proc"
#endif

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sys/prctl.h>
#include <sys/syscall.h>

/// Closes every descriptor from `lowest` up.
static void close_from(int lowest) {
    if (syscall(SYS_close_range, (unsigned int)lowest, ~0U, 0) == 0) return;
    struct rlimit limit;
    int highest = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < 1048576
        ? (int)limit.rlim_cur : 65536;
    for (int fd = lowest; fd < highest; fd++) close(fd);
}

/// Closes every descriptor but `keep_low` and `keep_high` (`keep_low < keep_high`).
static void close_all_except(int keep_low, int keep_high) {
    for (int fd = 0; fd < keep_low; fd++) close(fd);
    for (int fd = keep_low + 1; fd < keep_high; fd++) close(fd);
    close_from(keep_high + 1);
}

static void write_all(int fd, const void *bytes, size_t count) {
    const char *next = bytes;
    while (count > 0) {
        ssize_t written = write(fd, next, count);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        next += written;
        count -= (size_t)written;
    }
}

static void pause_briefly(void) {
    struct timespec interval = {0, 2 * 1000 * 1000};
    nanosleep(&interval, NULL);
}

/// One record of getdents64(2).
struct directory_record {
    uint64_t inode;
    int64_t offset;
    unsigned short length;
    unsigned char type;
    char name[];
};

/// The parent of the process named `pid_name` in /proc, or -1.
static pid_t parent_of(const char *pid_name) {
    char path[64] = "/proc/";
    size_t length = 6;
    for (const char *c = pid_name; *c && length < sizeof path - 6; c++) path[length++] = *c;
    memcpy(path + length, "/stat", 6);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    char text[512];
    ssize_t count = read(fd, text, sizeof text - 1);
    close(fd);
    if (count <= 0) return -1;
    text[count] = 0;
    // `pid (command) state ppid …`; the command may hold spaces and parentheses, so the
    // fields resume after the last ')'.
    char *close_paren = NULL;
    for (char *c = text; *c; c++) if (*c == ')') close_paren = c;
    if (!close_paren || close_paren[1] != ' ' || !close_paren[2] || close_paren[3] != ' ') return -1;
    pid_t parent = 0;
    for (char *c = close_paren + 4; *c >= '0' && *c <= '9'; c++) parent = parent * 10 + (*c - '0');
    return parent;
}

/// Sends SIGKILL to every child of the calling process, found by scanning /proc (the kernel
/// here does not offer /proc/<pid>/task/<tid>/children).
static void kill_children(void) {
    pid_t self = getpid();
    int directory = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0) return;
    char buffer[8192] __attribute__((aligned(8)));
    long count;
    while ((count = syscall(SYS_getdents64, directory, buffer, sizeof buffer)) > 0) {
        for (long offset = 0; offset < count;) {
            struct directory_record *record = (struct directory_record *)(buffer + offset);
            offset += record->length;
            pid_t pid = 0;
            const char *c = record->name;
            for (; *c >= '0' && *c <= '9'; c++) pid = pid * 10 + (*c - '0');
            if (*c != 0 || pid <= 0) continue;
            if (parent_of(record->name) == self) kill(pid, SIGKILL);
        }
    }
    close(directory);
}

static void on_child_ended(int signal) { (void)signal; }

/// Waits for `lifeline` to become readable or hung up, or for a child to end, whichever is first.
static int wait_for_lifeline_or_child(int lifeline, const sigset_t *while_waiting) {
    struct pollfd descriptor = {lifeline, POLLIN, 0};
    return ppoll(&descriptor, 1, NULL, while_waiting);
}

/// The keeper's life: reap, report the program's status, kill the tree when told; exit when
/// no child is left.
__attribute__((noreturn))
static void keep(pid_t program, int status_fd, int lifeline_fd, const sigset_t *while_waiting) {
    int killing = 0;
    for (;;) {
        for (;;) {
            int status = 0;
            pid_t ended = waitpid(-1, &status, WNOHANG);
            if (ended > 0) {
                if (ended == program) write_all(status_fd, &status, sizeof status);
                continue;
            }
            if (ended < 0 && errno == EINTR) continue;
            if (ended < 0) _exit(0); // ECHILD: the tree is empty.
            break;
        }
        if (killing) {
            // Killing a process hands its children to this subreaper: kill again until none is left.
            pause_briefly();
            kill_children();
        } else if (wait_for_lifeline_or_child(lifeline_fd, while_waiting) > 0) {
            killing = 1;
            kill_children();
        }
    }
}

/// Reports on `fd` (the program's output) why the program could not be started, and ends the
/// process with the status a shell gives a program it cannot start.
__attribute__((noreturn))
static void cannot_start(int fd, const char *message) {
    write_all(fd, message, strlen(message));
    _exit(GRADE_PROCESS_TREE_CANNOT_START);
}

__attribute__((noreturn))
static void start_program(const char *path, char *const argv[], char *const envp[], const char *directory,
                          int input, int output) {
    // A freshly started program expects default dispositions and no blocked signal.
    struct sigaction standard;
    memset(&standard, 0, sizeof standard);
    standard.sa_handler = SIG_DFL;
    sigemptyset(&standard.sa_mask);
    // SIGKILL, SIGSTOP and the C library's own real-time signals refuse (EINVAL); every other
    // one must take its default.
    for (int signal = 1; signal < NSIG; signal++) {
        if (sigaction(signal, &standard, NULL) != 0 && errno != EINVAL) cannot_start(output, "cannot start the program: sigaction failed\n");
    }
    if (setpgid(0, 0) != 0) cannot_start(output, "cannot start the program: setpgid failed\n");
    if (directory && chdir(directory) != 0) cannot_start(output, "cannot start the program: cannot change to its directory\n");
    if (dup2(input, 0) < 0 || dup2(output, 1) < 0 || dup2(output, 2) < 0) cannot_start(output, "cannot start the program: dup2 failed\n");
    close_from(3);
    sigset_t none;
    sigemptyset(&none);
    if (sigprocmask(SIG_SETMASK, &none, NULL) != 0) cannot_start(2, "cannot start the program: sigprocmask failed\n");
    execve(path, argv, envp);
    cannot_start(2, "cannot start the program: execve failed\n");
}

__attribute__((noreturn))
static void run_keeper(const char *path, char *const argv[], char *const envp[], const char *directory,
                       int output_fd, int status_fd, int lifeline_fd) {
    // Every signal is blocked (the caller blocked them across fork); only SIGCHLD gets through,
    // and only while waiting, so that a child's end interrupts the wait.
    struct sigaction child_ended;
    memset(&child_ended, 0, sizeof child_ended);
    child_ended.sa_handler = on_child_ended;
    sigemptyset(&child_ended.sa_mask);
    if (sigaction(SIGCHLD, &child_ended, NULL) != 0) cannot_start(output_fd, "cannot start the program: the keeper cannot handle SIGCHLD\n");
    sigset_t while_waiting;
    sigfillset(&while_waiting);
    sigdelset(&while_waiting, SIGCHLD);

    if (setsid() < 0) cannot_start(output_fd, "cannot start the program: the keeper cannot start a session\n");
    // Without the subreaper, a process whose parent ends would leave the tree unkilled.
    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) cannot_start(output_fd, "cannot start the program: the keeper cannot become a subreaper\n");
    // Above 2, so that the dup2 calls of the program cannot overwrite one with another.
    int output = fcntl(output_fd, F_DUPFD_CLOEXEC, 3);
    int status = fcntl(status_fd, F_DUPFD_CLOEXEC, 3);
    int lifeline = fcntl(lifeline_fd, F_DUPFD_CLOEXEC, 3);
    int null_input = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int input = null_input >= 0 ? fcntl(null_input, F_DUPFD_CLOEXEC, 3) : -1;
    if (output < 0 || status < 0 || lifeline < 0 || input < 0) cannot_start(output_fd, "cannot start the program: the keeper cannot set up its descriptors\n");

    pid_t program = fork();
    if (program == 0) start_program(path, argv, envp, directory, input, output);
    if (program < 0) cannot_start(output, "cannot start the program: fork failed\n");
    // The keeper holds only its two descriptors: a copy of the output pipe would keep the
    // caller from ever seeing its end, and any other descriptor of the caller's is not ours.
    if (status < lifeline) close_all_except(status, lifeline); else close_all_except(lifeline, status);
    keep(program, status, lifeline, &while_waiting);
}

int grade_process_tree_spawn(const char *path, char *const argv[], char *const envp[], const char *directory,
                             int output_fd, int status_fd, int lifeline_fd, pid_t *keeper) {
    // Blocked across fork, so that no handler of the caller's runs in the keeper.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t pid = fork();
    if (pid == 0) run_keeper(path, argv, envp, directory, output_fd, status_fd, lifeline_fd);
    int error = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    if (pid < 0) return error;
    *keeper = pid;
    return 0;
}

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

int grade_process_open(pid_t pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

int grade_process_signal(int descriptor, int signal) {
    return (int)syscall(SYS_pidfd_send_signal, descriptor, signal, NULL, 0);
}
