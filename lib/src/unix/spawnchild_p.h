// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <sys/types.h>

namespace aproc::detail {

/*! \brief The step of the child's preparation that failed; the parent turns it and the errno
 *  into an exception (_posixsubprocess's "noexec:chdir" and friends). */
enum class ChildStep : int {
    None,
    Signals,
    ParentDeath,
    Session,
    ProcessGroup,
    Cgroup,
    Subreaper,
    Stdio,
    ControllingTerminal,
    WorkingDirectory,
    PassFds,
    Exec,
};

/*! \brief Everything the child does between clone() and execve(), prepared by the parent: the
 *  child only reads this memory and makes system calls (it shares the parent's memory). */
struct ChildPlan
{
    const char *const *executables = nullptr; //!< null-terminated execve() candidates, in order
    char *const *argv = nullptr;
    char *const *envp = nullptr;
    const char *workingDirectory = nullptr; //!< null: stay where the parent is
    int stdioSource[3] = {-1, -1, -1}; //!< dup'd onto 0, 1, 2 in order; -1: left as is
    int controllingTerminal = -1; //!< 0..2: made the controlling terminal after setsid
    bool newSession = false;
    pid_t processGroup = -1; //!< >= 0: setpgid(0, processGroup)
    bool closeFds = true;
    const int *keepFds = nullptr; //!< passFds: sorted, unique, all >= 3, made inheritable
    int keepFdCount = 0;
    int umask = -1;
    bool dieWithParent = false;
    bool restoreSignals = true;
    int cgroupProcsFd = -1; //!< >= 0: "0" is written to it (into the child's cgroup)
    bool childSubreaper = false; //!< PR_SET_CHILD_SUBREAPER (kept across execve)

    // Filled in by cloneChild():
    long parentPid = 0; //!< only with dieWithParent
    unsigned long parentSignalMask[2] = {0, 0}; //!< the kernel's sigset of the calling thread

    // Filled in by the child when it fails before exec (it then exits with 127):
    ChildStep failedStep = ChildStep::None;
    int error = 0;
};

/*! \brief What clone() gave: the pid (-1 and errno in error when clone itself failed) and the
 *  pidfd from CLONE_PIDFD (-1 when the kernel refused the flag). */
struct CloneResult
{
    pid_t pid = -1;
    int pidfd = -1;
    int error = 0;
};

/*! \brief Starts a child with clone(CLONE_VM | CLONE_VFORK | CLONE_PIDFD) that carries out
 *  \a plan and execs. Returns once the child has exec'd or exited; if it failed before exec,
 *  plan.failedStep and plan.error say why and the child (exit status 127) still needs reaping.
 *  Every signal is blocked in the calling thread while the child runs. */
CloneResult cloneChild(ChildPlan &plan);

} // namespace aproc::detail
