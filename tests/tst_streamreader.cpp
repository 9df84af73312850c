// SPDX-License-Identifier: MIT
// StreamReader against asyncio.StreamReader (CPython 3.11): the ST items of CONFORMANCE.md and
// PF-01. The rows of reads() are CPython's own test_streams.py cases (plus a few that make the
// reads wait); their expected outcomes are what python3 prints for the same program, written
// the way Python prints them. Also: fed data is adopted and handed back without copies. That a
// buffered read neither suspends nor allocates is in tst_streamreader_allocations.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/gather.h>
#include <aproc/protocols.h>
#include <aproc/sleep.h>
#include <aproc/streamreader.h>
#include <aproc/task.h>
#include <aproc/testing.h>
#include <aproc/transports.h>
#include <aproc/waitfor.h>

#include <QtTest/QtTest>

#include "support/fds.h"
#include "support/readcase.h"

#include <chrono>
#include <coroutine>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <optional>
#include <unistd.h>

using namespace aproc;
using testsupport::ReadCase;
using testsupport::startRead;
using testsupport::TestPipe;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

/*! Records what the reader asks of its transport (the technique of CPython's test_pause_reading,
 *  which mocks pause_reading/resume_reading). */
class RecordingTransport final : public ReadTransport
{
public:
    struct Calls
    {
        int pauses = 0;
        int resumes = 0;
    };
    explicit RecordingTransport(std::shared_ptr<Calls> calls = std::make_shared<Calls>())
        : calls(std::move(calls))
    { }
    void close() override { m_closing = true; }
    bool isClosing() const override { return m_closing; }
    BaseProtocol *protocol() const override { return nullptr; }
    bool isReading() const override { return m_reading && !m_closing; }
    void pauseReading() override
    {
        ++calls->pauses;
        m_reading = false;
    }
    void resumeReading() override
    {
        ++calls->resumes;
        m_reading = true;
    }

    std::shared_ptr<Calls> calls;

private:
    bool m_reading = true;
    bool m_closing = false;
};

/*! Feeds a StreamReader from a pipe transport, as asyncio's StreamReaderProtocol does, and lets
 *  a coroutine wait for the next thing that happens to it. */
class ReaderProtocol final : public Protocol
{
public:
    explicit ReaderProtocol(StreamReader *reader) : m_reader(reader) { }
    void connectionMade(BaseTransport *transport) override
    {
        m_reader->setTransport(dynamic_cast<ReadTransport *>(transport));
    }
    void dataReceived(const QByteArray &data) override
    {
        received += data.size();
        m_reader->feedData(data);
        notify();
    }
    bool eofReceived() override
    {
        m_reader->feedEof();
        notify();
        return false;
    }
    void connectionLost(std::exception_ptr error) override
    {
        if (error)
            m_reader->setException(error);
        else
            m_reader->feedEof();
        lost = true;
        notify();
    }
    Task<void> until(std::function<bool()> condition)
    {
        while (!condition()) {
            m_changed.emplace(EventLoop::current());
            co_await *m_changed;
        }
    }

    qsizetype received = 0;
    bool lost = false;

private:
    void notify()
    {
        if (m_changed && !m_changed->done())
            m_changed->setResult();
    }

    StreamReader *m_reader;
    std::optional<Future<void>> m_changed;
};

/*! A coroutine type that is not Aproc's, like QCoro's: it starts at once and nobody awaits it. */
struct ForeignCoroutine
{
    struct promise_type
    {
        ForeignCoroutine get_return_object() noexcept { return {}; }
        std::suspend_never initial_suspend() noexcept { return {}; }
        std::suspend_never final_suspend() noexcept { return {}; }
        void return_void() noexcept { }
        void unhandled_exception() noexcept { std::terminate(); }
    };
};

QString pythonBytes(const QByteArray &bytes)
{
    QString text = u"b'"_s;
    for (const char c : bytes) {
        if (c == '\n')
            text += u"\\n"_s;
        else if (c == '\\' || c == '\'')
            text += u'\\' + QLatin1Char(c);
        else if (c >= 0x20 && c < 0x7f)
            text += QLatin1Char(c);
        else
            text += u"\\x%1"_s.arg(int(uchar(c)), 2, 16, QLatin1Char('0'));
    }
    return text + u'\'';
}

QString pythonString(const QString &text)
{
    return u'\'' + text + u'\'';
}

/*! The outcome of a read, written as the Python test program prints it. */
QString describe(const QByteArray &value, const std::exception_ptr &error)
{
    if (!error)
        return u"value="_s + pythonBytes(value);
    try {
        std::rethrow_exception(error);
    } catch (const LimitOverrunError &e) {
        return u"LimitOverrunError(%1, consumed=%2)"_s.arg(pythonString(e.message()))
                .arg(e.consumed());
    } catch (const IncompleteReadError &e) {
        return u"IncompleteReadError(%1, partial=%2, expected=%3)"_s.arg(
                pythonString(e.message()), pythonBytes(e.partial()),
                e.expected() ? QString::number(*e.expected()) : u"None"_s);
    } catch (const ValueError &e) {
        return u"ValueError(%1)"_s.arg(pythonString(e.message()));
    } catch (const InvalidStateError &e) {
        return u"InvalidStateError(%1)"_s.arg(pythonString(e.message()));
    } catch (const CancelledError &e) {
        return u"CancelledError(%1)"_s.arg(pythonString(e.message()));
    } catch (const TimeoutError &e) {
        return u"TimeoutError(%1)"_s.arg(pythonString(e.message()));
    } catch (const std::exception &e) {
        return u"other(%1)"_s.arg(pythonString(QString::fromUtf8(e.what())));
    }
}

/*! Awaits \a awaitable and describes its outcome. */
template<typename A> Task<QString> outcomeOf(A awaitable)
{
    QByteArray value;
    std::exception_ptr error;
    try {
        value = co_await std::move(awaitable);
    } catch (...) {
        error = std::current_exception();
    }
    co_return describe(value, error);
}

/*! Feeds \a chunks (then EOF if \a eof) to \a reader from loop callbacks: all in one, or one
 *  chunk per callback; sets \a *done at the end. */
