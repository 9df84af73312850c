// SPDX-License-Identifier: MIT
// The pidfd side of the child watcher: the raw syscalls (glibc 2.36's <sys/pidfd.h> has no
// extern "C", and glibc's waitid() drops the kernel's rusage argument), the one-time probe that
// picks the process's watcher, and the text that says why.
#include "unix/childwatcher_p.h"

#include <QtCore/QCoreApplication>

#include <cerrno>
#include <climits>
#include <cstring>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

namespace aproc::detail {

namespace {

enum class Cause {
    Available, // the probe passed
    Requested, // the probe passed and APROC_CHILD_WATCHER=pidfd asked for it
    Forced, // APROC_CHILD_WATCHER=sigchld
    OpenFailed, // pidfd_open(getpid()) failed
    SignalFailed, // pidfd_send_signal(self, 0) failed
    WaitidFailed, // waitid(P_PIDFD) did not answer EBADF / ECHILD as a 5.4+ kernel does
};

struct Selection
{
    ChildWatcher::Kind kind = ChildWatcher::Kind::Sigchld;
    Cause cause = Cause::Available;
    int error = 0; // errno of the failed probe step
    bool pidfdWorks = false;
    QByteArray badOverride; // an APROC_CHILD_WATCHER value we do not know
};

long rawWaitid(int idType, long id, siginfo_t *info, int options, struct rusage *usage)
{
    return ::syscall(SYS_waitid, idType, id, info, options, usage);
}

// Returns Available, or the step that failed with its errno. As Qt's forkfd does, waitid(P_PIDFD)
// on an impossible fd must say EBADF; on our own pidfd it must say ECHILD (we are not our own
// child), which also catches a seccomp filter that answers EBADF to everything.
Cause probe(int *error)
{
    const int self = pidfd::open(::getpid());
    if (self < 0) {
        *error = errno;
        return Cause::OpenFailed;
    }
    const UniqueFd selfFd(self);
    if (!pidfd::sendSignal(self, 0)) {
        *error = errno;
        return Cause::SignalFailed;
    }
    siginfo_t info;
    std::memset(&info, 0, sizeof info);
    if (rawWaitid(P_PIDFD, INT_MAX, &info, WEXITED | WNOHANG, nullptr) == 0 || errno != EBADF) {
        *error = errno;
        return Cause::WaitidFailed;
    }
    if (rawWaitid(P_PIDFD, self, &info, WEXITED | WNOHANG, nullptr) == 0 || errno != ECHILD) {
        *error = errno;
        return Cause::WaitidFailed;
    }
    return Cause::Available;
}

Selection chooseWatcher()
{
    Selection selection;
    const Cause probed = probe(&selection.error);
    selection.pidfdWorks = probed == Cause::Available;
    const QByteArray wanted = qgetenv("APROC_CHILD_WATCHER").trimmed().toLower();
    if (!wanted.isEmpty() && wanted != "pidfd" && wanted != "sigchld")
        selection.badOverride = wanted;
    if (wanted == "sigchld") {
        selection.cause = Cause::Forced;
    } else {
        selection.cause
                = probed == Cause::Available && wanted == "pidfd" ? Cause::Requested : probed;
        if (selection.pidfdWorks)
            selection.kind = ChildWatcher::Kind::Pidfd;
    }
    return selection;
}

const Selection &selection()
{
    static const Selection selected = chooseWatcher(); // thread-safe, probed once
    return selected;
}

QString errnoName(int error)
{
    const char *name = ::strerrorname_np(error);
    return name ? QString::fromLatin1(name) : QString::number(error);
}

QString probeText(const Selection &s)
{
    const QString error = errnoName(s.error);
    switch (s.cause) {
    case Cause::Available:
        return QCoreApplication::translate(
                "aproc", "pidfd_open() and waitid(P_PIDFD) work (Linux 5.4 or later)");
    case Cause::Requested:
        return QCoreApplication::translate("aproc", "requested by APROC_CHILD_WATCHER=pidfd");
    case Cause::Forced:
        return QCoreApplication::translate("aproc", "forced by APROC_CHILD_WATCHER=sigchld");
    case Cause::OpenFailed:
        if (s.error == EPERM || s.error == EACCES)
            return QCoreApplication::translate("aproc",
                                               "pidfd_open refused with %1 (a seccomp filter?)")
                    .arg(error);
        if (s.error == ENOSYS)
            return QCoreApplication::translate(
                    "aproc",
                    "pidfd_open not available (ENOSYS: Linux older than 5.3, or an emulator "
                    "such as qemu-user)");
        return QCoreApplication::translate("aproc", "pidfd_open failed with %1").arg(error);
    case Cause::SignalFailed:
        return QCoreApplication::translate("aproc",
                                           "pidfd_send_signal refused with %1 (a seccomp filter?)")
                .arg(error);
    case Cause::WaitidFailed:
        if (s.error == EINVAL)
            return QCoreApplication::translate(
                    "aproc", "waitid(P_PIDFD) not supported (EINVAL: Linux older than 5.4)");
        return QCoreApplication::translate("aproc",
                                           "waitid(P_PIDFD) probe answered %1 (a seccomp filter?)")
                .arg(error);
    }
    return {};
}

} // namespace

int pidfd::open(qint64 pid)
{
    // PIDFD_NONBLOCK is not wanted: we only poll the fd and call waitid with WNOHANG.
    return int(::syscall(SYS_pidfd_open, pid_t(pid), 0));
}

bool pidfd::sendSignal(int fd, int signo)
{
    return ::syscall(SYS_pidfd_send_signal, fd, signo, nullptr, 0) == 0;
}

ReapResult pidfd::reap(int fd)
{
    ReapResult result;
    siginfo_t info;
    std::memset(&info, 0, sizeof info);
    struct rusage usage = {};
    while (rawWaitid(P_PIDFD, fd, &info, WEXITED | WNOHANG, &usage) != 0) {
        if (errno == EINTR)
            continue;
        result.state = ReapResult::Foreign;
        result.error = errno;
        return result;
    }
    if (info.si_pid == 0)
        return result; // not yet (or a spurious wake-up)
    result.state = ReapResult::Exited;
    result.exit.returncode = info.si_code == CLD_EXITED ? info.si_status : -info.si_status;
    result.exit.usage = resourceUsageFrom(usage);
    return result;
}

bool pidfd::supported()
{
    return selection().pidfdWorks;
}

ChildWatcher::Kind ChildWatcher::processKind()
{
    return selection().kind;
}

QString childWatcherReason()
{
    const Selection &s = selection();
    QString reason = probeText(s);
    if (!s.badOverride.isEmpty())
        reason = QCoreApplication::translate(
                         "aproc",
                         "APROC_CHILD_WATCHER=%1 is neither pidfd nor sigchld, ignored; %2")
                         .arg(QString::fromLocal8Bit(s.badOverride), reason);
    if (sigchld::childrenAutoReaped())
        reason += QCoreApplication::translate(
                "aproc",
                "; SIGCHLD is ignored (SIG_IGN or SA_NOCLDWAIT) in this process: the kernel "
                "reaps children itself and their exit statuses are lost (255)");
    if (sigchld::handlerReplaced())
        reason += QCoreApplication::translate(
                "aproc", "; Aproc's SIGCHLD handler was replaced by someone else: exits are found "
                         "by a check once a second");
    return reason;
}

} // namespace aproc::detail
