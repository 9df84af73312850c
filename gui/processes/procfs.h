// SPDX-License-Identifier: MIT
// Reading /proc (Linux): one process's stat line and command line, and a snapshot of every
// process with its parent links, so that a process tree can be walked without racing the kernel.
#pragma once

#include <QtCore/QByteArrayView>
#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

namespace aproc::monitor {

/*! \brief What /proc/<pid>/stat says about one process. */
struct ProcessStat
{
    qint64 pid = 0; //!< the process id
    qint64 parentPid = 0; //!< the parent's pid (0 for the kernel's own roots)
    QString name; //!< comm: the executable's name, at most 15 bytes
    char state = '?'; //!< R, S, D, T, t, Z, X, I, ...
    quint64 cpuTicks = 0; //!< user plus system time, in clock ticks
    qint64 rssBytes = 0; //!< resident set size
    quint64 startTicks = 0; //!< start time, in clock ticks after boot

    friend bool operator==(const ProcessStat &, const ProcessStat &) = default;
};

/*! \brief Functions that read /proc. Every one tolerates a process vanishing while it reads. */
namespace procfs {

/*! \brief Parses one /proc/<pid>/stat line. The name may hold spaces and ')': it ends at the
 *  last ')'. Empty when the line is malformed. */
std::optional<ProcessStat> parseStat(QByteArrayView line);

/*! \brief Reads /proc/<pid>/stat; empty when \a pid does not exist (any more). */
std::optional<ProcessStat> readStat(qint64 pid);

/*! \brief The arguments of \a pid from /proc/<pid>/cmdline; empty for a kernel thread, a
 *  zombie or a vanished process. */
QStringList readCommandLine(qint64 pid);

/*! \brief Clock ticks per second (sysconf(_SC_CLK_TCK)). */
long clockTicksPerSecond();

/*! \brief The memory page size in bytes. */
long pageSize();

/*! \brief When the system booted (btime in /proc/stat), for start times given in ticks. */
QDateTime bootTime();

/*! \brief The wall-clock time at which a process with \a startTicks started. */
QDateTime startTime(quint64 startTicks);

} // namespace procfs

/*! \brief Every process at one moment, with the parent links to walk process trees. */
class ProcessSnapshot
{
public:
    /*! \brief Reads /proc/<pid>/stat of every process; processes that vanish are skipped. */
    static ProcessSnapshot take();

    /*! \brief A snapshot made of \a processes (for tests and for filtering). */
    static ProcessSnapshot fromList(const QList<ProcessStat> &processes);

    /*! \brief Every process, in ascending pid order. */
    const QList<ProcessStat> &processes() const { return m_processes; }

    /*! \brief The process \a pid, or null when it was not there. */
    const ProcessStat *find(qint64 pid) const;

    /*! \brief The direct children of \a pid, in ascending pid order. */
    QList<qint64> children(qint64 pid) const;

    /*! \brief The whole subtree below \a pid (children, grandchildren, ...) in depth-first
     *  order, without \a pid itself. */
    QList<qint64> descendants(qint64 pid) const;

private:
    QList<ProcessStat> m_processes;
    QHash<qint64, qsizetype> m_indexOfPid;
    QMultiHash<qint64, qint64> m_childrenOfPid;
};

} // namespace aproc::monitor
