// SPDX-License-Identifier: MIT
// Samples the tracked processes and their descendants at a fixed interval: CPU %, memory, and a
// short history of both for the sparklines; a managed child's totals are its whole tree's, as
// aproc::Process::treeUsage() gives them.
#pragma once

#include "processes/procfs.h"

#include <aproc/containment.h>

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace aproc::monitor {

class ProcessSamplerPrivate;

/*! \brief One process as the last sample saw it. */
struct ProcessSample
{
    ProcessStat stat; //!< what /proc/<pid>/stat said
    QStringList commandLine; //!< its arguments (empty for a zombie)
    std::optional<double> cpuPercent; //!< 100 is one core; empty on its first sample
};

/*! \brief What a tracked process's whole tree used, as the last sample saw it. */
struct TreeSample
{
    QList<qint64> pids; //!< the live processes of the tree (the child while it runs)
    std::optional<double> cpuPercent; //!< of the whole tree, 100 is one core; empty at first
    qint64 memoryBytes = 0; //!< of the whole tree
};

/*! \brief Gives what a tracked process's tree uses now (ManagedProcess::treeUsage()). */
using TreeUsageSource = std::function<TreeUsage()>;

/*! \brief Samples once per interval and computes CPU % and resident memory of each tracked pid
 *  and of its descendants. A pid tracked with a TreeUsageSource has its tree's totals and its
 *  descendants from that source (one call per sample) and /proc/<pid>/stat of its tree's
 *  processes only; for the others, one scan of /proc finds their descendants. */
class ProcessSampler : public QObject
{
    Q_OBJECT

public:
    /*! \brief How many samples the CPU and memory histories keep. */
    static constexpr qsizetype historyLength = 60;

    /*! \brief A sampler with a 1 s interval, tracking nothing. */
    explicit ProcessSampler(QObject *parent = nullptr);
    /*! \brief Stops sampling. */
    ~ProcessSampler() override;

    /*! \brief The time between two samples. */
    std::chrono::milliseconds interval() const;
    /*! \brief Sets the time between two samples (shorter in tests). */
    void setInterval(std::chrono::milliseconds interval);

    /*! \brief Samples \a pid and its descendants from the next tick on. */
    void track(qint64 pid);
    /*! \brief Samples the tree of \a pid, as \a treeUsage gives it, from the next tick on: the
     *  totals of treeSample(), cpuHistory() and memoryHistory() are the tree's, and
     *  descendants() are its processes, also once \a pid itself exited. */
    void track(qint64 pid, TreeUsageSource treeUsage);
    /*! \brief Stops sampling \a pid and forgets its history and its descendants. */
    void untrack(qint64 pid);
    /*! \brief The pids being tracked. */
    QList<qint64> trackedPids() const;

    /*! \brief Takes one sample now, emits sampled(); the timer calls it while a pid is tracked. */
    void sampleNow();

    /*! \brief \a pid (tracked, or a descendant of one) as the last sample saw it; empty if it was
     *  not alive then. */
    std::optional<ProcessSample> sample(qint64 pid) const;
    /*! \brief The whole tree of \a pid (tracked with a TreeUsageSource) in the last sample;
     *  empty before its first sample or for a pid tracked without a source. */
    std::optional<TreeSample> treeSample(qint64 pid) const;
    /*! \brief The descendants of the tracked \a pid in the last sample, depth first. */
    QList<qint64> descendants(qint64 pid) const;
    /*! \brief The CPU % of \a pid (of its tree, when tracked with a source) over the last
     *  samples, oldest first. */
    QList<double> cpuHistory(qint64 pid) const;
    /*! \brief The resident memory of \a pid (its tree's, when tracked with a source) in bytes
     *  over the last samples, oldest first. */
    QList<double> memoryHistory(qint64 pid) const;

Q_SIGNALS:
    /*! \brief A sample was taken. */
    void sampled();

private:
    std::unique_ptr<ProcessSamplerPrivate> d;
};

} // namespace aproc::monitor
