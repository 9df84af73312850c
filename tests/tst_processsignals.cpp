// SPDX-License-Identifier: MIT
// Signalling children: CONFORMANCE SG-01..SG-07, CW-08, the decisions D3 and D4, stop(grace),
// resourceUsage() and the absence of fd or zombie leaks. The child is tests/helpers
// (APROC_TEST_HELPER), or /bin/sh.
#include <aproc/aproc.h>
#include <aproc/process.h>
#include <aproc/resourceusage.h>
#include <aproc/streamreader.h>
#include <aproc/testing.h>
#include <aproc/transports.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtTest/QtTest>

#include "support/children.h"
#include "support/fds.h"

#include <cerrno>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

ProcessOptions pipedStdout()
{
    ProcessOptions options;
    options.stdoutMode = PIPE;
    return options;
}

// The children of \a pid ("self" for this process), from /proc/<pid>/task/*/children.
QList<pid_t> childrenOf(const QString &pid)
{
    QList<pid_t> children;
    const QString taskDir = QStringLiteral("/proc/%1/task").arg(pid);
    const QStringList tasks = QDir(taskDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &task : tasks) {
        QFile file(taskDir + QLatin1Char('/') + task + QStringLiteral("/children"));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> words = file.readAll().simplified().split(' ');
        for (const QByteArray &word : words)
            if (!word.isEmpty())
                children << pid_t(word.toInt());
    }
    return children;
}

QList<pid_t> childrenOf(qint64 pid)
{
    return childrenOf(QString::number(pid));
}

bool gone(pid_t pid)
{
    return ::kill(pid, 0) == -1 && errno == ESRCH;
}

} // namespace

class tst_ProcessSignals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QTRY_VERIFY(noZombie()); }

    void killGivesMinusNine();
    void terminateGivesMinusFifteen();
    void childrenStartWithDefaultDispositions();
    void childrenStartWithNothingIgnoredOrBlocked();
    void selfKillAndExitStatus();
    void signalsAfterExitAreNoOps();
    void killingAShellLeavesTheGrandchild();
    void signalToGroupStopsTheTree();
    void stopTerminatesANormalChild();
    void stopKillsAChildIgnoringTerm();
    void stopAfterExitGivesTheCode();
    void returncodeEmptyUntilExitProcessed();
    void cancelledCreateKillsAndReaps();
    void destroyedProcessKillsAndReaps();
    void destroyedStartedProcessKillsAndReaps();
    void resourceUsageAfterExit();
    void noLeaksAfterManySpawns();
};

// SG-01
void tst_ProcessSignals::killGivesMinusNine()
{
    APROC_RUN([]() -> Task<void> {
        auto process
                = co_await createSubprocessExec(helper(), args("sleep", "3600"), pipedStdout());
        APROC_COMPARE(co_await process->standardOutput()->readline(),
                      QByteArrayLiteral("sleeping\n"));
        process->kill();
        APROC_COMPARE(co_await process->wait(), -SIGKILL);
    }());
}

// SG-02
void tst_ProcessSignals::terminateGivesMinusFifteen()
{
    APROC_RUN([]() -> Task<void> {
        auto process
                = co_await createSubprocessExec(helper(), args("sleep", "3600"), pipedStdout());
        APROC_COMPARE(co_await process->standardOutput()->readline(),
                      QByteArrayLiteral("sleeping\n"));
        process->terminate();
        APROC_COMPARE(co_await process->wait(), -SIGTERM);
    }());
}

// SG-03
void tst_ProcessSignals::childrenStartWithDefaultDispositions()
{
    struct sigaction previous
    { };
    struct sigaction ignore
    { };
    ignore.sa_handler = SIG_IGN;
    QVERIFY(::sigaction(SIGHUP, &ignore, &previous) == 0);
    APROC_RUN([]() -> Task<void> {
        auto process
                = co_await createSubprocessExec(helper(), args("sleep", "3600"), pipedStdout());
        APROC_COMPARE(co_await process->standardOutput()->readline(),
                      QByteArrayLiteral("sleeping\n"));
        process->sendSignal(SIGHUP);
        APROC_COMPARE(co_await process->wait(), -SIGHUP);
    }());
    QVERIFY(::sigaction(SIGHUP, &previous, nullptr) == 0);
}

