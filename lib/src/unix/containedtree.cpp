// SPDX-License-Identifier: MIT
// A contained child's whole tree: which processes belong to it, signalling and killing all of
// them, knowing when the last is gone, and what they use. See containedtree_p.h for the two
// means and how each finds the tree's processes.
#include "unix/containedtree_p.h"

#include "global/logging_p.h"
#include "loop/eventloop_p.h"
#include "unix/cgroup_p.h"
#include "unix/childwatcher_p.h"
#include "unix/proctable_p.h"

#include <aproc/containment.h>
#include <aproc/errors.h>
#include <aproc/eventloop.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QMutex>
#include <QtCore/QSet>

#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace aproc::detail {

namespace {

constexpr std::chrono::milliseconds EmptyPollInterval{20}; // the process-group means
constexpr int KillRounds = 3; // a process forked while the others were being killed

// Process-wide facts the process-group means shares between trees and loops.
struct Registry
{
    QMutex mutex;
    QSet<qint64> spawned; // direct children started by Aproc, until reaped
    QSet<qint64> adopted; // orphans a tree took as its own, until reaped
    int subreaperUsers = 0; // trees by process group alive: this process is a subreaper
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

void useSubreaper(bool use)
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    r.subreaperUsers += use ? 1 : -1;
    if ((use && r.subreaperUsers == 1) || (!use && r.subreaperUsers == 0)) {
        if (::prctl(PR_SET_CHILD_SUBREAPER, use ? 1 : 0, 0, 0, 0) != 0)
            qCWarning(lcProcess, "PR_SET_CHILD_SUBREAPER failed: errno %d", errno);
    }
}

} // namespace

ContainmentMeans defaultMeans()
{
    const QByteArray forced = qgetenv("APROC_CONTAINMENT");
    if (forced == "process-group")
        return ContainmentMeans::ProcessGroup;
    if (forced == "cgroup")
        return ContainmentMeans::Cgroup;
    return cgroup::probe().usable ? ContainmentMeans::Cgroup : ContainmentMeans::ProcessGroup;
}

std::shared_ptr<ContainedTree>
ContainedTree::prepare(EventLoop *loop, const Containment &containment, bool dieWithParent)
{
    if (containment.means == ContainmentMeans::None) {
        throw ValueError(QCoreApplication::translate(
                "aproc", "Containment::means is None: leave containment unset instead"));
    }
    const ContainmentMeans means = containment.means.value_or(defaultMeans());
    std::shared_ptr<ContainedTree> tree(new ContainedTree(loop, means, dieWithParent));
    if (means == ContainmentMeans::Cgroup) {
        tree->m_cgroup = cgroup::Cgroup::create();
    } else {
        // Before the spawn: the kernel looks for a subreaper only above a process that had one
        // above it when it was forked (has_child_subreaper is inherited at fork).
        useSubreaper(true);
        tree->m_usesSubreaper = true;
    }
    return tree;
}

ContainedTree::ContainedTree(EventLoop *loop, ContainmentMeans means, bool dieWithParent)
    : m_loop(loop), m_means(means), m_dieWithParent(dieWithParent)
{ }

ContainedTree::~ContainedTree()
{
    release();
}

SpawnContainment ContainedTree::spawnPlan() const
{
    SpawnContainment plan;
    if (m_cgroup) {
        plan.cgroupProcsFd = m_cgroup->procsFd();
    } else {
        plan.ownProcessGroup = true;
        plan.subreaper = true;
    }
    return plan;
}

void ContainedTree::started(qint64 pid, qint64 processGroup)
{
    m_pid = pid;
    m_group = processGroup;
    if (const std::optional<ProcStat> stat = readProcStat(pid))
        m_startTime = stat->startTime;
    if (m_cgroup) {
        std::weak_ptr<ContainedTree> weak = weak_from_this();
        m_loop->addReader(m_cgroup->eventsFd(), [weak] {
            if (auto tree = weak.lock())
                tree->onCgroupEvent();
        });
    } else {
        m_members.insert(pid, m_startTime);
    }
}

void ContainedTree::childExited()
{
    m_childExited = true;
    if (!m_cgroup)
        refreshMembers(); // the orphans it left came to this process just now
}

