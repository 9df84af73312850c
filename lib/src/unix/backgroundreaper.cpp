// SPDX-License-Identifier: MIT
// The background reaper: children whose loop was destroyed while they still ran (a QThread
// ending, the application quitting) are reaped here, so that none stays a zombie (D4). One
// detached thread, started on demand, polls their pidfds (or wakes on SIGCHLD and tries
// wait4(pid, WNOHANG) for pids without one) and ends when it has nobody left.
#include "unix/childwatcher_p.h"

#include "global/logging_p.h"

#include <QtCore/QMutex>

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <system_error>
#include <thread>
#include <vector>

namespace aproc::detail {

namespace {

constexpr int SpuriousBackOffMs = 100; // a pidfd readable while waitid() finds nothing
constexpr int PidCheckMs = 1000; // pids without a pidfd, should SIGCHLD never come

class Reaper
{
public:
    void adopt(qint64 pid, UniqueFd pidfd);

private:
    struct Orphan
    {
        qint64 pid;
        UniqueFd pidfd;
    };
    bool start();
    void run();
    int reapEnded();
    int pollTimeout(std::vector<pollfd> *fds, bool backOff) const;

    QBasicMutex m_mutex;
    std::vector<Orphan> m_orphans; // guarded by m_mutex
    bool m_running = false; // guarded by m_mutex
    int m_slot = -1; // the wake pipe, while running
};

Reaper &reaper()
{
    static Reaper *instance = new Reaper; // never destroyed: its thread may outlive main()
    return *instance;
}

void Reaper::adopt(qint64 pid, UniqueFd pidfd)
{
    QMutexLocker locker(&m_mutex);
    m_orphans.push_back({pid, std::move(pidfd)});
    if (m_running) {
        sigchld::wake(m_slot);
        return;
    }
    if (!start()) {
        qCWarning(lcProcess,
                  "cannot start the background reaper: pid %lld will stay a zombie "
                  "until this process exits",
                  pid);
        m_orphans.pop_back();
    }
}

bool Reaper::start()
{
    try {
        m_slot = sigchld::claimWakeSlot();
    } catch (...) {
        return false;
    }
    // The thread blocks every signal: it must not take a signal meant to interrupt another one.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    try {
        std::thread([this] { run(); }).detach();
        m_running = true;
    } catch (const std::system_error &) {
        sigchld::releaseWakeSlot(m_slot);
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return m_running;
}

void Reaper::run()
{
    pthread_setname_np(pthread_self(), "aproc-reaper");
    bool backOff = false;
    for (;;) {
        std::vector<pollfd> fds;
        int timeout;
        {
            QMutexLocker locker(&m_mutex);
            const bool spurious = backOff;
            const int pidfdsReaped = reapEnded();
            if (m_orphans.empty()) {
                sigchld::releaseWakeSlot(m_slot);
                m_slot = -1;
                m_running = false;
                return;
            }
            fds.push_back({sigchld::wakeReadFd(m_slot), POLLIN, 0});
            backOff = spurious && pidfdsReaped == 0;
            timeout = pollTimeout(&fds, backOff);
        }
        ::poll(fds.data(), nfds_t(fds.size()), timeout);
        sigchld::drain(fds.front().fd);
        backOff = false;
        for (std::size_t i = 1; i < fds.size(); ++i)
            backOff = backOff || fds[i].revents != 0; // spurious if nothing is reaped next round
    }
}

int Reaper::pollTimeout(std::vector<pollfd> *fds, bool backOff) const
{
    bool byPid = false;
    for (const Orphan &orphan : m_orphans) {
        if (!orphan.pidfd.isValid())
            byPid = true;
        else if (!backOff)
            fds->push_back({orphan.pidfd.get(), POLLIN, 0});
    }
    if (backOff)
        return SpuriousBackOffMs;
    return byPid ? PidCheckMs : -1;
}

int Reaper::reapEnded()
{
    int pidfdsReaped = 0;
    for (auto it = m_orphans.begin(); it != m_orphans.end();) {
        const bool byPidfd = it->pidfd.isValid();
        const ReapResult result = byPidfd ? pidfd::reap(it->pidfd.get()) : sigchld::reap(it->pid);
        if (result.state == ReapResult::Running) {
            ++it;
            continue;
        }
        qCDebug(lcProcess, "background reaper: pid %lld ended (%d)", it->pid,
                result.state == ReapResult::Exited ? result.exit.returncode : 255);
        pidfdsReaped += byPidfd ? 1 : 0;
        it = m_orphans.erase(it);
    }
    return pidfdsReaped;
}

} // namespace

void reapInBackground(qint64 pid, UniqueFd pidfd)
{
    reaper().adopt(pid, std::move(pidfd));
}

} // namespace aproc::detail
