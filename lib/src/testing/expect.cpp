// SPDX-License-Identifier: MIT
// Expect: pexpect's dialogue over a Process's standard streams.
#include <aproc/errors.h>
#include <aproc/expect.h>
#include <aproc/process.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>
#include <aproc/waitfor.h>

#include <QtCore/QCoreApplication>

#include <vector>

namespace aproc {

namespace {

constexpr qsizetype kReadSize = 4096;
constexpr qsizetype kShownTail = 200;

// Decodes UTF-8 as QString::fromUtf8 would, and records where each UTF-16 unit starts in the
// bytes (plus the end), so that a match's offsets can be taken back to bytes exactly.
struct DecodedText
{
    QString text;
    std::vector<qsizetype> byteOffsets;
};

int sequenceLength(uchar lead)
{
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 2;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 3;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    return 0;
}

// The code point at \a i, or -1 when the bytes there are not a valid UTF-8 sequence.
char32_t decodeAt(const QByteArray &bytes, qsizetype i, int length)
{
    static constexpr uchar kLeadMasks[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (length == 0 || i + length > bytes.size())
        return char32_t(-1);
    char32_t code = uchar(bytes[i]) & kLeadMasks[length];
    for (int k = 1; k < length; ++k) {
        const uchar next = uchar(bytes[i + k]);
        if ((next & 0xC0) != 0x80)
            return char32_t(-1);
        code = (code << 6) | (next & 0x3F);
    }
    if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return char32_t(-1);
    return code;
}

DecodedText decode(const QByteArray &bytes)
{
    DecodedText decoded;
    decoded.text.reserve(bytes.size());
    decoded.byteOffsets.reserve(size_t(bytes.size()) + 1);
    for (qsizetype i = 0; i < bytes.size();) {
        const int length = sequenceLength(uchar(bytes[i]));
        const char32_t code = decodeAt(bytes, i, length);
        const char32_t shown = code == char32_t(-1) ? char32_t(QChar::ReplacementCharacter) : code;
        for (QChar unit : QChar::fromUcs4(shown)) {
            decoded.text.append(unit);
            decoded.byteOffsets.push_back(i);
        }
        i += code == char32_t(-1) ? 1 : length;
    }
    decoded.byteOffsets.push_back(bytes.size());
    return decoded;
}

// \a bytes with control characters escaped, for an error message.
QString escaped(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QString shown;
    for (QChar c : text) {
        if (c == u'\n')
            shown += QLatin1String("\\n");
        else if (c == u'\r')
            shown += QLatin1String("\\r");
        else if (c.unicode() < 0x20)
            shown += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            shown += c;
    }
    return shown;
}

// The end of \a bytes, escaped, for an error message.
QString lastOutput(const QByteArray &bytes)
{
    return escaped(bytes.right(kShownTail));
}

} // namespace

/*! A line of the unconsumed output: [start, contentEnd) without its terminator, which ends at
 *  end. */
struct Expect::Line
{
    qsizetype start;
    qsizetype contentEnd;
    qsizetype end;
};

Expect::Expect(Process *process, std::chrono::milliseconds defaultTimeout)
    : m_process(process), m_defaultTimeout(defaultTimeout)
{ }

std::optional<QRegularExpressionMatch> Expect::search(const QRegularExpression &pattern)
{
    const DecodedText decoded = decode(m_buffer);
    QRegularExpressionMatch match = pattern.match(decoded.text);
    if (!match.hasMatch())
        return std::nullopt;
    const qsizetype start = decoded.byteOffsets[size_t(match.capturedStart())];
    const qsizetype end = decoded.byteOffsets[size_t(match.capturedEnd())];
    consume(start, end);
    return match;
}

void Expect::consume(qsizetype start, qsizetype end)
{
    if (end > 0)
        m_atLineStart = m_buffer.at(end - 1) == '\n';
    m_before = m_buffer.first(start);
    m_matched = m_buffer.sliced(start, end - start);
    m_buffer.remove(0, end);
}

StreamReader *Expect::output(const char *function) const
{
    StreamReader *reader = m_process->standardOutput();
    if (!reader)
        throw ValueError(QCoreApplication::translate(
                                 "aproc", "Expect::%1(): the process's stdout is not a stream")
                                 .arg(QLatin1String(function)));
    return reader;
}

// Reads the next chunk of output into the buffer (none at EOF); false when \a deadline passed
// first.
Task<bool> Expect::readMore(StreamReader *reader, std::chrono::steady_clock::time_point deadline)
{
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= left.zero())
        co_return false;
    QByteArray chunk;
    bool timedOut = false;
    try {
        chunk = co_await waitFor(reader->read(kReadSize), left);
    } catch (const TimeoutError &) {
        timedOut = true;
    }
    if (timedOut)
        co_return false;
    if (chunk.isEmpty())
        m_eof = true;
    m_buffer += chunk;
    co_return true;
}

// Where the first whole line of the unconsumed output starts: 0 at a line start, else after the
// first "\n"; -1 while that "\n" has not come.
qsizetype Expect::firstLineStart() const
{
    if (m_atLineStart)
        return 0;
    const qsizetype newline = m_buffer.indexOf('\n');
    return newline < 0 ? -1 : newline + 1;
}

// The line that starts at \a from, when it is complete: ended by "\n" ("\r\n"), or the rest of
// the output at EOF.
std::optional<Expect::Line> Expect::lineAt(qsizetype from) const
{
    if (from < 0 || from >= m_buffer.size())
        return std::nullopt;
    const qsizetype newline = m_buffer.indexOf('\n', from);
    if (newline < 0) {
        if (!m_eof)
            return std::nullopt;
        return Line{from, m_buffer.size(), m_buffer.size()};
    }
    const bool crlf = newline > from && m_buffer.at(newline - 1) == '\r';
    return Line{from, crlf ? newline - 1 : newline, newline + 1};
}

Task<void> Expect::expectExact(QByteArray text, std::optional<std::chrono::milliseconds> timeout)
{
    if (text.isEmpty())
        throw ValueError(
                QCoreApplication::translate("aproc", "Expect::expectExact(): the text is empty"));
    StreamReader *reader = output("expectExact");
    const auto limit = timeout.value_or(m_defaultTimeout);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    qsizetype from = 0; // the bytes before it hold no match
    for (;;) {
        const qsizetype found = m_buffer.indexOf(text, from);
        if (found >= 0) {
            consume(found, found + text.size());
            co_return;
        }
        from = qMax(qsizetype(0), m_buffer.size() - text.size() + 1);
        if (m_eof)
            throw IncompleteReadError(m_buffer, std::nullopt);
        const bool more = co_await readMore(reader, deadline);
        if (!more)
            throw TimeoutError(QCoreApplication::translate(
                                       "aproc",
                                       "Expect::expectExact(): \"%1\" did not appear within %2 "
                                       "ms; last output: \"%3\"")
                                       .arg(escaped(text))
                                       .arg(limit.count())
                                       .arg(lastOutput(m_buffer)));
    }
}

Task<void> Expect::expectLine(QByteArray line, std::optional<std::chrono::milliseconds> timeout)
{
    if (line.contains('\n'))
        throw ValueError(
                QCoreApplication::translate(
                        "aproc", "Expect::expectLine(): the line \"%1\" contains a newline")
                        .arg(escaped(line)));
    StreamReader *reader = output("expectLine");
    const auto limit = timeout.value_or(m_defaultTimeout);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    qsizetype from = -1; // the lines before it were not the one; -1: not known yet
    for (;;) {
        if (from < 0)
            from = firstLineStart();
        while (const std::optional<Line> candidate = lineAt(from)) {
            const QByteArrayView content(m_buffer.constData() + candidate->start,
                                         candidate->contentEnd - candidate->start);
            if (content == line) {
                consume(candidate->start, candidate->end);
                co_return;
            }
            from = candidate->end;
        }
        if (m_eof)
            throw IncompleteReadError(m_buffer, std::nullopt);
        const bool more = co_await readMore(reader, deadline);
        if (!more)
            throw TimeoutError(QCoreApplication::translate(
                                       "aproc",
                                       "Expect::expectLine(): no line \"%1\" appeared within %2 "
                                       "ms; last output: \"%3\"")
                                       .arg(escaped(line))
                                       .arg(limit.count())
                                       .arg(lastOutput(m_buffer)));
    }
}

Task<QRegularExpressionMatch> Expect::expectLine(QRegularExpression pattern,
                                                 std::optional<std::chrono::milliseconds> timeout)
{
    if (!pattern.isValid())
        throw ValueError(QCoreApplication::translate(
                                 "aproc", "Expect::expectLine(): invalid pattern \"%1\": %2")
                                 .arg(pattern.pattern(), pattern.errorString()));
    StreamReader *reader = output("expectLine");
    const QRegularExpression whole(QRegularExpression::anchoredPattern(pattern.pattern()),
                                   pattern.patternOptions());
    const auto limit = timeout.value_or(m_defaultTimeout);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    qsizetype from = -1; // the lines before it were not the one; -1: not known yet
    for (;;) {
        if (from < 0)
            from = firstLineStart();
        while (const std::optional<Line> candidate = lineAt(from)) {
            const QByteArray content
                    = m_buffer.sliced(candidate->start, candidate->contentEnd - candidate->start);
            QRegularExpressionMatch match = whole.match(decode(content).text);
            if (match.hasMatch()) {
                consume(candidate->start, candidate->end);
                co_return match;
            }
            from = candidate->end;
        }
        if (m_eof)
            throw IncompleteReadError(m_buffer, std::nullopt);
        const bool more = co_await readMore(reader, deadline);
        if (!more)
            throw TimeoutError(QCoreApplication::translate(
                                       "aproc",
                                       "Expect::expectLine(): no line matching \"%1\" appeared "
                                       "within %2 ms; last output: \"%3\"")
                                       .arg(pattern.pattern())
                                       .arg(limit.count())
                                       .arg(lastOutput(m_buffer)));
    }
}

Task<QRegularExpressionMatch> Expect::expect(QRegularExpression pattern,
                                             std::optional<std::chrono::milliseconds> timeout)
{
    if (!pattern.isValid())
        throw ValueError(
                QCoreApplication::translate("aproc", "Expect::expect(): invalid pattern \"%1\": %2")
                        .arg(pattern.pattern(), pattern.errorString()));
    StreamReader *reader = m_process->standardOutput();
    if (!reader)
        throw ValueError(QCoreApplication::translate(
                "aproc", "Expect::expect(): the process's stdout is not a stream"));
    const auto limit = timeout.value_or(m_defaultTimeout);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        if (auto match = search(pattern))
            co_return *match;
        if (m_eof)
            throw IncompleteReadError(m_buffer, std::nullopt);
        const bool more = co_await readMore(reader, deadline);
        if (!more)
            throw TimeoutError(QCoreApplication::translate(
                                       "aproc",
                                       "Expect::expect(): \"%1\" did not appear within %2 ms; last "
                                       "output: \"%3\"")
                                       .arg(pattern.pattern())
                                       .arg(limit.count())
                                       .arg(lastOutput(m_buffer)));
    }
}

Task<void> Expect::send(QByteArray data)
{
    StreamWriter *writer = m_process->standardInput();
    if (!writer)
        throw ValueError(QCoreApplication::translate(
                "aproc", "Expect::send(): the process's stdin is not a stream"));
    writer->write(data);
    co_await writer->drain();
}

Task<void> Expect::sendLine(QByteArray line)
{
    line += '\n';
    co_await send(std::move(line));
}

Task<void> Expect::sendEof()
{
    StreamWriter *writer = m_process->standardInput();
    if (m_process->isPty(0)) {
        // Closing the master would hang the terminal up: closeWriteChannel() writes its VEOF.
        m_process->closeWriteChannel();
        if (writer)
            co_await writer->drain();
        co_return;
    }
    if (!writer)
        throw ValueError(QCoreApplication::translate(
                "aproc", "Expect::sendEof(): the process's stdin is not a stream"));
    writer->writeEof();
    co_await writer->drain();
}

} // namespace aproc
