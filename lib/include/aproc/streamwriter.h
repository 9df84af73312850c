// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/protocols.h>
#include <aproc/task.h>
#include <aproc/transports.h>

#include <QtCore/QByteArray>
#include <QtCore/QList>

#include <exception>
#include <memory>

namespace aproc {

class EventLoop;
class StreamReader;

/*! \brief A protocol that turns a write transport's pauseWriting()/resumeWriting() into
 *  something a coroutine can await (asyncio.streams.FlowControlMixin): what StreamWriter::drain()
 *  waits on.
 *
 *  Pass it to connectWritePipe(), or, for a protocol that already derives from another protocol
 *  class (a SubprocessProtocol), keep one as a member and forward pauseWriting(),
 *  resumeWriting() and connectionLost() to it. A subclass that overrides them must call these. */
class APROC_EXPORT FlowControlProtocol : public BaseProtocol
{
public:
    /*! \brief A protocol of \a loop; null means EventLoop::current() (FlowControlMixin(loop)). */
    explicit FlowControlProtocol(EventLoop *loop = nullptr);
    ~FlowControlProtocol() override;
    FlowControlProtocol(const FlowControlProtocol &) = delete;
    FlowControlProtocol &operator=(const FlowControlProtocol &) = delete;

    /*! \brief The buffer went above its high-water mark: drainHelper() waits (pause_writing). */
    void pauseWriting() override;
    /*! \brief The buffer is down to its low-water mark: every waiting drainHelper() returns
     *  (resume_writing). */
    void resumeWriting() override;
    /*! \brief The pipe is gone: waiters are woken, with \a error if there is one; later
     *  drainHelper() calls throw; closeWaiter() completes (connection_lost). */
    void connectionLost(std::exception_ptr error) override;

    /*! \brief True between pauseWriting() and resumeWriting() (FlowControlMixin._paused). */
    bool isPaused() const;
    /*! \brief True once connectionLost() was called (FlowControlMixin._connection_lost). */
    bool isConnectionLost() const;

    /*! \brief Returns at once unless paused, else waits for resumeWriting() or connectionLost()
     *  (_drain_helper). Once the connection is lost it throws the error the connection was lost
     *  with (BrokenPipeError for EPIPE), or ConnectionResetError("Connection lost") when it was
     *  lost cleanly: asyncio always throws the latter. */
    Task<void> drainHelper();
    /*! \brief Completes when connectionLost() is called: normally, or with its error
     *  (StreamReaderProtocol._closed / _get_close_waiter). */
    Future<void> closeWaiter() const;

private:
    struct Private;
    std::shared_ptr<Private> d; // shared with drainHelper() frames that may outlive the protocol
};

/*! \brief Writes to a transport, with flow control (asyncio.StreamWriter).
 *
 *  `writer.write(data); co_await writer.drain();` keeps memory bounded: drain() waits while the
 *  transport's buffer is above its high-water mark (64 KiB by default) and throws once the pipe
 *  is gone (BrokenPipeError when the reader closed it). The protocol must outlive the writer: a
 *  protocol given to connectWritePipe() lives as long as its transport, which the writer keeps.
 *  Destroying a writer whose transport is still open closes it, flushing what is buffered (as
 *  asyncio 3.13's StreamWriter.__del__ does). Belongs to its loop's thread. */
class APROC_EXPORT StreamWriter
{
public:
    /*! \brief A writer on \a transport, whose flow control \a protocol reports; \a reader, if
     *  given, is the stream read from the same connection, whose exception drain() rethrows;
     *  \a loop null means EventLoop::current() (StreamWriter(transport, protocol, reader, loop)).
     *  Throws ValueError when \a transport or \a protocol is null. */
    StreamWriter(std::shared_ptr<WriteTransport> transport, FlowControlProtocol *protocol,
                 StreamReader *reader = nullptr, EventLoop *loop = nullptr);
    ~StreamWriter();
    StreamWriter(const StreamWriter &) = delete;
    StreamWriter &operator=(const StreamWriter &) = delete;

    /*! \brief The transport written to (StreamWriter.transport). */
    std::shared_ptr<WriteTransport> transport() const;

    /*! \brief Writes \a data, or buffers what the pipe does not take; never blocks (write).
     *  Follow it with drain(). */
    void write(const QByteArray &data);
    /*! \brief write() of each element, in order (writelines). */
    void writelines(const QList<QByteArray> &list);
    /*! \brief Closes the write end once the buffer is flushed (write_eof). */
    void writeEof();
    /*! \brief True when writeEof() is supported; always for pipes (can_write_eof). */
    bool canWriteEof() const;
    /*! \brief Closes the transport, flushing what is buffered first (close). */
    void close();
    /*! \brief True once closing or closed (is_closing). */
    bool isClosing() const;
    /*! \brief Completes once the transport is closed, throwing the error it was lost with, if
     *  any (wait_closed). */
    Task<void> waitClosed();
    /*! \brief Waits until it is fine to write again (drain): returns at once unless the
     *  transport's buffer is above its high-water mark; throws the reader's exception if it has
     *  one, and once the pipe is gone its error (BrokenPipeError) or ConnectionResetError. */
    Task<void> drain();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace aproc