void feedLater(StreamReader *reader, QByteArrayList chunks, bool oneByOne, bool eof, bool *done)
{
    EventLoop::current()->callSoon([=] {
        if (oneByOne && !chunks.isEmpty()) {
            reader->feedData(chunks.first());
            feedLater(reader, chunks.mid(1), true, eof, done);
            return;
        }
        for (const QByteArray &chunk : chunks)
            reader->feedData(chunk);
        if (eof)
            reader->feedEof();
        *done = true;
    });
}

/*! What the reader still holds: EOF is fed, and everything read. */
Task<QByteArray> remainder(StreamReader *reader)
{
    reader->feedEof();
    co_return co_await reader->read();
}

Task<QByteArray> readlineOf(StreamReader *reader)
{
    co_return co_await reader->readline();
}

Task<QByteArray> readOf(StreamReader *reader, ReadCase readCase)
{
    co_return co_await startRead(*reader, readCase);
}

ForeignCoroutine readlineInForeignCoroutine(StreamReader *reader, QString *outcome)
{
    *outcome = co_await outcomeOf(reader->readline());
}

const QByteArray Data = "line1\nline2\nline3\n"_ba; // test_streams.py's DATA

} // namespace

class tst_StreamReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultLimit();
    void invalidLimit_data();
    void invalidLimit();
    void feedData();
    void reads_data();
    void reads();
    void readlineErrorThenNextLine();
    void atEof();
    void exceptionIsSticky_data();
    void exceptionIsSticky();
    void exceptionWakesTheWaiter_data();
    void exceptionWakesTheWaiter();
    void cancelledWaiterDoesNotBreakSetException();
    void readlineTranslatesSetExceptions();
    void secondWaiterThrows_data();
    void secondWaiterThrows();
    void concurrentReadServedFromTheBuffer();
    void lines_data();
    void lines();
    void pausesAboveTwiceTheLimit();
    void pausesAboveTwiceTheLimitOnAPipe();
    void readAllFromAPipeWithLimit1_data();
    void readAllFromAPipeWithLimit1();
    void waitingResumesAPausedTransport_data();
    void waitingResumesAPausedTransport();
    void destroyedTransportIsNotCalled();
    void fedDataIsNotCopied_data();
    void fedDataIsNotCopied();
    void rawDataIsCopied();
    void cancellingTheReaderCancelsTheWait();
    void waitForAndGather();
    void destroyedReaderWakesTheWaiter();
    void foreignCoroutine_data();
    void foreignCoroutine();
};

// ST-01
void tst_StreamReader::defaultLimit()
{
    StreamReader reader;
    QCOMPARE(reader.limit(), 65536);
    QCOMPARE(StreamReader(1).limit(), 1);
}

void tst_StreamReader::invalidLimit_data()
{
    QTest::addColumn<qsizetype>("limit");
    QTest::newRow("ST-01 limit 0 throws ValueError") << qsizetype(0);
    QTest::newRow("ST-01 limit -1 throws ValueError") << qsizetype(-1);
}

void tst_StreamReader::invalidLimit()
{
    QFETCH(qsizetype, limit);
    QString message;
    try {
        StreamReader reader(limit);
    } catch (const ValueError &error) {
        message = error.message();
    }
    QCOMPARE(message, u"Limit cannot be <= 0"_s);
}

// ST-02
void tst_StreamReader::feedData()
{
    StreamReader reader;
    reader.feedData(QByteArray());
    reader.feedData(""_ba);
    reader.feedEof();
    QVERIFY(reader.atEof()); // nothing was buffered
    QVERIFY_THROWS_EXCEPTION(InvalidStateError, reader.feedData("late"_ba));
    // asyncio's assertion comes before the check for empty data
    QVERIFY_THROWS_EXCEPTION(InvalidStateError, reader.feedData(QByteArray()));
    QVERIFY(reader.atEof());
}

