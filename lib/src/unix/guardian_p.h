// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include "global/autotest_p.h"

#include <QtCore/QByteArray>
#include <QtCore/QtGlobal>

/*! \brief The guardian: a tiny child process, forked (no exec) on the first guard*() call and
 *  never otherwise, that kills the registered cgroups, process groups and processes when this
 *  process dies in any way (a crash, SIGKILL, the OOM killer), then exits.
 *
 *  It holds the read end of a pipe whose only write end stays in this process (close-on-exec,
 *  kept for the process's lifetime). When the pipe reaches EOF (this process died, or exec'd),
 *  the guardian kills everything still registered, waits at most about a second for the
 *  cgroups to empty, removes them and exits. It holds nothing else: stdin, stdout and stderr are
 *  /dev/null, every other descriptor is closed, it sits in a process group of its own with the
 *  terminal's signals ignored (a Ctrl-C does not end it), its working directory is /, and it is
 *  named "aproc-guardian". If it ever exits while this process lives, the background reaper
 *  reaps it (no zombie), and the next guard*() or release*() call starts a new one and registers
 *  again everything still registered (the registry is kept here, too).
 *
 *  The protocol: one binary record per command, a 24-byte header (Guard or Release; Cgroup,
 *  Group, Process or Tree; the pid or pgid; the start time; the path's length) followed by a
 * cgroup's path, written with one blocking write() of at most PIPE_BUF bytes, so that the records
 * of concurrent threads never interleave. A cgroup path takes at most 3799 bytes. The guardian
 * keeps at most 4096 entries of each kind, and so does the registry here: past that, guard*()
 * refuses.
 *
 *  A child that this process forks without exec'ing inherits the write end: the guardian then
 *  waits for that child's end as well before it kills anything.
 *
 *  Every function is thread-safe. A guard*() call returns false, with a warning in
 *  aproc.process, when the argument is refused or the guardian could not be started. */
namespace aproc::detail::guardian {

/*! \brief Kills the cgroup v2 at absolute directory path \a directory when this process dies:
 *  "1" to its cgroup.kill (or, without that file, SIGKILL to each pid of its cgroup.procs,
 *  frozen first, repeated until it is empty), then waits up to about 1 s for "populated 0" in
 *  its cgroup.events and removes it, its empty child cgroups first. */
APROC_AUTOTEST_EXPORT bool guardCgroup(const QByteArray &directory);
/*! \brief Forgets \a directory: it is neither killed nor removed any more. */
APROC_AUTOTEST_EXPORT void releaseCgroup(const QByteArray &directory);

/*! \brief SIGKILL to process group \a pgid when this process dies. Refuses a pgid <= 1 and this
 *  process's own group. */
APROC_AUTOTEST_EXPORT bool guardProcessGroup(qint64 pgid);
/*! \brief Forgets process group \a pgid. */
APROC_AUTOTEST_EXPORT void releaseProcessGroup(qint64 pgid);

/*! \brief SIGKILL to \a pid when this process dies, only if the starttime of /proc/<pid>/stat
 *  (field 22) still equals \a startTime, so that a reused pid is never hit (the signal goes
 *  through a pidfd opened before the check, where the kernel has them). For a descendant that
 *  left its group. */
APROC_AUTOTEST_EXPORT bool guardProcess(qint64 pid, quint64 startTime);
/*! \brief Forgets \a pid. */
APROC_AUTOTEST_EXPORT void releaseProcess(qint64 pid);

/*! \brief SIGKILL to \a pid and every process below it when this process dies, if \a pid still
 *  has \a startTime: walking down through /proc/<pid>/task/<tid>/children, each process is
 *  stopped (SIGSTOP) before its children are read, so that none escapes by forking, then all are
 *  killed. For the process-group means, whose child is a subreaper: its whole tree is below it,
 *  even the descendants that left its group. */
APROC_AUTOTEST_EXPORT bool guardTree(qint64 pid, quint64 startTime);
/*! \brief Forgets the tree of \a pid. */
APROC_AUTOTEST_EXPORT void releaseTree(qint64 pid);

/*! \brief Starts the guardian now unless it runs; true when it runs. */
APROC_AUTOTEST_EXPORT bool ensureRunning();

/*! \brief The guardian's pid; 0 before it was started. */
APROC_AUTOTEST_EXPORT qint64 pid();

} // namespace aproc::detail::guardian
