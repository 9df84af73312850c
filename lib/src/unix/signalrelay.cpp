// SPDX-License-Identifier: MIT
#include "unix/signalrelay_p.h"

#include <aproc/errors.h>
#include <aproc/eventloop.h>

#include <QtCore/QCoreApplication>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace aproc::detail {

namespace {

// The write end of the owning loop's pipe, plus one (0: nobody relays this signal).
std::atomic<int> g_relayFd[NSIG];

extern "C" void relaySignal(int signo)
{
    const int savedErrno = errno;
    const int fd = g_relayFd[signo].load(std::memory_order_relaxed) - 1;
    if (fd >= 0) {
        const unsigned char byte = static_cast<unsigned char>(signo);
        [[maybe_unused]] const ssize_t written
                = ::write(fd, &byte, 1); // full pipe: already pending
    }
    errno = savedErrno;
}

} // namespace

SignalRelay::SignalRelay(EventLoop *loop) : m_loop(loop)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
        throwOSError(errno);
    m_readFd = fds[0];
    m_writeFd = fds[1];
    m_loop->addReader(m_readFd, [this] { onReadable(); });
}

SignalRelay::~SignalRelay()
{
    while (!m_handlers.empty())
        remove(m_handlers.begin()->first);
    m_loop->removeReader(m_readFd);
    ::close(m_readFd);
    ::close(m_writeFd);
}

void SignalRelay::add(int signo, std::function<void()> fn)
{
    if (signo < 1 || signo >= NSIG || signo == SIGKILL || signo == SIGSTOP)
        throw ValueError(
                QCoreApplication::translate("aproc", "signal %1 cannot be handled").arg(signo));
    if (auto it = m_handlers.find(signo); it != m_handlers.end()) {
        it->second.fn = std::move(fn);
        return;
    }
    int expected = 0;
    if (!g_relayFd[signo].compare_exchange_strong(expected, m_writeFd + 1))
        throw ValueError(
                QCoreApplication::translate(
                        "aproc", "signal %1 is already handled by the loop of another thread")
                        .arg(signo));
    struct sigaction action = {};
    action.sa_handler = relaySignal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    Handler handler{std::move(fn), {}};
    if (::sigaction(signo, &action, &handler.previous) != 0) {
        const int error = errno;
        g_relayFd[signo].store(0);
        throwOSError(error);
    }
    m_handlers.emplace(signo, std::move(handler));
}

bool SignalRelay::remove(int signo)
{
    auto it = m_handlers.find(signo);
    if (it == m_handlers.end())
        return false;
    ::sigaction(signo, &it->second.previous, nullptr);
    g_relayFd[signo].store(0);
    m_handlers.erase(it);
    return true;
}

void SignalRelay::onReadable()
{
    unsigned char buffer[64];
    for (;;) {
        const ssize_t n = ::read(m_readFd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n; ++i) {
            const int signo = buffer[i];
            if (m_handlers.count(signo) == 0)
                continue;
            m_loop->callSoon([this, signo] {
                if (auto it = m_handlers.find(signo); it != m_handlers.end())
                    it->second.fn();
            });
        }
    }
}

} // namespace aproc::detail