// ST-03 .. ST-12 (ST-18's buffer handling included): outcome and the buffer afterwards.
void tst_StreamReader::reads_data()
{
    QTest::addColumn<ReadCase>("readCase");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QByteArray>("rest");
    const QByteArray data = Data;

    QTest::newRow("ST-03 read(0) gives empty and keeps the buffer")
            << ReadCase{.call = "read"_ba, .before = {data}} << u"value=b''"_s << data;
    QTest::newRow("ST-03 read(n) waits for data")
            << ReadCase{.call = "read"_ba, .size = 30, .later = {data}}
            << u"value=b'line1\\nline2\\nline3\\n'"_s << ""_ba;
    QTest::newRow("ST-03 read(5) leaves line2 buffered")
            << ReadCase{.call = "read"_ba, .size = 5, .before = {"line1"_ba, "line2"_ba}}
            << u"value=b'line1'"_s << "line2"_ba;
    QTest::newRow("ST-03 read(n) gives what there is")
            << ReadCase{.call = "read"_ba, .size = 1024, .before = {"line1"_ba}}
            << u"value=b'line1'"_s << ""_ba;
    QTest::newRow("ST-03 read(n) ignores the limit")
            << ReadCase{.call = "read"_ba, .size = 5, .limit = 3, .before = {"chunk"_ba}}
            << u"value=b'chunk'"_s << ""_ba;
    QTest::newRow("ST-03 read(n) at EOF gives empty")
            << ReadCase{.call = "read"_ba, .size = 1024, .eofLater = true} << u"value=b''"_s
            << ""_ba;
    QTest::newRow("ST-04 read() collects chunks up to EOF")
            << ReadCase{.call = "read"_ba,
                        .size = -1,
                        .later = {"chunk1\n"_ba, "chunk2"_ba},
                        .eofLater = true}
            << u"value=b'chunk1\\nchunk2'"_s << ""_ba;
    QTest::newRow("ST-04 read() with limit 1, fed one by one")
            << ReadCase{.call = "read"_ba,
                        .size = -1,
                        .limit = 1,
                        .before = {"a"_ba},
                        .later = {"bc"_ba, "def"_ba},
                        .oneByOne = true,
                        .eofLater = true}
            << u"value=b'abcdef'"_s << ""_ba;
    QTest::newRow("ST-04 read() with limit 1, all buffered")
            << ReadCase{.call = "read"_ba,
                        .size = -1,
                        .limit = 1,
                        .before = {"abc"_ba, "def"_ba},
                        .eofBefore = true}
            << u"value=b'abcdef'"_s << ""_ba;
    QTest::newRow("ST-04 read() at EOF gives empty")
            << ReadCase{.call = "read"_ba, .size = -1, .eofBefore = true} << u"value=b''"_s
            << ""_ba;
    QTest::newRow("ST-05 readline joins chunks up to the newline")
            << ReadCase{.call = "readline"_ba,
                        .before = {"chunk1 "_ba},
                        .later = {"chunk2 "_ba, "chunk3 "_ba, "\n chunk4"_ba}}
            << u"value=b'chunk1 chunk2 chunk3 \\n'"_s << " chunk4"_ba;
    QTest::newRow("ST-05 readline joins chunks fed one by one")
            << ReadCase{.call = "readline"_ba,
                        .before = {"chunk1 "_ba},
                        .later = {"chunk2 "_ba, "chunk3 "_ba, "\n chunk4"_ba},
                        .oneByOne = true}
            << u"value=b'chunk1 chunk2 chunk3 \\n'"_s << " chunk4"_ba;
    QTest::newRow("ST-05 readline of a buffered line")
            << ReadCase{.call = "readline"_ba, .before = {"line1\n"_ba, "line2\nline3\n"_ba}}
            << u"value=b'line1\\n'"_s << "line2\nline3\n"_ba;
    QTest::newRow("ST-05 readline gives the partial line at EOF")
            << ReadCase{.call = "readline"_ba, .before = {"some data"_ba}, .eofBefore = true}
            << u"value=b'some data'"_s << ""_ba;
    QTest::newRow("ST-05 readline gives empty at EOF")
            << ReadCase{.call = "readline"_ba, .eofBefore = true} << u"value=b''"_s << ""_ba;
    QTest::newRow("ST-06 separator found, chunk too long")
            << ReadCase{.call = "readline"_ba, .limit = 3, .before = {"li"_ba, "ne1\nline2\n"_ba}}
            << u"ValueError('Separator is found, but chunk is longer than limit')"_s
            << "line2\n"_ba;
    QTest::newRow("ST-07 separator not found, chunk too long")
            << ReadCase{.call = "readline"_ba, .limit = 3, .before = {"li"_ba, "ne1"_ba, "li"_ba}}
            << u"ValueError('Separator is not found, and chunk exceed the limit')"_s << ""_ba;
    QTest::newRow("ST-07 separator not found, chunk too long (line1, li)")
            << ReadCase{.call = "readline"_ba, .limit = 3, .before = {"line1"_ba, "li"_ba}}
            << u"ValueError('Separator is not found, and chunk exceed the limit')"_s << ""_ba;
    QTest::newRow("ST-07 limit 7, chunks while waiting, buffer cleared")
            << ReadCase{.call = "readline"_ba,
                        .limit = 7,
                        .later = {"chunk1"_ba, "chunk2"_ba, "chunk3\n"_ba},
                        .eofLater = true}
            << u"ValueError('Separator is found, but chunk is longer than limit')"_s << ""_ba;
    QTest::newRow("ST-07 limit 7, chunks while waiting, chunk3 stays")
            << ReadCase{.call = "readline"_ba,
                        .limit = 7,
                        .later = {"chunk1"_ba, "chunk2\n"_ba, "chunk3\n"_ba},
                        .eofLater = true}
            << u"ValueError('Separator is found, but chunk is longer than limit')"_s
            << "chunk3\n"_ba;
    QTest::newRow("ST-07 limit 7, chunks one by one, not found clears")
            << ReadCase{.call = "readline"_ba,
                        .limit = 7,
                        .later = {"chunk1"_ba, "chunk2"_ba, "chunk3\n"_ba},
                        .oneByOne = true,
                        .eofLater = true}
            << u"ValueError('Separator is not found, and chunk exceed the limit')"_s
            << "chunk3\n"_ba;
    QTest::newRow("ST-08 limit 7 accepts 7 bytes and a newline")
            << ReadCase{.call = "readline"_ba, .limit = 7, .before = {"1234567\n"_ba}}
            << u"value=b'1234567\\n'"_s << ""_ba;
    QTest::newRow("ST-08 limit 7 rejects 8 bytes and a newline")
            << ReadCase{.call = "readline"_ba, .limit = 7, .before = {"12345678\n"_ba}}
            << u"ValueError('Separator is found, but chunk is longer than limit')"_s << ""_ba;
    QTest::newRow("ST-08 limit 7 rejects 8 bytes without a newline")
            << ReadCase{.call = "readline"_ba, .limit = 7, .before = {"12345678"_ba}}
            << u"ValueError('Separator is not found, and chunk exceed the limit')"_s << ""_ba;
    QTest::newRow("ST-18 limit 10, 100 x then ok")
            << ReadCase{.call = "readline"_ba,
                        .limit = 10,
                        .before = {QByteArray(100, 'x') + "\nok\n"_ba}}
            << u"ValueError('Separator is found, but chunk is longer than limit')"_s << "ok\n"_ba;
    QTest::newRow("ST-09 readuntil with an empty separator")
            << ReadCase{.call = "readuntil"_ba, .separator = ""_ba, .before = {"data"_ba}}
            << u"ValueError('Separator should be at least one-byte string')"_s << "data"_ba;
    QTest::newRow("ST-09 readuntil AAA at the end")
            << ReadCase{.call = "readuntil"_ba, .separator = "AAA"_ba, .before = {"lineAAA"_ba}}
            << u"value=b'lineAAA'"_s << ""_ba;
    QTest::newRow("ST-09 readuntil AAA leaves the rest")
            << ReadCase{.call = "readuntil"_ba, .separator = "AAA"_ba, .before = {"lineAAAxxx"_ba}}
            << u"value=b'lineAAA'"_s << "xxx"_ba;
    QTest::newRow("ST-09 separator split across chunks (QWEaa XYaa a)")
            << ReadCase{.call = "readuntil"_ba,
                        .separator = "aaa"_ba,
                        .before = {"QWEaa"_ba, "XYaa"_ba, "a"_ba}}
            << u"value=b'QWEaaXYaaa'"_s << ""_ba;
    QTest::newRow("ST-09 separator split across chunks (QWEaa XYa aa)")
            << ReadCase{.call = "readuntil"_ba,
                        .separator = "aaa"_ba,
                        .before = {"QWEaa"_ba, "XYa"_ba, "aa"_ba}}
            << u"value=b'QWEaaXYaaa'"_s << ""_ba;
    QTest::newRow("ST-09 separator alone")
            << ReadCase{.call = "readuntil"_ba, .separator = "aaa"_ba, .before = {"aaa"_ba}}
            << u"value=b'aaa'"_s << ""_ba;
    QTest::newRow("ST-09 separator after one byte")
            << ReadCase{.call = "readuntil"_ba, .separator = "aaa"_ba, .before = {"Xaaa"_ba}}
            << u"value=b'Xaaa'"_s << ""_ba;
    QTest::newRow("ST-09 separator fed byte by byte while waiting")
            << ReadCase{.call = "readuntil"_ba,
                        .separator = "aaa"_ba,
                        .before = {"XXX"_ba},
                        .later = {"a"_ba, "a"_ba, "a"_ba, "tail"_ba},
                        .oneByOne = true}
            << u"value=b'XXXaaa'"_s << "tail"_ba;
    QTest::newRow("ST-09 separator split while waiting")
            << ReadCase{.call = "readuntil"_ba,
                        .separator = "aaa"_ba,
                        .before = {"QWEaa"_ba},
                        .later = {"XYa"_ba, "aa"_ba, "rest"_ba},
                        .oneByOne = true}
            << u"value=b'QWEaaXYaaa'"_s << "rest"_ba;
    QTest::newRow("ST-09 default separator")
            << ReadCase{.call = "readuntil"_ba, .defaultSeparator = true, .before = {"one\ntwo"_ba}}
            << u"value=b'one\\n'"_s << "two"_ba;
    QTest::newRow("ST-10 readuntil at EOF without the separator")
            << ReadCase{.call = "readuntil"_ba,
                        .separator = "AAA"_ba,
                        .before = {"some dataAA"_ba},
                        .eofBefore = true}
            << u"IncompleteReadError('11 bytes read on a total of undefined expected bytes', "
               u"partial=b'some dataAA', expected=None)"_s
            << ""_ba;
    QTest::newRow("ST-10 readuntil reaching EOF while waiting")
            << ReadCase{.call = "readuntil"_ba,
                        .separator = "AAA"_ba,
                        .before = {"some"_ba},
                        .later = {" dataAA"_ba},
                        .oneByOne = true,
                        .eofLater = true}
            << u"IncompleteReadError('11 bytes read on a total of undefined expected bytes', "
               u"partial=b'some dataAA', expected=None)"_s
            << ""_ba;
    QTest::newRow("ST-11 separator not found within the limit")
            << ReadCase{.call = "readuntil"_ba,
                        .separator = "AAA"_ba,
                        .limit = 3,
                        .before = {"some dataAA"_ba}}
            << u"LimitOverrunError('Separator is not found, and chunk exceed the limit', "
               u"consumed=9)"_s
            << "some dataAA"_ba;
    QTest::newRow("ST-11 separator found beyond the limit")
            << ReadCase{.call = "readuntil"_ba,
                        .separator = "AAA"_ba,
                        .limit = 3,
                        .before = {"some dataAA"_ba, "A"_ba}}
            << u"LimitOverrunError('Separator is found, but chunk is longer than limit', "
               u"consumed=9)"_s
            << "some dataAAA"_ba;
    QTest::newRow("ST-11 limit overrun while waiting")
            << ReadCase{.call = "readuntil"_ba,
                        .separator = "AAA"_ba,
                        .limit = 3,
                        .before = {"so"_ba},
                        .later = {"me"_ba, " dataAA"_ba},
                        .oneByOne = true}
            << u"LimitOverrunError('Separator is not found, and chunk exceed the limit', "
               u"consumed=9)"_s
            << "some dataAA"_ba;
    QTest::newRow("ST-12 readexactly(0) gives empty")
            << ReadCase{.call = "readexactly"_ba, .before = {data}} << u"value=b''"_s << data;
    QTest::newRow("ST-12 readexactly(-1) throws ValueError")
            << ReadCase{.call = "readexactly"_ba, .size = -1, .before = {data}}
            << u"ValueError('readexactly size can not be less than zero')"_s << data;
    QTest::newRow("ST-12 readexactly waits for n bytes")
            << ReadCase{.call = "readexactly"_ba, .size = 36, .later = {data, data, data}}
            << u"value=b'line1\\nline2\\nline3\\nline1\\nline2\\nline3\\n'"_s << data;
    QTest::newRow("ST-12 readexactly waits, fed one by one")
            << ReadCase{.call = "readexactly"_ba,
                        .size = 36,
                        .later = {data, data, data},
                        .oneByOne = true}
            << u"value=b'line1\\nline2\\nline3\\nline1\\nline2\\nline3\\n'"_s << data;
    QTest::newRow("ST-12 readexactly may exceed the limit")
            << ReadCase{.call = "readexactly"_ba, .size = 5, .limit = 3, .before = {"chunk"_ba}}
            << u"value=b'chunk'"_s << ""_ba;
    QTest::newRow("ST-12 EOF after 18 of 36 bytes")
            << ReadCase{.call = "readexactly"_ba, .size = 36, .later = {data}, .eofLater = true}
            << u"IncompleteReadError('18 bytes read on a total of 36 expected bytes', "
               u"partial=b'line1\\nline2\\nline3\\n', expected=36)"_s
            << ""_ba;
    QTest::newRow("ST-12 EOF after 18 of 36 bytes, buffered")
            << ReadCase{.call = "readexactly"_ba, .size = 36, .before = {data}, .eofBefore = true}
            << u"IncompleteReadError('18 bytes read on a total of 36 expected bytes', "
               u"partial=b'line1\\nline2\\nline3\\n', expected=36)"_s
            << ""_ba;
}

