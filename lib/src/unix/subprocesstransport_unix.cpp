// SPDX-License-Identifier: MIT
// The POSIX half of the subprocess transport (asyncio's _UnixSubprocessTransport): spawning,
// handing the child to the loop's child watcher, and signalling it safely.
#include "transports/subprocesstransport_p.h"

#include "global/logging_p.h"
#include "unix/childwatcher_p.h"
#include "unix/containedtree_p.h"
#include "unix/crashguard_p.h"
#include "unix/pipeholders_p.h"
#include "unix/proctable_p.h"
#include "unix/readpipetransport_p.h"
#include "unix/spawn_p.h"

#include <csignal>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace aproc::detail {

std::array<UniqueFd, 3> SubprocessTransportImpl::spawn(const QString &program,
                                                       const QStringList &arguments,
                                                       const ProcessOptions &options)
{
    if (options.containment) {
        m_tree = ContainedTree::prepare(m_loop, *options.containment, options.dieWithParent);
        qCDebug(lcProcess, "containing %s by %s", qPrintable(program),
                m_tree->means() == ContainmentMeans::Cgroup ? "its cgroup" : "its process group");
    }
    SpawnedChild child = spawnChild(program, arguments, options,
                                    m_tree ? m_tree->spawnPlan() : SpawnContainment{});
    ContainedTree::noteSpawned(child.pid);
    if (m_tree)
        m_tree->started(child.pid, child.processGroup);
    m_pid = child.pid;
    m_processGroup = child.processGroup; // as spawnChild() placed it
    // A group of its own, to end on a crash of this process (killChildGroupsOnCrash()) until
    // its leader is reaped.
    const bool crashGuarded = options.dieWithParent && m_processGroup == child.pid;
    if (crashGuarded)
        registerCrashGroup(child.pid);
    // The watcher holds the transport until the child is reaped: no zombie, even if everybody
    // else let go of it (D4).
    ChildWatcher::forLoop(m_loop)->watch(
            child.pid, std::move(child.pidfd),
            [keep = self(), crashGuarded, pid = child.pid](const ChildWatcher::Exit &exit) {
                if (crashGuarded)
                    unregisterCrashGroup(pid);
                ContainedTree::forgetSpawned(pid);
                if (keep->m_tree)
                    keep->m_tree->childExited();
                keep->readPipesNow();
                keep->processExited(exit.returncode, exit.usage);
            });
    std::array<UniqueFd, 3> fds;
    fds[0] = std::move(child.stdinFd);
    fds[1] = std::move(child.stdoutFd);
    fds[2] = std::move(child.stderrFd);
    const std::array<Stdio, 3> modes{options.stdinMode, options.stdoutMode, options.stderrMode};
    for (size_t i = 0; i < 3; ++i) {
        if (options.exitDrain && fds[i]) // now: the fds are the transports' once connected
            m_pipeIdentities.append(openFileIdentity(fds[i].get()));
        m_ptyStreams[i] = modes[i].kind() == Stdio::Kind::Pty;
        if (m_ptyStreams[i] && !m_ptyMaster)
            m_ptyMaster.reset(::fcntl(fds[i].get(), F_DUPFD_CLOEXEC, 3));
    }
    return fds;
}

bool SubprocessTransportImpl::setWindowSize(int rows, int columns)
{
    if (!m_ptyMaster)
        return false;
    const winsize size{static_cast<unsigned short>(rows), static_cast<unsigned short>(columns), 0,
                       0};
    // The kernel sends SIGWINCH to the terminal's foreground process group when the size changes.
    return ::ioctl(m_ptyMaster.get(), TIOCSWINSZ, &size) == 0;
}

void SubprocessTransportImpl::readPipesNow()
{
    // asyncio polls every fd before each iteration; this loop runs several iterations per Qt
    // event, so output already in the pipes is read before the exit is reported (WT-02).
    for (int fd : {1, 2}) {
        if (auto *pipe = dynamic_cast<ReadPipeTransport *>(getPipeTransport(fd)))
            pipe->readAvailable();
    }
}

QList<PipeHolder> SubprocessTransportImpl::findOutputHolders() const
{
    return findPipeHolders(m_pipeIdentities);
}

void SubprocessTransportImpl::killOutputHolders(const QList<qint64> &pids)
{
    // A contained child's whole tree, holders or not: the policy ends what it left behind.
    if (m_tree)
        m_tree->kill();
    // Each holder alone, as found (also one outside the tree, that inherited a pipe from it);
    // the child was reaped, so its group may be gone or another's.
    for (const qint64 pid : pids) {
        if (pid > 1 && pid != ::getpid())
            ::kill(pid_t(pid), SIGKILL);
    }
}

char SubprocessTransportImpl::ptyEndOfFile() const
{
    termios attributes{};
    if (!m_ptyMaster || ::tcgetattr(m_ptyMaster.get(), &attributes) != 0
        || attributes.c_cc[VEOF] == _POSIX_VDISABLE)
        return '\x04';
    return char(attributes.c_cc[VEOF]);
}

bool SubprocessTransportImpl::platformSignal(int signo, bool group)
{
    if (!group)
        return ChildWatcher::forLoop(m_loop)->sendSignal(m_pid, signo);
    if (m_tree) // every process of the tree, also those that left the group
        return m_tree->signal(signo);
    // The group's id is its leader's pid. Before the reap, the leader holds the id. After it, a
    // process still holding the child's output is alive; the id is not handed to a new process
    // while the group has members, and the caller stops once the output is closed.
    if (m_processGroup <= 0)
        return false;
    return ::kill(-pid_t(m_processGroup), signo) == 0;
}

ContainmentMeans SubprocessTransportImpl::containment() const
{
    return m_tree ? m_tree->means() : ContainmentMeans::None;
}

QList<qint64> SubprocessTransportImpl::descendants()
{
    if (m_tree) {
        QList<qint64> pids = m_tree->pids();
        pids.removeAll(m_pid);
        return pids;
    }
    if (m_returncode || m_pid <= 0)
        return {}; // its orphans went to someone else: nothing says they were its
    return descendantsIn(readAllProcStats(), m_pid);
}

TreeUsage SubprocessTransportImpl::treeUsage()
{
    if (m_tree)
        return m_tree->usage();
    TreeUsage usage;
    if (m_returncode || m_pid <= 0)
        return usage;
    usage.pids = descendantsIn(readAllProcStats(), m_pid);
    usage.pids.prepend(m_pid);
    for (const qint64 pid : std::as_const(usage.pids)) {
        if (const std::optional<ProcStat> stat = readProcStat(pid)) {
            usage.cpuTime += ticksToTime(stat->cpuTicks);
            usage.memoryBytes += stat->residentPages * pageBytes();
        }
    }
    return usage;
}

Task<void> SubprocessTransportImpl::waitTreeEmpty()
{
    if (std::shared_ptr<ContainedTree> tree = m_tree)
        co_await tree->waitEmpty();
}

void SubprocessTransportImpl::killTree()
{
    if (m_tree)
        m_tree->kill();
}

void SubprocessTransportImpl::releaseTree()
{
    // The Process is gone: what is left of the tree is killed, and reaped in a while.
    if (m_tree)
        m_tree->killAndLinger();
}

} // namespace aproc::detail
