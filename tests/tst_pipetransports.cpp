// SPDX-License-Identifier: MIT
// EventLoop::connectReadPipe()/connectWritePipe() and the pipe transports, checked against
// asyncio's _UnixReadPipeTransport/_UnixWritePipeTransport (CONFORMANCE PF-06, PF-07, PF-09,
// PF-10, PF-11, PF-12, PF-14) on real pipes whose other end the test reads or writes itself.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/protocols.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>
#include <aproc/transports.h>

#include <QtCore/QScopeGuard>
#include <QtTest/QtTest>

#include "support/fds.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <limits>
#include <sys/mman.h>
#include <unistd.h>

using namespace aproc;
using testsupport::openFdCount;
using testsupport::TestPipe;
using namespace std::chrono_literals;

namespace {

bool fdIsOpen(int fd)
{
    return ::fcntl(fd, F_GETFD) != -1 || errno != EBADF;
}

/*! Resumes once \a fd is readable. */
Task<void> readable(int fd)
{
    EventLoop *loop = EventLoop::current();
    Future<void> ready(loop);
    loop->addReader(fd, [ready]() mutable {
        if (!ready.done())
            ready.setResult();
    });
    const auto unwatch = qScopeGuard([loop, fd] { loop->removeReader(fd); });
    co_await ready;
}

/*! Reads what is there now, without blocking (\a fd must be non-blocking). */
QByteArray readAvailable(int fd)
{
    QByteArray all;
    char buffer[65536];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;)
        all.append(buffer, n);
    return all;
}

/*! Reads \a fd up to EOF, as the loop reports it readable. */
Task<QByteArray> readToEof(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    QByteArray all;
    char buffer[65536];
    for (;;) {
        co_await readable(fd);
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n == 0)
            co_return all;
        if (n > 0)
            all.append(buffer, n);
    }
}

/*! Returns once the loop's dispatcher has polled every fd at least once more: a probe pipe made
 *  readable now is seen in a poll that sees everything else readable too; twice, so that the
 *  rest of that poll's events have been dispatched. */
Task<void> pollBarrier()
{
    for (int i = 0; i < 2; ++i) {
        TestPipe probe;
        if (::write(probe.writeEnd(), "x", 1) != 1)
            qFatal("probe write failed");
        co_await readable(probe.readEnd());
    }
}

/*! Records what a transport does to it, and lets a coroutine wait for the next of it. */
class Recorder
{
public:
    QStringList events;

    void record(const QString &event)
    {
        events.append(event);
        notify();
    }
    void notify()
    {
        if (m_changed && !m_changed->done())
            m_changed->setResult();
    }
    /*! Resumes once \a condition holds, checking after each recorded event. */
    Task<void> until(std::function<bool()> condition)
    {
        while (!condition()) {
            m_changed.emplace(EventLoop::current());
            co_await *m_changed;
        }
    }

private:
    std::optional<Future<void>> m_changed;
};

QString describe(std::exception_ptr error)
{
    if (!error)
        return QStringLiteral("null");
    try {
        std::rethrow_exception(error);
    } catch (const BrokenPipeError &e) {
        return QStringLiteral("BrokenPipeError(%1)").arg(e.errorNumber());
    } catch (const OSError &e) {
        return QStringLiteral("OSError(%1)").arg(e.errorNumber());
    } catch (...) {
        return QStringLiteral("other");
    }
}

class ReadProtocol : public Protocol, public Recorder
{
public:
    BaseTransport *transport = nullptr;
    QByteArray data;
    QList<qsizetype> chunks;
    bool lost = false;

    void connectionMade(BaseTransport *t) override
    {
        transport = t;
        record(QStringLiteral("made"));
    }
    void dataReceived(const QByteArray &bytes) override
    {
        data += bytes;
        chunks.append(bytes.size());
        if (events.isEmpty() || events.last() != QLatin1String("data"))
            events.append(QStringLiteral("data")); // consecutive chunks: one "data" event
        notify();
    }
    bool eofReceived() override
    {
        record(QStringLiteral("eof"));
        return false;
    }
    void connectionLost(std::exception_ptr error) override
    {
        lost = true;
        record(QStringLiteral("lost:") + describe(error));
    }
};

