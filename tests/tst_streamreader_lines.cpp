// SPDX-License-Identifier: MIT
// Lines that never fail for being long (StreamReader::readline(LineOverflow)) and text lines
// (TextLineReader): each table row is read twice, once with every chunk buffered before the
// reads and once with one chunk fed per loop callback while the reads wait, so that both the
// buffered path and the waiting one are checked. Also: flow control with long lines, bad input,
// and the lines of a real child.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/process.h>
#include <aproc/sleep.h>
#include <aproc/streamreader.h>
#include <aproc/task.h>
#include <aproc/testing.h>
#include <aproc/textlinereader.h>
#include <aproc/transports.h>

#include <QtTest/QtTest>

#include "support/children.h"

#include <memory>
#include <optional>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

/*! Records the reader's pause and resume calls (as tst_streamreader's does). */
class RecordingTransport final : public ReadTransport
{
public:
    void close() override { m_closing = true; }
    bool isClosing() const override { return m_closing; }
    BaseProtocol *protocol() const override { return nullptr; }
    bool isReading() const override { return m_reading && !m_closing; }
    void pauseReading() override
    {
        ++pauses;
        m_reading = false;
    }
    void resumeReading() override
    {
        ++resumes;
        m_reading = true;
    }

    int pauses = 0;
    int resumes = 0;

private:
    bool m_reading = true;
    bool m_closing = false;
};

/*! Feeds \a chunks and then EOF to \a reader, one per loop callback; sets \a *done at the end. */
void feedLater(StreamReader *reader, QByteArrayList chunks, bool *done)
{
    EventLoop::current()->callSoon([=] {
        if (chunks.isEmpty()) {
            reader->feedEof();
            *done = true;
            return;
        }
        reader->feedData(chunks.first());
        feedLater(reader, chunks.mid(1), done);
    });
}

/*! Feeds \a chunks and EOF to \a reader: at once, or later (\a fedWhileReading). */
void feed(StreamReader *reader, const QByteArrayList &chunks, bool fedWhileReading, bool *done)
{
    if (fedWhileReading) {
        feedLater(reader, chunks, done);
        return;
    }
    for (const QByteArray &chunk : chunks)
        reader->feedData(chunk);
    reader->feedEof();
    *done = true;
}

QString describe(const BoundedLine &line)
{
    QString text = QString::fromLatin1(line.bytes);
    if (line.continues)
        text += u" [continues]"_s;
    if (line.droppedBytes)
        text += u" [dropped %1]"_s.arg(line.droppedBytes);
    return text;
}

/*! Every line of \a reader up to EOF, described; a ValueError is recorded and reading goes on. */
Task<QStringList> boundedLines(StreamReader *reader, LineOverflow overflow)
{
    QStringList seen;
    for (;;) {
        BoundedLine line;
        try {
            line = co_await reader->readline(overflow);
        } catch (const ValueError &) {
            seen << u"ValueError"_s;
            continue;
        }
        if (line.bytes.isEmpty())
            break;
        seen << describe(line);
    }
    co_return seen;
}

/*! Every line of \a lines up to EOF, with its flags; a ValueError is recorded and reading goes
 *  on. */
Task<QStringList> textLinesOf(TextLineReader *lines)
{
    QStringList seen;
    for (;;) {
        std::optional<QString> line;
        try {
            line = co_await lines->next();
        } catch (const ValueError &) {
            seen << u"ValueError"_s;
            continue;
        }
        if (!line)
            break;
        QString text = *line;
        if (lines->lineContinues())
            text += u" [continues]"_s;
        if (lines->droppedBytes())
            text += u" [dropped %1]"_s.arg(lines->droppedBytes());
        seen << text;
    }
    co_return seen;
}

/*! A row of boundedLines() for both ways of feeding. */
void addRow(const char *name, int limit, LineOverflow overflow, const QByteArrayList &chunks,
            const QStringList &expected)
{
    for (const bool fedWhileReading : {false, true}) {
        const char *how = fedWhileReading ? "fed while reading" : "buffered";
        QTest::newRow(qPrintable(u"%1, %2"_s.arg(QLatin1String(name), QLatin1String(how))))
                << fedWhileReading << limit << int(overflow) << chunks << expected;
    }
}

/*! A row of textLines() for both ways of feeding. */
void addTextRow(const char *name, int limit, LineOverflow overflow,
                QStringConverter::Encoding encoding, const QByteArrayList &chunks,
                const QStringList &expected)
{
    for (const bool fedWhileReading : {false, true}) {
        const char *how = fedWhileReading ? "fed while reading" : "buffered";
        QTest::newRow(qPrintable(u"%1, %2"_s.arg(QLatin1String(name), QLatin1String(how))))
                << fedWhileReading << limit << int(overflow) << int(encoding) << chunks << expected;
    }
}

