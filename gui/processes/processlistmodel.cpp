// SPDX-License-Identifier: MIT
#include "processlistmodel.h"

#include "processes/managedprocess.h"
#include "processes/processmanager.h"
#include "processes/processsampler.h"

#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtGui/QColor>

#include <algorithm>
#include <climits>
#include <vector>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

namespace {

// A descendant of a managed process's child, as the last sample saw it.
struct DescendantRow
{
    qint64 pid = 0;
    ProcessSample sample;
    QList<double> cpuHistory;
    QList<double> memoryHistory;
    QVariantList shown; // what each cell showed when dataChanged() was last considered
};

// One managed process: its row, its tracked pid and its descendants.
struct Node
{
    ManagedProcess *process = nullptr;
    qint64 trackedPid = 0;
    std::optional<ProcessSample> sample;
    std::optional<TreeSample> tree; // the child's whole tree, which the totals describe
    QList<double> cpuHistory;
    QList<double> memoryHistory;
    QList<DescendantRow> children;
    QVariantList shown;
};

// What one row shows, whether a managed process or a descendant: one set of cell functions.
struct RowValues
{
    ManagedProcess *process = nullptr; // null for a descendant
    qint64 pid = 0;
    QString name, command, toolTip, state, exit;
    int stateKey = 0;
    QVariant exitKey, foreground;
    QDateTime started;
    std::optional<std::chrono::milliseconds> runTime;
    std::optional<int> restarts;
    std::optional<double> cpuPercent;
    std::optional<qint64> memoryBytes; // empty when not sampled
    const QList<double> *cpuHistory = nullptr;
    const QList<double> *memoryHistory = nullptr;
};

QVariant foregroundOf(ProcessState state)
{
    if (state == ProcessState::Killed || state == ProcessState::FailedToStart)
        return QColor(Qt::red);
    return state == ProcessState::Exited ? QVariant(QColor(Qt::gray)) : QVariant();
}

RowValues valuesOf(const Node &node)
{
    ManagedProcess *process = node.process;
    RowValues values;
    values.process = process;
    values.pid = process->pid();
    values.name = process->name();
    values.command = process->commandLine();
    values.toolTip = values.command;
    if (process->state() == ProcessState::FailedToStart && !process->errorString().isEmpty())
        values.toolTip += u'\n' + process->errorString();
    values.state = ProcessStates::title(process->state());
    if (process->state() == ProcessState::OutputHeld) {
        const int holders = node.tree ? int(node.tree->pids.size()) : -1;
        values.state = ProcessStates::outputHeldTitle(process->exitDescription(), holders);
        values.toolTip = values.state + u'\n' + values.toolTip; // whole, in a narrow column
    }
    values.stateKey = int(process->state());
    values.exit = process->exitDescription();
    values.exitKey = process->returncode().value_or(INT_MIN);
    values.foreground = foregroundOf(process->state());
    values.started = process->startTime();
    if (values.started.isValid())
        values.runTime = process->runTime();
    values.restarts = process->restartCount();
    if (node.tree) {
        values.cpuPercent = node.tree->cpuPercent;
        values.memoryBytes = node.tree->memoryBytes;
    } else if (node.sample) {
        values.cpuPercent = node.sample->cpuPercent;
        values.memoryBytes = node.sample->stat.rssBytes;
    }
    values.cpuHistory = &node.cpuHistory;
    values.memoryHistory = &node.memoryHistory;
    return values;
}

RowValues valuesOf(const DescendantRow &row)
{
    const ProcessStat &stat = row.sample.stat;
    RowValues values;
    values.pid = row.pid;
    values.name = stat.name;
    values.command = ProcessColumns::commandLineText(row.sample.commandLine, stat.name);
    values.toolTip = values.command;
    values.state = ProcessColumns::kernelStateTitle(stat.state);
    values.stateKey = stat.state;
    values.foreground = stat.state == 'Z' ? QVariant(QColor(Qt::gray)) : QVariant();
    values.started = procfs::startTime(stat.startTicks);
    values.runTime
            = std::chrono::milliseconds(values.started.msecsTo(QDateTime::currentDateTime()));
    values.cpuPercent = row.sample.cpuPercent;
    values.memoryBytes = stat.rssBytes;
    values.cpuHistory = &row.cpuHistory;
    values.memoryHistory = &row.memoryHistory;
    return values;
}

QString cpuText(const RowValues &values)
{
    return values.cpuPercent ? ProcessColumns::cpuText(*values.cpuPercent) : QString();
}

QString memoryText(const RowValues &values)
{
    return values.memoryBytes ? ProcessColumns::memoryText(*values.memoryBytes) : QString();
}

QVariant display(const RowValues &values, ProcessColumn column)
{
    switch (column) {
    case ProcessColumn::Name:
        return values.name;
    case ProcessColumn::Command:
        return values.command;
    case ProcessColumn::Pid:
        return values.pid > 0 ? QString::number(values.pid) : QString();
    case ProcessColumn::State:
        return values.state;
    case ProcessColumn::Exit:
        return values.exit;
    case ProcessColumn::Started:
        return ProcessColumns::startTimeText(values.started);
    case ProcessColumn::RunTime:
        return values.runTime ? ProcessColumns::runTimeText(*values.runTime) : QString();
    case ProcessColumn::Restarts:
        return values.restarts ? QString::number(*values.restarts) : QString();
    case ProcessColumn::CpuPercent:
        return cpuText(values);
    case ProcessColumn::Memory:
        return memoryText(values);
    case ProcessColumn::Activity:
        return {};
    }
    return {};
}

QVariant sortKey(const RowValues &values, ProcessColumn column)
{
    switch (column) {
    case ProcessColumn::Pid:
        return values.pid;
    case ProcessColumn::State:
        return values.stateKey;
    case ProcessColumn::Exit:
        return values.exitKey;
    case ProcessColumn::Started:
        return values.started.isValid() ? values.started.toMSecsSinceEpoch() : qint64(0);
    case ProcessColumn::RunTime:
        return qint64(values.runTime ? values.runTime->count() : -1);
    case ProcessColumn::Restarts:
        return values.restarts.value_or(-1);
    case ProcessColumn::CpuPercent:
    case ProcessColumn::Activity:
        return values.cpuPercent.value_or(-1.0);
    case ProcessColumn::Memory:
        return values.memoryBytes.value_or(-1);
    default:
        return display(values, column);
    }
}

QVariant cellData(const RowValues &values, ProcessColumn column, int role)
{
    switch (role) {
    case Qt::DisplayRole:
        return display(values, column);
    case ProcessListModel::SortRole:
        return sortKey(values, column);
    case Qt::ToolTipRole:
        if (column == ProcessColumn::Activity && values.memoryBytes) {
            return ProcessListModel::tr("CPU: %1 %, memory: %2")
                    .arg(cpuText(values), memoryText(values));
        }
        return values.toolTip;
    case Qt::ForegroundRole:
        return values.foreground;
    case ProcessListModel::ProcessRole:
        return values.process ? QVariant::fromValue(values.process) : QVariant();
    case ProcessListModel::PidRole:
        return values.pid;
    case ProcessListModel::IsDescendantRole:
        return values.process == nullptr;
    case ProcessListModel::CpuHistoryRole:
        return QVariant::fromValue(*values.cpuHistory);
    case ProcessListModel::MemoryHistoryRole:
        return QVariant::fromValue(*values.memoryHistory);
    default:
        return {};
    }
}

} // namespace

