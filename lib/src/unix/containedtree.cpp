// SPDX-License-Identifier: MIT
// A contained child's whole tree: which processes belong to it, signalling and killing all of
// them, knowing when the last is gone, and what they use. See containedtree_p.h for the two
// means and how each finds the tree's processes.
#include "unix/containedtree_p.h"

#include "global/logging_p.h"
#include "loop/eventloop_p.h"
#include "unix/cgroup_p.h"
#include "unix/childwatcher_p.h"
#include "unix/guardian_p.h"
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
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <utility>

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

// The pids no tree may adopt: this process's own children started by Aproc, and the orphans a
// tree has adopted already (this one's included).
std::pair<QSet<qint64>, QSet<qint64>> takenPids()
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    return {r.spawned, r.adopted};
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
        // Guarded before the spawn: no moment in which the tree could outlive this process.
        if (dieWithParent)
            tree->m_guarded = guardian::guardCgroup(tree->m_cgroup->directory());
    } else {
        // Before the spawn: the kernel looks for a subreaper only above a process that had one
        // above it when it was forked (has_child_subreaper is inherited at fork).
        useSubreaper(true);
        tree->m_usesSubreaper = true;
        tree->m_guardianInstead = dieWithParent && guardian::ensureRunning();
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
        plan.guardianInstead = m_guardianInstead;
    }
    return plan;
}

void ContainedTree::started(qint64 pid, qint64 processGroup)
{
    m_pid = pid;
    m_group = processGroup;
    if (const std::optional<ProcStat> stat = readProcStat(pid))
        m_startTime = stat->startTime;
    if (!m_cgroup) {
        m_members.insert(pid, m_startTime);
        // The group, and the tree below the child (a subreaper: its orphans stay below it).
        if (m_dieWithParent && m_group > 1) {
            m_guarded = guardian::guardProcessGroup(m_group);
            if (guardian::guardTree(pid, m_startTime))
                m_guardedTrees.insert(pid, m_startTime);
        }
    }
}

void ContainedTree::childExited()
{
    m_childExited = true;
    if (!m_cgroup)
        refreshMembers(); // the orphans it left came to this process just now
}

// The members, found by walking down from the roots through /proc/<pid>/task/*/children: the
// child while it runs, the members seen before that are still the same process, and once the
// child died, this process's children that it left behind. Every process of the tree is below
// one of them: the child is a subreaper, so an orphan in its tree stays below it, and once it
// died its children came here. No scan of the whole /proc.
void ContainedTree::refreshMembers()
{
    if (m_empty)
        return; // an empty tree stays empty: nothing can join it
    const qint64 self = ::getpid();
    const qint64 ownGroup = ::getpgrp();
    const auto [spawned, adoptedByAnyTree] = takenPids();
    QSet<qint64> adoptedElsewhere = adoptedByAnyTree;
    for (auto it = m_adopted.cbegin(); it != m_adopted.cend(); ++it)
        adoptedElsewhere.remove(it.key());

    QList<qint64> roots;
    roots.append(m_pid);
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it)
        roots.append(it.key());
    QSet<qint64> ownChildren; // not the tree's unless they came from it (see belongs below)
    if (m_childExited) {
        for (const qint64 pid : childrenOf(self)) {
            if (pid != m_pid && !spawned.contains(pid) && !adoptedElsewhere.contains(pid)
                && !m_members.contains(pid)) {
                ownChildren.insert(pid);
                roots.append(pid);
            }
        }
    }
    QHash<qint64, ProcStat> members;
    QSet<qint64> visited;
    for (qsizetype next = 0; next < roots.size(); ++next) {
        const qint64 pid = roots[next];
        if (visited.contains(pid))
            continue;
        visited.insert(pid);
        const std::optional<ProcStat> stat = readProcStat(pid);
        if (!stat || stat->startTime < m_startTime)
            continue;
        const auto known = m_members.constFind(pid);
        if (known != m_members.cend() && *known != stat->startTime)
            continue; // a member that is gone, its pid taken by another process since
        // An orphan the child left stays in its group or left this process's group; a child
        // of this process in this process's group is QProcess's or the application's.
        if (ownChildren.contains(pid) && stat->processGroup != m_group
            && stat->processGroup == ownGroup)
            continue;
        if (stat->parentPid == self && pid != m_pid && !m_adopted.contains(pid)
            && !spawned.contains(pid) && !adoptedElsewhere.contains(pid))
            adopt(*stat);
        if (stat->isZombie())
            continue; // reaped by whoever is its parent: it no longer runs
        members.insert(pid, *stat);
        roots.append(childrenOf(pid));
    }
    m_members.clear();
    for (auto it = members.cbegin(); it != members.cend(); ++it)
        m_members.insert(it.key(), it->startTime);
    if (m_dieWithParent)
        guardMembersOutsideTheGroup(members);
    if (m_childExited && m_members.isEmpty() && m_adopted.isEmpty())
        m_empty = true;
}

