// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/streamreader.h>

#include <QtCore/QString>
#include <QtCore/QStringDecoder>

#include <coroutine>
#include <optional>

namespace aproc {

class TextLineReader;

namespace detail {

/*! \brief What TextLineReader::next() returns: StreamReader::readline(LineOverflow), decoded
 *  when it completes. Await it once with `co_await`. */
class [[nodiscard]] NextTextLineAwaitable
{
public:
    /*! \brief The next line of \a lines, read by \a read. */
    NextTextLineAwaitable(TextLineReader *lines, BoundedLineAwaitable read) noexcept
        : m_lines(lines), m_read(std::move(read))
    { }
    /*! \brief True when the buffer already held the line (no suspension). */
    bool await_ready() { return m_read.await_ready(); }
    /*! \brief Waits for the line. */
    template<typename P> std::coroutine_handle<> await_suspend(std::coroutine_handle<P> awaiting)
    {
        return m_read.await_suspend(awaiting);
    }
    /*! \brief The decoded line, or an empty optional at EOF. */
    inline std::optional<QString> await_resume();

private:
    TextLineReader *m_lines;
    BoundedLineAwaitable m_read;
};

} // namespace detail

/*! \brief Reads a StreamReader line by line as text: `QString` lines without their line
 *  terminator, decoded across chunks (no asyncio counterpart: Python's `text=True` streams).
 *
 *  `while (std::optional<QString> line = co_await lines.next()) { ... }` reads to EOF. A line
 *  ends at "\n"; a "\r" just before it goes too, so "\r\n" lines (a pty's, Windows programs')
 *  read the same as "\n" ones, while a "\r" elsewhere stays in the line. The last line may lack
 *  the "\n". The decoder is stateful: a character whose bytes arrive in two chunks (or two
 *  Split pieces) is decoded whole. Bytes that are not valid in the encoding become U+FFFD, as
 *  do the bytes of a character cut short by the end of the stream or by truncation (Qt's
 *  decoder gives one U+FFFD for each); a byte order mark at the start of the stream is skipped.
 *  Lines longer than the reader's limit() (bytes before the "\n", a "\r" included) follow
 *  \a overflow (see StreamReader::readline(LineOverflow)): with Throw, next() throws readline()'s
 *  ValueError and the line is dropped; with Split, each piece is a line of its own and
 *  lineContinues() tells which ones the next line continues; with Truncate, droppedBytes()
 *  tells how many bytes were cut. Does not own the reader, which must outlive it; only one
 *  next() at a time. */
class APROC_EXPORT TextLineReader
{
public:
    /*! \brief Lines of \a reader in \a encoding, long lines handled by \a overflow. Throws
     *  ValueError when \a reader is null, or when \a encoding is not one in which "\n" is the
     *  byte 0x0A (UTF-16 and UTF-32 are refused; UTF-8, Latin-1 and System are fine). */
    explicit TextLineReader(StreamReader *reader,
                            QStringConverter::Encoding encoding = QStringConverter::Utf8,
                            LineOverflow overflow = LineOverflow::Throw);
    /*! \brief Moves the reading state; the source must not be reading. */
    TextLineReader(TextLineReader &&other) noexcept = default;
    /*! \brief Moves the reading state; neither may be reading. */
    TextLineReader &operator=(TextLineReader &&other) noexcept = default;
    Q_DISABLE_COPY(TextLineReader)
    /*! \brief Destroys the line reader; the StreamReader stays. */
    ~TextLineReader() = default;

    /*! \brief The next line without its "\n" or "\r\n", or an empty optional at EOF (like
     *  `async for line in reader`, decoded and stripped). */
    [[nodiscard]] detail::NextTextLineAwaitable next()
    {
        return detail::NextTextLineAwaitable(this, m_reader->readline(m_overflow));
    }

    /*! \brief LineOverflow::Split: true when the line next() gave last is a piece of a longer
     *  line, continued by the next one. */
    bool lineContinues() const noexcept { return m_continues; }
    /*! \brief LineOverflow::Truncate: the bytes cut from the line next() gave last (0 when it was
     *  whole). */
    qsizetype droppedBytes() const noexcept { return m_droppedBytes; }
    /*! \brief LineOverflow::Truncate: the bytes cut from all lines so far. */
    qsizetype totalDroppedBytes() const noexcept { return m_totalDroppedBytes; }

    /*! \brief The reader the lines come from. */
    StreamReader *reader() const noexcept { return m_reader; }
    /*! \brief The encoding the lines are decoded from. */
    QStringConverter::Encoding encoding() const noexcept { return m_encoding; }
    /*! \brief What happens to a line longer than the reader's limit(). */
    LineOverflow overflow() const noexcept { return m_overflow; }

private:
    friend class detail::NextTextLineAwaitable;
    std::optional<QString> decodeLine(BoundedLine line);

    StreamReader *m_reader;
    QStringConverter::Encoding m_encoding;
    LineOverflow m_overflow;
    QStringDecoder m_decoder;
    qsizetype m_droppedBytes = 0;
    qsizetype m_totalDroppedBytes = 0;
    bool m_continues = false;
};

/*! \brief The lines of \a reader as text (TextLineReader): `auto lines = textLines(reader);`
 *  then `while (auto line = co_await lines.next())`. */
inline TextLineReader textLines(StreamReader *reader,
                                QStringConverter::Encoding encoding = QStringConverter::Utf8,
                                LineOverflow overflow = LineOverflow::Throw)
{
    return TextLineReader(reader, encoding, overflow);
}

std::optional<QString> detail::NextTextLineAwaitable::await_resume()
{
    return m_lines->decodeLine(m_read.await_resume());
}

} // namespace aproc