class ProcessListModelPrivate
{
public:
    explicit ProcessListModelPrivate(ProcessListModel *model) : q(model) { }

    int rowOf(const ManagedProcess *process) const;
    int rowOf(const Node *node) const;
    void append(ManagedProcess *process);
    void remove(const ManagedProcess *process);
    void refresh(int row);
    void refreshAll();
    void track(Node &node);
    void syncChildren(int row, Node &node);
    void removeVanishedChildren(const QModelIndex &parent, Node &node, const QList<qint64> &pids);
    void updateChild(DescendantRow &child) const;
    void emitChanges(const QModelIndex &first, QVariantList &shown);
    QVariantList cellsOf(const QModelIndex &first) const;

    ProcessListModel *q;
    ProcessManager *manager = nullptr;
    QPointer<ProcessSampler> sampler;
    std::vector<std::unique_ptr<Node>> nodes;
    QTimer clock; // run times advance once a second
};

int ProcessListModelPrivate::rowOf(const ManagedProcess *process) const
{
    const auto it = std::find_if(nodes.cbegin(), nodes.cend(),
                                 [process](const auto &node) { return node->process == process; });
    return it == nodes.cend() ? -1 : int(it - nodes.cbegin());
}

int ProcessListModelPrivate::rowOf(const Node *node) const
{
    const auto it = std::find_if(nodes.cbegin(), nodes.cend(),
                                 [node](const auto &each) { return each.get() == node; });
    return it == nodes.cend() ? -1 : int(it - nodes.cbegin());
}

