// SPDX-License-Identifier: MIT
// The POSIX half of the subprocess transport (asyncio's _UnixSubprocessTransport): spawning,
// handing the child to the loop's child watcher, and signalling it safely.
#include "transports/subprocesstransport_p.h"
#include "unix/childwatcher_p.h"
#include "unix/crashguard_p.h"
#include "unix/pipeholders_p.h"
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
    SpawnedChild child = spawnChild(program, arguments, options);
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
    // Each holder alone, as found; the child was reaped, so its group may be gone or another's.
    for (const qint64 pid : pids)
        ::kill(pid_t(pid), SIGKILL);
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
    // The group's id is its leader's pid. Before the reap, the leader holds the id. After it, a
    // process still holding the child's output is alive; the id is not handed to a new process
    // while the group has members, and the caller stops once the output is closed.
    if (m_processGroup <= 0)
        return false;
    return ::kill(-pid_t(m_processGroup), signo) == 0;
}

} // namespace aproc::detail
