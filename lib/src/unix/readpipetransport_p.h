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

#include <exception>
#include <memory>

namespace aproc {

class EventLoop;
class Protocol;

namespace detail {

/*! \brief The read end of a pipe (asyncio's _UnixReadPipeTransport): one read() of what the
 *  pipe holds, at most MaxReadSize bytes, per readiness event, delivered to
 *  Protocol::dataReceived().
 *
 *  Owns the fd and closes it after connectionLost(). Keeps itself alive from start() until the
 *  protocol saw connectionLost(), and keeps its protocol for as long as it lives. */
class ReadPipeTransport final : public ReadTransport
{
public:
    /*! Bytes read at most per readiness event (asyncio's max_size). */
    static constexpr qsizetype MaxReadSize = 256 * 1024;
    /*! Bytes asked for when the fd reports nothing available (EOF, most likely). */
    static constexpr qsizetype SmallReadSize = 4096;

    ReadPipeTransport(EventLoop *loop, UniqueFd fd, std::shared_ptr<Protocol> protocol);
    ~ReadPipeTransport() override;

    /*! Checks that the fd is a pipe, socket or character device (ValueError otherwise), makes it
     *  non-blocking, then schedules connectionMade(), the fd watch and \a waiter's result, in
     *  that order. */
    void start(Future<void> waiter);

    bool isReading() const override;
    /*! Reads now what the pipe already holds, as if it had been reported readable: the child
     *  watcher calls it before reporting an exit, so that output written before the exit is
     *  dispatched first (CONFORMANCE WT-02). */
    void readAvailable();
    void pauseReading() override;
    void resumeReading() override;
    void close() override;
    bool isClosing() const override;
    BaseProtocol *protocol() const override;

private:
    void watch();
    qsizetype nextReadSize() const;
    void readReady();
    void deliverEof();
    void fatalError(std::exception_ptr error, const QString &message);
    void closeWith(std::exception_ptr error);
    void callConnectionLost(std::exception_ptr error);

    EventLoop *const m_loop;
    UniqueFd m_fd;
    const int m_fileno;
    std::shared_ptr<Protocol> m_protocol;
    std::shared_ptr<BaseTransport> m_self; // set from start() until connectionLost() ran
    bool m_closing = false;
    bool m_paused = false;
};

/*! \brief Throws ValueError unless \a fd is a FIFO, a socket or a character device; returns its
 *  st_mode. \a what names the caller in the message. */
unsigned checkPipeFd(int fd, const char *what);

/*! \brief The name errors about \a fd carry: "pipe (fd N)". */
QString pipeName(int fd);

} // namespace detail
} // namespace aproc