void ContainedTree::refreshMembers()
{
    const std::vector<ProcStat> table = readAllProcStats();
    QHash<qint64, const ProcStat *> byPid;
    QMultiHash<qint64, const ProcStat *> childrenOf;
    byPid.reserve(qsizetype(table.size()));
    for (const ProcStat &stat : table) {
        byPid.insert(stat.pid, &stat);
        childrenOf.insert(stat.parentPid, &stat);
    }
    const qint64 self = ::getpid();
    const qint64 ownGroup = ::getpgrp();
    QSet<qint64> spawned;
    QSet<qint64> adoptedElsewhere;
    {
        Registry &r = registry();
        QMutexLocker lock(&r.mutex);
        spawned = r.spawned;
        adoptedElsewhere = r.adopted;
    }
    for (auto it = m_adopted.cbegin(); it != m_adopted.cend(); ++it)
        adoptedElsewhere.remove(it.key());

    // The roots: members seen before that are still the same process, the group's members,
    // and once the child died, this process's children that it left behind.
    QList<const ProcStat *> roots;
    auto isSameMember = [this](const ProcStat &stat) {
        const auto known = m_members.constFind(stat.pid);
        return known != m_members.cend() && *known == stat.startTime;
    };
    for (const ProcStat &stat : table) {
        if (stat.startTime < m_startTime)
            continue;
        const bool orphanOfTree = m_childExited && stat.parentPid == self
                                  && stat.processGroup != ownGroup && !spawned.contains(stat.pid)
                                  && !adoptedElsewhere.contains(stat.pid);
        if (isSameMember(stat) || (m_group > 0 && stat.processGroup == m_group) || orphanOfTree)
            roots.append(&stat);
    }
    QHash<qint64, quint64> members;
    for (qsizetype next = 0; next < roots.size(); ++next) {
        const ProcStat *stat = roots[next];
        if (members.contains(stat->pid) || (stat->pid == m_pid && stat->isZombie()))
            continue;
        if (stat->parentPid == self && stat->pid != m_pid && !m_adopted.contains(stat->pid)
            && !spawned.contains(stat->pid) && !adoptedElsewhere.contains(stat->pid))
            adopt(*stat);
        if (stat->isZombie())
            continue; // reaped by whoever is its parent: it no longer runs
        members.insert(stat->pid, stat->startTime);
        for (auto it = childrenOf.constFind(stat->pid);
             it != childrenOf.cend() && it.key() == stat->pid; ++it)
            roots.append(*it);
    }
    m_members = std::move(members);
}

void ContainedTree::adopt(const ProcStat &stat)
{
    const qint64 pid = stat.pid;
    m_adopted.insert(pid, true);
    {
        Registry &r = registry();
        QMutexLocker lock(&r.mutex);
        r.adopted.insert(pid);
    }
    qCDebug(lcProcess, "tree of %lld: adopted orphan %lld", m_pid, pid);
    std::weak_ptr<ContainedTree> weak = weak_from_this();
    ChildWatcher::forLoop(m_loop)->watch(pid, UniqueFd(pidfd::open(pid)),
                                         [weak, pid](const ChildWatcher::Exit &) {
                                             {
                                                 Registry &r = registry();
                                                 QMutexLocker lock(&r.mutex);
                                                 r.adopted.remove(pid);
                                             }
                                             if (auto tree = weak.lock()) {
                                                 tree->m_adopted.remove(pid);
                                                 tree->m_members.remove(pid);
                                                 tree->checkEmpty();
                                             }
                                         });
}

namespace {

// This process's children, zombies included (/proc/self/task/<tid>/children).
QList<qint64> ownChildren()
{
    QList<qint64> pids;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile file(tasks.filePath(task) + QStringLiteral("/children"));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &pid : file.readAll().split(' ')) {
            if (!pid.trimmed().isEmpty())
                pids.append(pid.trimmed().toLongLong());
        }
    }
    return pids;
}

// kill() of one process of a tree: never 0, -1 or init (which kill() reads as groups or as
// everyone), never this process.
bool signalOne(qint64 pid, int signo)
{
    return pid > 1 && pid != ::getpid() && ::kill(pid_t(pid), signo) == 0;
}

