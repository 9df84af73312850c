// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <functional>
#include <map>

#include <signal.h>

namespace aproc {
class EventLoop;
}

namespace aproc::detail {

/*! \brief Brings POSIX signals into a loop: the handler only writes the signal's number to a
 *  non-blocking self-pipe (async-signal-safe); the loop reads it and runs the callbacks with
 *  callSoon, never in signal context (asyncio's set_wakeup_fd). A signal belongs to one loop. */
class SignalRelay
{
public:
    explicit SignalRelay(EventLoop *loop);
    ~SignalRelay();
    SignalRelay(const SignalRelay &) = delete;
    SignalRelay &operator=(const SignalRelay &) = delete;

    void add(int signo, std::function<void()> fn);
    bool remove(int signo);

private:
    struct Handler
    {
        std::function<void()> fn;
        struct sigaction previous;
    };
    void onReadable();

    EventLoop *m_loop;
    int m_readFd = -1;
    int m_writeFd = -1;
    std::map<int, Handler> m_handlers;
};

} // namespace aproc::detail