class WriteProtocol : public BaseProtocol, public Recorder
{
public:
    WriteTransport *transport = nullptr;
    bool lost = false;
    int pauses = 0;
    int resumes = 0;

    void connectionMade(BaseTransport *t) override
    {
        transport = dynamic_cast<WriteTransport *>(t);
        record(QStringLiteral("made"));
    }
    void pauseWriting() override
    {
        ++pauses;
        record(QStringLiteral("pause:%1").arg(transport->writeBufferSize()));
    }
    void resumeWriting() override
    {
        ++resumes;
        record(QStringLiteral("resume:%1").arg(transport->writeBufferSize()));
    }
    void connectionLost(std::exception_ptr error) override
    {
        lost = true;
        record(QStringLiteral("lost:") + describe(error));
    }
};

constexpr int NotGiven = std::numeric_limits<int>::min();

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char('a' + (i * 7 + i / 251) % 26);
    return bytes;
}

} // namespace

class tst_PipeTransports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // read pipes
    void readDataThenEof();
    void readAtMost256KiBPerEvent();
    void pauseAndResumeReading();
    void closeReadTransport();
    void readErrorLosesConnection();
    void rejectsWhatIsNotAPipe_data();
    void rejectsWhatIsNotAPipe();
    void cancelledConnectClosesTransport();
    void droppedConnectTaskClosesFd();

    // write pipes
    void writesAtOnceWhenIdle();
    void buffersRestInOrder();
    void bufferLimits_data();
    void bufferLimits();
    void pauseAboveHighResumeAtLow();
    void flushesBeforeClosing_data();
    void flushesBeforeClosing();
    void abortDiscardsBuffer();
    void sigpipeDefaultBecomesIgnored();
    void sigpipeHandlerLeftAlone();
    void brokenPipe();
    void brokenPipeWhileBuffered();
    void readerGoneWhileIdle();

private:
    int m_fdsBefore = 0;
};

void tst_PipeTransports::initTestCase()
{
    // Warm up: the loop and the dispatcher's own descriptors exist before the first count.
    APROC_RUN(pollBarrier());
}

void tst_PipeTransports::init()
{
    m_fdsBefore = openFdCount();
}

void tst_PipeTransports::cleanup()
{
    QCOMPARE(openFdCount(), m_fdsBefore); // no fd leak
}

// PF-07: connectReadPipe completes after connectionMade; data, then EOF gives eofReceived() then
// connectionLost(null), and the fd is closed.
void tst_PipeTransports::readDataThenEof()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        const int fd = pipe.takeRead();
        auto protocol = std::make_shared<ReadProtocol>();
        auto transport = co_await EventLoop::current()->connectReadPipe(protocol, fd);
        APROC_COMPARE(protocol->events, QStringList{QStringLiteral("made")});
        APROC_VERIFY(protocol->transport == transport.get());
        APROC_VERIFY(transport->protocol() == protocol.get());
        APROC_VERIFY(::fcntl(fd, F_GETFL) & O_NONBLOCK);
        APROC_VERIFY(transport->isReading());
        APROC_VERIFY(!transport->isClosing());

        APROC_COMPARE(::write(pipe.writeEnd(), "hello ", 6), ssize_t(6));
        co_await protocol->until([&] { return protocol->data.size() == 6; });
        APROC_COMPARE(::write(pipe.writeEnd(), "world", 5), ssize_t(5));
        pipe.closeWrite();
        co_await protocol->until([&] { return protocol->lost; });
        APROC_COMPARE(protocol->data, QByteArray("hello world"));
        APROC_COMPARE(protocol->events,
                      (QStringList{QStringLiteral("made"), QStringLiteral("data"),
                                   QStringLiteral("eof"), QStringLiteral("lost:null")}));
        APROC_VERIFY(transport->isClosing());
        APROC_VERIFY(!transport->isReading());
        co_await sleep(0ms); // the fd is closed right after connectionLost() returns
        APROC_VERIFY(!fdIsOpen(fd));
    };
    APROC_RUN(body());
}

