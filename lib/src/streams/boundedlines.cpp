// SPDX-License-Identifier: MIT
// readline(LineOverflow::Split) and readline(LineOverflow::Truncate): lines that never fail for
// being long. Neither looks further than limit() + 1 bytes for the "\n", so neither needs more
// buffered than readline() does: the pause at 2 x limit() and the resume at limit() still hold.
#include "streams/streamreader_p.h"

namespace aproc::detail {

using Status = StreamReaderState::Status;

/*! Where the "\n" is when it ends a line within the limit (index <= limit()), or -1; the bytes
 *  searched are remembered in op.offset, so a read that waits does not search them again. */
qsizetype StreamReaderState::newlineWithinLimit(ReadOperation &op) const noexcept
{
    const qsizetype end = qMin(m_buffer.size(), m_limit + 1);
    const qsizetype found = op.offset < end ? m_buffer.indexOfNewline(op.offset, end) : -1;
    if (found < 0)
        op.offset = end;
    return found;
}

Status StreamReaderState::takeLineBytes(qsizetype size, ReadResult &out)
{
    out.value = m_buffer.take(size);
    maybeResumeTransport();
    return Status::Done;
}

Status StreamReaderState::stepReadLineSplit(ReadOperation &op, bool afterWait, ReadResult &out)
{
    if (!afterWait && m_exception) {
        out.error = m_exception;
        return Status::Failed;
    }
    const qsizetype found = newlineWithinLimit(op);
    if (found >= 0)
        return takeLineBytes(found + 1, out);
    if (m_buffer.size() > m_limit) { // limit() bytes and no "\n" among them: a piece
        op.continues = true;
        return takeLineBytes(m_limit, out);
    }
    if (m_eof) // the last line, or nothing
        return takeLineBytes(m_buffer.size(), out);
    return canWait("readline", out);
}

// Two phases: looking for the "\n" within the limit, as Split does; then, once the line is known
// to be too long, keeping its first limit() bytes in op.collected and dropping the rest as it
// comes, up to and including the "\n".
Status StreamReaderState::stepReadLineTruncate(ReadOperation &op, bool afterWait, ReadResult &out)
{
    if (!afterWait && m_exception) {
        out.error = m_exception;
        return Status::Failed;
    }
    if (op.collected.isEmpty()) { // limit() >= 1, so a kept head is never empty
        const qsizetype found = newlineWithinLimit(op);
        if (found >= 0)
            return takeLineBytes(found + 1, out);
        if (m_buffer.size() <= m_limit) {
            if (m_eof)
                return takeLineBytes(m_buffer.size(), out);
            return canWait("readline", out);
        }
        op.collected = m_buffer.take(m_limit);
    }
    const qsizetype found = m_buffer.isEmpty() ? -1 : m_buffer.indexOfNewline(0);
    const qsizetype dropped = found >= 0 ? found : m_buffer.size();
    op.dropped += dropped;
    m_buffer.drop(found >= 0 ? found + 1 : dropped);
    maybeResumeTransport();
    if (found < 0 && !m_eof)
        return canWait("readline", out);
    out.value = std::move(op.collected);
    if (found >= 0)
        out.value.append('\n');
    return Status::Done;
}

} // namespace aproc::detail
