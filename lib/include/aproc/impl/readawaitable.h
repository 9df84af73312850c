// SPDX-License-Identifier: MIT
// Aproc internal header: do not include directly; include <aproc/streamreader.h>.
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/lineoverflow.h>
#include <aproc/task.h>

#include <QtCore/QByteArray>

#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace aproc::detail {

class StreamReaderState;

/*! \brief What one StreamReader read was asked for, and how far it got: the arguments of
 *  read()/readexactly()/readuntil() and the locals asyncio keeps across `await`. */
struct ReadOperation
{
    enum class Kind : quint8 {
        Read,
        ReadAll,
        ReadLine,
        ReadLineSplit,
        ReadLineTruncate,
        ReadUntil,
        ReadExactly
    };

    Kind kind = Kind::Read;
    qsizetype size = 0; //!< n of read(n) and readexactly(n)
    qsizetype offset = 0; //!< readuntil: leading bytes known to hold no separator
    QByteArray separator; //!< readuntil
    QByteArray collected; //!< read(-1): the blocks read so far; Truncate: the bytes kept
    qsizetype dropped = 0; //!< Truncate: the bytes dropped so far
    bool continues = false; //!< Split: the value is a piece and more of the line follows
};

/*! \brief The outcome of a read: its value, or the exception it throws. */
struct ReadResult
{
    QByteArray value;
    std::exception_ptr error;
};

/*! \brief What StreamReader::read(), readline(), readuntil() and readexactly() return: await it
 *  once with `co_await`.
 *
 *  await_ready() completes the read from the buffer when it can (no suspension, no coroutine
 *  frame: the result is the only allocation). Only when it must wait for data does
 *  await_suspend() start the slow path, a Task<QByteArray> that loops on asyncio's
 *  _wait_for_data(), and wait for it; cancelling the awaiting task cancels that wait. The
 *  reader must outlive the start of the await. */
class APROC_EXPORT ReadAwaitable
{
public:
    /*! \brief The read \a operation of the reader whose state is \a state. */
    ReadAwaitable(StreamReaderState *state, ReadOperation operation) noexcept
        : m_state(state), m_operation(std::move(operation))
    { }

    /*! \brief Tries to complete the read from the buffer; true when it did (value or error). */
    bool await_ready();

    /*! \brief Starts the slow path and waits for it. */
    template<typename P> std::coroutine_handle<> await_suspend(std::coroutine_handle<P> awaiting)
    {
        // An Aproc coroutine starts the slow task inline, right now; a foreign one schedules it.
        m_slow.emplace(Task<QByteArray>::Awaiter{startSlowPath(isAprocPromise<P>)});
        return m_slow->await_suspend(awaiting);
    }

    /*! \brief The bytes read, or the read's exception rethrown. */
    QByteArray await_resume()
    {
        if (m_slow)
            return m_slow->await_resume();
        if (m_result.error)
            std::rethrow_exception(m_result.error);
        return std::move(m_result.value);
    }

private:
    Task<QByteArray> startSlowPath(bool startsNow);

    StreamReaderState *m_state;
    ReadOperation m_operation;
    ReadResult m_result;
    std::optional<Task<QByteArray>::Awaiter> m_slow;
};

/*! \brief What StreamReader::readline(LineOverflow) returns: await it once with `co_await`.
 *  Like ReadAwaitable, it completes from the buffer without suspending when it can. */
class APROC_EXPORT BoundedLineAwaitable
{
public:
    /*! \brief The line read \a operation of the reader whose state is \a state. */
    BoundedLineAwaitable(StreamReaderState *state, ReadOperation operation) noexcept
        : m_state(state), m_operation(std::move(operation))
    { }

    /*! \brief Tries to complete the read from the buffer; true when it did (value or error). */
    bool await_ready();

    /*! \brief Starts the slow path and waits for it. */
    template<typename P> std::coroutine_handle<> await_suspend(std::coroutine_handle<P> awaiting)
    {
        m_slow.emplace(Task<BoundedLine>::Awaiter{startSlowPath(isAprocPromise<P>)});
        return m_slow->await_suspend(awaiting);
    }

    /*! \brief The line, or the read's exception rethrown. */
    BoundedLine await_resume();

private:
    Task<BoundedLine> startSlowPath(bool startsNow);

    StreamReaderState *m_state;
    ReadOperation m_operation;
    ReadResult m_result;
    std::optional<Task<BoundedLine>::Awaiter> m_slow;
};

/*! \brief What LineIterator::next() returns: readline(), with the empty line at EOF turned into
 *  an empty optional (asyncio's StopAsyncIteration). */
class [[nodiscard]] NextLineAwaitable
{
public:
    explicit NextLineAwaitable(ReadAwaitable readline) noexcept
        : m_readline(std::move(readline)) { }

    bool await_ready() { return m_readline.await_ready(); }
    template<typename P> std::coroutine_handle<> await_suspend(std::coroutine_handle<P> awaiting)
    {
        return m_readline.await_suspend(awaiting);
    }
    std::optional<QByteArray> await_resume()
    {
        QByteArray line = m_readline.await_resume();
        if (line.isEmpty())
            return std::nullopt;
        return line;
    }

private:
    ReadAwaitable m_readline;
};

} // namespace aproc::detail
