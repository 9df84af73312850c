// SPDX-License-Identifier: MIT
// StreamWriter and the flow control it awaits, after asyncio's streams.py (StreamWriter,
// FlowControlMixin).
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/sleep.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>

#include "global/logging_p.h"

#include <QtCore/QCoreApplication>

#include <chrono>
#include <list>

namespace aproc {

// ---- FlowControlProtocol ----------------------------------------------------------------------

struct FlowControlProtocol::Private
{
    explicit Private(EventLoop *loop) : loop(loop), closed(loop) { }

    EventLoop *loop;
    bool paused = false;
    bool connectionLost = false;
    std::exception_ptr error;
    std::list<Future<void>> drainWaiters;
    Future<void> closed;
};

FlowControlProtocol::FlowControlProtocol(EventLoop *loop)
    : d(std::make_shared<Private>(loop ? loop : EventLoop::current()))
{ }

FlowControlProtocol::~FlowControlProtocol()
{
    // Whoever still waits is woken with CancelledError rather than left waiting forever.
    for (Future<void> &waiter : d->drainWaiters)
        waiter.cancel();
    d->closed.cancel();
}

void FlowControlProtocol::pauseWriting()
{
    Q_ASSERT(!d->paused);
    d->paused = true;
    qCDebug(detail::lcProcess, "a stream pauses writing");
}

void FlowControlProtocol::resumeWriting()
{
    Q_ASSERT(d->paused);
    d->paused = false;
    qCDebug(detail::lcProcess, "a stream resumes writing");
    for (Future<void> &waiter : d->drainWaiters) {
        if (!waiter.done())
            waiter.setResult();
    }
}

void FlowControlProtocol::connectionLost(std::exception_ptr error)
{
    d->connectionLost = true;
    d->error = error;
    if (!d->closed.done()) {
        if (error) {
            d->closed.setException(error);
            d->closed.exception(); // retrieved: nobody has to await it (asyncio's _log_traceback)
        } else {
            d->closed.setResult();
        }
    }
    if (!d->paused)
        return;
    for (Future<void> &waiter : d->drainWaiters) {
        if (waiter.done())
            continue;
        if (error)
            waiter.setException(error);
        else
            waiter.setResult();
    }
}

bool FlowControlProtocol::isPaused() const
{
    return d->paused;
}

bool FlowControlProtocol::isConnectionLost() const
{
    return d->connectionLost;
}

Task<void> FlowControlProtocol::drainHelper()
{
    const std::shared_ptr<Private> state = d; // the frame keeps what it waits on
    if (state->connectionLost) {
        if (state->error)
            std::rethrow_exception(state->error);
        throw ConnectionResetError(QCoreApplication::translate("aproc", "Connection lost"));
    }
    if (!state->paused)
        co_return;
    const auto waiter
            = state->drainWaiters.insert(state->drainWaiters.end(), Future<void>(state->loop));
    struct Remove
    {
        Private &state;
        std::list<Future<void>>::iterator waiter;
        ~Remove() { state.drainWaiters.erase(waiter); } // also when cancelled
    } remove{*state, waiter};
    co_await *waiter;
}

Future<void> FlowControlProtocol::closeWaiter() const
{
    return d->closed;
}

// ---- StreamWriter -----------------------------------------------------------------------------

struct StreamWriter::Private
{
    std::shared_ptr<WriteTransport> transport;
    FlowControlProtocol *protocol;
    StreamReader *reader;
    EventLoop *loop;
};

namespace {

// Free of the writer: a drain() under way survives the writer's destruction.
Task<void> drainStream(std::shared_ptr<WriteTransport> transport, FlowControlProtocol *protocol,
                       StreamReader *reader)
{
    if (reader) {
        if (const std::exception_ptr error = reader->exception())
            std::rethrow_exception(error);
    }
    if (transport->isClosing()) {
        // Let connectionLost() run first, so that `write(); co_await drain();` in a loop sees
        // the pipe go instead of returning at once forever.
        co_await sleep(std::chrono::nanoseconds::zero());
    }
    co_await protocol->drainHelper();
}

Task<void> awaitClosed(Future<void> closed)
{
    co_await closed;
}

} // namespace

StreamWriter::StreamWriter(std::shared_ptr<WriteTransport> transport, FlowControlProtocol *protocol,
                           StreamReader *reader, EventLoop *loop)
{
    if (!transport || !protocol)
        throw ValueError(QCoreApplication::translate(
                "aproc", "StreamWriter: the transport and the protocol must not be null"));
    d = std::make_unique<Private>(
            Private{std::move(transport), protocol, reader, loop ? loop : EventLoop::current()});
}

StreamWriter::~StreamWriter()
{
    if (!d->transport->isClosing())
        d->transport->close();
}

std::shared_ptr<WriteTransport> StreamWriter::transport() const
{
    return d->transport;
}

void StreamWriter::write(const QByteArray &data)
{
    d->transport->write(data);
}

void StreamWriter::writelines(const QList<QByteArray> &list)
{
    d->transport->writelines(list);
}

void StreamWriter::writeEof()
{
    d->transport->writeEof();
}

bool StreamWriter::canWriteEof() const
{
    return d->transport->canWriteEof();
}

void StreamWriter::close()
{
    d->transport->close();
}

bool StreamWriter::isClosing() const
{
    return d->transport->isClosing();
}

Task<void> StreamWriter::waitClosed()
{
    return awaitClosed(d->protocol->closeWaiter());
}

Task<void> StreamWriter::drain()
{
    return drainStream(d->transport, d->protocol, d->reader);
}

} // namespace aproc
