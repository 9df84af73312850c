// SPDX-License-Identifier: MIT
// killChildGroupsOnCrash(): a fixed table of the children's process groups, and handlers for the
// fatal signals that SIGKILL each group before the previous handler takes over. The handler
// makes only async-signal-safe calls (atomic loads, kill, sigaction, raise).
#include "unix/crashguard_p.h"

#include <aproc/crashguard.h>

#include <array>
#include <atomic>
#include <csignal>
#include <mutex>

namespace aproc {

namespace {

constexpr int FatalSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};

// 0: free. A group is a pid; 4096 running children at once is more than a process can watch.
std::array<std::atomic<pid_t>, 4096> g_groups{};
std::array<struct sigaction, std::size(FatalSignals)> g_previous{};

void onFatalSignal(int signo, siginfo_t *info, void *)
{
    for (const std::atomic<pid_t> &group : g_groups) {
        const pid_t id = group.load(std::memory_order_relaxed);
        if (id > 0)
            ::kill(-id, SIGKILL);
    }
    // The previous disposition takes over: a fault repeats when the handler returns, an abort()
    // raises again, and a signal sent with kill() or raise() is raised again here.
    for (std::size_t i = 0; i < std::size(FatalSignals); ++i) {
        if (FatalSignals[i] == signo)
            ::sigaction(signo, &g_previous[i], nullptr);
    }
    if (info && info->si_code <= 0)
        ::raise(signo);
}

} // namespace

void killChildGroupsOnCrash()
{
    static std::once_flag installed;
    std::call_once(installed, [] {
        struct sigaction action = {};
        action.sa_sigaction = onFatalSignal;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        for (std::size_t i = 0; i < std::size(FatalSignals); ++i)
            ::sigaction(FatalSignals[i], &action, &g_previous[i]);
    });
}

namespace detail {

void registerCrashGroup(pid_t group)
{
    for (std::atomic<pid_t> &slot : g_groups) {
        pid_t free = 0;
        if (slot.compare_exchange_strong(free, group, std::memory_order_relaxed))
            return;
    }
}

void unregisterCrashGroup(pid_t group)
{
    for (std::atomic<pid_t> &slot : g_groups) {
        pid_t expected = group;
        if (slot.compare_exchange_strong(expected, 0, std::memory_order_relaxed))
            return;
    }
}

} // namespace detail

} // namespace aproc
