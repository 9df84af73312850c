// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include "global/autotest_p.h"

#include <QtCore/QList>
#include <QtCore/QtGlobal>

#include <chrono>
#include <optional>
#include <vector>

namespace aproc::detail {

/*! \brief What /proc/<pid>/stat says about one process: its place in the tree, its state and
 *  what it uses. */
struct ProcStat
{
    qint64 pid = 0;
    qint64 parentPid = 0;
    qint64 processGroup = 0;
    qint64 session = 0;
    char state = '?'; //!< R, S, D, Z, T, ...
    quint64 startTime = 0; //!< clock ticks after boot: with the pid, names one process for good
    quint64 cpuTicks = 0; //!< user + system time, in clock ticks
    qint64 residentPages = 0;

    bool isZombie() const { return state == 'Z' || state == 'X'; }
};

/*! \brief /proc/<pid>/stat of \a pid; empty when it is gone or unreadable. */
APROC_AUTOTEST_EXPORT std::optional<ProcStat> readProcStat(qint64 pid);
/*! \brief /proc/<pid>/stat of every process of the machine that can be read. */
APROC_AUTOTEST_EXPORT std::vector<ProcStat> readAllProcStats();
/*! \brief The descendants of \a root in \a table by parent pid, without \a root itself, in
 *  breadth-first order. */
APROC_AUTOTEST_EXPORT QList<qint64> descendantsIn(const std::vector<ProcStat> &table, qint64 root);
/*! \brief The children of \a pid (zombies too), from /proc/<pid>/task/<tid>/children, or,
 *  on a kernel without that file, from a scan of every process. */
APROC_AUTOTEST_EXPORT QList<qint64> childrenOf(qint64 pid);
/*! \brief Clock ticks (sysconf(_SC_CLK_TCK)) as time. */
std::chrono::microseconds ticksToTime(quint64 ticks);
/*! \brief The size of a memory page in bytes. */
qint64 pageBytes();

} // namespace aproc::detail
