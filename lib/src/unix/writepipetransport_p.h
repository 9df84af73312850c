// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <aproc/future.h>
#include <aproc/transports.h>

#include "unix/fd_p.h"

#include <QtCore/QString>

#include <deque>
#include <exception>
#include <memory>
#include <sys/types.h>
#include <sys/uio.h>

namespace aproc {

class EventLoop;

namespace detail {

/*! \brief Makes sure a write to a pipe whose reader is gone fails with EPIPE instead of killing
 *  the process. SIG_DFL is set to SIG_IGN, as Qt's qt_ignore_sigpipe() does for QProcess; a
 *  handler the application installed (QtTest installs one) is left alone, and then true is
 *  returned: writes must go through a SigpipeGuard that blocks the signal. */
bool protectFromSigpipe();

/*! \brief writev() that, when enabled, blocks SIGPIPE in the calling thread for the call and
 *  takes back the SIGPIPE an EPIPE raised, so that neither the default action nor the
 *  application's handler sees it. */
class SigpipeGuard
{
public:
    explicit SigpipeGuard(bool enabled = false) : m_enabled(enabled) { }
    ssize_t write(int fd, const iovec *iov, int count) const;

private:
    bool m_enabled;
};

/*! \brief The write end of a pipe (asyncio's _UnixWritePipeTransport with _FlowControlMixin).
 *
 *  write() writes at once while nothing is buffered; what the pipe does not take is kept (the
 *  caller's QByteArray is shared, not copied) and written with writev() when the fd is writable.
 *  The fd is also watched for readability, which on a pipe's write end means the reader went
 *  away. Owns the fd and closes it after connectionLost(). Keeps itself alive from start() until
 *  the protocol saw connectionLost(), and keeps its protocol for as long as it lives. */
class WritePipeTransport final : public WriteTransport
{
public:
    static constexpr qsizetype DefaultHighWater = 64 * 1024;
    /*! Dropped writes after which one warning is logged (asyncio's
     *  LOG_THRESHOLD_FOR_CONNLOST_WRITES). */
    static constexpr int LostWritesWarningThreshold = 5;

    WritePipeTransport(EventLoop *loop, UniqueFd fd, std::shared_ptr<BaseProtocol> protocol);
    ~WritePipeTransport() override;

    /*! Checks the fd (ValueError unless a pipe, socket or character device), makes it
     *  non-blocking, makes sure SIGPIPE cannot kill the process, then schedules connectionMade(),
     *  the watch for the reader going away (pipes and sockets) and \a waiter's result. */
    void start(Future<void> waiter);

    void write(const QByteArray &data) override;
    bool canWriteEof() const override;
    void writeEof() override;
    void abort() override;
    qsizetype writeBufferSize() const override;
    void setWriteBufferLimits(std::optional<qsizetype> high = {},
                              std::optional<qsizetype> low = {}) override;
    std::pair<qsizetype, qsizetype> writeBufferLimits() const override;
    void close() override;
    bool isClosing() const override;
    BaseProtocol *protocol() const override;

private:
    void watchPeer();
    void peerClosed();
    void writeReady();
    qsizetype writeBuffered();
    void buffer(const QByteArray &data, qsizetype offset);
    void consume(qsizetype written);
    void clearBuffer();
    void dropWrite();
    void maybePauseProtocol();
    void maybeResumeProtocol();
    void fatalError(std::exception_ptr error, const QString &message);
    void closeWith(std::exception_ptr error);
    void callConnectionLost(std::exception_ptr error);

    EventLoop *const m_loop;
    UniqueFd m_fd;
    const int m_fileno;
    std::shared_ptr<BaseProtocol> m_protocol;
    std::shared_ptr<BaseTransport> m_self; // set from start() until connectionLost() ran
    SigpipeGuard m_sigpipe;
    std::deque<QByteArray> m_chunks; // the buffer, in order
    qsizetype m_headOffset = 0; // bytes of m_chunks.front() already written
    qsizetype m_bufferSize = 0;
    qsizetype m_highWater = DefaultHighWater;
    qsizetype m_lowWater = DefaultHighWater / 4;
    int m_lostWrites = 0; // asyncio's _conn_lost
    bool m_closing = false;
    bool m_protocolPaused = false;
    bool m_watchesPeer = false;
    bool m_connectionLostScheduled = false;
};

} // namespace detail
} // namespace aproc
