// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <exception>
#include <optional>

namespace aproc {

/*! \brief The root of every exception Aproc throws (Python's BaseException).
 *
 *  The message is user-visible text (translated where it comes from Aproc) and names the input
 *  that caused it. what() gives the same text in UTF-8. */
class APROC_EXPORT Error : public std::exception
{
public:
    /*! \brief An exception with \a message (BaseException(message)). */
    explicit Error(const QString &message = {});
    /*! \brief The message, as given to the constructor. */
    QString message() const { return m_message; }
    /*! \brief The message in UTF-8. */
    const char *what() const noexcept override;

private:
    QString m_message;
    QByteArray m_what;
};

/*! \brief Thrown into a coroutine whose task was cancelled (asyncio.CancelledError).
 *
 *  A coroutine may catch it to clean up, and should then rethrow it: a task that swallows its
 *  cancellation goes on running. */
class APROC_EXPORT CancelledError : public Error
{
public:
    /*! \brief asyncio.CancelledError(\a message). */
    explicit CancelledError(const QString &message = {}) : Error(message) { }
};

/*! \brief An operation did not finish in time, e.g. waitFor() (asyncio.TimeoutError). */
class APROC_EXPORT TimeoutError : public Error
{
public:
    /*! \brief asyncio.TimeoutError(\a message). */
    explicit TimeoutError(const QString &message = {}) : Error(message) { }
};

/*! \brief A future or task was used in a state that does not allow it, e.g. setResult() twice or
 *  result() while pending (asyncio.InvalidStateError). */
class APROC_EXPORT InvalidStateError : public Error
{
public:
    /*! \brief asyncio.InvalidStateError(\a message). */
    explicit InvalidStateError(const QString &message = {}) : Error(message) { }
};

/*! \brief An argument has the right type but a bad value (Python's ValueError). */
class APROC_EXPORT ValueError : public Error
{
public:
    /*! \brief ValueError(\a message). */
    explicit ValueError(const QString &message = {}) : Error(message) { }
};

/*! \brief getNowait() on an empty queue (asyncio.QueueEmpty). */
class APROC_EXPORT QueueEmpty : public Error
{
public:
    /*! \brief asyncio.QueueEmpty(\a message). */
    explicit QueueEmpty(const QString &message = {});
};

/*! \brief putNowait() on a full queue (asyncio.QueueFull). */
class APROC_EXPORT QueueFull : public Error
{
public:
    /*! \brief asyncio.QueueFull(\a message). */
    explicit QueueFull(const QString &message = {});
};

/*! \brief A put on a queue that was shut down, or a get on one that was shut down and is empty
 *  (asyncio.QueueShutDown, Python 3.13). */
class APROC_EXPORT QueueShutDown : public Error
{
public:
    /*! \brief asyncio.QueueShutDown(\a message). */
    explicit QueueShutDown(const QString &message = {});
};

/*! \brief An operation is not allowed in the current state of an object, e.g. releasing a Lock
 *  that is not locked (Python's RuntimeError). */
class APROC_EXPORT RuntimeError : public Error
{
public:
    /*! \brief RuntimeError(\a message). */
    explicit RuntimeError(const QString &message = {}) : Error(message) { }
};

/*! \brief A Barrier was aborted or reset while a task waited on it, or is broken
 *  (asyncio.BrokenBarrierError, a RuntimeError). */
class APROC_EXPORT BrokenBarrierError : public RuntimeError
{
public:
    /*! \brief asyncio.BrokenBarrierError(\a message). */
    explicit BrokenBarrierError(const QString &message = {}) : RuntimeError(message) { }
};

/*! \brief A system call failed (Python's OSError): carries errno and the file or program it was
 *  about. The message reads like Python's: "[Errno 2] No such file or directory: 'prog'". */
class APROC_EXPORT OSError : public Error
{
public:
    /*! \brief Errno \a errorNumber about \a filename, with Python's message built from
     *  strerror() (OSError(errno, strerror, filename)). */
    OSError(int errorNumber, const QString &filename = {});
    /*! \brief The errno value. */
    int errorNumber() const { return m_errorNumber; }
    /*! \brief The file or program the call was about; empty when none. */
    QString filename() const { return m_filename; }

protected:
    /*! \brief For subclasses: errno \a errorNumber about \a filename, with \a message as the
     *  text. */
    OSError(int errorNumber, const QString &filename, const QString &message);

private:
    int m_errorNumber;
    QString m_filename;
};

/*! \brief ENOENT: no such program, file or working directory (Python's FileNotFoundError). */
class APROC_EXPORT FileNotFoundError : public OSError
{
public:
    using OSError::OSError;
};

/*! \brief EACCES or EPERM, e.g. a program that is not executable (Python's PermissionError). */
class APROC_EXPORT PermissionError : public OSError
{
public:
    using OSError::OSError;
};

/*! \brief ESRCH: the process is gone (Python's ProcessLookupError). */
class APROC_EXPORT ProcessLookupError : public OSError
{
public:
    using OSError::OSError;
};

/*! \brief ECHILD: the child was not ours to wait for (Python's ChildProcessError). */
class APROC_EXPORT ChildProcessError : public OSError
{
public:
    using OSError::OSError;
};

/*! \brief The base of the connection errors (Python's ConnectionError). */
class APROC_EXPORT ConnectionError : public OSError
{
public:
    using OSError::OSError;
};

/*! \brief EPIPE: writing to a pipe whose reader is gone (Python's BrokenPipeError). */
class APROC_EXPORT BrokenPipeError : public ConnectionError
{
public:
    using ConnectionError::ConnectionError;
};

/*! \brief ECONNRESET, or a transport that was lost (Python's ConnectionResetError). */
class APROC_EXPORT ConnectionResetError : public ConnectionError
{
public:
    using ConnectionError::ConnectionError;
    /*! \brief A reset with a message of its own and no errno, as asyncio's "Connection lost". */
    explicit ConnectionResetError(const QString &message);
};

/*! \brief EOF came before a read was complete (asyncio.IncompleteReadError). */
class APROC_EXPORT IncompleteReadError : public Error
{
public:
    /*! \brief EOF after \a partial, when \a expected bytes were asked for
     *  (asyncio.IncompleteReadError(partial, expected)). */
    IncompleteReadError(const QByteArray &partial, std::optional<qsizetype> expected);
    /*! \brief The bytes read before EOF. */
    QByteArray partial() const { return m_partial; }
    /*! \brief How many bytes were expected; empty when reading up to a separator. */
    std::optional<qsizetype> expected() const { return m_expected; }

private:
    QByteArray m_partial;
    std::optional<qsizetype> m_expected;
};

/*! \brief A separator was not found within the reader's limit (asyncio.LimitOverrunError). */
class APROC_EXPORT LimitOverrunError : public Error
{
public:
    /*! \brief \a message, with \a consumed bytes to consume before reading again
     *  (asyncio.LimitOverrunError(message, consumed)). */
    LimitOverrunError(const QString &message, qsizetype consumed);
    /*! \brief How many bytes may be consumed before reading again. */
    qsizetype consumed() const { return m_consumed; }

private:
    qsizetype m_consumed;
};

/*! \brief The OSError subclass Python raises for \a errorNumber (ENOENT gives FileNotFoundError,
 *  EPIPE BrokenPipeError, ...), as an exception_ptr ready to store in a future or to rethrow. */
APROC_EXPORT std::exception_ptr makeOSError(int errorNumber, const QString &filename = {});

/*! \brief Throws makeOSError(\a errorNumber, \a filename). */
[[noreturn]] APROC_EXPORT void throwOSError(int errorNumber, const QString &filename = {});

} // namespace aproc
