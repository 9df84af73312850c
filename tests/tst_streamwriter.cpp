// SPDX-License-Identifier: MIT
// StreamWriter and FlowControlProtocol (asyncio's StreamWriter and FlowControlMixin), on real
// pipes and a real `cat` child: drain() and its flow control (CONFORMANCE PF-15), BrokenPipeError
// when the reader is gone, with the test process surviving SIGPIPE.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/protocols.h>
#include <aproc/sleep.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>
#include <aproc/task.h>
#include <aproc/testing.h>
#include <aproc/transports.h>

#include <QtCore/QScopeGuard>
#include <QtTest/QtTest>

#include "support/fds.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace aproc;
using testsupport::openFdCount;
using testsupport::TestPipe;
using namespace std::chrono_literals;

namespace {

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

/*! Reads what is there now, without blocking. */
qsizetype readAvailable(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    char buffer[65536];
    qsizetype total = 0;
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;)
        total += n;
    return total;
}

/*! Returns once the dispatcher has polled every fd at least once more (see tst_pipetransports). */
Task<void> pollBarrier()
{
    for (int i = 0; i < 2; ++i) {
        TestPipe probe;
        if (::write(probe.writeEnd(), "x", 1) != 1)
            qFatal("probe write failed");
        co_await readable(probe.readEnd());
    }
}

/*! Starts the test helper in \a mode with stdin and stdout on the given fds (-1: inherited),
 *  SIGPIPE at its default. */
pid_t spawnHelper(const char *mode, int stdinFd, int stdoutFd)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (stdinFd >= 0)
        posix_spawn_file_actions_adddup2(&actions, stdinFd, 0);
    if (stdoutFd >= 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutFd, 1);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
    char program[] = APROC_TEST_HELPER;
    QByteArray modeArgument(mode);
    char *argv[] = {program, modeArgument.data(), nullptr};
    pid_t pid = -1;
    if (posix_spawn(&pid, program, &actions, &attributes, argv, environ) != 0)
        pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return pid;
}

/*! Waits for \a pid to exit, without blocking the loop; gives its exit code. */
Task<int> waitChild(pid_t pid)
{
    const int pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0)
        throw OSError(errno, QStringLiteral("pidfd_open"));
    const auto closePidfd = qScopeGuard([pidfd] { ::close(pidfd); });
    co_await readable(pidfd);
    int status = 0;
    ::waitpid(pid, &status, 0); // exited: does not block
    co_return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

/*! Collects what a read pipe delivers. */
class Collector : public Protocol
{
public:
    QByteArray data;
    Future<void> eof{EventLoop::current()};
    void dataReceived(const QByteArray &bytes) override { data += bytes; }
    void connectionLost(std::exception_ptr) override { eof.setResult(); }
};

/*! A write pipe wrapped in a StreamWriter. */
struct Writer
{
    std::shared_ptr<FlowControlProtocol> protocol;
    std::unique_ptr<StreamWriter> writer;
};

Task<Writer> connectWriter(int fd, std::shared_ptr<FlowControlProtocol> protocol = {})
{
    if (!protocol)
        protocol = std::make_shared<FlowControlProtocol>();
    auto transport = co_await EventLoop::current()->connectWritePipe(protocol, fd);
    co_return Writer{protocol, std::make_unique<StreamWriter>(transport, protocol.get())};
}

/*! What drain() threw: the class and message. */
Task<QString> drainOutcome(StreamWriter *writer)
{
    try {
        co_await writer->drain();
        co_return QStringLiteral("returned");
    } catch (const BrokenPipeError &error) {
        co_return QStringLiteral("BrokenPipeError(%1)").arg(error.errorNumber());
    } catch (const ConnectionResetError &error) {
        co_return QStringLiteral("ConnectionResetError: ") + error.message();
    } catch (const ValueError &error) {
        co_return QStringLiteral("ValueError: ") + error.message();
    } catch (const CancelledError &) {
        co_return QStringLiteral("CancelledError");
    }
}

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char('a' + (i * 7 + i / 251) % 26);
    return bytes;
}

} // namespace

class tst_StreamWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void writeAndClose();
    void destroyingTheWriterClosesTheTransport();
    void rejectsNull();
    void drainReturnsAtOnceWhenNotPaused();
    void drainWaitsForResume();
    void tenDrainersReleasedAtOnce();
    void drainAfterTheEnd_data();
    void drainAfterTheEnd();
    void drainRethrowsTheReadersException();
    void fourMiBThroughCat();
    void childThatDoesNotReadGivesBrokenPipe();