// One read() per readiness event, of at most 256 KiB (asyncio's max_size).
void tst_PipeTransports::readAtMost256KiBPerEvent()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        const qsizetype total = 1024 * 1024;
        APROC_VERIFY2(::fcntl(pipe.writeEnd(), F_SETPIPE_SZ, int(total)) >= total,
                      "a 1 MiB pipe (see /proc/sys/fs/pipe-max-size)");
        const QByteArray sent = pattern(total);
        APROC_COMPARE(::write(pipe.writeEnd(), sent.constData(), size_t(total)), ssize_t(total));
        pipe.closeWrite();
        auto protocol = std::make_shared<ReadProtocol>();
        auto transport = co_await EventLoop::current()->connectReadPipe(protocol, pipe.takeRead());
        co_await protocol->until([&] { return protocol->lost; });
        APROC_VERIFY(protocol->data == sent);
        APROC_COMPARE(protocol->chunks.first(), qsizetype(256 * 1024));
        APROC_COMPARE(*std::max_element(protocol->chunks.begin(), protocol->chunks.end()),
                      qsizetype(256 * 1024));
    };
    APROC_RUN(body());
}

// PF-06: pauseReading()/resumeReading() are idempotent and no-ops after close(); isReading();
// data written while paused arrives after resume.
void tst_PipeTransports::pauseAndResumeReading()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        auto protocol = std::make_shared<ReadProtocol>();
        auto transport = co_await EventLoop::current()->connectReadPipe(protocol, pipe.takeRead());
        transport->pauseReading();
        transport->pauseReading();
        APROC_VERIFY(!transport->isReading());
        APROC_COMPARE(::write(pipe.writeEnd(), "abc", 3), ssize_t(3));
        co_await pollBarrier();
        APROC_COMPARE(protocol->data, QByteArray()); // paused: nothing delivered
        transport->resumeReading();
        transport->resumeReading();
        APROC_VERIFY(transport->isReading());
        co_await protocol->until([&] { return protocol->data == "abc"; });
        APROC_COMPARE(protocol->chunks.size(), qsizetype(1));

        transport->close();
        transport->pauseReading();
        APROC_VERIFY(!transport->isReading());
        transport->resumeReading();
        APROC_VERIFY(!transport->isReading());
        APROC_COMPARE(::write(pipe.writeEnd(), "def", 3), ssize_t(3));
        co_await protocol->until([&] { return protocol->lost; });
        co_await pollBarrier();
        APROC_COMPARE(protocol->data, QByteArray("abc"));
        APROC_COMPARE(protocol->events, (QStringList{QStringLiteral("made"), QStringLiteral("data"),
                                                     QStringLiteral("lost:null")}));
    };
    APROC_RUN(body());
}

// close() calls connectionLost(null) soon (not inline), once, and delivers nothing more.
void tst_PipeTransports::closeReadTransport()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        auto protocol = std::make_shared<ReadProtocol>();
        auto transport = co_await EventLoop::current()->connectReadPipe(protocol, pipe.takeRead());
        APROC_COMPARE(::write(pipe.writeEnd(), "unread", 6), ssize_t(6));
        transport->close();
        transport->close();
        APROC_VERIFY(transport->isClosing());
        APROC_VERIFY(!protocol->lost);
        co_await protocol->until([&] { return protocol->lost; });
        co_await pollBarrier();
        APROC_COMPARE(protocol->events,
                      (QStringList{QStringLiteral("made"), QStringLiteral("lost:null")}));
        // The reader is gone: writing now fails with EPIPE (SIGPIPE is ignored by now, or not
        // yet: block it so that this check cannot kill the test either way).
        sigset_t pipeSignal, old;
        sigemptyset(&pipeSignal);
        sigaddset(&pipeSignal, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &old);
        const bool epipe = ::write(pipe.writeEnd(), "x", 1) == -1 && errno == EPIPE;
        timespec zero{};
        sigtimedwait(&pipeSignal, nullptr, &zero); // consume the pending SIGPIPE, if any
        pthread_sigmask(SIG_SETMASK, &old, nullptr);
        APROC_VERIFY(epipe);
    };
    APROC_RUN(body());
}