// SG-03: also SIGPIPE, and the signal mask, as the child itself reports them.
void tst_ProcessSignals::childrenStartWithNothingIgnoredOrBlocked()
{
    struct sigaction ignore
    { };
    ignore.sa_handler = SIG_IGN;
    struct sigaction previousHup
    { };
    struct sigaction previousPipe
    { };
    QVERIFY(::sigaction(SIGHUP, &ignore, &previousHup) == 0);
    QVERIFY(::sigaction(SIGPIPE, &ignore, &previousPipe) == 0);
    QByteArray report;
    APROC_RUN([](QByteArray *report) -> Task<void> {
        auto process
                = co_await createSubprocessExec(helper(), args("print-sigmask"), pipedStdout());
        const Communicated result = co_await process->communicate();
        *report = result.out.value_or(QByteArray());
        APROC_COMPARE(process->returncode(), std::optional<int>(0));
    }(&report));
    QVERIFY(::sigaction(SIGHUP, &previousHup, nullptr) == 0);
    QVERIFY(::sigaction(SIGPIPE, &previousPipe, nullptr) == 0);
    const QList<QByteArray> words = report.split(' ');
    QCOMPARE(words.size(), 2);
    QCOMPARE(words.at(0).toULongLong(), 0ULL); // nothing blocked
    const unsigned long long ignored = words.at(1).toULongLong();
    QVERIFY2(!(ignored & (1ULL << SIGHUP)) && !(ignored & (1ULL << SIGPIPE)), report.constData());
}

// SG-04
void tst_ProcessSignals::selfKillAndExitStatus()
{
    APROC_RUN([]() -> Task<void> {
        auto killed = co_await createSubprocessExec(helper(),
                                                    args("kill-self", QString::number(SIGUSR1)));
        APROC_COMPARE(co_await killed->wait(), -SIGUSR1);
        APROC_COMPARE(SIGUSR1, 10);
        auto exited = co_await createSubprocessExec(helper(), args("exit", "300"));
        APROC_COMPARE(co_await exited->wait(), 44);
    }());
}

// SG-05
void tst_ProcessSignals::signalsAfterExitAreNoOps()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(helper(), args("exit", "3"));
        APROC_COMPARE(co_await process->wait(), 3);
        process->kill();
        process->terminate();
        process->sendSignal(SIGUSR1);
        process->sendSignalToGroup(SIGTERM);
        APROC_COMPARE(process->returncode(), std::optional<int>(3));
        // The transport itself reports the reaped pid (asyncio's ProcessLookupError).
        APROC_VERIFY_THROWS(process->transport()->kill(), ProcessLookupError);
        APROC_VERIFY_THROWS(process->transport()->sendSignal(SIGUSR1), ProcessLookupError);
        APROC_COMPARE(co_await process->wait(), 3);
    }());
}

// SG-07: only the shell dies; its sleep lives on and is killed here.
void tst_ProcessSignals::killingAShellLeavesTheGrandchild()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessShell(QStringLiteral("sleep 3600; sleep 3600"));
        const qint64 shell = process->pid();
        APROC_TRY_VERIFY(childrenOf(shell).size() == 1);
        const pid_t grandchild = childrenOf(shell).first();
        process->kill();
        APROC_COMPARE(co_await process->wait(), -SIGKILL);
        APROC_VERIFY(::kill(grandchild, 0) == 0);
        APROC_VERIFY(::kill(grandchild, SIGKILL) == 0);
        APROC_TRY_VERIFY(gone(grandchild));
    }());
}

// SG-07: the group of a new session is the whole tree.
void tst_ProcessSignals::signalToGroupStopsTheTree()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options;
        options.startNewSession = true;
        auto process = co_await createSubprocessShell(
                QStringLiteral("sleep 3600 & sleep 3600 & wait"), options);
        APROC_TRY_VERIFY(childrenOf(process->pid()).size() == 2);
        const QList<pid_t> sleepers = childrenOf(process->pid());
        process->sendSignalToGroup(SIGTERM);
        APROC_COMPARE(co_await process->wait(), -SIGTERM);
        for (pid_t sleeper : sleepers)
            APROC_TRY_VERIFY(gone(sleeper));
    }());
}

// stop(grace): SIGTERM is enough.
void tst_ProcessSignals::stopTerminatesANormalChild()
{
    APROC_RUN([]() -> Task<void> {
        auto process
                = co_await createSubprocessExec(helper(), args("sleep", "3600"), pipedStdout());
        APROC_COMPARE(co_await process->standardOutput()->readline(),
                      QByteArrayLiteral("sleeping\n"));
        APROC_COMPARE(co_await process->stop(5s), -SIGTERM);
    }());
}

// stop(grace): SIGKILL after the grace.
void tst_ProcessSignals::stopKillsAChildIgnoringTerm()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(helper(), args("ignore-term"), pipedStdout());
        APROC_COMPARE(co_await process->standardOutput()->readline(), QByteArrayLiteral("ready\n"));
        const auto before = std::chrono::steady_clock::now();
        APROC_COMPARE(co_await process->stop(200ms), -SIGKILL);
        APROC_VERIFY(std::chrono::steady_clock::now() - before >= 190ms);
    }());
}

void tst_ProcessSignals::stopAfterExitGivesTheCode()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(helper(), args("exit", "7"));
        APROC_COMPARE(co_await process->wait(), 7);
        APROC_COMPARE(co_await process->stop(100ms), 7);
    }());
}

