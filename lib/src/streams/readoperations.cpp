// SPDX-License-Identifier: MIT
// The algorithms of StreamReader's reads, as in asyncio/streams.py (CPython 3.11), cut at each
// `await self._wait_for_data()`: step() runs a read from its start (afterWait = false) or from
// the line after that await (afterWait = true) until it is done or must wait again.
#include <aproc/errors.h>

#include "streams/streamreader_p.h"

#include <QtCore/QCoreApplication>

#include <type_traits>

namespace aproc::detail {

namespace {

using Status = StreamReaderState::Status;
using Kind = ReadOperation::Kind;

Status done(ReadResult &out, QByteArray value)
{
    out.value = std::move(value);
    return Status::Done;
}

template<typename E>
requires std::is_base_of_v<std::exception, std::decay_t<E>> Status fail(ReadResult &out, E &&error)
{
    out.error = std::make_exception_ptr(std::forward<E>(error));
    return Status::Failed;
}

Status fail(ReadResult &out, std::exception_ptr error)
{
    out.error = std::move(error);
    return Status::Failed;
}

QString foundButTooLong()
{
    return QCoreApplication::translate("aproc",
                                       "Separator is found, but chunk is longer than limit");
}

QString notFoundAndTooLong()
{
    return QCoreApplication::translate("aproc",
                                       "Separator is not found, and chunk exceed the limit");
}

} // namespace

StreamReaderState::Status StreamReaderState::step(ReadOperation &op, bool afterWait,
                                                  ReadResult &out)
{
    switch (op.kind) {
    case Kind::Read:
        return stepRead(op, afterWait, out);
    case Kind::ReadAll:
        return stepReadAll(op, afterWait, out);
    case Kind::ReadExactly:
        return stepReadExactly(op, afterWait, out);
    case Kind::ReadLine:
        if (!afterWait && takeLine(out))
            return Status::Done;
        return stepReadUntil(op, afterWait, out);
    case Kind::ReadLineSplit:
        return stepReadLineSplit(op, afterWait, out);
    case Kind::ReadLineTruncate:
        return stepReadLineTruncate(op, afterWait, out);
    case Kind::ReadUntil:
        return stepReadUntil(op, afterWait, out);
    }
    Q_UNREACHABLE();
}

StreamReaderState::Status StreamReaderState::waitFailed(const ReadOperation &op,
                                                        std::exception_ptr error, ReadResult &out)
{
    if (op.kind == Kind::ReadLine)
        return readlineFailed(std::move(error), out);
    return fail(out, std::move(error));
}

// read(n), n >= 0
StreamReaderState::Status StreamReaderState::stepRead(ReadOperation &op, bool afterWait,
                                                      ReadResult &out)
{
    if (!afterWait) {
        if (m_exception)
            return fail(out, m_exception);
        if (op.size == 0)
            return Status::Done;
        if (m_buffer.isEmpty() && !m_eof)
            return canWait("read", out);
    }
    // Right even when the buffer is empty (EOF) or shorter than n.
    out.value = m_buffer.take(qMin(op.size, m_buffer.size()));
    maybeResumeTransport();
    return Status::Done;
}

// read(-1): asyncio calls read(limit) until it gives nothing, so that a paused transport is
// resumed. Without a pending exception nothing can happen between those calls, so the whole
// buffer is taken at once: same result, same pause and resume calls, fewer copies.
StreamReaderState::Status StreamReaderState::stepReadAll(ReadOperation &op, bool afterWait,
                                                         ReadResult &out)
{
    if (afterWait && takeBlock(op))
        return done(out, std::move(op.collected));
    for (;;) {
        if (m_exception)
            return fail(out, m_exception);
        if (m_buffer.isEmpty() && !m_eof)
            return canWait("read", out);
        if (takeBlock(op))
            return done(out, std::move(op.collected));
    }
}

/*! The end of one read(limit) inside read(-1); true when it gave nothing (EOF). */
bool StreamReaderState::takeBlock(ReadOperation &op)
{
    const qsizetype size = m_exception ? qMin(m_limit, m_buffer.size()) : m_buffer.size();
    QByteArray block = m_buffer.take(size);
    maybeResumeTransport();
    if (block.isEmpty())
        return true;
    if (op.collected.isEmpty())
        op.collected = std::move(block); // one block is returned as it is
    else
        op.collected.append(block);
    return false;
}

StreamReaderState::Status StreamReaderState::stepReadExactly(ReadOperation &op, bool afterWait,
                                                             ReadResult &out)
{
    if (!afterWait) {
        if (op.size < 0) {
            return fail(out, ValueError(QCoreApplication::translate(
                                     "aproc", "readexactly size can not be less than zero")));
        }
        if (m_exception)
            return fail(out, m_exception);
        if (op.size == 0)
            return Status::Done;
    }
    if (m_buffer.size() < op.size) {
        if (m_eof)
            return fail(out, IncompleteReadError(m_buffer.takeAll(), op.size));
        return canWait("readexactly", out);
    }
    out.value = m_buffer.take(op.size);
    maybeResumeTransport();
    return Status::Done;
}

// readline() when the buffer already holds a whole line within the limit, as it does for all
// but the last line of each chunk: what stepReadUntil() does then, without its general cases.
bool StreamReaderState::takeLine(ReadResult &out)
{
    if (m_exception)
        return false;
    const qsizetype found = m_buffer.indexOfNewline(0);
    if (found < 0 || found > m_limit)
        return false;
    out.value = m_buffer.take(found + 1);
    maybeResumeTransport();
    return true;
}

// readuntil(separator), and readline() as asyncio builds it on readuntil(b'\n').
StreamReaderState::Status StreamReaderState::stepReadUntil(ReadOperation &op, bool afterWait,
                                                           ReadResult &out)
{
    const bool readline = op.kind == Kind::ReadLine;
    if (!afterWait) {
        if (!readline && op.separator.isEmpty()) {
            return fail(out, ValueError(QCoreApplication::translate(
                                     "aproc", "Separator should be at least one-byte string")));
        }
        if (m_exception)
            return readline ? readlineFailed(m_exception, out) : fail(out, m_exception);
    }
    const qsizetype separatorSize = readline ? 1 : op.separator.size();
    qsizetype found = -1;
    if (m_buffer.size() - op.offset >= separatorSize) {
        found = readline ? m_buffer.indexOfNewline(op.offset)
                         : m_buffer.indexOf(op.separator, op.offset);
        if (found < 0) {
            // The last separatorSize - 1 bytes may begin a separator: look at them again.
            op.offset = m_buffer.size() + 1 - separatorSize;
            if (op.offset > m_limit)
                return overrun(op, notFoundAndTooLong(), op.offset, out);
        }
    }
    if (found < 0) {
        // A complete separator may have come with EOF: the buffer is searched first.
        if (m_eof) {
            QByteArray partial = m_buffer.takeAll();
            if (readline)
                return done(out, std::move(partial));
            return fail(out, IncompleteReadError(partial, std::nullopt));
        }
        return canWait("readuntil", out);
    }
    if (found > m_limit)
        return overrun(op, foundButTooLong(), found, out);
    out.value = m_buffer.take(found + separatorSize);
    maybeResumeTransport();
    return Status::Done;
}

StreamReaderState::Status StreamReaderState::overrun(const ReadOperation &op,
                                                     const QString &message, qsizetype consumed,
                                                     ReadResult &out)
{
    if (op.kind == Kind::ReadLine)
        return readlineOverrun(message, consumed, out);
    return fail(out, LimitOverrunError(message, consumed)); // the data stays buffered
}

/*! readline()'s `except LimitOverrunError`: drop the long line, with its "\n" if it came, else
 *  everything; resume the transport; ValueError with the same message. */
StreamReaderState::Status StreamReaderState::readlineOverrun(const QString &message,
                                                             qsizetype consumed, ReadResult &out)
{
    if (consumed >= 0 && consumed < m_buffer.size() && m_buffer.at(consumed) == '\n')
        m_buffer.drop(consumed + 1);
    else
        m_buffer.clear();
    maybeResumeTransport();
    return fail(out, ValueError(message));
}

/*! readline()'s `except` clauses for an exception readuntil() rethrew (one given to
 *  setException(), or the wait's): an IncompleteReadError gives its partial bytes, a
 *  LimitOverrunError becomes ValueError, anything else goes through. */
StreamReaderState::Status StreamReaderState::readlineFailed(std::exception_ptr error,
                                                            ReadResult &out)
{
    try {
        std::rethrow_exception(error);
    } catch (const IncompleteReadError &incomplete) {
        return done(out, incomplete.partial());
    } catch (const LimitOverrunError &overrun) {
        return readlineOverrun(overrun.message(), overrun.consumed(), out);
    } catch (...) { }
    return fail(out, std::move(error));
}

} // namespace aproc::detail
