// SPDX-License-Identifier: MIT
// ChildWatcher: one per loop. Watches each child by its pidfd (or through SIGCHLD), reaps it
// without ever blocking the loop's thread, and reports the exit with callSoon, so that pipe data
// read in the same iteration is dispatched before it (WT-02).
#include "unix/childwatcher_p.h"

#include "global/logging_p.h"

#include <aproc/childwatcher.h>
#include <aproc/eventloop.h>

#include <QtCore/QThread>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <signal.h>
#include <sys/resource.h>
#include <vector>

namespace aproc::detail {

namespace {

using namespace std::chrono_literals;

constexpr auto FirstRetryDelay = 1ms; // after a spurious pidfd wake-up, doubling ...
constexpr auto LastRetryDelay = 100ms; // ... up to this
constexpr auto HandlerCheckInterval = 1s;

QString anchorName()
{
    return QStringLiteral("aproc-child-watcher");
}

/*! Owns the loop's watcher as a child QObject: destroyed with the loop, after the loop has
 *  dropped its fd watches, timers and ready queue. */
class WatcherAnchor : public QObject
{
public:
    WatcherAnchor(EventLoop *loop, ChildWatcher *watcher) : QObject(loop), watcher(watcher)
    {
        setObjectName(anchorName());
    }
    std::unique_ptr<ChildWatcher> watcher;
};

void warnHandlerReplacedOnce()
{
    static std::atomic<bool> warned{false};
    if (!warned.exchange(true))
        qCWarning(lcProcess, "Aproc's SIGCHLD handler was replaced by someone else: children "
                             "are now checked once a second");
}

} // namespace

ResourceUsage resourceUsageFrom(const struct rusage &usage)
{
    const auto micros = [](const timeval &time) {
        return std::chrono::microseconds(qint64(time.tv_sec) * 1'000'000 + time.tv_usec);
    };
    return {micros(usage.ru_utime), micros(usage.ru_stime), qint64(usage.ru_maxrss)};
}

ChildWatcher *ChildWatcher::forLoop(EventLoop *loop)
{
    Q_ASSERT(loop && loop->thread() == QThread::currentThread());
    QObject *found = loop->findChild<QObject *>(anchorName(), Qt::FindDirectChildrenOnly);
    if (auto *anchor = dynamic_cast<WatcherAnchor *>(found))
        return anchor->watcher.get();
    return (new WatcherAnchor(loop, new ChildWatcher(loop)))->watcher.get();
}

ChildWatcher::ChildWatcher(EventLoop *loop) : m_loop(loop) { }

ChildWatcher::~ChildWatcher()
{
    // The loop is being destroyed: its fd watches and timers are gone and nothing can be
    // scheduled any more, so the loop is not touched here. What has exited is reaped now; the
    // rest goes to the background reaper (D4: no zombie, and no wait on this thread).
    for (auto &[pid, child] : m_children) {
        const bool byPidfd = !child.bySigchld;
        const ReapResult result = byPidfd ? pidfd::reap(child.pidfd.get()) : sigchld::reap(pid);
        if (result.state == ReapResult::Running)
            reapInBackground(pid, byPidfd ? std::move(child.pidfd) : UniqueFd());
    }
    if (m_wakeSlot >= 0)
        sigchld::releaseWakeSlot(m_wakeSlot);
}

ChildWatcher::Kind ChildWatcher::kind() const
{
    return processKind();
}

void ChildWatcher::watch(qint64 pid, UniqueFd pidfd, ExitCallback onExit)
{
    Q_ASSERT(pid > 0 && onExit);
    if (m_children.count(pid) != 0)
        reportForeign(pid, ECHILD); // reaped by someone else, and the pid was reused since
    const bool bySigchld = !pidfd.isValid() || kind() == Kind::Sigchld;
    if (bySigchld)
        prepareSigchld(); // may throw: nothing is recorded yet
    Child &child = m_children[pid];
    child.onExit = std::move(onExit);
    child.bySigchld = bySigchld;
    child.pidfd = std::move(pidfd); // kept by a SIGCHLD child too: pidfd_send_signal is safer
    qCDebug(lcProcess, "watching pid %lld %s", pid, bySigchld ? "through SIGCHLD" : "by pidfd");
    if (bySigchld)
        watchBySigchld();
    else
        watchPidfd(pid, child.pidfd.get());
}

bool ChildWatcher::sendSignal(qint64 pid, int signo)
{
    const auto it = m_children.find(pid);
    if (it == m_children.end())
        return false; // reaped (or never ours): the pid may belong to someone else by now
    const Child &child = it->second;
    if (child.pidfd.isValid() && pidfd::supported())
        return pidfd::sendSignal(child.pidfd.get(), signo);
    return ::kill(pid_t(pid), signo) == 0; // not reaped yet, so the pid is still our child's
}

bool ChildWatcher::isWatching(qint64 pid) const
{
    return m_children.count(pid) != 0;
}

void ChildWatcher::checkNow(qint64 pid)
{
    const auto it = m_children.find(pid);
    if (it == m_children.end())
        return;
    if (it->second.bySigchld)
        reapSigchldChildren();
    else
        onPidfdReadable(pid);
}

// ---- pidfd ------------------------------------------------------------------------------------

void ChildWatcher::watchPidfd(qint64 pid, int pidfd)
{
    // Level-triggered: a child that exited before watch() makes the fd readable at once, and
    // the reader runs in the next iteration (WT-05).
    m_loop->addReader(pidfd, [this, pid] { onPidfdReadable(pid); });
}

void ChildWatcher::onPidfdReadable(qint64 pid)
{
    const auto it = m_children.find(pid);
    if (it == m_children.end() || it->second.bySigchld)
        return;
    const ReapResult result = pidfd::reap(it->second.pidfd.get());
    if (result.state == ReapResult::Running)
        retryLater(pid, it->second);
    else if (result.state == ReapResult::Exited)
        finish(pid, result.exit);
    else
        reportForeign(pid, result.error);
}

void ChildWatcher::retryLater(qint64 pid, Child &child)
{
    // Readable, but waitid() finds nothing yet (RHEL 8, Docker Desktop): a spurious wake-up.
    // Stop listening for a moment rather than spin, and never block: look again later.
    const int fd = child.pidfd.get();
    if (!m_loop->removeReader(fd))
        return; // a retry is already scheduled
    child.retryDelay = std::clamp(child.retryDelay * 2, std::chrono::milliseconds(FirstRetryDelay),
                                  std::chrono::milliseconds(LastRetryDelay));
    qCDebug(lcProcess, "pidfd of pid %lld readable but not exited yet: looking again in %lld ms",
            pid, qint64(child.retryDelay.count()));
    m_loop->callLater(child.retryDelay, [this, pid, fd] {
        const auto it = m_children.find(pid);
        if (it != m_children.end() && !it->second.bySigchld && it->second.pidfd.get() == fd)
            watchPidfd(pid, fd);
    });
}

// ---- SIGCHLD ----------------------------------------------------------------------------------

void ChildWatcher::prepareSigchld()
{
    sigchld::ensureHandler();
    if (m_wakeSlot >= 0)
        return;
    m_wakeSlot = sigchld::claimWakeSlot();
    const int fd = sigchld::wakeReadFd(m_wakeSlot);
    m_loop->addReader(fd, [this, fd] {
        sigchld::drain(fd);
        reapSigchldChildren();
    });
}

void ChildWatcher::watchBySigchld()
{
    ++m_sigchldChildren;
    // The child may have exited before the handler or the wake pipe existed (WT-05): look once.
    if (!m_sigchldCheckQueued) {
        m_sigchldCheckQueued = true;
        m_loop->callSoon([this] {
            m_sigchldCheckQueued = false;
            reapSigchldChildren();
        });
    }
    checkHandlerLater();
}

void ChildWatcher::reapSigchldChildren()
{
    std::vector<std::pair<qint64, ReapResult>> ended;
    for (const auto &[pid, child] : m_children) {
        if (!child.bySigchld)
            continue;
        ReapResult result = sigchld::reap(pid);
        if (result.state != ReapResult::Running)
            ended.emplace_back(pid, result);
    }
    for (const auto &[pid, result] : ended) {
        if (result.state == ReapResult::Exited)
            finish(pid, result.exit);
        else
            reportForeign(pid, result.error);
    }
}

void ChildWatcher::checkHandlerLater()
{
    // Someone may replace our SIGCHLD handler (or set SIG_IGN) after we installed it: the
    // signal would never come. While children are watched that way, look once a second.
    if (m_handlerCheckArmed)
        return;
    m_handlerCheckArmed = true;
    m_loop->callLater(HandlerCheckInterval, [this] {
        m_handlerCheckArmed = false;
        if (m_sigchldChildren == 0)
            return;
        if (sigchld::handlerReplaced()) {
            warnHandlerReplacedOnce();
            reapSigchldChildren();
        }
        if (m_sigchldChildren > 0)
            checkHandlerLater();
    });
}

void ChildWatcher::releaseIdleWakeSlot()
{
    if (m_sigchldChildren > 0 || m_wakeSlot < 0)
        return;
    m_loop->removeReader(sigchld::wakeReadFd(m_wakeSlot));
    sigchld::releaseWakeSlot(m_wakeSlot);
    m_wakeSlot = -1;
}

// ---- reporting --------------------------------------------------------------------------------

void ChildWatcher::reportForeign(qint64 pid, int error)
{
    // D5: asyncio's words. ECHILD: someone else's waitpid(-1), or SIGCHLD ignored.
    const char *name = ::strerrorname_np(error);
    qCWarning(lcProcess,
              "Unknown child process pid %lld, will report returncode 255 (%s: it was "
              "reaped by someone else)",
              pid, name ? name : "?");
    finish(pid, {255, {}});
}

void ChildWatcher::finish(qint64 pid, const Exit &exit)
{
    auto node = m_children.extract(pid);
    Child &child = node.mapped();
    if (child.bySigchld)
        --m_sigchldChildren;
    else
        m_loop->removeReader(child.pidfd.get());
    child.pidfd.reset(); // after removeReader(): the fd number may be reused at once
    m_loop->callSoon([onExit = std::move(child.onExit), exit] { onExit(exit); });
    releaseIdleWakeSlot();
}

} // namespace aproc::detail

namespace aproc {

ChildWatcherInfo childWatcherInfo()
{
    using Kind = detail::ChildWatcher::Kind;
    const bool pidfd = detail::ChildWatcher::processKind() == Kind::Pidfd;
    return {pidfd ? QStringLiteral("pidfd") : QStringLiteral("sigchld"),
            detail::childWatcherReason()};
}

} // namespace aproc