// A failing read() loses the connection with the OSError subclass, reported to the loop's
// exception handler like asyncio's _fatal_error. /dev/null opened write-only polls readable and
// fails read() with EBADF.
void tst_PipeTransports::readErrorLosesConnection()
{
    const auto body = []() -> Task<void> {
        EventLoop *loop = EventLoop::current();
        QStringList reported;
        loop->setExceptionHandler([&reported](EventLoop *, const ExceptionContext &context) {
            reported.append(context.message);
        });
        const auto restore = qScopeGuard([loop] { loop->setExceptionHandler({}); });
        const int fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        APROC_VERIFY(fd >= 0);
        auto protocol = std::make_shared<ReadProtocol>();
        auto transport = co_await loop->connectReadPipe(protocol, fd);
        co_await protocol->until([&] { return protocol->lost; });
        APROC_COMPARE(protocol->events.last(), QStringLiteral("lost:OSError(%1)").arg(EBADF));
        APROC_COMPARE(reported, QStringList{QStringLiteral("Fatal read error on pipe transport")});
    };
    APROC_RUN(body());
}

void tst_PipeTransports::rejectsWhatIsNotAPipe_data()
{
    QTest::addColumn<bool>("regularFile");
    QTest::addColumn<bool>("nullProtocol");
    QTest::addColumn<bool>("write");
    QTest::newRow("read: regular file") << true << false << false;
    QTest::newRow("write: regular file") << true << false << true;
    QTest::newRow("read: null protocol") << false << true << false;
    QTest::newRow("write: null protocol") << false << true << true;
}

// ValueError, and the fd handed over is closed all the same.
void tst_PipeTransports::rejectsWhatIsNotAPipe()
{
    QFETCH(bool, regularFile);
    QFETCH(bool, nullProtocol);
    QFETCH(bool, write);
    const auto body = [](bool regularFile, bool nullProtocol, bool write) -> Task<void> {
        TestPipe pipe;
        const int fd = regularFile ? ::memfd_create("not-a-pipe", MFD_CLOEXEC)
                                   : (write ? pipe.takeWrite() : pipe.takeRead());
        APROC_VERIFY(fd >= 0);
        EventLoop *loop = EventLoop::current();
        bool threw = false;
        try {
            if (write) {
                std::shared_ptr<BaseProtocol> protocol;
                if (!nullProtocol)
                    protocol = std::make_shared<WriteProtocol>();
                co_await loop->connectWritePipe(protocol, fd);
            } else {
                std::shared_ptr<Protocol> protocol;
                if (!nullProtocol)
                    protocol = std::make_shared<ReadProtocol>();
                co_await loop->connectReadPipe(protocol, fd);
            }
        } catch (const ValueError &) {
            threw = true;
        }
        APROC_VERIFY(threw);
        APROC_VERIFY(!fdIsOpen(fd));
    };
    APROC_RUN(body(regularFile, nullProtocol, write));
}

// asyncio closes the transport when connect_read_pipe is cancelled while it waits for
// connection_made: the protocol sees connectionMade, then connectionLost(null).
void tst_PipeTransports::cancelledConnectClosesTransport()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        const int fd = pipe.takeRead();
        auto protocol = std::make_shared<ReadProtocol>();
        auto task = createTask(EventLoop::current()->connectReadPipe(protocol, fd));
        co_await sleep(0ms); // its first step ran: it waits for connectionMade
        APROC_VERIFY(task.started());
        task.cancel();
        bool cancelled = false;
        try {
            co_await task;
        } catch (const CancelledError &) {
            cancelled = true;
        }
        APROC_VERIFY(cancelled);
        co_await protocol->until([&] { return protocol->lost; });
        APROC_COMPARE(protocol->events,
                      (QStringList{QStringLiteral("made"), QStringLiteral("lost:null")}));
        co_await sleep(0ms);
        APROC_VERIFY(!fdIsOpen(fd));
    };
    APROC_RUN(body());
}