// With dieWithParent, the guardian also kills the members that left the group, each known by
// its start time; the ones gone are forgotten.
void ContainedTree::guardMembersOutsideTheGroup(const QHash<qint64, ProcStat> &stats)
{
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it) {
        const auto stat = stats.constFind(it.key());
        if (stat != stats.cend() && stat->processGroup != m_group
            && !m_guardedPids.contains(it.key()) && guardian::guardProcess(it.key(), it.value()))
            m_guardedPids.insert(it.key(), it.value());
    }
    for (auto it = m_guardedPids.begin(); it != m_guardedPids.end();) {
        const auto member = m_members.constFind(it.key());
        if (member == m_members.cend() || *member != it.value()) {
            guardian::releaseProcess(it.key());
            it = m_guardedPids.erase(it);
        } else {
            ++it;
        }
    }
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
    // Should this process die, this orphan goes to init: the guardian kills what is below it.
    if (m_dieWithParent && !stat.isZombie() && guardian::guardTree(pid, stat.startTime))
        m_guardedTrees.insert(pid, stat.startTime);
    std::weak_ptr<ContainedTree> weak = weak_from_this();
    ChildWatcher::forLoop(m_loop)->watch(pid, UniqueFd(pidfd::open(pid)),
                                         [weak, pid](const ChildWatcher::Exit &) {
                                             {
                                                 Registry &r = registry();
                                                 QMutexLocker lock(&r.mutex);
                                                 r.adopted.remove(pid);
                                             }
                                             if (auto tree = weak.lock()) {
                                                 if (tree->m_guardedTrees.remove(pid))
                                                     guardian::releaseTree(pid);
                                                 tree->m_adopted.remove(pid);
                                                 tree->m_members.remove(pid);
                                                 tree->checkEmpty();
                                             }
                                         });
}

namespace {

// One inotify instance per thread for the cgroup.events of its trees: closing an instance costs
// the kernel a grace period (about 10 ms), far too much for each child. A watch is added only
// when someone waits for a tree that is not empty yet.
class CgroupEvents
{
public:
    static CgroupEvents &forThread()
    {
        thread_local CgroupEvents events;
        return events;
    }

    int watch(EventLoop *loop, const QByteArray &path, std::function<void()> onChange)
    {
        if (!m_fd)
            m_fd.reset(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
        if (!m_fd)
            return -1;
        if (m_loop != loop || !EventLoopPrivate::isAlive(m_loop)) {
            m_loop = loop;
            loop->addReader(m_fd.get(), [] { forThread().onReadable(); });
        }
        const int wd = ::inotify_add_watch(m_fd.get(), path.constData(), IN_MODIFY);
        if (wd >= 0)
            m_callbacks.insert(wd, std::move(onChange));
        return wd;
    }

    void unwatch(int wd)
    {
        if (m_callbacks.remove(wd) && m_fd)
            ::inotify_rm_watch(m_fd.get(), wd); // EINVAL once the cgroup was removed: fine
    }

private:
    void onReadable()
    {
        alignas(inotify_event) char buffer[4096];
        QList<int> changed;
        for (ssize_t size; (size = ::read(m_fd.get(), buffer, sizeof buffer)) > 0;) {
            for (ssize_t offset = 0; offset < size;) {
                const auto *event = reinterpret_cast<const inotify_event *>(buffer + offset);
                changed.append(event->wd);
                offset += ssize_t(sizeof(inotify_event) + event->len);
            }
        }
        for (const int wd : std::as_const(changed)) {
            if (const auto callback = m_callbacks.value(wd))
                callback(); // may unwatch, or watch again
        }
    }

    UniqueFd m_fd;
    EventLoop *m_loop = nullptr;
    QHash<int, std::function<void()>> m_callbacks;
};

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
    const auto [spawned, adoptedByAnyTree] = takenPids();
    QSet<qint64> adoptedElsewhere = adoptedByAnyTree;
    for (const qint64 pid : childrenOf(::getpid())) {
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
        if (!m_empty)
            m_cgroup->kill();
        return;
    }
    m_killing = true; // and again at every check, for what was forked or left the group meanwhile
    for (int round = 0; round < KillRounds && signal(SIGKILL); ++round) { }
}

bool ContainedTree::isEmpty()
{
    if (m_cgroup) {
        if (m_empty)
            return true;
        if (m_cgroup->populated())
            return false;
        adoptOwnChildrenInCgroup();
        // Nothing enters an empty cgroup once its child has exited: empty for good.
        m_empty = m_childExited && m_adopted.isEmpty();
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
    if (m_cgroup && m_eventsWatch < 0) {
        std::weak_ptr<ContainedTree> weak = weak_from_this();
        m_eventsWatch = CgroupEvents::forThread().watch(m_loop, m_cgroup->eventsPath(), [weak] {
            if (auto tree = weak.lock())
                tree->checkEmpty();
        });
        checkEmpty(); // emptied before the watch was there
    }
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
        if (m_eventsWatch >= 0 && loopAlive)
            CgroupEvents::forThread().unwatch(m_eventsWatch);
        const bool empty = m_empty || !m_cgroup->populated();
        if (!empty)
            m_cgroup->kill();
        // A cgroup still emptying stays guarded, and should this process die first, the
        // guardian removes it (a cgroup is reused only once empty).
        if (m_guarded && empty)
            guardian::releaseCgroup(m_cgroup->directory());
        cgroup::Cgroup::recycle(std::move(m_cgroup)); // kept for the next child if empty
    } else {
        if (m_pid > 0 && !isEmpty())
            kill();
        // A group's id may be reused once it is empty: never left to the guardian. What was
        // killed just now is gone within milliseconds.
        if (m_guarded)
            guardian::releaseProcessGroup(m_group);
        for (auto it = m_guardedPids.cbegin(); it != m_guardedPids.cend(); ++it)
            guardian::releaseProcess(it.key());
        m_guardedPids.clear();
        for (auto it = m_guardedTrees.cbegin(); it != m_guardedTrees.cend(); ++it)
            guardian::releaseTree(it.key());
        m_guardedTrees.clear();
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
