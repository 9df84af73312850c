// SPDX-License-Identifier: MIT
// Children on a pseudo-terminal (Stdio::pty()): they see a terminal of 24x80 (or what
// Process::setWindowSize() sets), their output arrives line by line while they run, and their end
// is a clean EOF. The child is tests/helpers (APROC_TEST_HELPER) or /bin/sh.
#include <aproc/awaitsignal.h>
#include <aproc/process.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>
#include <aproc/testing.h>

#include <QtTest/QtTest>

#include "support/children.h"
#include "support/fds.h"

#include <sys/wait.h>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

// stdin and stdout on one pty, stderr to the same terminal (a second reader of the one master
// would race the first for the output).
ProcessOptions onPty()
{
    ProcessOptions options;
    options.stdinMode = Stdio::pty();
    options.stdoutMode = Stdio::pty();
    options.stderrMode = STDOUT;
    return options;
}

// Everything the child writes until its terminal is gone.
Task<QByteArray> readToEof(Process *process)
{
    co_return co_await process->standardOutput()->read();
}

} // namespace

class tst_Pty : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QTRY_VERIFY(noZombie()); }

    void childSeesATerminal();
    void outputReceivedWithoutStreams();
    void stderrOnThePtyArrivesAsStdout();
    void defaultWindowSize();
    void setWindowSize();
    void resizeSendsSigwinch();
    void setWindowSizeWithoutPtyDoesNothing();
    void outputArrivesLineByLine();
    void exitIsACleanEof();
    void noFdLeak();
};

void tst_Pty::childSeesATerminal()
{
    APROC_RUN([]() -> Task<void> {
        const QStringList arguments = QStringList() << QStringLiteral("tty-info");
        auto process = co_await createSubprocessExec(helper(), arguments, onPty());
        const QByteArray output = co_await readToEof(process.get());
        APROC_COMPARE(output, QByteArrayLiteral("tty=1,1,1 ctty=1,1,1"));
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

void tst_Pty::outputReceivedWithoutStreams()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options = onPty();
        options.streams = false;
        const QStringList arguments = QStringList() << QStringLiteral("tty-info");
        auto process = co_await createSubprocessExec(helper(), arguments, options);
        APROC_VERIFY(!process->standardOutput());
        QByteArray received;
        connect(process.get(), &Process::outputReceived, process.get(),
                [&received](int fd, const QByteArray &data) {
                    if (fd == 1)
                        received += data;
                });
        auto finished = aproc::signal(process.get(), &Process::finished);
        APROC_COMPARE(co_await finished, 0);
        APROC_COMPARE(received, QByteArrayLiteral("tty=1,1,1 ctty=1,1,1"));
    }());
}

// A terminal has one output: with stdout and stderr on the pty, all of it is read as stdout, in
// the order written, by one reader (two readers of the master would split it at random).
void tst_Pty::stderrOnThePtyArrivesAsStdout()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options;
        options.stdinMode = options.stdoutMode = options.stderrMode = Stdio::pty();
        options.streams = false;
        const QStringList arguments = QStringList()
                                      << QStringLiteral("out-err") << QStringLiteral("x");
        auto process = co_await createSubprocessExec(helper(), arguments, options);
        APROC_VERIFY(process->transport()->getPipeTransport(1));
        APROC_VERIFY(!process->transport()->getPipeTransport(2));
        QByteArray received[3];
        connect(process.get(), &Process::outputReceived, process.get(),
                [&received](int fd, const QByteArray &data) { received[fd] += data; });
        auto finished = aproc::signal(process.get(), &Process::finished);
        APROC_COMPARE(co_await finished, 0);
        APROC_COMPARE(received[1], QByteArrayLiteral("OUT:xERR:x"));
        APROC_COMPARE(received[2], QByteArray());
    }());
}

void tst_Pty::defaultWindowSize()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessShell(QStringLiteral("stty size"), onPty());
        APROC_COMPARE(co_await readToEof(process.get()), QByteArrayLiteral("24 80\r\n"));
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

