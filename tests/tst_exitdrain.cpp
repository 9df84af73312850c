// SPDX-License-Identifier: MIT
// ProcessOptions::exitDrain: once the child exited, communicate() and finished wait at most the
// grace for its pipes; then the pipes close, what was read is kept, and the processes still
// holding them are named (Communicated::outputHeldBy, Process::drainExpired) and, with
// killHolders, killed. Without the option they wait for EOF, as asyncio does (gh-119710). Real
// children only: a shell that backgrounds a `sleep` holding its output.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/process.h>
#include <aproc/protocols.h>
#include <aproc/sleep.h>
#include <aproc/streamreader.h>
#include <aproc/testing.h>
#include <aproc/transports.h>
#include <aproc/waitfor.h>

#include "support/children.h"
#include "support/fds.h"
#include "support/yield.h"

#include <QtCore/QElapsedTimer>
#include <QtTest/QtTest>

#include <csignal>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

ProcessOptions drained(std::optional<ExitDrain> exitDrain, bool out = true, bool err = true)
{
    ProcessOptions options;
    options.stdoutMode = out ? PIPE : DEVNULL;
    options.stderrMode = err ? PIPE : DEVNULL;
    options.exitDrain = exitDrain;
    return options;
}

// The shell of these tests: "before" and "after" on stdout around a backgrounded `sleep 300`,
// whose pid goes to stderr. The sleep inherits both pipes and outlives the shell.
const QString holderScript = QStringLiteral("echo before; sleep 300 & echo after; echo $! >&2");

qint64 pidIn(const std::optional<QByteArray> &text)
{
    return text ? text->trimmed().toLongLong() : 0;
}

QStringList named(qint64 pid, const char *command)
{
    return {QString::number(pid) + QLatin1Char(' ') + QLatin1String(command)};
}

Task<void> expiredGraceReturnsWhatWasReadAndNamesTheHolder()
{
    const int fdsBefore = openFdCount();
    // The warning of aproc.process names the holder too.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                               "pipes are still held open by: [0-9]+ sleep 300$")));
    auto process = co_await createSubprocessShell(holderScript, drained(ExitDrain{200ms, false}));
    QSignalSpy expired(process.get(), &Process::drainExpired);
    QSignalSpy finished(process.get(), &Process::finished);
    APROC_VERIFY(expired.isValid() && finished.isValid());
    QElapsedTimer elapsed;
    elapsed.start();
    const Communicated result = co_await process->communicate();
    const qint64 holder = pidIn(result.err);
    APROC_VERIFY2(elapsed.elapsed() >= 150, qPrintable(QString::number(elapsed.elapsed())));
    APROC_COMPARE(result.out, std::optional<QByteArray>("before\nafter\n"));
    APROC_VERIFY(holder > 0);
    APROC_COMPARE(result.outputHeldBy, named(holder, "sleep 300")); // once, for both pipes
    APROC_TRY_VERIFY(finished.count() == 1);
    APROC_COMPARE(expired.count(), 1);
    APROC_COMPARE(expired.at(0).at(0).toStringList(), result.outputHeldBy);
    APROC_COMPARE(finished.at(0).at(0).toInt(), 0);
    APROC_VERIFY(!notRunning(holder)); // killHolders = false: only the pipes closed
    ::kill(pid_t(holder), SIGKILL);
    APROC_TRY_VERIFY(notRunning(holder));
    process.reset();
    APROC_VERIFY(noZombie());
    APROC_COMPARE(openFdCount(), fdsBefore);
}

Task<void> killHoldersKillsThem()
{
    auto process = co_await createSubprocessShell(holderScript, drained(ExitDrain{200ms, true}));
    const Communicated result = co_await process->communicate();
    const qint64 holder = pidIn(result.err);
    APROC_COMPARE(result.out, std::optional<QByteArray>("before\nafter\n"));
    APROC_COMPARE(result.outputHeldBy, named(holder, "sleep 300"));
    APROC_TRY_VERIFY(notRunning(holder));
    APROC_VERIFY(noZombie());
}

