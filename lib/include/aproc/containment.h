// SPDX-License-Identifier: MIT
// Containing a child's whole process tree: what ProcessOptions::containment asks for, which
// means this machine allows, and what the tree uses.
#pragma once

#include <aproc/aproc_export.h>

#include <QtCore/QList>
#include <QtCore/QString>

#include <chrono>
#include <optional>

namespace aproc {

/*! \brief How a contained child's tree is held together. */
enum class ContainmentMeans {
    None, //!< \brief Not contained: the child alone, as asyncio.
    /*! \brief A cgroup v2 of the child's own, below this process's cgroup: every descendant is
     *  in it whatever it does (setsid, double fork); the tree is killed with `cgroup.kill` and is
     *  gone when `cgroup.events` says `populated 0`. */
    Cgroup,
    /*! \brief A process group of the child's own, with this process as a child subreaper
     *  (PR_SET_CHILD_SUBREAPER) and the tree tracked from /proc: a descendant that leaves the
     *  group (setsid, double fork) is still found while an ancestor of it in the tree lives, and
     *  adopted when its parent dies. The fallback where no cgroup can be written. */
    ProcessGroup,
};

/*! \brief ProcessOptions::containment: the child's whole tree is contained, so that stop(),
 *  kill() and sendSignalToGroup() reach every descendant, treeUsage() and descendants() see
 *  them, and with ProcessOptions::dieWithParent the tree dies with this process even on
 *  SIGKILL. Python has no counterpart. */
struct Containment
{
    /*! \brief Cgroup or ProcessGroup to force one (a forced Cgroup where none can be made is a
     *  RuntimeError at the spawn, saying why); unset: the strongest this process can use, as
     *  containmentInfo() reports. None is a ValueError. */
    std::optional<ContainmentMeans> means{};
};

/*! \brief The containment means this process uses for ProcessOptions::containment when none is
 *  forced, and why (as childWatcherInfo() does for watchers). */
struct ContainmentInfo
{
    /*! \brief Cgroup or ProcessGroup. */
    ContainmentMeans means = ContainmentMeans::ProcessGroup;
    /*! \brief "cgroup" or "process-group". */
    QString name;
    /*! \brief Why: where the cgroup v2 hierarchy is and that it is writable, or why it cannot be
     *  used (no cgroup2 mount, not writable because this is not a delegated subtree, Linux
     *  without cgroup.kill, APROC_CONTAINMENT=process-group). */
    QString reason;
    /*! \brief The directory in which the children's cgroups are made; empty without cgroups. */
    QString cgroupDirectory;
};

/*! \brief Says which containment means a contained child gets by default and why. Probes the
 *  cgroup hierarchy on first use (a directory is made and removed); thread-safe.
 *  APROC_CONTAINMENT=cgroup or =process-group overrides the choice. */
APROC_EXPORT ContainmentInfo containmentInfo();

/*! \brief What a process tree is and uses now: Process::treeUsage(). */
struct TreeUsage
{
    /*! \brief The live processes of the tree: the child while it runs, then its descendants. */
    QList<qint64> pids;
    /*! \brief CPU time (user and system) of the tree. From the cgroup's `cpu.stat` when
     *  contained by a cgroup: every process that ever was in the tree counts. Otherwise the sum
     *  over the live processes in /proc, so that a descendant that exited no longer counts. */
    std::chrono::microseconds cpuTime{0};
    /*! \brief Memory in bytes: the cgroup's `memory.current` where the memory controller gives
     *  one, else the sum of the live processes' resident sets (shared pages counted in each). */
    qint64 memoryBytes = 0;
    /*! \brief The means the figures came from (None: summed from /proc for an uncontained
     *  child). */
    ContainmentMeans means = ContainmentMeans::None;
};

/*! \brief ProcessOptions::exitDrain: how long Process::communicate() and Process::finished wait
 *  for the child's pipes once the child has exited. A descendant that inherited a pipe (a
 *  backgrounded daemon) otherwise keeps them waiting for as long as it lives, as in asyncio
 *  (gh-119710). */
struct ExitDrain
{
    /*! \brief How long after the child's exit the pipes may stay open (>= 0). */
    std::chrono::milliseconds grace = std::chrono::seconds(2);
    /*! \brief true: when the grace expires, the descendants still holding a pipe are killed
     *  (the whole tree, for a contained child). false: they keep running; only the pipes close. */
    bool killHolders = false;
};

} // namespace aproc