Task<void> checkBoundedLines(bool fedWhileReading, int limit, LineOverflow overflow,
                             QByteArrayList chunks, QStringList expected)
{
    StreamReader reader(limit);
    bool fed = false;
    feed(&reader, chunks, fedWhileReading, &fed);
    const QStringList seen = co_await boundedLines(&reader, overflow);
    APROC_COMPARE(seen, expected);
    APROC_VERIFY(fed);
    APROC_VERIFY(reader.atEof());
}

Task<void> checkTextLines(bool fedWhileReading, int limit, LineOverflow overflow,
                          QStringConverter::Encoding encoding, QByteArrayList chunks,
                          QStringList expected)
{
    StreamReader reader(limit);
    TextLineReader lines(&reader, encoding, overflow);
    bool fed = false;
    feed(&reader, chunks, fedWhileReading, &fed);
    const QStringList seen = co_await textLinesOf(&lines);
    APROC_COMPARE(seen, expected);
    APROC_VERIFY(fed);
    const std::optional<QString> after = co_await lines.next();
    APROC_VERIFY(!after); // EOF stays EOF
}

} // namespace

class tst_StreamReaderLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QTRY_VERIFY(noZombie()); }

    void boundedLines_data();
    void boundedLines();
    void textLines_data();
    void textLines();
    void totalDroppedBytes();
    void truncateKeepsFlowControl();
    void splitKeepsFlowControl();
    void piecesJoinToTheLine_data();
    void piecesJoinToTheLine();
    void bufferedLinesDoNotSuspend();
    void badInput();
    void linesOfAChild();
};

void tst_StreamReaderLines::boundedLines_data()
{
    QTest::addColumn<bool>("fedWhileReading");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("overflow");
    QTest::addColumn<QByteArrayList>("chunks");
    QTest::addColumn<QStringList>("expected");
    using L = QByteArrayList;
    using S = QStringList;
    const auto split = LineOverflow::Split;
    const auto truncate = LineOverflow::Truncate;
    addRow("throw: readline()'s ValueError, then the next line", 3, LineOverflow::Throw,
           L{"abcdefgh\nij\n"_ba}, S{u"ValueError"_s, u"ij\n"_s});
    addRow("split: short lines whole", 3, split, L{"ab\nabc\n\n"_ba},
           S{u"ab\n"_s, u"abc\n"_s, u"\n"_s});
    addRow("split: pieces of limit() bytes", 3, split, L{"abcdefgh\nij\n"_ba},
           S{u"abc [continues]"_s, u"def [continues]"_s, u"gh\n"_s, u"ij\n"_s});
    addRow("split: limit() bytes and the newline after them", 3, split, L{"abcd\n"_ba},
           S{u"abc [continues]"_s, u"d\n"_s});
    addRow("split: newline in a later chunk", 3, split, L{"ab"_ba, "cdef"_ba, "gh\nij\n"_ba},
           S{u"abc [continues]"_s, u"def [continues]"_s, u"gh\n"_s, u"ij\n"_s});
    addRow("split: limit() bytes, then their newline", 3, split, L{"abc"_ba, "\nx\n"_ba},
           S{u"abc\n"_s, u"x\n"_s});
    addRow("split: last line without newline", 3, split, L{"abcdefg"_ba},
           S{u"abc [continues]"_s, u"def [continues]"_s, u"g"_s});
    addRow("truncate: short lines whole", 3, truncate, L{"abc\n\nx"_ba},
           S{u"abc\n"_s, u"\n"_s, u"x"_s});
    addRow("truncate: the first limit() bytes and the newline", 3, truncate, L{"abcdefgh\nij\n"_ba},
           S{u"abc\n [dropped 5]"_s, u"ij\n"_s});
    addRow("truncate: newline in a later chunk", 3, truncate,
           L{"ab"_ba, "cdefg"_ba, "hi"_ba, "j\nk\n"_ba}, S{u"abc\n [dropped 7]"_s, u"k\n"_s});
    addRow("truncate: long last line without newline", 3, truncate, L{"abcd"_ba, "efg"_ba},
           S{u"abc [dropped 4]"_s});
    addRow("truncate: the \\r of \\r\\n counts", 3, truncate, L{"abc\r\n"_ba},
           S{u"abc\n [dropped 1]"_s});
}

