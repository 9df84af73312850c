// SPDX-License-Identifier: MIT
#include "processsampler.h"

#include "processes/history.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QTimer>

#include <algorithm>

using namespace std::chrono_literals;

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

// One pid tracked with a TreeUsageSource: its tree's last totals and their histories.
struct Tree
{
    TreeUsageSource source;
    std::optional<TreeSample> sample;
    std::chrono::microseconds cpuTime{0};
    History<double, ProcessSampler::historyLength> cpu;
    History<double, ProcessSampler::historyLength> memory;
};

// The processes of \a tree below \a pid depth first, then each one whose parent is outside the
// tree (adopted by a subreaper once its parent died) with those below it.
QList<qint64> treeOrder(const ProcessSnapshot &tree, qint64 pid)
{
    QList<qint64> order = tree.descendants(pid);
    for (const ProcessStat &stat : tree.processes()) {
        if (stat.pid == pid || tree.find(stat.parentPid))
            continue;
        order.append(stat.pid);
        order.append(tree.descendants(stat.pid));
    }
    return order;
}

// The /proc/<pid>/stat of each of \a pids still there.
ProcessSnapshot statsOf(const QList<qint64> &pids)
{
    QList<ProcessStat> stats;
    for (const qint64 pid : pids) {
        if (std::optional<ProcessStat> stat = procfs::readStat(pid))
            stats.append(*stat);
    }
    return ProcessSnapshot::fromList(stats);
}

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
    void sampleTree(qint64 pid, Tree &tree, double seconds);
    void sampleProcesses(qint64 pid, const QList<qint64> &below, const ProcessSnapshot &snapshot,
                         double seconds);

    QTimer timer;
    QElapsedTimer clock;
    qint64 lastSampleNanoseconds = -1;
    QList<qint64> tracked;
    QHash<qint64, QList<qint64>> descendants;
    QHash<qint64, Entry> entries;
    QHash<qint64, Tree> trees;
    // What the sample being taken found (it replaces entries and descendants once complete).
    QHash<qint64, Entry> newEntries;
    QHash<qint64, QList<qint64>> newDescendants;
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

void ProcessSamplerPrivate::sampleProcesses(qint64 pid, const QList<qint64> &below,
                                            const ProcessSnapshot &snapshot, double seconds)
{
    newEntries.insert(pid, updated(pid, snapshot, seconds));
    for (const qint64 descendant : below)
        newEntries.insert(descendant, updated(descendant, snapshot, seconds));
    newDescendants.insert(pid, below);
}

// One call of the tree's source; /proc/<pid>/stat of its processes only, for their rows.
void ProcessSamplerPrivate::sampleTree(qint64 pid, Tree &tree, double seconds)
{
    const TreeUsage usage = tree.source();
    const ProcessSnapshot processes = statsOf(usage.pids);
    sampleProcesses(pid, treeOrder(processes, pid), processes, seconds);
    TreeSample sample{usage.pids, std::nullopt, usage.memoryBytes};
    if (tree.sample && seconds > 0) {
        // Summed from /proc, the total drops when a process of the tree exits.
        const std::chrono::microseconds used = std::max(usage.cpuTime - tree.cpuTime, 0us);
        sample.cpuPercent = 100.0 * double(used.count()) / (seconds * 1e6);
    }
    tree.cpuTime = usage.cpuTime;
    tree.sample = sample;
    tree.cpu.append(sample.cpuPercent.value_or(0.0));
    tree.memory.append(double(sample.memoryBytes));
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

void ProcessSampler::track(qint64 pid, TreeUsageSource treeUsage)
{
    if (pid <= 0 || d->tracked.contains(pid))
        return;
    d->trees.insert(pid, Tree{std::move(treeUsage), std::nullopt, 0us, {}, {}});
    track(pid);
}

void ProcessSampler::untrack(qint64 pid)
{
    if (!d->tracked.removeOne(pid))
        return;
    d->trees.remove(pid);
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
    // The whole of /proc only for pids tracked without a source of their tree.
    const bool needsSnapshot = std::any_of(d->tracked.cbegin(), d->tracked.cend(),
                                           [this](qint64 pid) { return !d->trees.contains(pid); });
    const ProcessSnapshot snapshot = needsSnapshot ? ProcessSnapshot::take() : ProcessSnapshot();
    const qint64 now = d->clock.nsecsElapsed();
    const double seconds
            = d->lastSampleNanoseconds < 0 ? 0.0 : double(now - d->lastSampleNanoseconds) / 1e9;
    d->lastSampleNanoseconds = now;

    for (const qint64 pid : std::as_const(d->tracked)) {
        if (const auto tree = d->trees.find(pid); tree != d->trees.end())
            d->sampleTree(pid, *tree, seconds);
        else
            d->sampleProcesses(pid, snapshot.descendants(pid), snapshot, seconds);
    }
    d->entries = std::exchange(d->newEntries, {}); // the processes that vanished are forgotten
    d->descendants = std::exchange(d->newDescendants, {});
    Q_EMIT sampled();
}

std::optional<ProcessSample> ProcessSampler::sample(qint64 pid) const
{
    const auto it = d->entries.constFind(pid);
    if (it == d->entries.cend() || !it->alive)
        return std::nullopt;
    return it->sample;
}

std::optional<TreeSample> ProcessSampler::treeSample(qint64 pid) const
{
    const auto it = d->trees.constFind(pid);
    return it == d->trees.cend() ? std::nullopt : it->sample;
}

QList<qint64> ProcessSampler::descendants(qint64 pid) const
{
    return d->descendants.value(pid);
}

QList<double> ProcessSampler::cpuHistory(qint64 pid) const
{
    if (const auto tree = d->trees.constFind(pid); tree != d->trees.cend())
        return tree->cpu.toList();
    const auto it = d->entries.constFind(pid);
    return it == d->entries.cend() ? QList<double>() : it->cpu.toList();
}

QList<double> ProcessSampler::memoryHistory(qint64 pid) const
{
    if (const auto tree = d->trees.constFind(pid); tree != d->trees.cend())
        return tree->memory.toList();
    const auto it = d->entries.constFind(pid);
    return it == d->entries.cend() ? QList<double>() : it->memory.toList();
}

} // namespace aproc::monitor