bool subreaperInUse()
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    return r.subreaperUsers > 0;
}

} // namespace

// While this process is a subreaper (for trees by process group), the orphans of a cgroup's
// tree come here too. A process, even a zombie, still names its cgroup in /proc/<pid>/cgroup:
// those of this tree are reaped like adopted ones, and no other child is ever taken.
void ContainedTree::adoptOwnChildrenInCgroup()
{
    if (!subreaperInUse())
        return;
    QSet<qint64> spawned;
    QSet<qint64> adoptedElsewhere;
    {
        Registry &r = registry();
        QMutexLocker lock(&r.mutex);
        spawned = r.spawned;
        adoptedElsewhere = r.adopted;
    }
    for (const qint64 pid : ownChildren()) {
        if (pid == m_pid || spawned.contains(pid) || adoptedElsewhere.contains(pid)
            || m_adopted.contains(pid) || !m_cgroup->holds(pid))
            continue;
        if (const std::optional<ProcStat> stat = readProcStat(pid))
            adopt(*stat);
    }
}

QList<qint64> ContainedTree::pids()
{
    if (m_cgroup) {
        QList<qint64> pids = m_cgroup->pids();
        if (const qsizetype child = pids.indexOf(m_pid); child > 0)
            pids.move(child, 0);
        return pids;
    }
    refreshMembers();
    QList<qint64> pids = m_members.keys();
    std::sort(pids.begin(), pids.end(), [this](qint64 a, qint64 b) {
        return a == m_pid || (b != m_pid && m_members.value(a) < m_members.value(b));
    });
    return pids;
}

bool ContainedTree::signal(int signo)
{
    if (m_cgroup) {
        bool any = false;
        for (const qint64 pid : pids())
            any = signalOne(pid, signo) || any;
        return any;
    }
    refreshMembers();
    // The group first, with the child in it: a parent hears of its children's death only after
    // its own signal, so a shell dies of the signal rather than exiting when its job ends.
    QList<qint64> outsideTheGroup;
    bool groupAlive = false;
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it) {
        const std::optional<ProcStat> stat = readProcStat(it.key());
        if (!stat || stat->startTime != it.value())
            continue; // gone since the scan: its pid may be someone else's by now
        if (m_group > 0 && stat->processGroup == m_group)
            groupAlive = true; // a live member holds the group's id: it was not reused
        else
            outsideTheGroup.append(it.key());
    }
    bool any = groupAlive && m_group > 1 && ::kill(-pid_t(m_group), signo) == 0;
    for (const qint64 pid : std::as_const(outsideTheGroup))
        any = signalOne(pid, signo) || any;
    return any;
}

void ContainedTree::kill()
{
    if (m_cgroup) {
        m_cgroup->kill();
        return;
    }
    m_killing = true; // and again at every check, for what was forked or left the group meanwhile
    for (int round = 0; round < KillRounds && signal(SIGKILL); ++round) { }
}

bool ContainedTree::isEmpty()
{
    if (m_cgroup) {
        if (m_cgroup->populated())
            return false;
        adoptOwnChildrenInCgroup();
        return m_adopted.isEmpty();
    }
    refreshMembers();
    return m_members.isEmpty() && m_adopted.isEmpty();
}

Task<void> ContainedTree::waitEmpty()
{
    if (isEmpty())
        co_return;
    Future<void> empty(m_loop);
    m_emptyWaiters.push_back(empty);
    if (!m_cgroup && !m_pollArmed) {
        m_pollArmed = true;
        std::weak_ptr<ContainedTree> weak = weak_from_this();
        auto poll = std::make_shared<std::function<void()>>();
        std::weak_ptr<std::function<void()>> weakPoll = poll; // the timer's lambda owns it
        *poll = [weak, weakPoll] {
            auto tree = weak.lock();
            if (!tree)
                return;
            tree->checkEmpty();
            if (tree->m_emptyWaiters.empty())
                tree->m_pollArmed = false;
            else if (auto again = weakPoll.lock())
                tree->m_loop->callLater(EmptyPollInterval, [again] { (*again)(); });
        };
        m_loop->callLater(EmptyPollInterval, [poll] { (*poll)(); });
    }
    co_await empty;
}