void tst_StreamReader::reads()
{
    QFETCH(ReadCase, readCase);
    QFETCH(QString, outcome);
    QFETCH(QByteArray, rest);
    const auto body
            = [](ReadCase readCase, QString expected, QByteArray expectedRest) -> Task<void> {
        StreamReader reader(readCase.limit);
        for (const QByteArray &chunk : std::as_const(readCase.before))
            reader.feedData(chunk);
        if (readCase.eofBefore)
            reader.feedEof();
        bool fed = false;
        feedLater(&reader, readCase.later, readCase.oneByOne, readCase.eofLater, &fed);
        const QString actual = co_await outcomeOf(startRead(reader, readCase));
        while (!fed)
            co_await sleep(0ms);
        APROC_COMPARE(actual, expected);
        const QByteArray actualRest = co_await remainder(&reader);
        APROC_COMPARE(actualRest, expectedRest);
    };
    APROC_RUN(body(readCase, outcome, rest));
}

// ST-18 without a process: the line after the long one is read normally.
void tst_StreamReader::readlineErrorThenNextLine()
{
    const auto body = []() -> Task<void> {
        StreamReader reader(10);
        reader.feedData(QByteArray(100, 'x') + "\nok\n"_ba);
        const QString first = co_await outcomeOf(reader.readline());
        APROC_COMPARE(first, u"ValueError('Separator is found, but chunk is longer than limit')"_s);
        const QByteArray second = co_await reader.readline();
        APROC_COMPARE(second, "ok\n"_ba);
    };
    APROC_RUN(body());
}