void tst_StreamReaderLines::boundedLines()
{
    QFETCH(bool, fedWhileReading);
    QFETCH(int, limit);
    QFETCH(int, overflow);
    QFETCH(QByteArrayList, chunks);
    QFETCH(QStringList, expected);
    APROC_RUN(checkBoundedLines(fedWhileReading, limit, LineOverflow(overflow), chunks, expected));
}

void tst_StreamReaderLines::textLines_data()
{
    QTest::addColumn<bool>("fedWhileReading");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("overflow");
    QTest::addColumn<int>("encoding");
    QTest::addColumn<QByteArrayList>("chunks");
    QTest::addColumn<QStringList>("expected");
    using L = QByteArrayList;
    using S = QStringList;
    const auto throws = LineOverflow::Throw;
    const auto utf8 = QStringConverter::Utf8;
    const int big = int(StreamReader::DefaultLimit);
    addTextRow("characters split across chunks", big, throws, utf8,
               L{"h\xc3"_ba, "\xa9llo\n\xf0\x9f"_ba, "\x98"_ba, "\x80!\n"_ba},
               S{u"h\u00e9llo"_s, u"\U0001F600!"_s});
    addTextRow("\\r\\n and \\n stripped, a lone \\r kept", big, throws, utf8,
               L{"one\r\ntwo\n"_ba, "three\r"_ba, "\nfour\r\r\n"_ba, "a\rb\n"_ba},
               S{u"one"_s, u"two"_s, u"three"_s, u"four\r"_s, u"a\rb"_s});
    addTextRow("last line without newline", big, throws, utf8, L{"a\nlast"_ba},
               S{u"a"_s, u"last"_s});
    addTextRow("last line ending in \\r", big, throws, utf8, L{"a\r"_ba}, S{u"a\r"_s});
    addTextRow("empty lines", big, throws, utf8, L{"\n\n"_ba, "x\n\r\n"_ba},
               S{u""_s, u""_s, u"x"_s, u""_s});
    addTextRow("nothing", big, throws, utf8, L{}, S{});
    addTextRow("invalid bytes become U+FFFD", big, throws, utf8, L{"a\xffz\n"_ba},
               S{u"a\ufffdz"_s});
    addTextRow("a character cut by EOF: U+FFFD for each byte", big, throws, utf8,
               L{"ok\n"_ba, "\xe2\x82"_ba}, S{u"ok"_s, u"\ufffd\ufffd"_s});
    addTextRow("byte order mark skipped", big, throws, utf8, L{"\xef\xbb\xbfx\n"_ba}, S{u"x"_s});
    addTextRow("Latin-1", big, throws, QStringConverter::Latin1, L{"caf\xe9\n"_ba},
               S{u"caf\u00e9"_s});
    addTextRow("throw: ValueError, then the next line", 4, throws, utf8, L{"abcdefgh\nok\n"_ba},
               S{u"ValueError"_s, u"ok"_s});
    addTextRow("split: characters across pieces", 4, LineOverflow::Split, utf8,
               L{"a\xc3\xa9\xe2\x82\xacxyz\r\n"_ba},
               S{u"a\u00e9 [continues]"_s, u"\u20acxy [continues]"_s, u"z"_s});
    addTextRow("split: \\r\\n after a piece", 4, LineOverflow::Split, utf8, L{"abcd\r\n"_ba},
               S{u"abcd [continues]"_s, u""_s});
    addTextRow("truncate: newline in a later chunk", 4, LineOverflow::Truncate, utf8,
               L{"abcdef"_ba, "ghij"_ba, "kl\r\nnxt\r\n"_ba}, S{u"abcd [dropped 9]"_s, u"nxt"_s});
    // The limit counts the bytes before the "\n", a "\r" included (as readline()'s does).
    addTextRow("truncate: the \\r of \\r\\n counts", 4, LineOverflow::Truncate, utf8,
               L{"next\r\n"_ba}, S{u"next [dropped 1]"_s});
    addTextRow("truncate: last line without newline", 4, LineOverflow::Truncate, utf8,
               L{"abcdefg"_ba}, S{u"abcd [dropped 3]"_s});
    addTextRow("truncate: a cut character becomes U+FFFD", 4, LineOverflow::Truncate, utf8,
               L{"abc\xc3\xa9xyz\n"_ba}, S{u"abc\ufffd [dropped 4]"_s});
}

void tst_StreamReaderLines::textLines()
{
    QFETCH(bool, fedWhileReading);
    QFETCH(int, limit);
    QFETCH(int, overflow);
    QFETCH(int, encoding);
    QFETCH(QByteArrayList, chunks);
    QFETCH(QStringList, expected);
    APROC_RUN(checkTextLines(fedWhileReading, limit, LineOverflow(overflow),
                             QStringConverter::Encoding(encoding), chunks, expected));
}

