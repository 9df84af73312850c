// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/eventloop.h>
#include <aproc/impl/readawaitable.h>
#include <aproc/lineoverflow.h>

#include <QtCore/QByteArray>

#include <exception>
#include <memory>
#include <type_traits>
#include <utility>

namespace aproc {

class ReadTransport;
class StreamReader;

/*! \brief Iterates a StreamReader line by line (asyncio's `async for line in reader`):
 *  `while (auto line = co_await lines.next()) { ... }`. */
class LineIterator
{
public:
    /*! \brief Iterates the lines of \a reader. */
    explicit LineIterator(StreamReader *reader) noexcept : m_reader(reader) { }
    /*! \brief The next line, ending with "\n" except the last one; an empty optional at EOF
     *  (StreamReader.__anext__). */
    [[nodiscard]] inline detail::NextLineAwaitable next();

private:
    StreamReader *m_reader;
};

/*! \brief A buffer of bytes received from a pipe, read with coroutines (asyncio.StreamReader).
 *
 *  A protocol feeds it (feedData(), feedEof(), setException()); a coroutine reads it with
 *  `co_await reader.readline()` and the other reads. A read that the buffer can already satisfy
 *  completes without suspending. Only one coroutine may wait for data at a time. Flow control is
 *  asyncio's: the transport is paused while more than 2 × limit() bytes are buffered, resumed once
 *  a read brings the buffer down to limit(). Not a QObject; it belongs to its loop's thread.
 *  Destroying the reader wakes a coroutine waiting on it with CancelledError. */
class APROC_EXPORT StreamReader
{
public:
    /*! \brief asyncio's _DEFAULT_LIMIT: 64 KiB. */
    static constexpr qsizetype DefaultLimit = 65536;

    /*! \brief A reader whose lines may be \a limit bytes long (StreamReader(limit, loop));
     *  throws ValueError when \a limit <= 0. */
    explicit StreamReader(qsizetype limit = DefaultLimit, EventLoop *loop = EventLoop::current());
    /*! \brief Wakes a read still waiting with CancelledError (Python has no counterpart: its
     *  reader lives while a coroutine references it). */
    ~StreamReader();
    Q_DISABLE_COPY_MOVE(StreamReader)

    /*! \brief The line length limit, also half the buffer limit (StreamReader._limit). */
    qsizetype limit() const;

    /*! \brief Appends \a data to the buffer and wakes a waiting read (feed_data). Empty data does
     *  nothing; an empty buffer adopts \a data without copying it. Throws InvalidStateError after
     *  feedEof(). */
    void feedData(const QByteArray &data);
    /*! \brief Marks the end of the stream and wakes a waiting read (feed_eof). */
    void feedEof();
    /*! \brief True once feedEof() was called and the buffer is empty (at_eof). */
    bool atEof() const;

    /*! \brief The exception set by setException(), or null (exception). */
    std::exception_ptr exception() const;
    /*! \brief Makes every later read throw \a error and wakes a waiting read with it; the
     *  buffered data stays (set_exception). */
    void setException(std::exception_ptr error);
    /*! \brief set_exception() with a copy of \a error. */
    template<typename E,
             typename = std::enable_if_t<std::is_base_of_v<std::exception, std::decay_t<E>>>>
    void setException(E &&error)
    {
        setException(std::make_exception_ptr(std::forward<E>(error)));
    }

    /*! \brief The transport to pause and resume for flow control (set_transport); set once. */
    void setTransport(ReadTransport *transport);

    /*! \brief Up to \a n bytes, at least one unless at EOF; with \a n < 0, everything up to EOF;
     *  with \a n == 0, nothing (read). Not bounded by limit(). */
    [[nodiscard]] detail::ReadAwaitable read(qsizetype n = -1);
    /*! \brief One line, "\n" included; at EOF the partial last line, then empty (readline).
     *  Throws ValueError when the line is longer than limit(), dropping that line (up to and
     *  including its "\n" if it has arrived, else the whole buffer). */
    [[nodiscard]] detail::ReadAwaitable readline();
    /*! \brief One line, with \a overflow deciding what becomes of a line longer than limit()
     *  bytes before its "\n" (no asyncio counterpart). Throw: readline() exactly. Split: pieces
     *  of limit() bytes, each given as soon as it is known to be one (BoundedLine::continues),
     *  the last with the rest of the line and its "\n". Truncate: the first limit() bytes and
     *  the "\n", the rest dropped as it arrives and counted in BoundedLine::droppedBytes. The
     *  buffer never holds more than with readline(), so flow control holds. With Split and
     *  Truncate an exception given to setException() is thrown as it is. Throws ValueError for
     *  an \a overflow that is none of the three. */
    [[nodiscard]] detail::BoundedLineAwaitable readline(LineOverflow overflow);
    /*! \brief The bytes up to and including \a separator (readuntil). Throws
     *  IncompleteReadError (emptying the buffer) at EOF without it, LimitOverrunError (keeping
     *  the data) when it is not within limit() bytes, ValueError for an empty \a separator. */
    [[nodiscard]] detail::ReadAwaitable readuntil(const QByteArray &separator
                                                  = QByteArrayLiteral("\n"));
    /*! \brief Exactly \a n bytes (readexactly); IncompleteReadError with the bytes read when EOF
     *  comes first, ValueError when \a n < 0. Not bounded by limit(). */
    [[nodiscard]] detail::ReadAwaitable readexactly(qsizetype n);

    /*! \brief Iterates the lines (`async for line in reader`). */
    [[nodiscard]] LineIterator lines() { return LineIterator(this); }

private:
    std::shared_ptr<detail::StreamReaderState> d;
};

detail::NextLineAwaitable LineIterator::next()
{
    return detail::NextLineAwaitable(m_reader->readline());
}

} // namespace aproc
