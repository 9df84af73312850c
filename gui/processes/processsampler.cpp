// SPDX-License-Identifier: MIT
#include "processsampler.h"

#include "processes/history.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QTimer>

namespace aproc::monitor {

namespace {

// One sampled process and its histories.
struct Entry
{
    ProcessSample sample;
    bool alive = false;
    History<double, ProcessSampler::historyLength> cpu;
    History<double, ProcessSampler::historyLength> memory;
};

// True when \a entry describes the same program as \a stat (not a recycled pid, no exec since).
bool sameProgram(const Entry &entry, const ProcessStat &stat)
{
    return entry.sample.stat.startTicks == stat.startTicks && entry.sample.stat.name == stat.name;
}

} // namespace

class ProcessSamplerPrivate
{
public:
    void update(Entry &entry, const ProcessStat &stat, double seconds) const;
    Entry updated(qint64 pid, const ProcessSnapshot &snapshot, double seconds);

    QTimer timer;
    QElapsedTimer clock;
    qint64 lastSampleNanoseconds = -1;
    QList<qint64> tracked;
    QHash<qint64, QList<qint64>> descendants;
    QHash<qint64, Entry> entries;
};

void ProcessSamplerPrivate::update(Entry &entry, const ProcessStat &stat, double seconds) const
{
    ProcessSample &sample = entry.sample;
    if (entry.alive && sample.stat.startTicks == stat.startTicks && seconds > 0) {
        const quint64 ticks
                = stat.cpuTicks >= sample.stat.cpuTicks ? stat.cpuTicks - sample.stat.cpuTicks : 0;
        sample.cpuPercent = 100.0 * double(ticks) / (seconds * procfs::clockTicksPerSecond());
    } else {
        sample.cpuPercent.reset();
    }
    if (!entry.alive || !sameProgram(entry, stat) || sample.commandLine.isEmpty())
        sample.commandLine = procfs::readCommandLine(stat.pid);
    sample.stat = stat;
    entry.alive = true;
    entry.cpu.append(sample.cpuPercent.value_or(0.0));
    entry.memory.append(double(stat.rssBytes));
}

Entry ProcessSamplerPrivate::updated(qint64 pid, const ProcessSnapshot &snapshot, double seconds)
{
    Entry entry = entries.take(pid);
    const ProcessStat *stat = snapshot.find(pid);
    if (!stat) {
        entry.alive = false;
        entry.sample.cpuPercent.reset();
        return entry;
    }
    if (entry.alive && entry.sample.stat.startTicks != stat->startTicks)
        entry = Entry{}; // a recycled pid: another process
    update(entry, *stat, seconds);
    return entry;
}

ProcessSampler::ProcessSampler(QObject *parent)
    : QObject(parent), d(std::make_unique<ProcessSamplerPrivate>())
{
    d->timer.setInterval(std::chrono::seconds(1));
    d->clock.start();
    connect(&d->timer, &QTimer::timeout, this, &ProcessSampler::sampleNow);
}

ProcessSampler::~ProcessSampler() = default;

std::chrono::milliseconds ProcessSampler::interval() const
{
    return d->timer.intervalAsDuration();
}

void ProcessSampler::setInterval(std::chrono::milliseconds interval)
{
    d->timer.setInterval(interval);
}

void ProcessSampler::track(qint64 pid)
{
    if (pid <= 0 || d->tracked.contains(pid))
        return;
    d->tracked.append(pid);
    if (!d->timer.isActive())
        d->timer.start();
}

void ProcessSampler::untrack(qint64 pid)
{
    if (!d->tracked.removeOne(pid))
        return;
    for (const qint64 descendant : d->descendants.take(pid))
        d->entries.remove(descendant);
    d->entries.remove(pid);
    if (d->tracked.isEmpty())
        d->timer.stop();
}

QList<qint64> ProcessSampler::trackedPids() const
{
    return d->tracked;
}

void ProcessSampler::sampleNow()
{
    const ProcessSnapshot snapshot = ProcessSnapshot::take();
    const qint64 now = d->clock.nsecsElapsed();
    const double seconds
            = d->lastSampleNanoseconds < 0 ? 0.0 : double(now - d->lastSampleNanoseconds) / 1e9;
    d->lastSampleNanoseconds = now;

    QHash<qint64, Entry> entries;
    QHash<qint64, QList<qint64>> descendants;
    for (const qint64 pid : std::as_const(d->tracked)) {
        entries.insert(pid, d->updated(pid, snapshot, seconds));
        const QList<qint64> below = snapshot.descendants(pid);
        for (const qint64 descendant : below)
            entries.insert(descendant, d->updated(descendant, snapshot, seconds));
        descendants.insert(pid, below);
    }
    d->entries = std::move(entries); // the processes that vanished are forgotten
    d->descendants = std::move(descendants);
    Q_EMIT sampled();
}

std::optional<ProcessSample> ProcessSampler::sample(qint64 pid) const
{
    const auto it = d->entries.constFind(pid);
    if (it == d->entries.cend() || !it->alive)
        return std::nullopt;
    return it->sample;
}

QList<qint64> ProcessSampler::descendants(qint64 pid) const
{
    return d->descendants.value(pid);
}

QList<double> ProcessSampler::cpuHistory(qint64 pid) const
{
    const auto it = d->entries.constFind(pid);
    return it == d->entries.cend() ? QList<double>() : it->cpu.toList();
}

QList<double> ProcessSampler::memoryHistory(qint64 pid) const
{
    const auto it = d->entries.constFind(pid);
    return it == d->entries.cend() ? QList<double>() : it->memory.toList();
}

} // namespace aproc::monitor
