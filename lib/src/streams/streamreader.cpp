// SPDX-License-Identifier: MIT
// StreamReader: the public class, feeding, flow control and waiting (asyncio/streams.py).
// The read algorithms are in readoperations.cpp.
#include <aproc/errors.h>
#include <aproc/streamreader.h>
#include <aproc/transports.h>

#include "streams/streamreader_p.h"

#include <QtCore/QCoreApplication>

#include <cstring>

namespace aproc {

namespace detail {

// --- ReadBuffer ----------------------------------------------------------------------------------

void ReadBuffer::append(const QByteArray &chunk)
{
    if (isEmpty()) {
        m_bytes = chunk; // adopted: implicitly shared, not copied
        m_start = 0;
        if (!m_bytes.data_ptr().isMutable()) // raw or literal data is never referenced
            m_bytes = QByteArray(chunk.constData(), chunk.size());
        return;
    }
    if (m_start > 0) {
        if (m_bytes.isDetached())
            m_bytes.remove(0, m_start); // Qt 6 only moves its start pointer
        else
            m_bytes = QByteArray(data(), size());
        m_start = 0;
    }
    m_bytes.append(chunk);
}

QByteArray ReadBuffer::take(qsizetype n)
{
    Q_ASSERT(n >= 0 && n <= size());
    if (n == size())
        return takeAll();
    QByteArray head(data(), n);
    m_start += n;
    return head;
}

QByteArray ReadBuffer::takeAll()
{
    // An untouched array is handed over; a tail is copied, so that a short result never pins
    // a large allocation.
    QByteArray all
            = m_start == 0 ? std::exchange(m_bytes, QByteArray()) : QByteArray(data(), size());
    clear();
    return all;
}

void ReadBuffer::drop(qsizetype n)
{
    Q_ASSERT(n >= 0 && n <= size());
    if (n == size())
        clear();
    else
        m_start += n;
}

void ReadBuffer::clear() noexcept
{
    m_bytes = QByteArray();
    m_start = 0;
}

qsizetype ReadBuffer::indexOf(const QByteArray &separator, qsizetype from) const noexcept
{
    if (separator.size() == 1) {
        const void *hit = std::memchr(data() + from, separator.at(0), size_t(size() - from));
        return hit ? static_cast<const char *>(hit) - data() : -1;
    }
    return QByteArrayView(data(), size()).indexOf(separator, from);
}

// --- StreamReaderState: feeding, flow control, waiting -------------------------------------------

void StreamReaderState::feedData(const QByteArray &data)
{
    if (m_eof)
        throw InvalidStateError(QCoreApplication::translate("aproc", "feedData() after feedEof()"));
    if (data.isEmpty())
        return;
    m_buffer.append(data);
    wakeupWaiter();
    ReadTransport *readTransport = transport();
    if (readTransport && !m_paused && m_buffer.size() - m_limit > m_limit) {
        readTransport->pauseReading();
        m_paused = true;
    }
}

void StreamReaderState::feedEof()
{
    m_eof = true;
    wakeupWaiter();
}

void StreamReaderState::setException(std::exception_ptr error)
{
    m_exception = error;
    if (std::optional<Future<void>> waiter = std::exchange(m_waiter, std::nullopt)) {
        if (!waiter->cancelled())
            waiter->setException(std::move(error));
    }
}

void StreamReaderState::wakeupWaiter()
{
    if (std::optional<Future<void>> waiter = std::exchange(m_waiter, std::nullopt)) {
        if (!waiter->cancelled())
            waiter->setResult();
    }
}

void StreamReaderState::setTransport(ReadTransport *transport)
{
    Q_ASSERT_X(!m_transport, "StreamReader::setTransport", "Transport already set");
    m_transport = transport;
    m_transportGuard = transport ? transport->weak_from_this() : std::weak_ptr<BaseTransport>();
    m_transportGuarded = !m_transportGuard.expired();
}

ReadTransport *StreamReaderState::transport() const
{
    if (m_transportGuarded && m_transportGuard.expired())
        return nullptr; // the loop let go of a closed transport
    return m_transport;
}

void StreamReaderState::maybeResumeTransport()
{
    if (m_paused && m_buffer.size() <= m_limit) {
        m_paused = false;
        if (ReadTransport *readTransport = transport())
            readTransport->resumeReading();
    }
}

void StreamReaderState::readerDestroyed()
{
    m_transport = nullptr;
    m_transportGuarded = false;
    setException(std::make_exception_ptr(CancelledError(QCoreApplication::translate(
            "aproc", "the StreamReader was destroyed while a coroutine was reading from it"))));
}

StreamReaderState::Status StreamReaderState::canWait(const char *function, ReadResult &out)
{
    if (!m_waiter)
        return Status::Wait;
    out.error = std::make_exception_ptr(InvalidStateError(
            QCoreApplication::translate("aproc", "%1() called while another coroutine is already "
                                                 "waiting for incoming data")
                    .arg(QLatin1String(function))));
    return Status::Failed;
}

Future<void> StreamReaderState::beginWait()
{
    Q_ASSERT(!m_waiter);
    Q_ASSERT_X(!m_eof, "StreamReader", "_wait_for_data after EOF");
    // Waiting for data while paused would deadlock (readexactly(n) with n > limit).
    if (m_paused) {
        m_paused = false;
        if (ReadTransport *readTransport = transport())
            readTransport->resumeReading();
    }
    m_waiter.emplace(m_loop);
    return *m_waiter;
}

void StreamReaderState::endWait(const Future<void> &waiter)
{
    // asyncio clears _waiter unconditionally; a waiter that setException() or feedData() already
    // released may have been replaced by another read's meanwhile, which must stay.
    if (m_waiter && m_waiter->core() == waiter.core())
        m_waiter.reset();
}

namespace {

QByteArray bytesRead(ReadOperation &, ReadResult &out)
{
    return std::move(out.value);
}

BoundedLine lineRead(ReadOperation &op, ReadResult &out)
{
    BoundedLine line;
    line.bytes = std::move(out.value);
    line.droppedBytes = op.dropped;
    line.continues = op.continues;
    return line;
}

/*! The slow path of a read: asyncio's loop around `await self._wait_for_data()`; \a finish
 *  makes the value. */
template<typename T>
Task<T> readSlowly(std::shared_ptr<StreamReaderState> state, ReadOperation op, bool startsNow,
                   T (*finish)(ReadOperation &, ReadResult &))
{
    using Status = StreamReaderState::Status;
    ReadResult out;
    // Started at once, the read just found it must wait; started later (by a foreign
    // coroutine), it looks at the buffer again first.
    Status status = startsNow ? Status::Wait : state->step(op, false, out);
    while (status == Status::Wait) {
        const Future<void> waiter = state->beginWait();
        std::exception_ptr waitError;
        try {
            co_await waiter;
        } catch (...) {
            waitError = std::current_exception();
        }
        state->endWait(waiter);
        status = waitError ? state->waitFailed(op, waitError, out) : state->step(op, true, out);
    }
    if (status == Status::Failed)
        std::rethrow_exception(out.error);
    co_return finish(op, out);
}

} // namespace

// --- ReadAwaitable -------------------------------------------------------------------------------

bool ReadAwaitable::await_ready()
{
    return m_state->step(m_operation, false, m_result) != StreamReaderState::Status::Wait;
}

Task<QByteArray> ReadAwaitable::startSlowPath(bool startsNow)
{
    return readSlowly(m_state->shared_from_this(), std::move(m_operation), startsNow, &bytesRead);
}

// --- BoundedLineAwaitable ------------------------------------------------------------------------

bool BoundedLineAwaitable::await_ready()
{
    return m_state->step(m_operation, false, m_result) != StreamReaderState::Status::Wait;
}

BoundedLine BoundedLineAwaitable::await_resume()
{
    if (m_slow)
        return m_slow->await_resume();
    if (m_result.error)
        std::rethrow_exception(m_result.error);
    return lineRead(m_operation, m_result);
}

Task<BoundedLine> BoundedLineAwaitable::startSlowPath(bool startsNow)
{
    return readSlowly(m_state->shared_from_this(), std::move(m_operation), startsNow, &lineRead);
}

} // namespace detail

// --- StreamReader --------------------------------------------------------------------------------

namespace {

std::shared_ptr<detail::StreamReaderState> makeState(qsizetype limit, EventLoop *loop)
{
    if (limit <= 0)
        throw ValueError(QCoreApplication::translate("aproc", "Limit cannot be <= 0"));
    Q_ASSERT(loop);
    return std::make_shared<detail::StreamReaderState>(limit, loop);
}

} // namespace

StreamReader::StreamReader(qsizetype limit, EventLoop *loop) : d(makeState(limit, loop)) { }

StreamReader::~StreamReader()
{
    if (d.use_count() > 1) // a read is in its slow path
        d->readerDestroyed();
}

qsizetype StreamReader::limit() const
{
    return d->limit();
}

void StreamReader::feedData(const QByteArray &data)
{
    d->feedData(data);
}

void StreamReader::feedEof()
{
    d->feedEof();
}

bool StreamReader::atEof() const
{
    return d->atEof();
}

std::exception_ptr StreamReader::exception() const
{
    return d->exception();
}

void StreamReader::setException(std::exception_ptr error)
{
    d->setException(std::move(error));
}

void StreamReader::setTransport(ReadTransport *transport)
{
    d->setTransport(transport);
}

namespace {

detail::ReadOperation operation(detail::ReadOperation::Kind kind, qsizetype size = 0)
{
    detail::ReadOperation op;
    op.kind = kind;
    op.size = size;
    return op;
}

} // namespace

detail::ReadAwaitable StreamReader::read(qsizetype n)
{
    using Kind = detail::ReadOperation::Kind;
    return {d.get(), operation(n < 0 ? Kind::ReadAll : Kind::Read, n)};
}

detail::ReadAwaitable StreamReader::readline()
{
    return {d.get(), operation(detail::ReadOperation::Kind::ReadLine)};
}

detail::BoundedLineAwaitable StreamReader::readline(LineOverflow overflow)
{
    using Kind = detail::ReadOperation::Kind;
    switch (overflow) {
    case LineOverflow::Throw:
        return {d.get(), operation(Kind::ReadLine)};
    case LineOverflow::Split:
        return {d.get(), operation(Kind::ReadLineSplit)};
    case LineOverflow::Truncate:
        return {d.get(), operation(Kind::ReadLineTruncate)};
    }
    throw ValueError(QCoreApplication::translate("aproc", "readline(): %1 is not a LineOverflow")
                             .arg(int(overflow)));
}

detail::ReadAwaitable StreamReader::readuntil(const QByteArray &separator)
{
    detail::ReadOperation op = operation(detail::ReadOperation::Kind::ReadUntil);
    op.separator = separator;
    return {d.get(), std::move(op)};
}

detail::ReadAwaitable StreamReader::readexactly(qsizetype n)
{
    return {d.get(), operation(detail::ReadOperation::Kind::ReadExactly, n)};
}

} // namespace aproc