// Output the holder writes within the grace is part of the result.
Task<void> outputOfTheHolderBeforeTheExpiryIsKept()
{
    auto process = co_await createSubprocessShell(
            QStringLiteral("echo before; (sleep 0.1; echo late; sleep 300) & echo $! >&2"),
            drained(ExitDrain{2s, true}));
    const Communicated result = co_await process->communicate();
    const qint64 holder = pidIn(result.err);
    APROC_COMPARE(result.out, std::optional<QByteArray>("before\nlate\n"));
    APROC_VERIFY(!result.outputHeldBy.isEmpty());
    const QString holderName = QString::number(holder) + QLatin1Char(' ');
    APROC_VERIFY2(result.outputHeldBy.first().startsWith(holderName),
                  qPrintable(result.outputHeldBy.join(QStringLiteral(", "))));
    for (const QString &name : result.outputHeldBy) {
        const qint64 pid = name.section(QLatin1Char(' '), 0, 0).toLongLong();
        APROC_TRY_VERIFY(notRunning(pid));
    }
}

Task<void> graceExpiresOnStderrToo()
{
    auto process = co_await createSubprocessShell(QStringLiteral("sleep 300 & echo $! >&2"),
                                                  drained(ExitDrain{200ms, true}, false));
    QSignalSpy expired(process.get(), &Process::drainExpired);
    const Communicated result = co_await process->communicate();
    const qint64 holder = pidIn(result.err);
    APROC_COMPARE(result.out, std::nullopt);
    APROC_COMPARE(result.outputHeldBy, named(holder, "sleep 300"));
    APROC_TRY_VERIFY(expired.count() == 1);
    APROC_TRY_VERIFY(notRunning(holder));
}

// On a pty the holder has the terminal's slave open; it ignores the SIGHUP that the session
// leader's exit sends it.
Task<void> graceExpiresOnAPty()
{
    ProcessOptions options = drained(ExitDrain{200ms, true}, true, false);
    options.stdoutMode = Stdio::pty();
    auto process = co_await createSubprocessShell(
            QStringLiteral("trap '' HUP; sleep 300 & echo $!"), std::move(options));
    const Communicated result = co_await process->communicate();
    const qint64 holder = pidIn(result.out);
    APROC_VERIFY(holder > 0);
    APROC_COMPARE(result.outputHeldBy, named(holder, "sleep 300"));
    APROC_TRY_VERIFY(notRunning(holder));
}

// A protocol of the low level (loop.subprocess_shell): its connectionLost() is what waits for
// every pipe, the stdin pipe too (a Process closes stdin itself once the output is done, PT-14).
class LostRecorder : public SubprocessProtocol
{
public:
    Future<void> lost;
    QByteArray err;

    void pipeDataReceived(int fd, const QByteArray &data) override
    {
        if (fd == 2)
            err += data;
    }
    void connectionLost(std::exception_ptr) override
    {
        if (!lost.done())
            lost.setResult();
    }
};

// A holder of the stdin pipe's read end: the grace bounds the wait for stdin too.
Task<void> graceExpiresOnAHeldStdin()
{
    ProcessOptions options = drained(ExitDrain{200ms, false}, false);
    options.stdinMode = PIPE;
    auto factory = [] { return std::make_shared<LostRecorder>(); };
    const QString script
            = QStringLiteral("exec 3<&0; sleep 300 <&3 3<&- 2>/dev/null & echo $! >&2");
    auto [transport, protocol]
            = co_await EventLoop::current()->subprocessShell(factory, script, options);
    co_await waitFor(protocol->lost, 5s);
    const qint64 holder = pidIn(protocol->err);
    APROC_VERIFY(holder > 0);
    APROC_VERIFY(!notRunning(holder)); // lost came from the grace, not from the holder's end
    ::kill(pid_t(holder), SIGKILL);
    APROC_TRY_VERIFY(notRunning(holder));
    transport->close();
}