// The fd belongs to the task from the call on: dropped before it started, the task closes it.
void tst_PipeTransports::droppedConnectTaskClosesFd()
{
    TestPipe pipe;
    const int readFd = pipe.takeRead();
    const int writeFd = pipe.takeWrite();
    {
        auto readTask
                = EventLoop::current()->connectReadPipe(std::make_shared<ReadProtocol>(), readFd);
        auto writeTask = EventLoop::current()->connectWritePipe(std::make_shared<WriteProtocol>(),
                                                                writeFd);
        QVERIFY(fdIsOpen(readFd));
    }
    QVERIFY(!fdIsOpen(readFd));
    QVERIFY(!fdIsOpen(writeFd));
}

// PF-09: with nothing buffered, write() writes at once; write("") does nothing.
void tst_PipeTransports::writesAtOnceWhenIdle()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        ::fcntl(pipe.readEnd(), F_SETFL, O_NONBLOCK);
        auto protocol = std::make_shared<WriteProtocol>();
        const int fd = pipe.takeWrite();
        auto transport = co_await EventLoop::current()->connectWritePipe(protocol, fd);
        APROC_VERIFY(::fcntl(fd, F_GETFL) & O_NONBLOCK);
        APROC_VERIFY(transport->canWriteEof());
        transport->write(QByteArray("hello"));
        APROC_COMPARE(transport->writeBufferSize(), qsizetype(0));
        APROC_COMPARE(readAvailable(pipe.readEnd()), QByteArray("hello")); // already in the pipe
        transport->write(QByteArray());
        transport->writelines({QByteArray("a"), QByteArray(), QByteArray("b")});
        APROC_COMPARE(transport->writeBufferSize(), qsizetype(0));
        APROC_COMPARE(readAvailable(pipe.readEnd()), QByteArray("ab"));
        transport->close();
        co_await protocol->until([&] { return protocol->lost; });
        APROC_COMPARE(protocol->events,
                      (QStringList{QStringLiteral("made"), QStringLiteral("lost:null")}));
    };
    APROC_RUN(body());
}

// PF-09: the rest of a partial write is buffered and written when the pipe has room, in order
// with later writes.
void tst_PipeTransports::buffersRestInOrder()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        APROC_COMPARE(pipe.makeSmall(), 4096);
        auto protocol = std::make_shared<WriteProtocol>();
        auto transport
                = co_await EventLoop::current()->connectWritePipe(protocol, pipe.takeWrite());
        const QByteArray first = pattern(10000);
        transport->write(first);
        APROC_COMPARE(transport->writeBufferSize(), qsizetype(10000 - 4096));
        transport->write(QByteArray("tail"));
        transport->write(pattern(20000));
        APROC_COMPARE(transport->writeBufferSize(), qsizetype(10000 - 4096 + 4 + 20000));
        transport->writeEof();
        const QByteArray received = co_await readToEof(pipe.readEnd());
        APROC_VERIFY(received == first + "tail" + pattern(20000));
        co_await protocol->until([&] { return protocol->lost; });
        APROC_COMPARE(transport->writeBufferSize(), qsizetype(0));
    };
    APROC_RUN(body());
}

void tst_PipeTransports::bufferLimits_data()
{
    QTest::addColumn<int>("high"); // NotGiven: std::nullopt
    QTest::addColumn<int>("low");
    QTest::addColumn<int>("expectedLow"); // -1: ValueError
    QTest::addColumn<int>("expectedHigh");
    QTest::newRow("PF-10 high=100 gives (25, 100)") << 100 << NotGiven << 25 << 100;
    QTest::newRow("PF-10 low=10 gives (10, 40)") << NotGiven << 10 << 10 << 40;
    QTest::newRow("PF-10 neither: the defaults") << NotGiven << NotGiven << 16384 << 65536;
    QTest::newRow("PF-10 high=0 low=0") << 0 << 0 << 0 << 0;
    QTest::newRow("PF-10 high < low is ValueError") << 10 << 20 << -1 << -1;
    QTest::newRow("PF-10 low < 0 is ValueError") << 10 << -2 << -1 << -1;
}