// ST-14
void tst_StreamReader::atEof()
{
    const auto body = []() -> Task<void> {
        StreamReader reader;
        APROC_VERIFY(!reader.atEof());
        reader.feedData("some data\n"_ba);
        APROC_VERIFY(!reader.atEof());
        QByteArray line = co_await reader.readline();
        APROC_VERIFY(!reader.atEof());
        reader.feedData("some data\n"_ba);
        reader.feedEof();
        APROC_VERIFY(!reader.atEof()); // EOF fed, but bytes are still buffered
        line = co_await reader.readline();
        APROC_COMPARE(line, "some data\n"_ba);
        APROC_VERIFY(reader.atEof());
    };
    APROC_RUN(body());
}

void tst_StreamReader::exceptionIsSticky_data()
{
    QTest::addColumn<ReadCase>("readCase");
    QTest::newRow("ST-13 read(2) throws the set exception")
            << ReadCase{.call = "read"_ba, .size = 2};
    QTest::newRow("ST-13 read() throws the set exception")
            << ReadCase{.call = "read"_ba, .size = -1};
    QTest::newRow("ST-13 readline() throws the set exception") << ReadCase{.call = "readline"_ba};
    QTest::newRow("ST-13 readuntil() throws the set exception")
            << ReadCase{.call = "readuntil"_ba, .separator = "ne"_ba};
    QTest::newRow("ST-13 readexactly(2) throws the set exception")
            << ReadCase{.call = "readexactly"_ba, .size = 2};
}

// ST-13: every later read throws it; the data stays buffered.
void tst_StreamReader::exceptionIsSticky()
{
    QFETCH(ReadCase, readCase);
    const auto body = [](ReadCase readCase) -> Task<void> {
        StreamReader reader;
        APROC_VERIFY(!reader.exception());
        reader.feedData("line\n"_ba);
        const QByteArray first = co_await reader.read(2);
        APROC_COMPARE(first, "li"_ba);
        const auto error = std::make_exception_ptr(ValueError(u"boom"_s));
        reader.setException(error);
        APROC_VERIFY(reader.exception() == error);
        for (int i = 0; i < 2; ++i) {
            const QString outcome = co_await outcomeOf(startRead(reader, readCase));
            APROC_COMPARE(outcome, u"ValueError('boom')"_s);
        }
        reader.feedEof();
        APROC_VERIFY(!reader.atEof()); // "ne\n" is still there
    };
    APROC_RUN(body(readCase));
}

void tst_StreamReader::exceptionWakesTheWaiter_data()
{
    QTest::addColumn<ReadCase>("readCase");
    // What read(-1) collected before waiting is lost, as in asyncio.
    QTest::addColumn<bool>("emptied");
    QTest::newRow("ST-13 a waiting read(2) is woken with it")
            << ReadCase{.call = "read"_ba, .size = 2} << true;
    QTest::newRow("ST-13 a waiting read() is woken with it")
            << ReadCase{.call = "read"_ba, .size = -1, .before = {"partial"_ba}} << true;
    QTest::newRow("ST-13 a waiting readline() is woken with it")
            << ReadCase{.call = "readline"_ba, .before = {"partial"_ba}} << false;
    QTest::newRow("ST-13 a waiting readuntil() is woken with it")
            << ReadCase{.call = "readuntil"_ba, .separator = "AAA"_ba, .before = {"partial"_ba}}
            << false;
    QTest::newRow("ST-13 a waiting readexactly() is woken with it")
            << ReadCase{.call = "readexactly"_ba, .size = 100, .before = {"partial"_ba}} << false;
}

void tst_StreamReader::exceptionWakesTheWaiter()
{
    QFETCH(ReadCase, readCase);
    QFETCH(bool, emptied);
    const auto body = [](ReadCase readCase, bool emptied) -> Task<void> {
        StreamReader reader;
        for (const QByteArray &chunk : std::as_const(readCase.before))
            reader.feedData(chunk);
        Task<QString> waiting = createTask(outcomeOf(readOf(&reader, readCase)));
        co_await sleep(0ms);
        APROC_VERIFY(!waiting.done());
        reader.setException(ValueError(u"boom"_s));
        const QString outcome = co_await waiting;
        APROC_COMPARE(outcome, u"ValueError('boom')"_s);
        reader.feedEof();
        APROC_COMPARE(reader.atEof(), emptied);
    };
    APROC_RUN(body(readCase, emptied));
}

// ST-13: test_exception_cancel, and the same with no loop iteration between cancel and set.
void tst_StreamReader::cancelledWaiterDoesNotBreakSetException()
{
    const auto body = []() -> Task<void> {
        for (const bool yieldAfterCancel : {true, false}) {
            StreamReader reader;
            Task<QByteArray> waiting = createTask(readlineOf(&reader));
            co_await sleep(0ms);
            APROC_VERIFY(waiting.cancel());
            if (yieldAfterCancel)
                co_await sleep(0ms);
            reader.setException(ValueError(u"message"_s)); // must not throw
            const QString outcome = co_await outcomeOf(waiting);
            APROC_COMPARE(outcome, u"CancelledError('')"_s);
            const QString next = co_await outcomeOf(reader.readline());
            APROC_COMPARE(next, u"ValueError('message')"_s);
        }
    };
    APROC_RUN(body());
}