private:
    int m_fdsBefore = 0;
};

void tst_StreamWriter::initTestCase()
{
    APROC_RUN(pollBarrier()); // the loop and the dispatcher's descriptors exist before counting
}

void tst_StreamWriter::init()
{
    m_fdsBefore = openFdCount();
}

void tst_StreamWriter::cleanup()
{
    QCOMPARE(openFdCount(), m_fdsBefore); // no fd leak
}

// write, writelines, canWriteEof, writeEof, isClosing, transport(), waitClosed().
void tst_StreamWriter::writeAndClose()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        Writer w = co_await connectWriter(pipe.takeWrite());
        StreamWriter &writer = *w.writer;
        APROC_VERIFY(writer.transport());
        APROC_VERIFY(writer.transport()->protocol() == w.protocol.get());
        APROC_VERIFY(writer.canWriteEof());
        writer.write(QByteArray("one "));
        writer.writelines({QByteArray("two "), QByteArray(), QByteArray("three")});
        co_await writer.drain();
        APROC_VERIFY(!writer.isClosing());
        writer.writeEof();
        APROC_VERIFY(writer.isClosing());
        co_await writer.waitClosed();
        APROC_VERIFY(w.protocol->isConnectionLost());
        char buffer[64];
        const ssize_t n = ::read(pipe.readEnd(), buffer, sizeof buffer);
        APROC_COMPARE(QByteArray(buffer, int(n)), QByteArray("one two three"));
        APROC_COMPARE(::read(pipe.readEnd(), buffer, sizeof buffer), ssize_t(0)); // EOF
        co_await writer.waitClosed(); // again: still done
    };
    APROC_RUN(body());
}

// As asyncio 3.13's StreamWriter.__del__: the transport is closed, what is buffered flushed.
void tst_StreamWriter::destroyingTheWriterClosesTheTransport()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        Writer w = co_await connectWriter(pipe.takeWrite());
        const std::shared_ptr<WriteTransport> transport = w.writer->transport();
        w.writer->write(QByteArray("last words"));
        w.writer.reset();
        APROC_VERIFY(transport->isClosing());
        co_await w.protocol->closeWaiter();
        char buffer[64];
        APROC_COMPARE(::read(pipe.readEnd(), buffer, sizeof buffer), ssize_t(10));
        APROC_COMPARE(::read(pipe.readEnd(), buffer, sizeof buffer), ssize_t(0));
    };
    APROC_RUN(body());
}

void tst_StreamWriter::rejectsNull()
{
    FlowControlProtocol protocol;
    QVERIFY_THROWS_EXCEPTION(ValueError, StreamWriter(nullptr, &protocol));
}

// PF-15: drain() returns at once when not paused, though nothing was read from the pipe.
void tst_StreamWriter::drainReturnsAtOnceWhenNotPaused()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        pipe.makeSmallAndFull();
        Writer w = co_await connectWriter(pipe.takeWrite());
        w.writer->write(pattern(1000)); // buffered, below the high-water mark
        APROC_COMPARE(w.writer->transport()->writeBufferSize(), qsizetype(1000));
        auto drain = createTask(w.writer->drain());
        co_await sleep(0ms); // its one step ran
        APROC_VERIFY(drain.done());
        co_await drain;
        w.writer->transport()->abort();
        co_await w.protocol->closeWaiter();
    };
    APROC_RUN(body());
}

// PF-15: paused above the high-water mark, drain() waits until the buffer is down to the low
// one (16 KiB by default).
void tst_StreamWriter::drainWaitsForResume()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        pipe.makeSmallAndFull();
        Writer w = co_await connectWriter(pipe.takeWrite());
        const auto transport = w.writer->transport();
        w.writer->write(pattern(100 * 1024));
        APROC_VERIFY(w.protocol->isPaused());
        auto drain = createTask(w.writer->drain());
        co_await pollBarrier();
        APROC_VERIFY(!drain.done());
        qsizetype bufferWhenDone = -1;
        drain.addDoneCallback([&] { bufferWhenDone = transport->writeBufferSize(); });
        while (!drain.done()) {
            co_await readable(pipe.readEnd());
            readAvailable(pipe.readEnd());
            co_await sleep(0ms); // let the transport write, then the drain wake up
        }
        co_await drain;
        APROC_VERIFY(!w.protocol->isPaused());
        APROC_VERIFY2(bufferWhenDone <= 16384, qPrintable(QString::number(bufferWhenDone)));
        w.writer->close();
        while (!w.protocol->isConnectionLost()) {
            co_await readable(pipe.readEnd());
            readAvailable(pipe.readEnd());
        }
    };
    APROC_RUN(body());
}