// CW-08
void tst_ProcessSignals::returncodeEmptyUntilExitProcessed()
{
    APROC_RUN([]() -> Task<void> {
        auto process
                = co_await createSubprocessExec(helper(), args("sleep", "3600"), pipedStdout());
        APROC_COMPARE(co_await process->standardOutput()->readline(),
                      QByteArrayLiteral("sleeping\n"));
        process->kill();
        APROC_VERIFY(!process->returncode());
        APROC_COMPARE(co_await process->wait(), -SIGKILL);
        APROC_COMPARE(process->returncode(), std::optional<int>(-SIGKILL));
    }());
}

// D3 (PC-13): cancelling the creation after the spawn kills and reaps the child.
void tst_ProcessSignals::cancelledCreateKillsAndReaps()
{
    APROC_RUN([]() -> Task<void> {
        Task<std::unique_ptr<Process>> creating
                = createTask(createSubprocessExec(helper(), args("sleep", "3600")));
        co_await sleep(0ms);
        APROC_VERIFY(!childrenOf(QStringLiteral("self")).isEmpty()); // the spawn happened
        creating.cancel();
        APROC_VERIFY_THROWS(co_await creating, CancelledError);
        APROC_VERIFY(childrenOf(QStringLiteral("self")).isEmpty());
        APROC_VERIFY(noZombie());
    }());
}

// D4 (PC-14): destroying a Process whose child runs kills and reaps it.
void tst_ProcessSignals::destroyedProcessKillsAndReaps()
{
    APROC_RUN([]() -> Task<void> {
        auto process
                = co_await createSubprocessExec(helper(), args("sleep", "3600"), pipedStdout());
        APROC_COMPARE(co_await process->standardOutput()->readline(),
                      QByteArrayLiteral("sleeping\n"));
        const pid_t pid = pid_t(process->pid());
        process.reset();
        APROC_TRY_VERIFY(gone(pid));
        APROC_VERIFY(noZombie());
    }());
}

// D4, for a Process made by start() and destroyed in signal/slot code.
void tst_ProcessSignals::destroyedStartedProcessKillsAndReaps()
{
    auto process = std::make_unique<Process>();
    QSignalSpy output(process.get(), &Process::outputReceived);
    QVERIFY(output.isValid());
    ProcessOptions options = pipedStdout();
    options.streams = false;
    process->start(helper(), args("sleep", "3600"), options);
    QTRY_VERIFY(!output.isEmpty()); // "sleeping": the child runs
    const pid_t pid = pid_t(process->pid());
    QVERIFY(pid > 0);
    process.reset();
    QTRY_VERIFY(gone(pid));
    QVERIFY(noZombie());
}

void tst_ProcessSignals::resourceUsageAfterExit()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options;
        options.stdoutMode = DEVNULL;
        auto process = co_await createSubprocessExec(helper(), args("flood", "200000000"), options);
        APROC_VERIFY(!process->resourceUsage());
        APROC_COMPARE(co_await process->wait(), 0);
        const std::optional<ResourceUsage> usage = process->resourceUsage();
        APROC_VERIFY(usage.has_value());
        APROC_VERIFY((usage->userTime + usage->systemTime).count() > 0);
        APROC_VERIFY(usage->maxResidentKiB > 0);
    }());
}

// 300 spawns: exits, kills, failed starts; afterwards no extra fd and no zombie.
void tst_ProcessSignals::noLeaksAfterManySpawns()
{
    APROC_RUN([]() -> Task<void> { // the child watcher's own descriptors exist from here on
        auto process = co_await createSubprocessExec(helper(), args("exit", "0"));
        APROC_COMPARE(co_await process->wait(), 0);
    }());
    const int before = openFdCount();
    APROC_RUN_TIMEOUT(
            []() -> Task<void> {
                for (int i = 0; i < 300; ++i) {
                    if (i % 3 == 0) {
                        auto process = co_await createSubprocessExec(helper(), args("echo", "x"),
                                                                     pipedStdout());
                        const Communicated result = co_await process->communicate();
                        APROC_COMPARE(result.out,
                                      std::optional<QByteArray>(QByteArrayLiteral("x\n")));
                    } else if (i % 3 == 1) {
                        auto process
                                = co_await createSubprocessExec(helper(), args("sleep", "3600"));
                        process->kill();
                        APROC_COMPARE(co_await process->wait(), -SIGKILL);
                    } else {
                        APROC_VERIFY_THROWS(
                                co_await createSubprocessExec(
                                        QStringLiteral("/no/such/program-aproc"), QStringList()),
                                FileNotFoundError);
                    }
                }
            }(),
            std::chrono::milliseconds(60000));
    QTRY_COMPARE(openFdCount(), before);
    QTRY_VERIFY(noZombie());
    QVERIFY(childrenOf(QStringLiteral("self")).isEmpty());
}

QTEST_GUILESS_MAIN(tst_ProcessSignals)
#include "tst_processsignals.moc"