// As asyncio: readline()'s `except` clauses also see an exception given to setException().
void tst_StreamReader::readlineTranslatesSetExceptions()
{
    const auto body = []() -> Task<void> {
        StreamReader reader;
        reader.feedData("abc\ndef"_ba);
        reader.setException(IncompleteReadError("part"_ba, std::nullopt));
        const QString line = co_await outcomeOf(reader.readline());
        APROC_COMPARE(line, u"value=b'part'"_s);
        const QString read = co_await outcomeOf(reader.read(1));
        APROC_COMPARE(read, u"IncompleteReadError('4 bytes read on a total of undefined expected "
                            u"bytes', partial=b'part', expected=None)"_s);

        StreamReader overrun;
        overrun.feedData("abc\ndef"_ba);
        overrun.setException(LimitOverrunError(u"custom"_s, 3));
        const QString error = co_await outcomeOf(overrun.readline());
        APROC_COMPARE(error, u"ValueError('custom')"_s);
        overrun.feedEof();
        APROC_VERIFY(!overrun.atEof()); // "abc\n" was dropped, "def" stays
    };
    APROC_RUN(body());
}

void tst_StreamReader::secondWaiterThrows_data()
{
    QTest::addColumn<ReadCase>("readCase");
    QTest::addColumn<QString>("outcome");
    const QString message = u"InvalidStateError('%1() called while another coroutine is already "
                            u"waiting for incoming data')"_s;
    QTest::newRow("read(1) while another read waits")
            << ReadCase{.call = "read"_ba, .size = 1} << message.arg(u"read"_s);
    QTest::newRow("read() while another read waits")
            << ReadCase{.call = "read"_ba, .size = -1} << message.arg(u"read"_s);
    QTest::newRow("readline() while another read waits")
            << ReadCase{.call = "readline"_ba} << message.arg(u"readuntil"_s);
    QTest::newRow("readuntil() while another read waits")
            << ReadCase{.call = "readuntil"_ba, .separator = "x"_ba} << message.arg(u"readuntil"_s);
    QTest::newRow("readexactly(1) while another read waits")
            << ReadCase{.call = "readexactly"_ba, .size = 1} << message.arg(u"readexactly"_s);
}

// asyncio's RuntimeError of _wait_for_data(), as InvalidStateError.
void tst_StreamReader::secondWaiterThrows()
{
    QFETCH(ReadCase, readCase);
    QFETCH(QString, outcome);
    const auto body = [](ReadCase readCase, QString expected) -> Task<void> {
        StreamReader reader;
        Task<QByteArray> first = createTask(readlineOf(&reader));
        co_await sleep(0ms);
        const QString second = co_await outcomeOf(startRead(reader, readCase));
        APROC_COMPARE(second, expected);
        reader.feedData("x\n"_ba);
        const QByteArray line = co_await first;
        APROC_COMPARE(line, "x\n"_ba);
    };
    APROC_RUN(body(readCase, outcome));
}

// As asyncio: a read that does not need to wait is served even while another one waits.
void tst_StreamReader::concurrentReadServedFromTheBuffer()
{
    const auto body = []() -> Task<void> {
        StreamReader reader;
        reader.feedData("abcde"_ba);
        Task<QByteArray> exactly
                = createTask(readOf(&reader, {.call = "readexactly"_ba, .size = 10}));
        co_await sleep(0ms);
        const QByteArray two = co_await reader.read(2);
        APROC_COMPARE(two, "ab"_ba);
        reader.feedData("fghijkl"_ba);
        const QByteArray ten = co_await exactly;
        APROC_COMPARE(ten, "cdefghijkl"_ba);
    };
    APROC_RUN(body());
}

void tst_StreamReader::lines_data()
{
    QTest::addColumn<bool>("fedWhileIterating");
    QTest::newRow("ST-16 lines of a buffered stream") << false;
    QTest::newRow("ST-16 lines fed while iterating") << true;
}

// ST-16
void tst_StreamReader::lines()
{
    QFETCH(bool, fedWhileIterating);
    const auto body = [](bool fedWhileIterating) -> Task<void> {
        StreamReader reader;
        const QByteArrayList chunks = {"a\nb"_ba, "\n"_ba, "c"_ba};
        bool fed = false;
        if (fedWhileIterating) {
            feedLater(&reader, chunks, true, true, &fed);
        } else {
            for (const QByteArray &chunk : chunks)
                reader.feedData(chunk);
            reader.feedEof();
            fed = true;
        }
        QByteArrayList seen;
        LineIterator lines = reader.lines();
        while (std::optional<QByteArray> line = co_await lines.next())
            seen << *line;
        const std::optional<QByteArray> after = co_await lines.next();
        while (!fed)
            co_await sleep(0ms);
        APROC_COMPARE(seen, (QByteArrayList{"a\n"_ba, "b\n"_ba, "c"_ba}));
        APROC_VERIFY(!after);
    };
    APROC_RUN(body(fedWhileIterating));
}

// PF-01 with a transport that records the calls: paused and resumed exactly once each time.
void tst_StreamReader::pausesAboveTwiceTheLimit()
{
    const auto body = []() -> Task<void> {
        RecordingTransport transport;
        StreamReader reader(10);
        reader.setTransport(&transport);
        reader.feedData(QByteArray(20, 'x'));
        APROC_COMPARE(transport.calls->pauses, 0); // 20 is not more than 2 × limit
        APROC_VERIFY(transport.isReading());
        reader.feedData("y"_ba);
        APROC_COMPARE(transport.calls->pauses, 1); // 21 is
        APROC_VERIFY(!transport.isReading());
        reader.feedData("z"_ba);
        APROC_COMPARE(transport.calls->pauses, 1); // paused once
        QByteArray data = co_await reader.read(11);
        APROC_COMPARE(data.size(), 11);
        APROC_COMPARE(transport.calls->resumes, 0); // 11 left: more than the limit
        data = co_await reader.readexactly(1);
        APROC_COMPARE(transport.calls->resumes, 1); // 10 left
        APROC_VERIFY(transport.isReading());
        reader.feedData(QByteArray(11, 'w'));
        APROC_COMPARE(transport.calls->pauses, 2);
        const QString line = co_await outcomeOf(reader.readline());
        APROC_COMPARE(line, u"ValueError('Separator is not found, and chunk exceed the limit')"_s);
        APROC_COMPARE(transport.calls->resumes, 2); // readline's ValueError cleared the buffer
    };
    APROC_RUN(body());
}

