#ifndef GRADE_C_PROCESS_TREE_H
#define GRADE_C_PROCESS_TREE_H

#include <sys/types.h>

/// Starts a program as the only child of a new "keeper" process that holds its whole process
/// tree, so that the tree can be ended as one, whatever process groups or sessions its members
/// move to.
///
/// The keeper is forked from the caller and runs only async-signal-safe system calls. It starts
/// a session of its own, becomes a child subreaper (Linux `PR_SET_CHILD_SUBREAPER`: every orphan
/// of the tree is re-parented to it instead of to init, so no descendant can leave the tree), and
/// starts `path` with standard input from /dev/null and standard output and standard error on
/// `output_fd`. Then it reaps the tree:
/// - when the program ends, it writes the program's raw wait status (an `int`) to `status_fd`;
/// - when `lifeline_fd` becomes readable or hung up (the caller wrote to it, closed it, or
///   died), it kills every process of the tree with SIGKILL, repeatedly, until none remains;
/// - it exits (status 0) as soon as it has no child left.
///
/// So the tree is gone exactly when the keeper has exited, which the caller sees as the end
/// of `status_fd`. All three descriptors should be close-on-exec in the caller; the keeper and
/// the program close every descriptor they do not use.
///
/// - Parameters:
///   - path: the program, an absolute path (no `PATH` search).
///   - argv: its arguments, `argv[0]` included, ending with NULL.
///   - envp: its environment, ending with NULL.
///   - directory: its working directory, or NULL for the caller's.
///   - keeper: receives the keeper's process id.
/// - Returns: 0, or an `errno` value when the keeper could not be forked.
int grade_process_tree_spawn(const char *path, char *const argv[], char *const envp[], const char *directory,
                             int output_fd, int status_fd, int lifeline_fd, pid_t *keeper);

/// The exit status of the program when it could not be started (as a shell reports it).
#define GRADE_PROCESS_TREE_CANNOT_START 127

/// Opens a process descriptor (Linux `pidfd_open`) for the process `pid` of the caller's PID
/// namespace. Unlike a pid, the descriptor always names the same process: a signal sent through
/// it never reaches a process that reused the number, and it becomes readable (`poll`,
/// `POLLIN`) when that process has ended, even when the caller is not its parent.
///
/// - Returns: the descriptor (close-on-exec), or -1 with `errno` set.
int grade_process_open(pid_t pid);

/// Sends `signal` to the process of a descriptor from ``grade_process_open``.
///
/// - Returns: 0, or -1 with `errno` set (`ESRCH` once the process has ended).
int grade_process_signal(int descriptor, int signal);

#endif