namespace {

Task<void> checkTotalDroppedBytes()
{
    StreamReader reader(2);
    auto lines = textLines(&reader, QStringConverter::Utf8, LineOverflow::Truncate);
    reader.feedData("abcd\nef\nghi\n"_ba);
    reader.feedEof();
    const QStringList seen = co_await textLinesOf(&lines);
    APROC_COMPARE(seen, (QStringList{u"ab [dropped 2]"_s, u"ef"_s, u"gh [dropped 1]"_s}));
    APROC_COMPARE(lines.totalDroppedBytes(), qsizetype(3));
    APROC_COMPARE(lines.droppedBytes(), qsizetype(0)); // the EOF "line" drops nothing
    APROC_COMPARE(lines.overflow(), LineOverflow::Truncate);
    APROC_COMPARE(lines.encoding(), QStringConverter::Utf8);
    APROC_VERIFY(lines.reader() == &reader);
}

// A long line is dropped as it comes: the buffer never grows past what readline() allows, and a
// transport paused above 2 x limit() is resumed once the dropping brings it down.
Task<void> checkTruncateKeepsFlowControl()
{
    RecordingTransport transport;
    StreamReader reader(10);
    reader.setTransport(&transport);
    reader.feedData(QByteArray(25, 'w') + "\nok\n");
    APROC_COMPARE(transport.pauses, 1); // 29 > 2 x 10
    const BoundedLine whole = co_await reader.readline(LineOverflow::Truncate); // no waiting
    APROC_COMPARE(whole.droppedBytes, qsizetype(15));
    APROC_COMPARE(transport.resumes, 1); // "ok\n" left
    const BoundedLine ok = co_await reader.readline(LineOverflow::Truncate);
    APROC_COMPARE(ok.bytes, "ok\n"_ba);

    reader.feedData(QByteArray(25, 'x'));
    APROC_COMPARE(transport.pauses, 2); // 25 > 2 x 10
    bool fed = false;
    EventLoop::current()->callSoon([&] {
        reader.feedData(QByteArray(30, 'y'));
        EventLoop::current()->callSoon([&] {
            reader.feedData("tail\nnext\n"_ba);
            fed = true;
        });
    });
    const BoundedLine line = co_await reader.readline(LineOverflow::Truncate);
    APROC_COMPARE(line.bytes, QByteArray(10, 'x') + "\n");
    APROC_COMPARE(line.droppedBytes, qsizetype(15 + 30 + 4));
    APROC_VERIFY(line.isTruncated());
    APROC_VERIFY(fed);
    APROC_COMPARE(transport.pauses, 3); // the 30 bytes paused it again
    APROC_COMPARE(transport.resumes, 3); // and dropping them resumed it
    APROC_VERIFY(transport.isReading());
    const BoundedLine next = co_await reader.readline(LineOverflow::Truncate);
    APROC_COMPARE(next.bytes, "next\n"_ba);
    APROC_VERIFY(!next.isTruncated());
}

Task<void> checkSplitKeepsFlowControl()
{
    RecordingTransport transport;
    StreamReader reader(10);
    reader.setTransport(&transport);
    reader.feedData(QByteArray(35, 'x') + "\n");
    APROC_COMPARE(transport.pauses, 1);
    QByteArrayList pieces;
    for (int i = 0; i < 3; ++i) {
        const BoundedLine piece = co_await reader.readline(LineOverflow::Split);
        APROC_VERIFY(piece.continues);
        pieces << piece.bytes;
    }
    APROC_COMPARE(transport.resumes, 1); // 6 bytes left
    const BoundedLine last = co_await reader.readline(LineOverflow::Split);
    APROC_VERIFY(!last.continues);
    APROC_COMPARE(pieces,
                  (QByteArrayList{QByteArray(10, 'x'), QByteArray(10, 'x'), QByteArray(10, 'x')}));
    APROC_COMPARE(last.bytes, "xxxxx\n"_ba);
}

Task<void> checkUnknownOverflow()
{
    StreamReader reader;
    QString message;
    try {
        co_await reader.readline(LineOverflow(7));
    } catch (const ValueError &error) {
        message = error.message();
    }
    APROC_VERIFY2(message.contains(u"LineOverflow"_s), qPrintable(message));
    APROC_VERIFY2(message.contains(u"7"_s), qPrintable(message));
}

// Every way of cutting a text in two chunks, read with every small limit: the Split pieces of each
// line join to the line, decoded as QString::fromUtf8 decodes the whole.
Task<void> checkPiecesJoinToTheLine(bool fedWhileReading)
{
    const QByteArray text
            = "h\xc3\xa9llo w\xc3\xb6rld\r\n\xf0\x9f\x98\x80 ok\n\nlast \xe2\x82\xac"_ba;
    const QStringList expected = QString::fromUtf8(text).split(u'\n');
    for (qsizetype limit = 1; limit <= 8; ++limit) {
        for (qsizetype cut = 0; cut <= text.size(); ++cut) {
            StreamReader reader(limit);
            TextLineReader lines(&reader, QStringConverter::Utf8, LineOverflow::Split);
            bool fed = false;
            const QByteArrayList chunks = {text.first(cut), text.sliced(cut)};
            feed(&reader, chunks, fedWhileReading, &fed);
            QStringList joined;
            QString current;
            while (std::optional<QString> piece = co_await lines.next()) {
                current += *piece;
                if (!lines.lineContinues())
                    joined << std::exchange(current, QString());
            }
            APROC_VERIFY(fed);
            QStringList wanted = expected;
            wanted[0].chop(1); // the "\r" of "\r\n"
            const QString where
                    = u"limit %1, cut at %2: %3"_s.arg(limit).arg(cut).arg(joined.join(u'|'));
            APROC_VERIFY2(joined == wanted, qPrintable(where));
        }
    }
}

// A line the buffer already holds is read without suspending, as readline() is.
void checkBufferedLinesDoNotSuspend()
{
    StreamReader reader(4);
    reader.feedData("abcdefgh\nxy\n"_ba);
    QVERIFY(reader.readline(LineOverflow::Split).await_ready());
    QVERIFY(reader.readline(LineOverflow::Truncate).await_ready());
    TextLineReader lines(&reader);
    QVERIFY(lines.next().await_ready());
    QVERIFY(!reader.readline(LineOverflow::Split).await_ready()); // empty: it would wait
}

// The lines of a real child, over a pipe.
Task<void> checkLinesOfAChild()
{
    ProcessOptions options;
    options.stdoutMode = PIPE;
    const QStringList arguments
            = args("-c", "printf 'caf\\303\\251\\r\\n\\nlong line here\\nlast'");
    auto process = co_await createSubprocessExec(u"/bin/sh"_s, arguments, options);
    StreamReader *output = process->standardOutput();
    APROC_VERIFY(output);
    TextLineReader lines(output, QStringConverter::Utf8, LineOverflow::Truncate);
    QStringList seen;
    while (std::optional<QString> line = co_await lines.next())
        seen << *line;
    APROC_COMPARE(seen, (QStringList{u"caf\u00e9"_s, u""_s, u"long line here"_s, u"last"_s}));
    APROC_COMPARE(co_await process->wait(), 0);
}

} // namespace