// PF-01 on a real pipe (EventLoop::connectReadPipe): isReading() at 20 and 21 bytes buffered,
// then drained to 11 and to 10.
void tst_StreamReader::pausesAboveTwiceTheLimitOnAPipe()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        StreamReader reader(10);
        auto protocol = std::make_shared<ReaderProtocol>(&reader);
        const std::shared_ptr<ReadTransport> transport
                = co_await EventLoop::current()->connectReadPipe(protocol, pipe.takeRead());
        APROC_VERIFY(transport->isReading());
        APROC_VERIFY(pipe.write(QByteArray(20, 'x')));
        co_await protocol->until([&] { return protocol->received == 20; });
        APROC_VERIFY(transport->isReading()); // 20 is not more than 2 × limit
        APROC_VERIFY(pipe.write("y"_ba));
        co_await protocol->until([&] { return protocol->received == 21; });
        APROC_VERIFY(!transport->isReading()); // 21 is
        APROC_VERIFY(pipe.write("late"_ba)); // stays in the pipe while paused
        QByteArray data = co_await reader.read(10);
        APROC_COMPARE(data, QByteArray(10, 'x'));
        APROC_VERIFY(!transport->isReading()); // 11 left
        data = co_await reader.read(1);
        APROC_VERIFY(transport->isReading()); // 10 left
        data = co_await reader.readexactly(14);
        const QByteArray expected = QByteArray(9, 'x') + "ylate"_ba; // not a QStringBuilder
        APROC_COMPARE(data, expected);
        pipe.closeWrite();
        const QByteArray rest = co_await reader.read();
        APROC_COMPARE(rest, QByteArray());
        co_await protocol->until([&] { return protocol->lost; });
        APROC_VERIFY(reader.atEof());
    };
    APROC_RUN(body());
}

void tst_StreamReader::readAllFromAPipeWithLimit1_data()
{
    QTest::addColumn<QByteArray>("sent");
    QTest::newRow("ST-04 read() of 'data' with limit 1 (test_read_all_from_pipe_reader)")
            << "data"_ba;
    QByteArray many;
    for (int i = 0; i < 1000; ++i)
        many += char('a' + i % 26);
    QTest::newRow("ST-04 read() of 1000 bytes with limit 1, paused and resumed") << many;
}

// ST-04: read() gives everything up to EOF although the writer sends more than 2 × limit.
void tst_StreamReader::readAllFromAPipeWithLimit1()
{
    QFETCH(QByteArray, sent);
    const auto body = [](QByteArray sent) -> Task<void> {
        TestPipe pipe;
        StreamReader reader(1);
        auto protocol = std::make_shared<ReaderProtocol>(&reader);
        const std::shared_ptr<ReadTransport> transport
                = co_await EventLoop::current()->connectReadPipe(protocol, pipe.takeRead());
        APROC_VERIFY(pipe.write(sent));
        pipe.closeWrite();
        const QByteArray all = co_await reader.read();
        APROC_COMPARE(all, sent);
        co_await protocol->until([&] { return protocol->lost; });
    };
    APROC_RUN(body(sent));
}

void tst_StreamReader::waitingResumesAPausedTransport_data()
{
    QTest::addColumn<ReadCase>("readCase");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("PF-01 readexactly(n > limit) while paused") << ReadCase{.call = "readexactly"_ba,
                                                                           .size = 8,
                                                                           .limit = 2,
                                                                           .before = {"abcde"_ba},
                                                                           .later = {"fgh"_ba}}
                                                               << "abcdefgh"_ba;
    QTest::newRow("ST-04 read() with limit 1 while paused") << ReadCase{.call = "read"_ba,
                                                                        .size = -1,
                                                                        .limit = 1,
                                                                        .before = {"data!"_ba},
                                                                        .later = {"more"_ba},
                                                                        .eofLater = true}
                                                            << "data!more"_ba;
    QTest::newRow("PF-01 readuntil() while paused") << ReadCase{.call = "readuntil"_ba,
                                                                .separator = "cdeXY"_ba,
                                                                .limit = 2,
                                                                .before = {"abcde"_ba},
                                                                .later = {"XY"_ba}}
                                                    << "abcdeXY"_ba;
}

// asyncio's _wait_for_data(): waiting while paused would deadlock, so the transport resumes.
// The counts afterwards are those python3 prints with a mock transport.
void tst_StreamReader::waitingResumesAPausedTransport()
{
    QFETCH(ReadCase, readCase);
    QFETCH(QByteArray, expected);
    const auto body = [](ReadCase readCase, QByteArray expected) -> Task<void> {
        RecordingTransport transport;
        StreamReader reader(readCase.limit);
        reader.setTransport(&transport);
        for (const QByteArray &chunk : std::as_const(readCase.before))
            reader.feedData(chunk);
        APROC_VERIFY(!transport.isReading());
        Task<QString> reading = createTask(outcomeOf(readOf(&reader, readCase)));
        co_await sleep(0ms);
        APROC_VERIFY(!reading.done());
        APROC_VERIFY(transport.isReading()); // the waiting read resumed it
        APROC_COMPARE(transport.calls->resumes, 1);
        for (const QByteArray &chunk : std::as_const(readCase.later))
            reader.feedData(chunk); // above 2 × limit again: paused again
        if (readCase.eofLater)
            reader.feedEof();
        const QString outcome = co_await reading;
        const QString expectedOutcome = u"value="_s + pythonBytes(expected);
        APROC_COMPARE(outcome, expectedOutcome);
        APROC_COMPARE(transport.calls->pauses, 2);
        APROC_COMPARE(transport.calls->resumes, 2);
    };
    APROC_RUN(body(readCase, expected));
}

// A transport the loop has let go of (it was shared-owned) is not called any more.
void tst_StreamReader::destroyedTransportIsNotCalled()
{
    const auto calls = std::make_shared<RecordingTransport::Calls>();
    StreamReader reader(1);
    {
        const auto transport = std::make_shared<RecordingTransport>(calls);
        reader.setTransport(transport.get());
        reader.feedData("abc"_ba);
        QCOMPARE(calls->pauses, 1);
    }
    reader.feedData("def"_ba);
    reader.feedEof();
    const auto body = [](StreamReader *reader) -> Task<void> {
        const QByteArray all = co_await reader->read();
        APROC_COMPARE(all, "abcdef"_ba);
    };
    APROC_RUN(body(&reader));
    QCOMPARE(calls->resumes, 0);
}

