// SPDX-License-Identifier: MIT
// StreamReader's hot path: a read the buffer can satisfy neither suspends nor allocates a
// coroutine frame, and a read that must wait does both. The allocations are counted by replacing
// the global operator new, which affects the whole executable: these tests are apart from
// tst_streamreader for that.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/streamreader.h>
#include <aproc/task.h>
#include <aproc/testing.h>

#include <QtTest/QtTest>

#include "support/countingnew.h"
#include "support/readcase.h"

#include <memory>

using namespace aproc;
using testsupport::ReadCase;
using testsupport::startRead;
using namespace Qt::StringLiterals;

class tst_StreamReaderAllocations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bufferedReadDoesNotSuspend_data();
    void bufferedReadDoesNotSuspend();
    void waitingReadSuspends();
};

void tst_StreamReaderAllocations::bufferedReadDoesNotSuspend_data()
{
    QTest::addColumn<ReadCase>("readCase");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("countAllocations");
    const QByteArrayList lines = {"line1\nli"_ba, "ne2\n"_ba};
    QTest::newRow("readline() of a buffered line")
            << ReadCase{.call = "readline"_ba, .before = lines} << "line1\n"_ba << true;
    QTest::newRow("read(n) of buffered bytes")
            << ReadCase{.call = "read"_ba, .size = 3, .before = lines} << "lin"_ba << true;
    QTest::newRow("read() of everything at EOF")
            << ReadCase{.call = "read"_ba, .size = -1, .before = lines, .eofBefore = true}
            << "line1\nline2\n"_ba << true;
    QTest::newRow("readexactly(n) of buffered bytes")
            << ReadCase{.call = "readexactly"_ba, .size = 9, .before = lines} << "line1\nlin"_ba
            << true;
    QTest::newRow("readuntil() of a buffered separator")
            << ReadCase{.call = "readuntil"_ba, .separator = "e2"_ba, .before = lines}
            << "line1\nline2"_ba << true;
    QTest::newRow("readline() at EOF")
            << ReadCase{.call = "readline"_ba, .eofBefore = true} << QByteArray() << true;
    QTest::newRow("readline() too long (throws at once)")
            << ReadCase{.call = "readline"_ba, .limit = 2, .before = lines} << QByteArray()
            << false;
}

// The hot path: a read the buffer can satisfy completes inside await_ready(): a callback
// scheduled just before has not run after it, and no coroutine frame (operator new) was made.
void tst_StreamReaderAllocations::bufferedReadDoesNotSuspend()
{
    QFETCH(ReadCase, readCase);
    QFETCH(QByteArray, expected);
    QFETCH(bool, countAllocations);
    const auto body
            = [](ReadCase readCase, QByteArray expected, bool countAllocations) -> Task<void> {
        StreamReader reader(readCase.limit);
        for (const QByteArray &chunk : std::as_const(readCase.before))
            reader.feedData(chunk);
        if (readCase.eofBefore)
            reader.feedEof();
        const auto ran = std::make_shared<bool>(false);
        EventLoop::current()->callSoon([ran] { *ran = true; });
        QByteArray value;
        bool threw = false;
        const qint64 newCallsBefore = testsupport::operatorNewCalls();
        try {
            value = co_await startRead(reader, readCase);
        } catch (const ValueError &) {
            threw = true;
        }
        const qint64 newCalls = testsupport::operatorNewCalls() - newCallsBefore;
        const bool suspended = *ran;
        APROC_VERIFY2(!suspended, "the read suspended");
        if (countAllocations)
            APROC_COMPARE(newCalls, qint64(0));
        APROC_COMPARE(value, expected);
        APROC_COMPARE(threw, !countAllocations);
    };
    APROC_RUN(body(readCase, expected, countAllocations));
}

// The counterpart, proving the instruments above: a read that must wait suspends and starts its
// slow path (a coroutine frame and a waiter).
void tst_StreamReaderAllocations::waitingReadSuspends()
{
    const auto body = []() -> Task<void> {
        StreamReader reader;
        const auto ran = std::make_shared<bool>(false);
        EventLoop::current()->callSoon([ran] { *ran = true; });
        EventLoop::current()->callSoon([&reader] { reader.feedData("late\n"_ba); });
        const qint64 newCallsBefore = testsupport::operatorNewCalls();
        const QByteArray line = co_await reader.readline();
        const qint64 newCalls = testsupport::operatorNewCalls() - newCallsBefore;
        const bool suspended = *ran;
        APROC_COMPARE(line, "late\n"_ba);
        APROC_VERIFY(suspended);
        APROC_VERIFY(newCalls > 0);
    };
    APROC_RUN(body());
}

QTEST_GUILESS_MAIN(tst_StreamReaderAllocations)
#include "tst_streamreader_allocations.moc"