// A descendant that lets go of the pipes within the grace: nothing expires, nobody is named.
Task<void> pipesClosedInTimeExpireNothing()
{
    auto process = co_await createSubprocessShell(QStringLiteral("echo hi; sleep 0.2 &"),
                                                  drained(ExitDrain{5s, true}));
    QSignalSpy expired(process.get(), &Process::drainExpired);
    QSignalSpy finished(process.get(), &Process::finished);
    QElapsedTimer elapsed;
    elapsed.start();
    const Communicated result = co_await process->communicate();
    APROC_COMPARE(result.out, std::optional<QByteArray>("hi\n"));
    APROC_COMPARE(result.outputHeldBy, QStringList());
    APROC_TRY_VERIFY(finished.count() == 1);
    APROC_VERIFY2(elapsed.elapsed() < 4000, qPrintable(QString::number(elapsed.elapsed())));
    co_await yieldTimes(5);
    APROC_COMPARE(expired.count(), 0);
}

Task<void> negativeGraceIsRefusedBeforeTheSpawn()
{
    const QStringList before = children();
    const int fdsBefore = openFdCount();
    QString message;
    try {
        co_await createSubprocessShell(holderScript, drained(ExitDrain{-1ms, false}));
    } catch (const ValueError &error) {
        message = error.message();
    }
    APROC_VERIFY2(message.contains(QStringLiteral("exitDrain.grace")), qPrintable(message));
    APROC_COMPARE(children(), before);
    APROC_COMPARE(openFdCount(), fdsBefore);
}

// asyncio's behaviour stays the default: communicate() waits for as long as the holder lives
// (and wait() still resolves at the exit, CONFORMANCE D1).
Task<void> withoutTheOptionCommunicateWaits()
{
    auto process = co_await createSubprocessShell(holderScript, drained(std::nullopt));
    QSignalSpy expired(process.get(), &Process::drainExpired);
    QSignalSpy output(process.get(), &Process::outputReceived);
    auto communicating = createTask(process->communicate());
    APROC_COMPARE(co_await process->wait(), 0);
    co_await sleep(300ms);
    co_await yieldTimes(5);
    APROC_VERIFY(!communicating.done());
    QByteArray err;
    for (const QList<QVariant> &arguments : output) {
        if (arguments.at(0).toInt() == 2)
            err += arguments.at(1).toByteArray();
    }
    const qint64 holder = pidIn(err);
    APROC_VERIFY(holder > 0);
    ::kill(pid_t(holder), SIGKILL);
    const Communicated result = co_await communicating;
    APROC_COMPARE(result.out, std::optional<QByteArray>("before\nafter\n"));
    APROC_COMPARE(result.outputHeldBy, QStringList());
    APROC_COMPARE(expired.count(), 0);
}

} // namespace

class tst_ExitDrain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expiredGraceReturnsWhatWasReadAndNamesTheHolder()
    {
        APROC_RUN(::expiredGraceReturnsWhatWasReadAndNamesTheHolder());
    }
    void killHoldersKillsThem() { APROC_RUN(::killHoldersKillsThem()); }
    void outputOfTheHolderBeforeTheExpiryIsKept()
    {
        APROC_RUN(::outputOfTheHolderBeforeTheExpiryIsKept());
    }
    void graceExpiresOnStderrToo() { APROC_RUN(::graceExpiresOnStderrToo()); }
    void graceExpiresOnAPty() { APROC_RUN(::graceExpiresOnAPty()); }
    void graceExpiresOnAHeldStdin() { APROC_RUN(::graceExpiresOnAHeldStdin()); }
    void pipesClosedInTimeExpireNothing() { APROC_RUN(::pipesClosedInTimeExpireNothing()); }
    void negativeGraceIsRefusedBeforeTheSpawn()
    {
        APROC_RUN(::negativeGraceIsRefusedBeforeTheSpawn());
    }
    void withoutTheOptionCommunicateWaits() { APROC_RUN(::withoutTheOptionCommunicateWaits()); }
};

QTEST_GUILESS_MAIN(tst_ExitDrain)
#include "tst_exitdrain.moc"
