// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <aproc/future.h>
#include <aproc/impl/readawaitable.h>

#include <QtCore/QByteArray>

#include <cstring>
#include <memory>
#include <optional>

namespace aproc {
class EventLoop;
class BaseTransport;
class ReadTransport;
} // namespace aproc

namespace aproc::detail {

/*! \brief The bytes a StreamReader holds: the unread tail of one QByteArray. Consuming moves a
 *  start offset; the consumed head goes on the next append. A buffer that is emptied adopts the
 *  next chunk without copying it, and a read of the whole of an untouched chunk returns it. */
class ReadBuffer
{
public:
    qsizetype size() const noexcept { return m_bytes.size() - m_start; }
    bool isEmpty() const noexcept { return size() == 0; }
    const char *data() const noexcept { return m_bytes.constData() + m_start; }
    char at(qsizetype i) const noexcept { return data()[i]; }

    void append(const QByteArray &chunk);
    /*! The first \a n bytes, removed from the buffer. */
    QByteArray take(qsizetype n);
    /*! Everything, leaving the buffer empty. */
    QByteArray takeAll();
    void drop(qsizetype n);
    void clear() noexcept;
    /*! Where \a separator starts at or after \a from, or -1. */
    qsizetype indexOf(const QByteArray &separator, qsizetype from) const noexcept;
    qsizetype indexOfNewline(qsizetype from) const noexcept
    {
        const void *hit = std::memchr(data() + from, '\n', size_t(size() - from));
        return hit ? static_cast<const char *>(hit) - data() : -1;
    }
    /*! Where the first "\n" is among the bytes [\a from, \a end), or -1. */
    qsizetype indexOfNewline(qsizetype from, qsizetype end) const noexcept
    {
        const void *hit = std::memchr(data() + from, '\n', size_t(end - from));
        return hit ? static_cast<const char *>(hit) - data() : -1;
    }

private:
    QByteArray m_bytes;
    qsizetype m_start = 0;
};

/*! \brief A StreamReader's state: asyncio's StreamReader attributes and algorithms. Shared with
 *  the slow path of a read that waits, so that destroying the reader does not pull it from
 *  under a suspended coroutine. */
class StreamReaderState : public std::enable_shared_from_this<StreamReaderState>
{
public:
    /*! What a step of a read came to: a value, an exception, or the need for more data. */
    enum class Status : quint8 { Done, Failed, Wait };

    StreamReaderState(qsizetype limit, EventLoop *loop) : m_limit(limit), m_loop(loop) { }

    qsizetype limit() const noexcept { return m_limit; }
    bool atEof() const noexcept { return m_eof && m_buffer.isEmpty(); }
    std::exception_ptr exception() const { return m_exception; }

    void feedData(const QByteArray &data);
    void feedEof();
    void setException(std::exception_ptr error);
    void setTransport(ReadTransport *transport);
    /*! The reader is gone: forget the transport, fail the waiting and later reads. */
    void readerDestroyed();

    /*! Runs \a op from its start, or (\a afterWait) from where it waited, until it is done or
     *  must wait again; the value or exception goes to \a out. */
    Status step(ReadOperation &op, bool afterWait, ReadResult &out);
    /*! The wait of \a op threw \a error: what the read makes of it. */
    Status waitFailed(const ReadOperation &op, std::exception_ptr error, ReadResult &out);
    /*! The first half of _wait_for_data(): resume a paused transport, create the waiter. */
    Future<void> beginWait();
    /*! The `finally` of _wait_for_data(). */
    void endWait(const Future<void> &waiter);

private:
    bool takeLine(ReadResult &out);
    Status stepRead(ReadOperation &op, bool afterWait, ReadResult &out);
    Status stepReadAll(ReadOperation &op, bool afterWait, ReadResult &out);
    Status stepReadExactly(ReadOperation &op, bool afterWait, ReadResult &out);
    Status stepReadUntil(ReadOperation &op, bool afterWait, ReadResult &out);
    Status stepReadLineSplit(ReadOperation &op, bool afterWait, ReadResult &out);
    Status stepReadLineTruncate(ReadOperation &op, bool afterWait, ReadResult &out);
    qsizetype newlineWithinLimit(ReadOperation &op) const noexcept;
    Status takeLineBytes(qsizetype size, ReadResult &out);
    bool takeBlock(ReadOperation &op);
    Status overrun(const ReadOperation &op, const QString &message, qsizetype consumed,
                   ReadResult &out);
    Status readlineOverrun(const QString &message, qsizetype consumed, ReadResult &out);
    Status readlineFailed(std::exception_ptr error, ReadResult &out);
    Status canWait(const char *function, ReadResult &out);
    void wakeupWaiter();
    void maybeResumeTransport();
    ReadTransport *transport() const;

    ReadBuffer m_buffer;
    qsizetype m_limit;
    EventLoop *m_loop;
    std::optional<Future<void>> m_waiter;
    std::exception_ptr m_exception;
    ReadTransport *m_transport = nullptr;
    std::weak_ptr<BaseTransport> m_transportGuard; // set when the transport is shared-owned
    bool m_transportGuarded = false;
    bool m_eof = false;
    bool m_paused = false;
};

} // namespace aproc::detail