void ProcessListModelPrivate::append(ManagedProcess *process)
{
    if (rowOf(process) >= 0)
        return;
    const int row = int(nodes.size());
    q->beginInsertRows({}, row, row);
    auto node = std::make_unique<Node>();
    node->process = process;
    nodes.push_back(std::move(node));
    q->endInsertRows();
    QObject::connect(process, &ManagedProcess::changed, q, [this, process] {
        if (const int row = rowOf(process); row >= 0)
            refresh(row);
    });
    QObject::connect(process, &QObject::destroyed, q, [this, process] { remove(process); });
    nodes.back()->shown = cellsOf(q->index(row, 0));
    refresh(row);
}

void ProcessListModelPrivate::remove(const ManagedProcess *process)
{
    const int row = rowOf(process);
    if (row < 0)
        return;
    q->beginRemoveRows({}, row, row);
    std::unique_ptr<Node> node = std::move(nodes[std::size_t(row)]);
    nodes.erase(nodes.begin() + row);
    q->endRemoveRows();
    if (sampler && node->trackedPid > 0)
        sampler->untrack(node->trackedPid);
    QObject::disconnect(node->process, nullptr, q, nullptr);
}

void ProcessListModelPrivate::refreshAll()
{
    for (std::size_t row = 0; row < nodes.size(); ++row)
        refresh(int(row));
}

void ProcessListModelPrivate::refresh(int row)
{
    Node &node = *nodes[std::size_t(row)];
    track(node);
    if (node.trackedPid > 0 && sampler) {
        node.sample = sampler->sample(node.trackedPid);
        node.tree = sampler->treeSample(node.trackedPid);
        node.cpuHistory = sampler->cpuHistory(node.trackedPid);
        node.memoryHistory = sampler->memoryHistory(node.trackedPid);
    } else {
        node.sample.reset(); // the histories stay: the last activity of an ended process
        node.tree.reset();
    }
    syncChildren(row, node);
    emitChanges(q->index(row, 0), node.shown);
}

// Tracks the child's pid while it or its tree lives (and only then), with the tree's usage.
void ProcessListModelPrivate::track(Node &node)
{
    ManagedProcess *process = node.process;
    const bool alive = ProcessStates::isActive(process->state()) && process->pid() > 0;
    const qint64 pid = sampler && alive ? process->pid() : 0;
    if (pid == node.trackedPid)
        return;
    if (node.trackedPid > 0 && sampler)
        sampler->untrack(node.trackedPid);
    if (pid > 0) {
        sampler->track(pid, [process = QPointer<ManagedProcess>(process)] {
            return process ? process->treeUsage() : TreeUsage();
        });
    }
    node.trackedPid = pid;
}

void ProcessListModelPrivate::syncChildren(int row, Node &node)
{
    const QModelIndex parent = q->index(row, 0);
    const QList<qint64> pids = node.trackedPid > 0 && sampler
                                       ? sampler->descendants(node.trackedPid)
                                       : QList<qint64>();
    removeVanishedChildren(parent, node, pids);
    for (qsizetype i = 0; i < node.children.size(); ++i) {
        updateChild(node.children[i]);
        emitChanges(q->index(int(i), 0, parent), node.children[i].shown);
    }
    QList<qint64> added = pids;
    for (const DescendantRow &child : std::as_const(node.children))
        added.removeOne(child.pid);
    if (added.isEmpty())
        return;
    const int first = int(node.children.size());
    q->beginInsertRows(parent, first, first + int(added.size()) - 1);
    for (const qint64 pid : std::as_const(added)) {
        node.children.append(DescendantRow{pid, {}, {}, {}, {}});
        updateChild(node.children.last());
    }
    q->endInsertRows();
    for (int i = first; i < node.children.size(); ++i)
        node.children[i].shown = cellsOf(q->index(i, 0, parent));
}

// Removes the rows of the descendants not in \a pids, one run of adjacent rows at a time.
void ProcessListModelPrivate::removeVanishedChildren(const QModelIndex &parent, Node &node,
                                                     const QList<qint64> &pids)
{
    for (int last = int(node.children.size()) - 1; last >= 0; --last) {
        if (pids.contains(node.children[last].pid))
            continue;
        int first = last;
        while (first > 0 && !pids.contains(node.children[first - 1].pid))
            --first;
        q->beginRemoveRows(parent, first, last);
        node.children.remove(first, last - first + 1);
        q->endRemoveRows();
        last = first;
    }
}

