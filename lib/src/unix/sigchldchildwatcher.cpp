// SPDX-License-Identifier: MIT
// The SIGCHLD side of the child watcher: one process-wide handler, installed once, that chains
// the handler it replaced and only writes a byte to each claimed wake pipe (async-signal-safe).
// Every loop (and the background reaper) owns one wake pipe while it watches children through
// SIGCHLD, and reaps only its own pids with wait4(pid, WNOHANG): never wait4(-1), never SIG_IGN.
#include "unix/childwatcher_p.h"

#include <aproc/errors.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QMutex>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aproc::detail::sigchld {

namespace {

constexpr int MaxWakeSlots = 512;

// A wake pipe. writeFd is what the handler reads; busy counts handlers between reading writeFd
// and finishing their write, so that release() never closes an fd a handler is about to use.
struct WakeSlot
{
    std::atomic<int> writeFd{-1};
    std::atomic<int> busy{0};
    int readFd = -1; // guarded by g_mutex
};

WakeSlot g_slots[MaxWakeSlots];
std::atomic<int> g_slotCount{0}; // slots [0, count) have been used at least once
QBasicMutex g_mutex; // claims, releases and installation

struct sigaction g_previous; // written once, before the handler is installed; read by it
std::atomic<bool> g_installed{false};

bool isFunction(const struct sigaction &action)
{
    return action.sa_handler != SIG_DFL && action.sa_handler != SIG_IGN;
}

extern "C" void onSigchld(int signo, siginfo_t *info, void *context)
{
    const int savedErrno = errno;
    const int count = g_slotCount.load(std::memory_order_acquire);
    for (int i = 0; i < count; ++i) {
        WakeSlot &slot = g_slots[i];
        slot.busy.fetch_add(1);
        const int fd = slot.writeFd.load();
        if (fd >= 0) {
            const char byte = 0;
            [[maybe_unused]] const ssize_t written = ::write(fd, &byte, 1); // full: already awake
        }
        slot.busy.fetch_sub(1);
    }
    errno = savedErrno;
    if (isFunction(g_previous)) { // chain: an application's handler, or Qt's forkfd
        if (g_previous.sa_flags & SA_SIGINFO)
            g_previous.sa_sigaction(signo, info, context);
        else
            g_previous.sa_handler(signo);
    }
    errno = savedErrno;
}

bool isOurs(const struct sigaction &action)
{
    return (action.sa_flags & SA_SIGINFO) && action.sa_sigaction == onSigchld;
}

struct sigaction currentAction()
{
    struct sigaction action = {};
    ::sigaction(SIGCHLD, nullptr, &action);
    return action;
}

} // namespace

void ensureHandler()
{
    if (g_installed.load(std::memory_order_acquire))
        return;
    QMutexLocker locker(&g_mutex);
    if (g_installed.load(std::memory_order_relaxed))
        return;
    const struct sigaction previous = currentAction();
    g_previous = previous;
    struct sigaction action = {};
    action.sa_sigaction = onSigchld;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    if (isFunction(previous)) {
        // The chained handler keeps what it asked for: its mask, and stop/continue notices.
        action.sa_mask = previous.sa_mask;
        action.sa_flags |= previous.sa_flags & (SA_NOCLDSTOP | SA_NOCLDWAIT);
    } else {
        action.sa_flags |= SA_NOCLDSTOP;
        // Whoever set SIG_IGN wants the kernel to reap children: keep that (exit statuses are
        // then lost, reported as 255), but still receive the signal so that nothing hangs.
        if (previous.sa_handler == SIG_IGN || (previous.sa_flags & SA_NOCLDWAIT))
            action.sa_flags |= SA_NOCLDWAIT;
    }
    ::sigaction(SIGCHLD, &action, nullptr);
    g_installed.store(true, std::memory_order_release);
}

bool handlerReplaced()
{
    return g_installed.load(std::memory_order_acquire) && !isOurs(currentAction());
}

bool childrenAutoReaped()
{
    const struct sigaction action = currentAction();
    return action.sa_handler == SIG_IGN || (action.sa_flags & SA_NOCLDWAIT);
}

int claimWakeSlot()
{
    QMutexLocker locker(&g_mutex);
    const int count = g_slotCount.load(std::memory_order_relaxed);
    int index = 0;
    while (index < count && g_slots[index].readFd >= 0)
        ++index;
    if (index == MaxWakeSlots)
        throw Error(QCoreApplication::translate(
                            "aproc", "too many event loops watch children through SIGCHLD (%1)")
                            .arg(MaxWakeSlots));
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
        throwOSError(errno);
    g_slots[index].readFd = fds[0];
    g_slots[index].writeFd.store(fds[1]);
    if (index == count)
        g_slotCount.store(count + 1, std::memory_order_release);
    return index;
}

int wakeReadFd(int slot)
{
    QMutexLocker locker(&g_mutex);
    return g_slots[slot].readFd;
}

void wake(int slot)
{
    QMutexLocker locker(&g_mutex);
    const char byte = 0;
    [[maybe_unused]] const ssize_t written = ::write(g_slots[slot].writeFd.load(), &byte, 1);
}

void releaseWakeSlot(int slot)
{
    QMutexLocker locker(&g_mutex);
    WakeSlot &wakeSlot = g_slots[slot];
    const int writeFd = wakeSlot.writeFd.exchange(-1);
    // A handler that read the old fd is between its load and its write: let it finish (a few
    // microseconds; a handler interrupting this thread runs to completion before we go on).
    while (wakeSlot.busy.load() != 0)
        ::sched_yield();
    ::close(writeFd);
    ::close(wakeSlot.readFd);
    wakeSlot.readFd = -1;
}

void drain(int fd)
{
    char buffer[256];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; // EAGAIN: empty
    }
}

ReapResult reap(qint64 pid)
{
    ReapResult result;
    int status = 0;
    struct rusage usage = {};
    for (;;) {
        const pid_t got = ::wait4(pid_t(pid), &status, WNOHANG, &usage);
        if (got == 0)
            return result;
        if (got > 0)
            break;
        if (errno == EINTR)
            continue;
        result.state = ReapResult::Foreign;
        result.error = errno;
        return result;
    }
    result.state = ReapResult::Exited;
    result.exit.returncode = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    result.exit.usage = resourceUsageFrom(usage);
    return result;
}

} // namespace aproc::detail::sigchld