// PF-10: the default water marks are (16384, 65536); setWriteBufferLimits() as asyncio's.
void tst_PipeTransports::bufferLimits()
{
    QFETCH(int, high);
    QFETCH(int, low);
    QFETCH(int, expectedLow);
    QFETCH(int, expectedHigh);
    const auto body = [](int high, int low, int expectedLow, int expectedHigh) -> Task<void> {
        TestPipe pipe;
        auto protocol = std::make_shared<WriteProtocol>();
        auto transport
                = co_await EventLoop::current()->connectWritePipe(protocol, pipe.takeWrite());
        const auto restoreClose = qScopeGuard([&] { transport->close(); });
        using Limits = std::pair<qsizetype, qsizetype>;
        APROC_COMPARE(transport->writeBufferLimits(), (Limits{16384, 65536}));
        const auto given
                = [](int v) { return v == NotGiven ? std::nullopt : std::optional<qsizetype>(v); };
        bool threw = false;
        try {
            transport->setWriteBufferLimits(given(high), given(low));
        } catch (const ValueError &) {
            threw = true;
        }
        APROC_COMPARE(threw, expectedLow < 0);
        if (!threw)
            APROC_COMPARE(transport->writeBufferLimits(), (Limits{expectedLow, expectedHigh}));
        else
            APROC_COMPARE(transport->writeBufferLimits(), (Limits{16384, 65536})); // unchanged
        transport->close();
        co_await protocol->until([&] { return protocol->lost; });
    };
    APROC_RUN(body(high, low, expectedLow, expectedHigh));
}

// PF-10: pauseWriting() once the buffer is above high (not at it), resumeWriting() once it is
// at or below low, even before it is empty.
void tst_PipeTransports::pauseAboveHighResumeAtLow()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        APROC_COMPARE(pipe.makeSmall(), 4096);
        const qsizetype filler = pipe.fill(); // from now on, everything written is buffered
        auto protocol = std::make_shared<WriteProtocol>();
        auto transport
                = co_await EventLoop::current()->connectWritePipe(protocol, pipe.takeWrite());
        transport->setWriteBufferLimits(8192, 2048);
        transport->write(pattern(8192));
        APROC_COMPARE(protocol->pauses, 0); // at high: not above it
        transport->write(QByteArray("!"));
        APROC_COMPARE(protocol->events.last(), QStringLiteral("pause:8193"));
        transport->write(QByteArray("?"));
        APROC_COMPARE(protocol->pauses, 1);

        // The test reads: each read frees one page, the transport writes 4096 more.
        ::fcntl(pipe.readEnd(), F_SETFL, O_NONBLOCK);
        qsizetype received = 0;
        while (protocol->resumes == 0) {
            co_await readable(pipe.readEnd());
            received += readAvailable(pipe.readEnd()).size();
        }
        const QString resumed = protocol->events.last();
        const qsizetype atResume = resumed.section(QLatin1Char(':'), 1).toLongLong();
        APROC_VERIFY2(atResume <= 2048 && atResume > 0, qPrintable(resumed));
        transport->writeEof();
        received += (co_await readToEof(pipe.readEnd())).size();
        co_await protocol->until([&] { return protocol->lost; });
        APROC_COMPARE(received, filler + 8194);
        APROC_COMPARE(protocol->pauses, 1);
        APROC_COMPARE(protocol->resumes, 1);
    };
    APROC_RUN(body());
}

void tst_PipeTransports::flushesBeforeClosing_data()
{
    QTest::addColumn<bool>("useClose");
    QTest::newRow("PF-11 writeEof()") << false;
    QTest::newRow("PF-11 close()") << true;
}

// PF-11: writeEof()/close() flush what is buffered before connectionLost(null); later writes
// are dropped.
void tst_PipeTransports::flushesBeforeClosing()
{
    QFETCH(bool, useClose);
    const auto body = [](bool useClose) -> Task<void> {
        TestPipe pipe;
        APROC_COMPARE(pipe.makeSmall(), 4096);
        auto protocol = std::make_shared<WriteProtocol>();
        auto transport
                = co_await EventLoop::current()->connectWritePipe(protocol, pipe.takeWrite());
        const QByteArray sent = pattern(30000);
        transport->write(sent);
        APROC_VERIFY(transport->writeBufferSize() > 0);
        if (useClose)
            transport->close();
        else
            transport->writeEof();
        APROC_VERIFY(transport->isClosing());
        transport->write(QByteArray("dropped"));
        transport->writeEof(); // idempotent
        transport->close();
        co_await pollBarrier();
        APROC_VERIFY(!protocol->lost); // not while something is buffered
        const QByteArray received = co_await readToEof(pipe.readEnd());
        APROC_VERIFY(received == sent);
        co_await protocol->until([&] { return protocol->lost; });
        APROC_COMPARE(protocol->events,
                      (QStringList{QStringLiteral("made"), QStringLiteral("lost:null")}));
    };
    APROC_RUN(body(useClose));
}

