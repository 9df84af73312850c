// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include "unix/containedtree_p.h"
#include "unix/fd_p.h"

#include "global/autotest_p.h"
#include <aproc/processoptions.h>

#include <QtCore/QString>
#include <QtCore/QStringList>

namespace aproc::detail {

/*! \brief A child that was started: what _posixsubprocess.fork_exec gives Popen, plus a pidfd.
 *
 *  stdinFd is the parent's write end of a Stdio::pipe() stdin; stdoutFd and stderrFd are the
 *  parent's read ends. A Stdio::pty() stream gets its own duplicate of the one pty master,
 *  except stderr when stdout is on the pty too: the terminal's one output is read as stdout. Every
 *  descriptor is close-on-exec and in blocking mode (the transports set O_NONBLOCK). pidfd comes
 *  from CLONE_PIDFD or pidfd_open(); it is invalid where the kernel refuses pidfds, and then the
 *  SIGCHLD watcher must be used. */
struct SpawnedChild
{
    qint64 pid = -1;
    UniqueFd pidfd;
    UniqueFd stdinFd;
    UniqueFd stdoutFd;
    UniqueFd stderrFd;
    /*! The process group the child is in when it starts, as spawnChild() decided it: its own pid
     *  when it leads one (startNewSession, processGroup = 0, or a Stdio::pty() stream, which
     *  needs a session of its own), the group it joined (processGroup > 0), or 0 when it stayed
     *  in the parent's. The one place that decides; the transport signals this group. */
    qint64 processGroup = 0;
};

/*! \brief Starts \a program with \a arguments (argv[1...]) as \a options say, without fork().
 *
 *  Throws ValueError for bad input before anything is created (ER-08), and the OSError subclass
 *  for errno when the start fails (ER-04): FileNotFoundError names the program or the working
 *  directory. On any failure nothing is left behind: every descriptor made here is closed and a
 *  child that failed before exec has been reaped (ER-05). The child is not reaped on success:
 *  that is the child watcher's job.
 *
 *  A Stdio::pty() stream starts a new session (setsid), as a controlling terminal requires;
 *  processGroup = 0 then holds already and is not applied again.
 *
 *  \a containment says what a contained child does before exec: move into its cgroup, lead a
 *  group of its own (as processGroup = 0 would; a processGroup > 0 is then a ValueError), become
 *  a subreaper.
 *
 *  dieWithParent is PR_SET_PDEATHSIG, which the kernel ties to the calling *thread*: the child
 *  is killed when the thread that spawned it ends, even if the process lives on.
 *
 *  APROC_AUTOTEST_EXPORT, so that tests/tst_spawn.cpp can call it; not part of the public API. */
APROC_AUTOTEST_EXPORT SpawnedChild spawnChild(const QString &program, const QStringList &arguments,
                                              const ProcessOptions &options,
                                              const SpawnContainment &containment = {});

} // namespace aproc::detail
