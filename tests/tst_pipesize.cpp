// SPDX-License-Identifier: MIT
// ProcessOptions::pipeSize against real children: the size reaches every piped stream (read
// back with F_GETPIPE_SZ through /proc/PID/fd), a size above /proc/sys/fs/pipe-max-size is
// clamped, a size <= 0 throws ValueError before anything is spawned, and data still flows.
#include <aproc/errors.h>
#include <aproc/process.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>
#include <aproc/testing.h>

#include <QtCore/QFile>
#include <QtTest/QtTest>

#include "support/children.h"
#include "support/fds.h"

#include <climits>
#include <fcntl.h>
#include <unistd.h>

using namespace aproc;
using namespace aproc::testsupport;

namespace {

// The capacity of the pipe that the child \a pid has as descriptor \a fd, or -1: /proc/PID/fd/N
// opens the same pipe, whatever end the child holds.
int childPipeSize(qint64 pid, int fd)
{
    const QByteArray path = QByteArray("/proc/") + QByteArray::number(pid) + QByteArray("/fd/")
                            + QByteArray::number(fd);
    const int opened = ::open(path.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (opened < 0)
        return -1;
    const int size = ::fcntl(opened, F_GETPIPE_SZ);
    ::close(opened);
    return size;
}

int pipeMaxSize()
{
    QFile file(QStringLiteral("/proc/sys/fs/pipe-max-size"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return file.readAll().trimmed().toInt();
}

// The capacity of a pipe nobody resized (64 KiB, less once the user's pipe quota is used up).
int defaultPipeSize()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return -1;
    const int size = ::fcntl(fds[0], F_GETPIPE_SZ);
    ::close(fds[0]);
    ::close(fds[1]);
    return size;
}

ProcessOptions allPiped(std::optional<int> pipeSize)
{
    ProcessOptions options;
    options.stdinMode = PIPE;
    options.stdoutMode = PIPE;
    options.stderrMode = PIPE;
    options.pipeSize = pipeSize;
    return options;
}

// Starts the helper's `cat` with every stream piped and \a pipeSize, checks the capacity of
// each of its three pipes against \a expected, then ends it.
Task<void> checkSizes(std::optional<int> pipeSize, int expected)
{
    auto process = co_await createSubprocessExec(helper(), args("cat"), allPiped(pipeSize));
    for (int fd = 0; fd < 3; ++fd) {
        const int size = childPipeSize(process->pid(), fd);
        APROC_VERIFY2(size == expected,
                      qPrintable(QStringLiteral("the child's fd %1 holds %2 bytes, not %3")
                                         .arg(fd)
                                         .arg(size)
                                         .arg(expected)));
    }
    process->standardInput()->writeEof();
    APROC_COMPARE(co_await process->wait(), 0);
}

} // namespace

class tst_PipeSize : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(pipeMaxSize() >= 65536); }
    void cleanup() { QTRY_VERIFY_WITH_TIMEOUT(noZombie(), 10000); }

    void defaultSize();
    void appliedToEveryPipe_data();
    void appliedToEveryPipe();
    void aboveMaximumIsClamped();
    void notPositiveThrowsBeforeSpawning_data();
    void notPositiveThrowsBeforeSpawning();
    void dataFlowsThroughLargePipes();
    void ptyIsLeftAlone();
};

// Unset, the pipes keep the system's size.
void tst_PipeSize::defaultSize()
{
    APROC_RUN(checkSizes(std::nullopt, defaultPipeSize()));
}

void tst_PipeSize::appliedToEveryPipe_data()
{
    QTest::addColumn<int>("requested");
    QTest::addColumn<int>("expected");
    QTest::newRow("1 MiB") << 1024 * 1024 << 1024 * 1024;
    QTest::newRow("256 KiB") << 256 * 1024 << 256 * 1024;
    QTest::newRow("4 KiB, smaller than the default") << 4096 << 4096;
    QTest::newRow("100000, rounded up to 32 pages") << 100000 << 32 * 4096;
    QTest::newRow("1 byte, rounded up to a page") << 1 << 4096;
}

void tst_PipeSize::appliedToEveryPipe()
{
    QFETCH(int, requested);
    QFETCH(int, expected);
    if (expected > pipeMaxSize())
        QSKIP("/proc/sys/fs/pipe-max-size is below this size on this machine");
    APROC_RUN(checkSizes(requested, expected));
}

// More than pipe-max-size gives pipe-max-size, also to root (who could get more).
void tst_PipeSize::aboveMaximumIsClamped()
{
    APROC_RUN(checkSizes(pipeMaxSize() + 1, pipeMaxSize()));
    APROC_RUN(checkSizes(INT_MAX, pipeMaxSize()));
}

void tst_PipeSize::notPositiveThrowsBeforeSpawning_data()
{
    QTest::addColumn<int>("requested");
    QTest::newRow("0") << 0;
    QTest::newRow("-1") << -1;
    QTest::newRow("INT_MIN") << INT_MIN;
}

// A ValueError naming the option; no child, no descriptor left behind.
void tst_PipeSize::notPositiveThrowsBeforeSpawning()
{
    QFETCH(int, requested);
    const int fdsBefore = openFdCount();
    APROC_RUN([](int requested) -> Task<void> {
        QString message;
        try {
            auto process
                    = co_await createSubprocessExec(helper(), args("cat"), allPiped(requested));
        } catch (const ValueError &error) {
            message = error.message();
        }
        APROC_VERIFY2(message.contains(QLatin1String("pipeSize")), qPrintable(message));
        APROC_VERIFY2(message.contains(QString::number(requested)), qPrintable(message));
    }(requested));
    QVERIFY(noZombie());
    QCOMPARE(openFdCount(), fdsBefore);
}

// 3 MiB through cat and back: the resized pipes change nothing but their capacity.
void tst_PipeSize::dataFlowsThroughLargePipes()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options = allPiped(1024 * 1024);
        options.stderrMode = DEVNULL;
        auto process = co_await createSubprocessExec(helper(), args("cat"), options);
        QByteArray input(3 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < input.size(); ++i)
            input[i] = char(i * 7 % 251);
        const Communicated result = co_await process->communicate(input);
        APROC_VERIFY(result.out.has_value());
        APROC_VERIFY(*result.out == input);
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

// A pty has no pipe capacity: the option does not touch it, and the child starts.
void tst_PipeSize::ptyIsLeftAlone()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options;
        options.stdoutMode = Stdio::pty();
        options.pipeSize = 1024 * 1024;
        auto process = co_await createSubprocessExec(helper(), args("echo", "hi"), options);
        const QByteArray line = co_await process->standardOutput()->readline();
        APROC_COMPARE(line.trimmed(), QByteArray("hi"));
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

QTEST_GUILESS_MAIN(tst_PipeSize)
#include "tst_pipesize.moc"