namespace {

/*! Counts, right after resumeWriting() has woken the drainers, how many of them have returned. */
class CountingProtocol : public FlowControlProtocol
{
public:
    int *released = nullptr;
    int releasedAfterResume = -1;
    void resumeWriting() override
    {
        FlowControlProtocol::resumeWriting();
        // Scheduled after the waiters' wake-ups: runs once each drainer had its chance.
        EventLoop::current()->callSoon([this] { releasedAfterResume = *released; });
    }
};

Task<void> drainAndCount(StreamWriter *writer, int *released)
{
    co_await writer->drain();
    ++*released;
}

} // namespace

// PF-15: ten drain() calls waiting at once are all released by one resumeWriting().
void tst_StreamWriter::tenDrainersReleasedAtOnce()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        pipe.makeSmallAndFull();
        auto protocol = std::make_shared<CountingProtocol>();
        int released = 0;
        protocol->released = &released;
        Writer w = co_await connectWriter(pipe.takeWrite(), protocol);
        w.writer->write(pattern(100 * 1024));
        QList<Task<void>> drainers;
        for (int i = 0; i < 10; ++i)
            drainers.append(createTask(drainAndCount(w.writer.get(), &released)));
        co_await pollBarrier();
        APROC_COMPARE(released, 0);
        while (protocol->isPaused()) {
            co_await readable(pipe.readEnd());
            readAvailable(pipe.readEnd());
            co_await sleep(0ms);
        }
        for (Task<void> &drainer : drainers)
            co_await drainer;
        APROC_COMPARE(protocol->releasedAfterResume, 10);
        w.writer->transport()->abort();
        co_await protocol->closeWaiter();
    };
    APROC_RUN(body());
}

void tst_StreamWriter::drainAfterTheEnd_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("waiting"); // what a drain() waiting at that moment gets
    QTest::addColumn<QString>("later"); // what a drain() called afterwards gets
    QTest::addColumn<QString>("closed"); // what waitClosed() gets
    const QString lost = QStringLiteral("ConnectionResetError: Connection lost");
    const QString epipe = QStringLiteral("BrokenPipeError(%1)").arg(EPIPE);
    QTest::newRow("PF-15 reader closed while paused: the pipe's own error")
            << QStringLiteral("reader closed") << epipe << epipe << epipe;
    QTest::newRow("PF-15 abort() while paused: waiters return, as asyncio")
            << QStringLiteral("abort") << QStringLiteral("returned") << lost
            << QStringLiteral("returned");
    QTest::newRow("PF-15 close() then drain(): Connection lost")
            << QStringLiteral("close") << QString() << lost << QStringLiteral("returned");
}

// PF-15: once the pipe is gone, drain() throws: the error the pipe was lost with (BrokenPipeError
// for EPIPE; asyncio would say ConnectionResetError), else ConnectionResetError("Connection
// lost").
void tst_StreamWriter::drainAfterTheEnd()
{
    QFETCH(QString, how);
    QFETCH(QString, waiting);
    QFETCH(QString, later);
    QFETCH(QString, closed);
    const auto body
            = [](QString how, QString waiting, QString later, QString closed) -> Task<void> {
        TestPipe pipe;
        if (how != QLatin1String("close"))
            pipe.makeSmallAndFull();
        Writer w = co_await connectWriter(pipe.takeWrite());
        StreamWriter *writer = w.writer.get();
        std::optional<Task<QString>> waiter;
        if (how == QLatin1String("close")) {
            writer->write(QByteArray("data"));
            writer->close();
        } else {
            writer->write(pattern(100 * 1024));
            waiter = createTask(drainOutcome(writer));
            co_await pollBarrier();
            APROC_VERIFY(!waiter->done());
            if (how == QLatin1String("abort"))
                writer->transport()->abort();
            else
                pipe.closeRead();
        }
        if (waiter)
            APROC_COMPARE(co_await *waiter, waiting);
        APROC_COMPARE(co_await drainOutcome(writer), later);
        APROC_COMPARE(co_await drainOutcome(writer), later); // and again
        QString closedOutcome = QStringLiteral("returned");
        try {
            co_await writer->waitClosed();
        } catch (const BrokenPipeError &error) {
            closedOutcome = QStringLiteral("BrokenPipeError(%1)").arg(error.errorNumber());
        }
        APROC_COMPARE(closedOutcome, closed);
    };
    APROC_RUN(body(how, waiting, later, closed));
}

