// SPDX-License-Identifier: MIT
// Samples the tracked processes and their descendants from /proc at a fixed interval: CPU %,
// resident memory, and a short history of both for the sparklines.
#pragma once

#include "processes/procfs.h"

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QStringList>

#include <chrono>
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

/*! \brief Reads /proc once per interval (one scan for every process it tracks) and computes
 *  CPU % and resident memory of each tracked pid and of its descendants. */
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
    /*! \brief Stops sampling \a pid and forgets its history and its descendants. */
    void untrack(qint64 pid);
    /*! \brief The pids being tracked. */
    QList<qint64> trackedPids() const;

    /*! \brief Takes one sample now, emits sampled(); the timer calls it while a pid is tracked. */
    void sampleNow();

    /*! \brief \a pid (tracked, or a descendant of one) as the last sample saw it; empty if it was
     *  not alive then. */
    std::optional<ProcessSample> sample(qint64 pid) const;
    /*! \brief The descendants of the tracked \a pid in the last sample, depth first. */
    QList<qint64> descendants(qint64 pid) const;
    /*! \brief The CPU % of \a pid over the last samples, oldest first. */
    QList<double> cpuHistory(qint64 pid) const;
    /*! \brief The resident memory of \a pid in bytes over the last samples, oldest first. */
    QList<double> memoryHistory(qint64 pid) const;

Q_SIGNALS:
    /*! \brief A sample was taken. */
    void sampled();

private:
    std::unique_ptr<ProcessSamplerPrivate> d;
};

} // namespace aproc::monitor