// The size holds for every later command on the terminal; the shell waits for a line in between,
// so that the resize surely comes first.
void tst_Pty::setWindowSize()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessShell(
                QStringLiteral("stty -echo; stty size; read x; stty size"), onPty());
        StreamReader *out = process->standardOutput();
        APROC_COMPARE(co_await out->readline(), QByteArrayLiteral("24 80\r\n"));
        process->setWindowSize(40, 120);
        process->standardInput()->write(QByteArrayLiteral("go\n"));
        co_await process->standardInput()->drain();
        APROC_COMPARE(co_await out->readline(), QByteArrayLiteral("40 120\r\n"));
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

// The kernel signals the terminal's foreground group: the shell's trap prints the new size.
void tst_Pty::resizeSendsSigwinch()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessShell(
                QStringLiteral("stty -echo; trap 'stty size' WINCH; echo ready; read x; echo end"),
                onPty());
        StreamReader *out = process->standardOutput();
        APROC_COMPARE(co_await out->readline(), QByteArrayLiteral("ready\r\n"));
        process->setWindowSize(30, 90);
        process->standardInput()->write(QByteArrayLiteral("go\n"));
        co_await process->standardInput()->drain();
        APROC_COMPARE(co_await out->read(), QByteArrayLiteral("30 90\r\nend\r\n"));
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

void tst_Pty::setWindowSizeWithoutPtyDoesNothing()
{
    APROC_RUN([]() -> Task<void> {
        Process notStarted;
        notStarted.setWindowSize(40, 120);
        ProcessOptions options;
        options.stdoutMode = PIPE;
        auto process = co_await createSubprocessShell(QStringLiteral("echo done"), options);
        process->setWindowSize(40, 120);
        APROC_COMPARE(co_await process->standardOutput()->read(), QByteArrayLiteral("done\n"));
        APROC_COMPARE(co_await process->wait(), 0);
        process->setWindowSize(40, 120); // after the exit: still nothing
    }());
}

// A terminal makes stdio line-buffered: each line comes while the child waits for the next input.
void tst_Pty::outputArrivesLineByLine()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessShell(
                QStringLiteral("stty -echo; for i in 1 2 3; do echo $i; read x; done"), onPty());
        StreamReader *out = process->standardOutput();
        for (const char *expected : {"1\r\n", "2\r\n", "3\r\n"}) {
            const QByteArray line = co_await out->readline();
            APROC_COMPARE(line, QByteArray(expected));
            APROC_VERIFY(!process->returncode());
            process->standardInput()->write(QByteArrayLiteral("next\n"));
            co_await process->standardInput()->drain();
        }
        APROC_COMPARE(co_await out->read(), QByteArray()); // EOF, no OSError
        APROC_VERIFY(out->atEof());
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

// The master reads EIO once the child is gone: a plain EOF for the reader, and the exit code.
void tst_Pty::exitIsACleanEof()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessShell(QStringLiteral("echo bye; exit 3"), onPty());
        StreamReader *out = process->standardOutput();
        APROC_COMPARE(co_await out->readline(), QByteArrayLiteral("bye\r\n"));
        APROC_COMPARE(co_await out->readline(), QByteArray());
        APROC_VERIFY(out->atEof());
        APROC_VERIFY(!out->exception());
        APROC_COMPARE(co_await process->wait(), 3);
    }());
}

void tst_Pty::noFdLeak()
{
    const int before = openFdCount();
    APROC_RUN([]() -> Task<void> {
        for (int i = 0; i < 5; ++i) {
            auto process = co_await createSubprocessShell(QStringLiteral("stty size"), onPty());
            auto finished = aproc::signal(process.get(), &Process::finished);
            process->setWindowSize(30, 100);
            co_await readToEof(process.get());
            APROC_COMPARE(co_await finished, 0);
        }
    }());
    QTRY_COMPARE(openFdCount(), before);
}

QTEST_GUILESS_MAIN(tst_Pty)
#include "tst_pty.moc"