void tst_StreamReader::fedDataIsNotCopied_data()
{
    QTest::addColumn<ReadCase>("readCase");
    QTest::addColumn<bool>("eof");
    const qsizetype size = 60000 + 1; // a line within the default limit
    QTest::newRow("read() of everything") << ReadCase{.call = "read"_ba, .size = -1} << true;
    QTest::newRow("read(n) of everything") << ReadCase{.call = "read"_ba, .size = size} << false;
    QTest::newRow("read(n > size)") << ReadCase{.call = "read"_ba, .size = 2 * size} << false;
    QTest::newRow("readexactly(size)") << ReadCase{.call = "readexactly"_ba, .size = size} << false;
    QTest::newRow("readline() of the only line") << ReadCase{.call = "readline"_ba} << false;
    QTest::newRow("readuntil() of the only record")
            << ReadCase{.call = "readuntil"_ba, .separator = "x\n"_ba} << false;
}

// feedData() into an empty buffer adopts the array; a read of all of it hands it back.
void tst_StreamReader::fedDataIsNotCopied()
{
    QFETCH(ReadCase, readCase);
    QFETCH(bool, eof);
    const auto body = [](ReadCase readCase, bool eof) -> Task<void> {
        StreamReader reader;
        QByteArray chunk(60000, 'x');
        chunk += '\n';
        reader.feedData(chunk);
        if (eof)
            reader.feedEof();
        const QByteArray value = co_await startRead(reader, readCase);
        APROC_COMPARE(value.size(), chunk.size());
        APROC_VERIFY(value.constData() == chunk.constData());
        APROC_VERIFY(value.isSharedWith(chunk));
    };
    APROC_RUN(body(readCase, eof));
}

// Data that does not own its bytes (fromRawData) is copied: the reader never points into memory
// the feeder reuses.
void tst_StreamReader::rawDataIsCopied()
{
    const auto body = []() -> Task<void> {
        char bytes[] = "hello\n";
        StreamReader reader;
        reader.feedData(QByteArray::fromRawData(bytes, 6));
        bytes[0] = 'j';
        const QByteArray line = co_await reader.readline();
        APROC_COMPARE(line, "hello\n"_ba);
    };
    APROC_RUN(body());
}

// Cancelling the task cancels asyncio's _waiter; the reader can be waited on again.
void tst_StreamReader::cancellingTheReaderCancelsTheWait()
{
    const auto body = []() -> Task<void> {
        StreamReader reader;
        Task<QByteArray> waiting = createTask(readlineOf(&reader));
        co_await sleep(0ms);
        APROC_VERIFY(waiting.cancel(u"enough"_s));
        const QString outcome = co_await outcomeOf(waiting);
        APROC_COMPARE(outcome, u"CancelledError('enough')"_s);
        APROC_VERIFY(waiting.cancelled());
        bool fed = false;
        feedLater(&reader, {"after\n"_ba}, false, false, &fed);
        const QByteArray line = co_await reader.readline();
        APROC_COMPARE(line, "after\n"_ba);
        APROC_VERIFY(fed);
    };
    APROC_RUN(body());
}

// The read awaitables are not Tasks: waitFor() and gather() wrap them (detail::ensureFuture).
void tst_StreamReader::waitForAndGather()
{
    const auto body = []() -> Task<void> {
        StreamReader reader;
        const QString timedOut = co_await outcomeOf(waitFor(reader.readline(), 10ms));
        APROC_VERIFY2(timedOut.startsWith(u"TimeoutError("_s), qPrintable(timedOut));
        reader.feedData("late\n"_ba);
        const QByteArray line = co_await waitFor(reader.readline(), 10s);
        APROC_COMPARE(line, "late\n"_ba);

        StreamReader one;
        StreamReader two;
        bool fedOne = false;
        bool fedTwo = false;
        feedLater(&one, {"first\n"_ba}, false, false, &fedOne);
        feedLater(&two, {"sec"_ba, "ond"_ba}, true, true, &fedTwo);
        const auto [first, second] = co_await gather(one.readline(), two.read());
        while (!fedOne || !fedTwo)
            co_await sleep(0ms);
        APROC_COMPARE(first, "first\n"_ba);
        APROC_COMPARE(second, "second"_ba);
        const std::optional<QByteArray> next = co_await waitFor(two.lines().next(), 10s);
        APROC_VERIFY(!next);
    };
    APROC_RUN(body());
}

// Destroying the reader wakes a coroutine waiting on it with CancelledError (as awaiting a
// signal of a destroyed object does), and nothing touches the dead reader.
void tst_StreamReader::destroyedReaderWakesTheWaiter()
{
    const auto body = []() -> Task<void> {
        auto reader = std::make_unique<StreamReader>();
        Task<QByteArray> waiting = createTask(readlineOf(reader.get()));
        co_await sleep(0ms);
        reader.reset();
        const QString outcome = co_await outcomeOf(waiting);
        APROC_VERIFY2(outcome.startsWith(u"CancelledError("_s), qPrintable(outcome));
    };
    APROC_RUN(body());
}

void tst_StreamReader::foreignCoroutine_data()
{
    QTest::addColumn<bool>("dataBeforeTheSlowPathStarts");
    QTest::newRow("data fed before the slow task's first step") << true;
    QTest::newRow("data fed while it waits") << false;
}

// A coroutine of another library awaits a read: the slow path runs as a task of its own,
// scheduled; data fed before it starts is not missed.
void tst_StreamReader::foreignCoroutine()
{
    QFETCH(bool, dataBeforeTheSlowPathStarts);
    const auto body = [](bool dataFirst) -> Task<void> {
        StreamReader reader;
        QString outcome;
        readlineInForeignCoroutine(&reader, &outcome);
        APROC_VERIFY(outcome.isEmpty());
        if (dataFirst) {
            reader.feedData("hello\n"_ba);
        } else {
            co_await sleep(0ms);
            co_await sleep(0ms);
            reader.feedData("hel"_ba);
            co_await sleep(0ms);
            reader.feedData("lo\n"_ba);
        }
        for (int i = 0; i < 100 && outcome.isEmpty(); ++i)
            co_await sleep(0ms);
        APROC_COMPARE(outcome, u"value=b'hello\\n'"_s);
    };
    APROC_RUN(body(dataBeforeTheSlowPathStarts));
}

QTEST_GUILESS_MAIN(tst_StreamReader)
#include "tst_streamreader.moc"