void ProcessListModelPrivate::updateChild(DescendantRow &child) const
{
    if (std::optional<ProcessSample> sample = sampler->sample(child.pid))
        child.sample = *sample;
    child.cpuHistory = sampler->cpuHistory(child.pid);
    child.memoryHistory = sampler->memoryHistory(child.pid);
}

// What the cells of the row of \a first show: what a change would be seen in.
QVariantList ProcessListModelPrivate::cellsOf(const QModelIndex &first) const
{
    static constexpr int roles[] = {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole,
                                    ProcessListModel::CpuHistoryRole};
    QVariantList cells;
    for (int column = 0; column < processColumnCount; ++column) {
        QVariantList cell;
        const QModelIndex index = first.siblingAtColumn(column);
        for (const int role : roles) {
            if (role != ProcessListModel::CpuHistoryRole || column == int(ProcessColumn::Activity))
                cell.append(index.data(role));
        }
        cells.append(QVariant(cell));
    }
    return cells;
}

// One dataChanged() for the columns of the row of \a first that show something new.
void ProcessListModelPrivate::emitChanges(const QModelIndex &first, QVariantList &shown)
{
    const QVariantList cells = cellsOf(first);
    int firstChanged = -1, lastChanged = -1;
    for (int column = 0; column < processColumnCount; ++column) {
        if (column < shown.size() && shown.at(column) == cells.at(column))
            continue;
        if (firstChanged < 0)
            firstChanged = column;
        lastChanged = column;
    }
    shown = cells;
    if (firstChanged >= 0) {
        Q_EMIT q->dataChanged(first.siblingAtColumn(firstChanged),
                              first.siblingAtColumn(lastChanged));
    }
}

ProcessListModel::ProcessListModel(ProcessManager *manager, QObject *parent)
    : ProcessListModel(manager, new ProcessSampler, parent)
{
    d->sampler->setParent(this);
}

ProcessListModel::ProcessListModel(ProcessManager *manager, ProcessSampler *sampler,
                                   QObject *parent)
    : QAbstractItemModel(parent), d(std::make_unique<ProcessListModelPrivate>(this))
{
    d->manager = manager;
    d->sampler = sampler;
    for (ManagedProcess *process : manager->processes())
        d->append(process);
    connect(manager, &ProcessManager::processAdded, this,
            [this](ManagedProcess *process) { d->append(process); });
    connect(manager, &ProcessManager::processRemoved, this,
            [this](ManagedProcess *process) { d->remove(process); });
    if (sampler)
        connect(sampler, &ProcessSampler::sampled, this, [this] { d->refreshAll(); });
    d->clock.setInterval(std::chrono::seconds(1));
    connect(&d->clock, &QTimer::timeout, this, [this] { d->refreshAll(); });
    d->clock.start();
}

ProcessListModel::~ProcessListModel()
{
    for (const std::unique_ptr<Node> &node : d->nodes) {
        if (d->sampler && node->trackedPid > 0)
            d->sampler->untrack(node->trackedPid);
    }
}

ProcessSampler *ProcessListModel::sampler() const
{
    return d->sampler;
}

ManagedProcess *ProcessListModel::processAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalPointer())
        return nullptr;
    return d->nodes[std::size_t(index.row())]->process;
}

QModelIndex ProcessListModel::indexOf(ManagedProcess *process, int column) const
{
    const int row = d->rowOf(process);
    return row < 0 ? QModelIndex() : index(row, column);
}

QModelIndex ProcessListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, nullptr);
    return createIndex(row, column, d->nodes[std::size_t(parent.row())].get());
}

QModelIndex ProcessListModel::parent(const QModelIndex &child) const
{
    const auto *node = static_cast<const Node *>(child.internalPointer());
    if (!child.isValid() || !node)
        return {};
    const int row = d->rowOf(node);
    return row < 0 ? QModelIndex() : createIndex(row, 0, nullptr);
}

int ProcessListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(d->nodes.size());
    if (parent.internalPointer() || parent.column() != 0)
        return 0;
    return int(d->nodes[std::size_t(parent.row())]->children.size());
}

int ProcessListModel::columnCount(const QModelIndex &) const
{
    return processColumnCount;
}

QVariant ProcessListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ProcessColumn column = ProcessColumn(index.column());
    if (const auto *node = static_cast<const Node *>(index.internalPointer()))
        return cellData(valuesOf(node->children.at(index.row())), column, role);
    return cellData(valuesOf(*d->nodes[std::size_t(index.row())]), column, role);
}

QVariant ProcessListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= processColumnCount) {
        return {};
    }
    return ProcessColumns::title(ProcessColumn(section));
}

} // namespace aproc::monitor