void tst_StreamReaderLines::totalDroppedBytes()
{
    APROC_RUN(checkTotalDroppedBytes());
}

void tst_StreamReaderLines::truncateKeepsFlowControl()
{
    APROC_RUN(checkTruncateKeepsFlowControl());
}

void tst_StreamReaderLines::splitKeepsFlowControl()
{
    APROC_RUN(checkSplitKeepsFlowControl());
}

void tst_StreamReaderLines::piecesJoinToTheLine_data()
{
    QTest::addColumn<bool>("fedWhileReading");
    QTest::newRow("buffered") << false;
    QTest::newRow("fed while reading") << true;
}

void tst_StreamReaderLines::piecesJoinToTheLine()
{
    QFETCH(bool, fedWhileReading);
    APROC_RUN(checkPiecesJoinToTheLine(fedWhileReading));
}

void tst_StreamReaderLines::bufferedLinesDoNotSuspend()
{
    checkBufferedLinesDoNotSuspend();
}

void tst_StreamReaderLines::badInput()
{
    StreamReader reader;
    try {
        TextLineReader lines(nullptr);
        QFAIL("a null reader was accepted");
    } catch (const ValueError &error) {
        QVERIFY2(error.message().contains(u"reader"_s), qPrintable(error.message()));
    }
    try {
        TextLineReader lines(&reader, QStringConverter::Utf16);
        QFAIL("UTF-16 was accepted");
    } catch (const ValueError &error) {
        QVERIFY2(error.message().contains(u"UTF-16"_s), qPrintable(error.message()));
    }
    QVERIFY_THROWS_EXCEPTION(ValueError, StreamReader(0));
    APROC_RUN(checkUnknownOverflow());
}

void tst_StreamReaderLines::linesOfAChild()
{
    APROC_RUN(checkLinesOfAChild());
}

QTEST_GUILESS_MAIN(tst_StreamReaderLines)
#include "tst_streamreader_lines.moc"