// PF-12: abort() discards the buffer and loses the connection at once.
void tst_PipeTransports::abortDiscardsBuffer()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        APROC_COMPARE(pipe.makeSmall(), 4096);
        auto protocol = std::make_shared<WriteProtocol>();
        auto transport
                = co_await EventLoop::current()->connectWritePipe(protocol, pipe.takeWrite());
        transport->setWriteBufferLimits(0);
        transport->write(pattern(30000));
        APROC_COMPARE(protocol->pauses, 1);
        transport->abort();
        APROC_COMPARE(transport->writeBufferSize(), qsizetype(0));
        APROC_VERIFY(transport->isClosing());
        transport->abort();
        transport->close();
        co_await protocol->until([&] { return protocol->lost; });
        const QByteArray received = co_await readToEof(pipe.readEnd());
        APROC_VERIFY(received == pattern(4096)); // what the pipe took before abort()
        APROC_COMPARE(protocol->events,
                      (QStringList{QStringLiteral("made"), QStringLiteral("pause:25904"),
                                   QStringLiteral("lost:null")}));
    };
    APROC_RUN(body());
}

namespace {

/*! Writes to a pipe whose reader is gone, through a write transport; gives how the connection
 *  was lost. */
Task<QString> writeToClosedPipe()
{
    TestPipe pipe;
    auto protocol = std::make_shared<WriteProtocol>();
    auto transport = co_await EventLoop::current()->connectWritePipe(protocol, pipe.takeWrite());
    pipe.closeRead();
    transport->write(QByteArray("to nobody"));
    co_await protocol->until([&] { return protocol->lost; });
    co_return protocol->events.last();
}

int g_sigpipeCount = 0;

void countSigpipe(int)
{
    ++g_sigpipeCount;
}

} // namespace

// SIGPIPE at SIG_DFL is set to SIG_IGN by the first write transport, as QProcess does: the
// process survives EPIPE.
void tst_PipeTransports::sigpipeDefaultBecomesIgnored()
{
    struct sigaction saved
    { };
    struct sigaction defaultAction
    { };
    defaultAction.sa_handler = SIG_DFL;
    QCOMPARE(::sigaction(SIGPIPE, &defaultAction, &saved), 0); // QtTest installed a handler
    const auto restore = qScopeGuard([&saved] { ::sigaction(SIGPIPE, &saved, nullptr); });
    const auto body = []() -> Task<void> {
        APROC_COMPARE(co_await writeToClosedPipe(),
                      QStringLiteral("lost:BrokenPipeError(%1)").arg(EPIPE));
        struct sigaction now
        { };
        ::sigaction(SIGPIPE, nullptr, &now);
        APROC_VERIFY(now.sa_handler == SIG_IGN);
    };
    APROC_RUN(body());
}

// An application's own SIGPIPE handler stays installed and never sees the transport's EPIPE.
void tst_PipeTransports::sigpipeHandlerLeftAlone()
{
    struct sigaction saved
    { };
    struct sigaction counting
    { };
    counting.sa_handler = countSigpipe;
    sigemptyset(&counting.sa_mask);
    QCOMPARE(::sigaction(SIGPIPE, &counting, &saved), 0);
    const auto restore = qScopeGuard([&saved] { ::sigaction(SIGPIPE, &saved, nullptr); });
    g_sigpipeCount = 0;
    const auto body = []() -> Task<void> {
        APROC_COMPARE(co_await writeToClosedPipe(),
                      QStringLiteral("lost:BrokenPipeError(%1)").arg(EPIPE));
        struct sigaction now
        { };
        ::sigaction(SIGPIPE, nullptr, &now);
        APROC_VERIFY(now.sa_handler == countSigpipe);
        APROC_COMPARE(g_sigpipeCount, 0);
    };
    APROC_RUN(body());
    // The handler still works for anyone else's SIGPIPE.
    ::raise(SIGPIPE);
    QCOMPARE(g_sigpipeCount, 1);
}

