// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include "global/autotest_p.h"
#include <aproc/containment.h>
#include <aproc/future.h>
#include <aproc/task.h>

#include <QtCore/QHash>
#include <QtCore/QList>

#include <memory>
#include <vector>

namespace aproc {
class EventLoop;
}

namespace aproc::detail {

namespace cgroup {
class Cgroup;
}
struct ProcStat;

/*! \brief The means a contained child gets when none is forced: APROC_CONTAINMENT, else a
 *  cgroup where one can be made, else the process group. */
ContainmentMeans defaultMeans();

/*! \brief What spawnChild() does for a contained child before it execs. */
struct SpawnContainment
{
    int cgroupProcsFd = -1; //!< >= 0: the child writes "0" to it (moves itself into the cgroup)
    bool ownProcessGroup = false; //!< the child leads a process group of its own
    bool subreaper = false; //!< the child becomes a child subreaper (PR_SET_CHILD_SUBREAPER)
    /*! The guardian kills the child's tree should this process die: no PR_SET_PDEATHSIG, whose
     *  SIGKILL would make the child's orphans leave the tree before the guardian walks it. */
    bool guardianInstead = false;
};

/*! \brief The whole process tree of one contained child (ProcessOptions::containment), by the
 *  means chosen at prepare(): a cgroup of its own, or its process group tracked from /proc.
 *
 *  By a process group: the child leads a group and is a child subreaper, so that an orphan in
 *  its tree (a double fork's grandchild) becomes its child rather than leaving the tree, and
 *  this process is a subreaper while such trees exist, so that the child's own children come
 *  here when it dies. The members are the processes below the child by parent pid, those in its
 *  group, those seen before (with their start time) and, once the child has died, this
 *  process's adopted children that came from it; adopted ones are reaped by the loop's child
 *  watcher, never by waitpid(-1).
 *
 *  Lives on the loop's thread; the transport owns it. Destroyed while processes remain, it
 *  kills them (nothing is orphaned). */
class APROC_AUTOTEST_EXPORT ContainedTree : public std::enable_shared_from_this<ContainedTree>
{
public:
    /*! \brief Decides the means (ValueError for ContainmentMeans::None, RuntimeError for a
     *  forced cgroup that is unavailable) and makes the cgroup. Spawns nothing. */
    static std::shared_ptr<ContainedTree> prepare(EventLoop *loop, const Containment &containment,
                                                  bool dieWithParent);
    ~ContainedTree();
    ContainedTree(const ContainedTree &) = delete;
    ContainedTree &operator=(const ContainedTree &) = delete;

    ContainmentMeans means() const { return m_means; }
    /*! \brief What the child does before exec. */
    SpawnContainment spawnPlan() const;
    /*! \brief The child \a pid was spawned, leading process group \a processGroup (0: none). */
    void started(qint64 pid, qint64 processGroup);
    /*! \brief The child exited (before it is reported): its orphans are adopted now. */
    void childExited();

    /*! \brief The live processes of the tree, the child first while it runs. */
    QList<qint64> pids();
    /*! \brief Sends \a signo to every live process of the tree; false when none was left. */
    bool signal(int signo);
    /*! \brief SIGKILL to every process of the tree. */
    void kill();
    /*! \brief True once no process of the tree is left (zombies do not count). */
    bool isEmpty();
    /*! \brief Resolves once isEmpty(). */
    Task<void> waitEmpty();
    /*! \brief The tree's processes, CPU time and memory now. */
    TreeUsage usage();
    /*! \brief For an owner going away: kills what is left and keeps this tree alive (a loop
     *  timer holds it) until the last process is gone and reaped, or \a patience ran out. */
    void killAndLinger(std::chrono::milliseconds patience = std::chrono::seconds(5));

    /*! \brief The pid of a directly spawned child of this process (any loop), so that the
     *  process-group means never takes it for an adopted orphan. */
    static void noteSpawned(qint64 pid);
    /*! \brief The child \a pid was reaped. */
    static void forgetSpawned(qint64 pid);

private:
    ContainedTree(EventLoop *loop, ContainmentMeans means, bool dieWithParent);
    void refreshMembers();
    void adoptOwnChildrenInCgroup();
    void guardMembersOutsideTheGroup(const QHash<qint64, ProcStat> &stats);
    void adopt(const ProcStat &stat);
    void checkEmpty();
    void release();

    EventLoop *m_loop;
    ContainmentMeans m_means;
    bool m_dieWithParent;
    std::unique_ptr<cgroup::Cgroup> m_cgroup;
    qint64 m_pid = 0;
    qint64 m_group = 0;
    quint64 m_startTime = 0;
    bool m_childExited = false;
    QHash<qint64, quint64> m_members; // the process group's members: pid -> start time
    QHash<qint64, bool> m_adopted; // members that are this process's children, watched
    std::vector<Future<void>> m_emptyWaiters;
    bool m_pollArmed = false;
    int m_eventsWatch = -1; // the inotify watch of the cgroup's events, once someone waits
    bool m_killing = false; // kill() was called: the process-group means repeats it
    bool m_released = false;
    bool m_usesSubreaper = false; // counted in this process's subreaper users
    bool m_empty = false; // found empty after the child's exit: nothing can join it any more
    bool m_guardianInstead = false; // of PR_SET_PDEATHSIG (process-group means)
    bool m_guarded = false; // registered with the guardian (dieWithParent)
    QHash<qint64, quint64> m_guardedPids; // members outside the group, registered too
    QHash<qint64, quint64> m_guardedTrees; // the child and adopted orphans, as tree roots
};

} // namespace aproc::detail