void ContainedTree::onCgroupEvent()
{
    m_cgroup->drainEvents();
    checkEmpty();
}

void ContainedTree::checkEmpty()
{
    if (m_emptyWaiters.empty())
        return;
    if (m_killing && !m_cgroup)
        signal(SIGKILL);
    if (!isEmpty())
        return;
    for (Future<void> &waiter : std::exchange(m_emptyWaiters, {})) {
        if (!waiter.done())
            waiter.setResult();
    }
}

TreeUsage ContainedTree::usage()
{
    TreeUsage usage;
    usage.means = m_means;
    usage.pids = pids();
    std::chrono::microseconds summedCpu{0};
    qint64 summedMemory = 0;
    for (const qint64 pid : std::as_const(usage.pids)) {
        if (const std::optional<ProcStat> stat = readProcStat(pid)) {
            summedCpu += ticksToTime(stat->cpuTicks);
            summedMemory += stat->residentPages * pageBytes();
        }
    }
    usage.cpuTime = summedCpu;
    usage.memoryBytes = summedMemory;
    if (m_cgroup) {
        if (const auto cpu = m_cgroup->cpuUsage())
            usage.cpuTime = *cpu;
        if (const auto memory = m_cgroup->memoryCurrent())
            usage.memoryBytes = *memory;
    }
    return usage;
}

void ContainedTree::killAndLinger(std::chrono::milliseconds patience)
{
    kill();
    if (isEmpty() || !EventLoopPrivate::isAlive(m_loop))
        return; // the loop is going away: what is left is removed when this process exits
    auto linger = std::make_shared<std::function<void(int)>>();
    std::weak_ptr<std::function<void(int)>> weakLinger = linger;
    const int rounds = int(patience / EmptyPollInterval);
    *linger = [self = shared_from_this(), weakLinger, rounds](int round) {
        self->kill();
        if (self->isEmpty() || round >= rounds) {
            self->release();
            return;
        }
        if (auto again = weakLinger.lock())
            self->m_loop->callLater(EmptyPollInterval, [again, round] { (*again)(round + 1); });
    };
    m_loop->callLater(EmptyPollInterval, [linger] { (*linger)(1); });
}

void ContainedTree::release()
{
    if (m_released)
        return;
    m_released = true;
    const bool loopAlive = EventLoopPrivate::isAlive(m_loop);
    if (m_cgroup) {
        if (m_pid > 0 && loopAlive)
            m_loop->removeReader(m_cgroup->eventsFd());
        if (m_cgroup->populated())
            m_cgroup->kill();
        m_cgroup.reset(); // removed now if empty, else when this process exits
    } else if (m_pid > 0 && !isEmpty()) {
        kill();
    }
    if (m_usesSubreaper)
        useSubreaper(false);
}

void ContainedTree::noteSpawned(qint64 pid)
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    r.spawned.insert(pid);
}

void ContainedTree::forgetSpawned(qint64 pid)
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    r.spawned.remove(pid);
}

} // namespace aproc::detail

namespace aproc {

ContainmentInfo containmentInfo()
{
    const detail::cgroup::Probe &probe = detail::cgroup::probe();
    ContainmentInfo info;
    info.means = detail::defaultMeans();
    info.name = info.means == ContainmentMeans::Cgroup ? QStringLiteral("cgroup")
                                                       : QStringLiteral("process-group");
    info.cgroupDirectory = QString::fromLocal8Bit(probe.sessionDirectory);
    info.reason = probe.reason;
    const QByteArray forced = qgetenv("APROC_CONTAINMENT");
    if (!forced.isEmpty()) {
        info.reason = QStringLiteral("APROC_CONTAINMENT=%1; %2")
                              .arg(QString::fromLocal8Bit(forced), probe.reason);
    } else if (!probe.usable) {
        info.reason = QCoreApplication::translate("aproc", "%1: falling back to the process "
                                                           "group")
                              .arg(probe.reason);
    }
    return info;
}

} // namespace aproc
