// SPDX-License-Identifier: MIT
#include "processes/signalnames.h"

#include <csignal>

using namespace Qt::StringLiterals;

namespace aproc::monitor {
namespace {

struct SignalInfo
{
    int signo;
    const char *name;
    const char *description; // translated in SignalNames' context
};

// The standard signals of Linux; descriptions after strsignal(3), shortened for a menu.
const SignalInfo standardSignals[] = {
        {SIGHUP, "SIGHUP", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Hang up")},
        {SIGINT, "SIGINT", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Interrupt")},
        {SIGQUIT, "SIGQUIT", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Quit")},
        {SIGILL, "SIGILL", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Illegal instruction")},
        {SIGTRAP, "SIGTRAP", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Trace trap")},
        {SIGABRT, "SIGABRT", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Abort")},
        {SIGBUS, "SIGBUS", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Bus error")},
        {SIGFPE, "SIGFPE",
         QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Floating-point exception")},
        {SIGKILL, "SIGKILL", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Kill")},
        {SIGUSR1, "SIGUSR1", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "User 1")},
        {SIGSEGV, "SIGSEGV",
         QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Segmentation fault")},
        {SIGUSR2, "SIGUSR2", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "User 2")},
        {SIGPIPE, "SIGPIPE", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Broken pipe")},
        {SIGALRM, "SIGALRM", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Alarm clock")},
        {SIGTERM, "SIGTERM", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Terminate")},
        {SIGSTKFLT, "SIGSTKFLT", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Stack fault")},
        {SIGCHLD, "SIGCHLD", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Child changed")},
        {SIGCONT, "SIGCONT", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Continue")},
        {SIGSTOP, "SIGSTOP", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Stop")},
        {SIGTSTP, "SIGTSTP", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Terminal stop")},
        {SIGTTIN, "SIGTTIN",
         QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Terminal input in background")},
        {SIGTTOU, "SIGTTOU",
         QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Terminal output in background")},
        {SIGURG, "SIGURG", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Urgent I/O")},
        {SIGXCPU, "SIGXCPU", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "CPU time exceeded")},
        {SIGXFSZ, "SIGXFSZ",
         QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "File size exceeded")},
        {SIGVTALRM, "SIGVTALRM", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Virtual alarm")},
        {SIGPROF, "SIGPROF", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Profiling alarm")},
        {SIGWINCH, "SIGWINCH", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Window changed")},
        {SIGIO, "SIGIO", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "I/O possible")},
        {SIGPWR, "SIGPWR", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Power failure")},
        {SIGSYS, "SIGSYS", QT_TRANSLATE_NOOP("aproc::monitor::SignalNames", "Bad system call")},
};

const SignalInfo *find(int signo)
{
    for (const SignalInfo &info : standardSignals) {
        if (info.signo == signo)
            return &info;
    }
    return nullptr;
}

bool isRealTime(int signo)
{
    return signo >= SIGRTMIN && signo <= SIGRTMAX;
}

} // namespace

QString SignalNames::name(int signo)
{
    if (const SignalInfo *info = find(signo))
        return QLatin1StringView(info->name);
    if (signo == SIGRTMIN)
        return u"SIGRTMIN"_s;
    if (signo == SIGRTMAX)
        return u"SIGRTMAX"_s;
    if (isRealTime(signo))
        return u"SIGRTMIN+"_s + QString::number(signo - SIGRTMIN);
    return tr("signal %1").arg(signo);
}

QString SignalNames::description(int signo)
{
    if (const SignalInfo *info = find(signo))
        return tr(info->description);
    if (isRealTime(signo))
        return tr("Real-time signal %1").arg(signo - SIGRTMIN);
    return tr("Unknown signal");
}

QList<int> SignalNames::all()
{
    QList<int> signals;
    for (int signo = 1; signo <= SIGRTMAX; ++signo)
        signals.append(signo);
    return signals;
}

QList<int> SignalNames::common()
{
    return {SIGTERM, SIGKILL, SIGINT, SIGHUP, SIGSTOP, SIGCONT, SIGUSR1, SIGUSR2};
}

} // namespace aproc::monitor
