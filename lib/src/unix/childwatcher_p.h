// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include "unix/fd_p.h"

#include "global/autotest_p.h"
#include <aproc/resourceusage.h>

#include <QtCore/QString>
#include <QtCore/QtGlobal>

#include <chrono>
#include <functional>
#include <map>

struct rusage;

namespace aproc {
class EventLoop;
}

namespace aproc::detail {

/*! \brief Reaps the children of one loop and reports each exit in that loop, exactly once, with
 *  callSoon (asyncio's PidfdChildWatcher, with a SIGCHLD fallback like libuv's).
 *
 *  Default: one pidfd per child, watched with addReader() and reaped with waitid(P_PIDFD). The
 *  fallback (no pidfd support, APROC_CHILD_WATCHER=sigchld, or a child given without a pidfd):
 *  a process-wide SIGCHLD handler that chains the previous one and only wakes the loops; each
 *  loop then reaps its own pids with wait4(pid, WNOHANG), never wait4(-1). A child reaped by
 *  someone else ends with 255 and one warning (CONFORMANCE D5). Children still running when the
 *  loop is destroyed are reaped by a background thread: no zombie (D4). Their exit callbacks are
 *  then dropped uncalled, after the loop has torn itself down (no fd watch, timer or ready
 *  queue left): what a callback owns must not use the loop from its destructor.
 *
 *  Not thread-safe: use a watcher from its loop's thread only. APROC_AUTOTEST_EXPORT, so that
 *  tests/tst_childwatcher.cpp can drive it; it is not part of the API. */
class APROC_AUTOTEST_EXPORT ChildWatcher
{
public:
    enum class Kind { Pidfd, Sigchld };

    /*! \brief How a child ended: its exit status, or -N for signal N; 255 if reaped by someone
     *  else (D5), with an empty usage then. */
    struct Exit
    {
        int returncode = 0;
        ResourceUsage usage;
    };
    using ExitCallback = std::function<void(const Exit &)>;

    /*! \brief The watcher of \a loop, created on first use and destroyed with the loop. Call it
     *  on the loop's thread. */
    static ChildWatcher *forLoop(EventLoop *loop);
    /*! \brief The watcher kind of this process: probed once, APROC_CHILD_WATCHER may force it. */
    static Kind processKind();

    ChildWatcher(const ChildWatcher &) = delete;
    ChildWatcher &operator=(const ChildWatcher &) = delete;
    ~ChildWatcher();

    /*! \brief Reports the exit of child \a pid to \a onExit in a later loop iteration, never
     *  inside watch(), even when the child exited already. Takes \a pidfd (may be invalid: the
     *  child is then watched through SIGCHLD). */
    void watch(qint64 pid, UniqueFd pidfd, ExitCallback onExit);
    /*! \brief Sends \a signo to child \a pid; false, and nothing sent, once the child was reaped
     *  or if it is not watched here. Uses pidfd_send_signal when there is a pidfd. */
    bool sendSignal(qint64 pid, int signo);
    /*! \brief True while \a pid is watched and not yet reaped. */
    bool isWatching(qint64 pid) const;
    /*! \brief The kind of this process's watcher (processKind()). */
    Kind kind() const;

    /*! \brief For tests: checks \a pid at once, as a (possibly spurious) wake-up would. */
    void checkNow(qint64 pid);

private:
    struct Child
    {
        UniqueFd pidfd;
        ExitCallback onExit;
        bool bySigchld = false;
        std::chrono::milliseconds retryDelay{0}; // after a spurious pidfd wake-up
    };

    explicit ChildWatcher(EventLoop *loop);
    void watchPidfd(qint64 pid, int pidfd);
    void prepareSigchld();
    void watchBySigchld();
    void onPidfdReadable(qint64 pid);
    void retryLater(qint64 pid, Child &child);
    void reapSigchldChildren();
    void checkHandlerLater();
    void releaseIdleWakeSlot();
    void reportForeign(qint64 pid, int error);
    void finish(qint64 pid, const Exit &exit);

    EventLoop *m_loop;
    std::map<qint64, Child> m_children;
    int m_sigchldChildren = 0; // children with bySigchld
    int m_wakeSlot = -1; // claimed while m_sigchldChildren > 0
    bool m_sigchldCheckQueued = false;
    bool m_handlerCheckArmed = false;
};

/*! \brief The ResourceUsage of a wait4()/waitid() rusage. */
ResourceUsage resourceUsageFrom(const struct rusage &usage);

/*! \brief What one non-blocking reap attempt found. */
struct ReapResult
{
    enum State { Running, Exited, Foreign } state = Running;
    ChildWatcher::Exit exit;
    int error = 0; // errno when Foreign: ECHILD when someone else reaped the child
};

// ---- pidfd (pidfdchildwatcher.cpp)
// ---------------------------------------------------------------
namespace pidfd {
/*! \brief pidfd_open(pid, 0) through syscall(): a close-on-exec pidfd, or -1 with errno. */
int open(qint64 pid);
/*! \brief pidfd_send_signal(fd, signo); false with errno on failure. */
bool sendSignal(int fd, int signo);
/*! \brief waitid(P_PIDFD, fd, WEXITED | WNOHANG) with the raw syscall's rusage. */
ReapResult reap(int fd);
/*! \brief True when this kernel lets us open, signal and wait on pidfds (probed once). */
bool supported();
} // namespace pidfd

/*! \brief The diagnostic text for childWatcherInfo(), in the current language. */
QString childWatcherReason();

// ---- SIGCHLD (sigchldchildwatcher.cpp)
// -----------------------------------------------------------
namespace sigchld {
/*! \brief Installs the process-wide SIGCHLD handler once, chaining the previous one; thread-safe.
 */
void ensureHandler();
/*! \brief True when ensureHandler() installed the handler and someone replaced it since. */
bool handlerReplaced();
/*! \brief True when the kernel reaps children by itself: SIGCHLD is SIG_IGN or has
 *  SA_NOCLDWAIT (our handler keeps SA_NOCLDWAIT when it replaced SIG_IGN). */
bool childrenAutoReaped();
/*! \brief Claims a non-blocking wake pipe that the handler writes a byte to on every SIGCHLD;
 *  returns its index. */
int claimWakeSlot();
/*! \brief The read end of wake pipe \a slot. */
int wakeReadFd(int slot);
/*! \brief Writes a byte to wake pipe \a slot (any thread). */
void wake(int slot);
/*! \brief Gives \a slot back to the pool; its pipe stays open for the next claimant. */
void releaseWakeSlot(int slot);
/*! \brief Reads everything pending from non-blocking \a fd. */
void drain(int fd);
/*! \brief wait4(pid, WNOHANG) with rusage, retrying EINTR. */
ReapResult reap(qint64 pid);
} // namespace sigchld

// ---- background reaper (backgroundreaper.cpp)
// ----------------------------------------------------
/*! \brief Reaps \a pid in a process-wide background thread once it exits, through \a pidfd when
 *  valid, else through SIGCHLD and wait4(pid). For children whose loop is gone (D4). */
void reapInBackground(qint64 pid, UniqueFd pidfd);

} // namespace aproc::detail