// As asyncio: drain() first rethrows the exception of the reader given to the writer.
void tst_StreamWriter::drainRethrowsTheReadersException()
{
    const auto body = []() -> Task<void> {
        TestPipe pipe;
        auto protocol = std::make_shared<FlowControlProtocol>();
        auto transport
                = co_await EventLoop::current()->connectWritePipe(protocol, pipe.takeWrite());
        StreamReader reader;
        StreamWriter writer(transport, protocol.get(), &reader);
        co_await writer.drain();
        reader.setException(ValueError(QStringLiteral("reader failed")));
        APROC_COMPARE(co_await drainOutcome(&writer), QStringLiteral("ValueError: reader failed"));
        writer.close();
        co_await writer.waitClosed();
    };
    APROC_RUN(body());
}

// 4 MiB written to a real `cat` with write() + drain() come back intact, and drain() keeps the
// write buffer bounded (never more than the high-water mark plus one write).
void tst_StreamWriter::fourMiBThroughCat()
{
    const auto body = []() -> Task<void> {
        TestPipe toChild;
        TestPipe fromChild;
        const pid_t pid = spawnHelper("cat", toChild.readEnd(), fromChild.writeEnd());
        APROC_VERIFY(pid > 0);
        toChild.closeRead();
        fromChild.closeWrite();
        EventLoop *loop = EventLoop::current();
        auto collector = std::make_shared<Collector>();
        auto reading = co_await loop->connectReadPipe(collector, fromChild.takeRead());
        Writer w = co_await connectWriter(toChild.takeWrite());

        const QByteArray sent = pattern(4 * 1024 * 1024);
        const qsizetype chunk = 64 * 1024;
        qsizetype largestBuffer = 0;
        for (qsizetype offset = 0; offset < sent.size(); offset += chunk) {
            w.writer->write(sent.sliced(offset, chunk));
            largestBuffer = std::max(largestBuffer, w.writer->transport()->writeBufferSize());
            co_await w.writer->drain();
        }
        w.writer->writeEof();
        co_await w.writer->waitClosed();
        co_await collector->eof;
        APROC_COMPARE(collector->data.size(), sent.size());
        APROC_VERIFY(collector->data == sent);
        APROC_VERIFY2(largestBuffer <= 65536 + chunk, qPrintable(QString::number(largestBuffer)));
        APROC_COMPARE(co_await waitChild(pid), 0);
    };
    APROC_RUN(body());
}

// SPEC "Streams": writing to a child that does not read its stdin (it exits) gives
// BrokenPipeError from drain(), and SIGPIPE does not kill the test process.
void tst_StreamWriter::childThatDoesNotReadGivesBrokenPipe()
{
    const auto body = []() -> Task<void> {
        TestPipe toChild;
        // Connected before the child starts, and written to without giving the loop a turn:
        // the loop cannot have seen the reader go, so the pipe itself reports it (EPIPE).
        Writer w = co_await connectWriter(toChild.takeWrite());
        const pid_t pid = spawnHelper("exit", toChild.readEnd(), -1);
        APROC_VERIFY(pid > 0);
        toChild.closeRead();
        w.writer->write(pattern(1024 * 1024));
        APROC_COMPARE(co_await drainOutcome(w.writer.get()),
                      QStringLiteral("BrokenPipeError(%1)").arg(EPIPE));
        APROC_COMPARE(co_await waitChild(pid), 0);
        bool brokenPipe = false;
        try {
            co_await w.writer->waitClosed();
        } catch (const BrokenPipeError &) {
            brokenPipe = true;
        }
        APROC_VERIFY(brokenPipe);
    };
    APROC_RUN(body());
}

QTEST_GUILESS_MAIN(tst_StreamWriter)
#include "tst_streamwriter.moc"