namespace {

int g_droppedWarnings = 0;
QtMessageHandler g_previousHandler = nullptr;

void countDroppedWrites(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && qstrcmp(context.category, "aproc.process") == 0
        && message.contains(QLatin1String("writes are dropped"))) {
        ++g_droppedWarnings;
        return;
    }
    g_previousHandler(type, context, message);
}

} // namespace

// PF-14: EPIPE loses the connection with BrokenPipeError; later writes are dropped, with one
// warning after 5. QtTest's own SIGPIPE handler, which would abort the test, never runs.
void tst_PipeTransports::brokenPipe()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        auto protocol = std::make_shared<WriteProtocol>();
        auto transport
                = co_await EventLoop::current()->connectWritePipe(protocol, pipe.takeWrite());
        pipe.closeRead(); // and write before the loop has noticed: write() itself fails
        transport->write(QByteArray("to nobody"));
        APROC_COMPARE(transport->writeBufferSize(), qsizetype(0));
        APROC_VERIFY(transport->isClosing());
        co_await protocol->until([&] { return protocol->lost; });
        APROC_COMPARE(protocol->events.last(),
                      QStringLiteral("lost:BrokenPipeError(%1)").arg(EPIPE));

        g_droppedWarnings = 0;
        g_previousHandler = qInstallMessageHandler(countDroppedWrites);
        const auto restore = qScopeGuard([] { qInstallMessageHandler(g_previousHandler); });
        for (int i = 1; i <= 4; ++i)
            transport->write(QByteArray("dropped"));
        APROC_COMPARE(g_droppedWarnings, 0);
        for (int i = 5; i <= 12; ++i)
            transport->write(QByteArray("dropped"));
        APROC_COMPARE(g_droppedWarnings, 1);
        APROC_COMPARE(transport->writeBufferSize(), qsizetype(0));
    };
    APROC_RUN(body());
}

// PF-14: the reader goes away while data waits in the buffer: BrokenPipeError, buffer cleared.
void tst_PipeTransports::brokenPipeWhileBuffered()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        APROC_COMPARE(pipe.makeSmall(), 4096);
        auto protocol = std::make_shared<WriteProtocol>();
        auto transport
                = co_await EventLoop::current()->connectWritePipe(protocol, pipe.takeWrite());
        transport->write(pattern(30000));
        APROC_VERIFY(transport->writeBufferSize() > 0);
        pipe.closeRead();
        co_await protocol->until([&] { return protocol->lost; });
        APROC_COMPARE(protocol->events.last(),
                      QStringLiteral("lost:BrokenPipeError(%1)").arg(EPIPE));
        APROC_COMPARE(transport->writeBufferSize(), qsizetype(0));
        transport->write(QByteArray("dropped"));
        APROC_COMPARE(transport->writeBufferSize(), qsizetype(0));
    };
    APROC_RUN(body());
}

// As asyncio's reader trick on the write end: the reader closing an idle pipe loses the
// connection cleanly (null), without waiting for a write to fail.
void tst_PipeTransports::readerGoneWhileIdle()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        auto protocol = std::make_shared<WriteProtocol>();
        auto transport
                = co_await EventLoop::current()->connectWritePipe(protocol, pipe.takeWrite());
        transport->write(QByteArray("read me"));
        char buffer[16];
        APROC_COMPARE(::read(pipe.readEnd(), buffer, sizeof buffer), ssize_t(7));
        pipe.closeRead();
        co_await protocol->until([&] { return protocol->lost; });
        APROC_COMPARE(protocol->events,
                      (QStringList{QStringLiteral("made"), QStringLiteral("lost:null")}));
        APROC_VERIFY(transport->isClosing());
    };
    APROC_RUN(body());
}

QTEST_GUILESS_MAIN(tst_PipeTransports)
#include "tst_pipetransports.moc"
