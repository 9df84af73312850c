// SPDX-License-Identifier: MIT
// The write end of a pipe, after asyncio's _UnixWritePipeTransport (unix_events.py) and
// _FlowControlMixin (transports.py).
#include "unix/writepipetransport_p.h"

#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/protocols.h>

#include "global/logging_p.h"
#include "unix/readpipetransport_p.h"

#include <QtCore/QCoreApplication>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

namespace aproc::detail {

namespace {

// Small writes made while data is buffered are appended to the last chunk (one small copy)
// rather than queued on their own, so that writev() is not handed thousands of tiny pieces.
constexpr qsizetype CoalesceBelow = 4096;
constexpr qsizetype CoalescedChunkMax = 64 * 1024;
constexpr int MaxIovecs = 64;

bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

} // namespace

bool protectFromSigpipe()
{
    struct sigaction current
    { };
    if (::sigaction(SIGPIPE, nullptr, &current) != 0)
        return true;
    const bool plain = !(current.sa_flags & SA_SIGINFO);
    if (plain && current.sa_handler == SIG_IGN)
        return false;
    if (plain && current.sa_handler == SIG_DFL) {
        struct sigaction ignore
        { };
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        return ::sigaction(SIGPIPE, &ignore, nullptr) != 0;
    }
    return true; // the application's own handler (QtTest has one): left alone
}

ssize_t SigpipeGuard::write(int fd, const iovec *iov, int count) const
{
    if (!m_enabled)
        return ::writev(fd, iov, count);
    // SIGPIPE from write() goes to the writing thread: blocked, it stays pending, and is taken
    // back unless it was pending before.
    sigset_t pipeSignal;
    sigemptyset(&pipeSignal);
    sigaddset(&pipeSignal, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    const bool wasPending = sigismember(&pending, SIGPIPE);
    sigset_t previousMask;
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previousMask);
    const ssize_t n = ::writev(fd, iov, count);
    const int error = errno;
    if (n < 0 && error == EPIPE && !wasPending) {
        const timespec zero{};
        while (sigtimedwait(&pipeSignal, nullptr, &zero) < 0 && errno == EINTR) { }
    }
    pthread_sigmask(SIG_SETMASK, &previousMask, nullptr);
    errno = error;
    return n;
}

WritePipeTransport::WritePipeTransport(EventLoop *loop, UniqueFd fd,
                                       std::shared_ptr<BaseProtocol> protocol)
    : m_loop(loop), m_fd(std::move(fd)), m_fileno(m_fd.get()), m_protocol(std::move(protocol))
{ }

// Nothing to unwatch: watches are removed before the fd is closed, and while watched the
// transport keeps itself alive.
WritePipeTransport::~WritePipeTransport() = default;

void WritePipeTransport::start(Future<void> waiter)
{
    const unsigned mode = checkPipeFd(m_fileno, "connectWritePipe");
    setNonBlocking(m_fileno);
    m_sigpipe = SigpipeGuard(protectFromSigpipe());
    m_self = shared_from_this();
    m_loop->callSoon([self = m_self, this] { m_protocol->connectionMade(this); });
    // On a pipe or a socket, "readable" on the write end means the reader went away.
    if (S_ISFIFO(mode) || S_ISSOCK(mode))
        m_loop->callSoon([self = m_self, this] { watchPeer(); });
    m_loop->callSoon([waiter]() mutable {
        if (!waiter.done())
            waiter.setResult();
    });
}

void WritePipeTransport::watchPeer()
{
    if (m_closing)
        return;
    m_watchesPeer = true;
    m_loop->addReader(m_fileno, [this] { peerClosed(); });
}

void WritePipeTransport::peerClosed()
{
    qCDebug(lcProcess, "%s was closed by peer", qPrintable(pipeName(m_fileno)));
    closeWith(m_bufferSize > 0 ? makeOSError(EPIPE, pipeName(m_fileno)) : nullptr);
}

void WritePipeTransport::write(const QByteArray &data)
{
    if (data.isEmpty())
        return;
    if (m_lostWrites > 0 || m_closing) {
        dropWrite();
        return;
    }
    qsizetype written = 0;
    if (m_bufferSize == 0) {
        const iovec iov{const_cast<char *>(data.constData()), size_t(data.size())};
        const ssize_t n = m_sigpipe.write(m_fileno, &iov, 1);
        if (n < 0 && !wouldBlock(errno)) {
            ++m_lostWrites;
            fatalError(makeOSError(errno, pipeName(m_fileno)),
                       QStringLiteral("Fatal write error on pipe transport"));
            return;
        }
        written = std::max<qsizetype>(n, 0);
        if (written == data.size())
            return;
        m_loop->addWriter(m_fileno, [this] { writeReady(); });
    }
    buffer(data, written);
    maybePauseProtocol();
}

void WritePipeTransport::buffer(const QByteArray &data, qsizetype offset)
{
    const qsizetype size = data.size() - offset;
    if (m_chunks.empty()) {
        m_chunks.push_back(data); // shared with the caller, not copied
        m_headOffset = offset;
    } else if (size < CoalesceBelow && m_chunks.back().size() + size <= CoalescedChunkMax) {
        m_chunks.back().append(data.constData() + offset, size);
    } else {
        m_chunks.push_back(offset ? data.sliced(offset) : data);
    }
    m_bufferSize += size;
}

qsizetype WritePipeTransport::writeBuffered()
{
    iovec iov[MaxIovecs];
    int count = 0;
    qsizetype offset = m_headOffset;
    for (auto it = m_chunks.begin(); it != m_chunks.end() && count < MaxIovecs; ++it, ++count) {
        iov[count].iov_base = const_cast<char *>(it->constData()) + offset;
        iov[count].iov_len = size_t(it->size() - offset);
        offset = 0;
    }
    return m_sigpipe.write(m_fileno, iov, count);
}

void WritePipeTransport::writeReady()
{
    if (m_bufferSize == 0)
        return; // the watch is removed whenever the buffer empties: only as a safeguard
    const qsizetype n = writeBuffered();
    if (n < 0) {
        if (wouldBlock(errno))
            return;
        const int error = errno;
        clearBuffer();
        ++m_lostWrites;
        m_loop->removeWriter(m_fileno); // closeWith() only does when something is buffered
        fatalError(makeOSError(error, pipeName(m_fileno)),
                   QStringLiteral("Fatal write error on pipe transport"));
        return;
    }
    consume(n);
    if (m_bufferSize > 0) {
        maybeResumeProtocol(); // at or below the low-water mark, as socket transports do
        return;
    }
    m_loop->removeWriter(m_fileno);
    maybeResumeProtocol(); // may write again, or abort()
    if (m_closing && m_bufferSize == 0 && !m_connectionLostScheduled) {
        const auto keepAlive = m_self;
        if (m_watchesPeer)
            m_loop->removeReader(m_fileno);
        m_connectionLostScheduled = true;
        callConnectionLost(nullptr);
    }
}

void WritePipeTransport::consume(qsizetype written)
{
    m_bufferSize -= written;
    while (written > 0) {
        const qsizetype left = m_chunks.front().size() - m_headOffset;
        if (written < left) {
            m_headOffset += written;
            return;
        }
        written -= left;
        m_chunks.pop_front();
        m_headOffset = 0;
    }
}

void WritePipeTransport::clearBuffer()
{
    m_chunks.clear();
    m_headOffset = 0;
    m_bufferSize = 0;
}

void WritePipeTransport::dropWrite()
{
    if (m_lostWrites == LostWritesWarningThreshold) // once: not one line per dropped write
        qCWarning(lcProcess,
                  "%s: writes are dropped: the pipe was closed by its reader, or a "
                  "write to it failed",
                  qPrintable(pipeName(m_fileno)));
    ++m_lostWrites;
}

bool WritePipeTransport::canWriteEof() const
{
    return true;
}

void WritePipeTransport::writeEof()
{
    if (m_closing)
        return;
    m_closing = true;
    if (m_bufferSize == 0) {
        if (m_watchesPeer)
            m_loop->removeReader(m_fileno);
        m_connectionLostScheduled = true;
        m_loop->callSoon([self = m_self, this] { callConnectionLost(nullptr); });
    }
}

void WritePipeTransport::close()
{
    if (m_fd && !m_closing)
        writeEof(); // all a write pipe needs to close
}

void WritePipeTransport::abort()
{
    closeWith(nullptr);
}

bool WritePipeTransport::isClosing() const
{
    return m_closing;
}

BaseProtocol *WritePipeTransport::protocol() const
{
    return m_protocol.get();
}

qsizetype WritePipeTransport::writeBufferSize() const
{
    return m_bufferSize;
}

void WritePipeTransport::setWriteBufferLimits(std::optional<qsizetype> high,
                                              std::optional<qsizetype> low)
{
    if (!high)
        high = low ? 4 * *low : DefaultHighWater;
    if (!low)
        low = *high / 4;
    if (!(*high >= *low && *low >= 0))
        throw ValueError(QCoreApplication::translate(
                                 "aproc", "setWriteBufferLimits: high (%1) must be >= low (%2) "
                                          "must be >= 0")
                                 .arg(*high)
                                 .arg(*low));
    m_highWater = *high;
    m_lowWater = *low;
    maybePauseProtocol();
}

std::pair<qsizetype, qsizetype> WritePipeTransport::writeBufferLimits() const
{
    return {m_lowWater, m_highWater};
}

void WritePipeTransport::maybePauseProtocol()
{
    if (m_bufferSize <= m_highWater || m_protocolPaused)
        return;
    m_protocolPaused = true;
    try {
        m_protocol->pauseWriting();
    } catch (...) {
        m_loop->callExceptionHandler(
                {QStringLiteral("protocol.pauseWriting() failed"), std::current_exception()});
    }
}

void WritePipeTransport::maybeResumeProtocol()
{
    if (!m_protocolPaused || m_bufferSize > m_lowWater)
        return;
    m_protocolPaused = false;
    try {
        m_protocol->resumeWriting();
    } catch (...) {
        m_loop->callExceptionHandler(
                {QStringLiteral("protocol.resumeWriting() failed"), std::current_exception()});
    }
}

void WritePipeTransport::fatalError(std::exception_ptr error, const QString &message)
{
    // Every error here is an OSError (EPIPE above all): expected, so only a debug line.
    qCDebug(lcProcess, "%s: %s", qPrintable(pipeName(m_fileno)), qPrintable(message));
    closeWith(error);
}

void WritePipeTransport::closeWith(std::exception_ptr error)
{
    if (m_connectionLostScheduled)
        return; // writeEof() (or a flush) already settled how the connection ends
    m_closing = true;
    if (m_bufferSize > 0)
        m_loop->removeWriter(m_fileno);
    clearBuffer();
    if (m_watchesPeer)
        m_loop->removeReader(m_fileno);
    m_connectionLostScheduled = true;
    m_loop->callSoon([self = m_self, this, error] { callConnectionLost(error); });
}

void WritePipeTransport::callConnectionLost(std::exception_ptr error)
{
    finishPipeConnection(*m_protocol, m_fd, m_self, error);
}

} // namespace aproc::detail
