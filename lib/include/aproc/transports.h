// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>

#include <QtCore/QByteArray>
#include <QtCore/QList>

#include <memory>
#include <optional>
#include <utility>

namespace aproc {

class BaseProtocol;

/*! \brief What every transport has (asyncio.BaseTransport). Transports are shared: the loop
 *  keeps an open transport alive until it is closed and its protocol saw connectionLost(). */
class APROC_EXPORT BaseTransport : public std::enable_shared_from_this<BaseTransport>
{
public:
    virtual ~BaseTransport();
    /*! \brief Closes the transport; buffered output is flushed first where there is any, then
     *  the protocol's connectionLost(null) is called (close). Idempotent. */
    virtual void close() = 0;
    /*! \brief True once closing or closed (is_closing). */
    virtual bool isClosing() const = 0;
    /*! \brief The protocol the transport calls (get_protocol). */
    virtual BaseProtocol *protocol() const = 0;
};

/*! \brief A transport that receives (asyncio.ReadTransport). */
class APROC_EXPORT ReadTransport : public virtual BaseTransport
{
public:
    /*! \brief True unless paused or closing (is_reading). */
    virtual bool isReading() const = 0;
    /*! \brief Stops delivering data until resumeReading(); idempotent (pause_reading). */
    virtual void pauseReading() = 0;
    /*! \brief Delivers data again; idempotent, a no-op once closing (resume_reading). */
    virtual void resumeReading() = 0;
};

/*! \brief A transport that sends (asyncio.WriteTransport), with a write buffer whose high and
 *  low water marks (64 KiB and 16 KiB by default) call the protocol's pauseWriting() and
 *  resumeWriting(). */
class APROC_EXPORT WriteTransport : public virtual BaseTransport
{
public:
    /*! \brief Writes at once what the pipe takes and buffers the rest, in order; empty data does
     *  nothing; after closing or a write error, data is dropped (write). Never blocks. */
    virtual void write(const QByteArray &data) = 0;
    /*! \brief write() of each element, in order (writelines). */
    void writelines(const QList<QByteArray> &list);
    /*! \brief True when writeEof() is supported (can_write_eof). */
    virtual bool canWriteEof() const = 0;
    /*! \brief Closes the write end once the buffer is flushed (write_eof). */
    virtual void writeEof() = 0;
    /*! \brief Closes at once, discarding the buffer (abort). */
    virtual void abort() = 0;
    /*! \brief Bytes buffered (get_write_buffer_size). */
    virtual qsizetype writeBufferSize() const = 0;
    /*! \brief Sets the water marks (set_write_buffer_limits): high defaults to 64 KiB, or 4×low;
     *  low to high/4. Throws ValueError unless high >= low >= 0. */
    virtual void setWriteBufferLimits(std::optional<qsizetype> high = {},
                                      std::optional<qsizetype> low = {})
            = 0;
    /*! \brief (low, high) (get_write_buffer_limits). */
    virtual std::pair<qsizetype, qsizetype> writeBufferLimits() const = 0;
};

/*! \brief The parent's side of a child process (asyncio.SubprocessTransport). */
class APROC_EXPORT SubprocessTransport : public BaseTransport
{
public:
    /*! \brief The child's process id (get_pid). */
    virtual qint64 getPid() const = 0;
    /*! \brief Empty while running; the exit status, or -N when killed by signal N
     *  (get_returncode). */
    virtual std::optional<int> getReturncode() const = 0;
    /*! \brief The transport of pipe \a fd (0: a WriteTransport, 1 and 2: ReadTransports), or
     *  null when that stream is not a pipe (get_pipe_transport). */
    virtual BaseTransport *getPipeTransport(int fd) const = 0;
    /*! \brief Sends \a signo; ProcessLookupError once the child is gone (send_signal). */
    virtual void sendSignal(int signo) = 0;
    /*! \brief sendSignal(SIGTERM). */
    void terminate();
    /*! \brief sendSignal(SIGKILL). */
    void kill();
};

} // namespace aproc
