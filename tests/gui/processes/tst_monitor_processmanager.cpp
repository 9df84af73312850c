// SPDX-License-Identifier: MIT
// ProcessManager against real children: the list, the counts, failures, removal and shutdown,
// and that no child outlives what owns it.
#include "processes/managedprocess.h"
#include "processes/processmanager.h"

#include <aproc/shell.h>

#include <QtCore/QFile>
#include <QtCore/QPointer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <cerrno>
#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using aproc::monitor::LaunchSpec;
using aproc::monitor::ManagedProcess;
using aproc::monitor::ProcessManager;
using aproc::monitor::ProcessState;
using aproc::monitor::RestartPolicy;

namespace {
constexpr int childTimeout = 10000;

LaunchSpec helperSpec(const QStringList &arguments)
{
    LaunchSpec spec;
    QStringList words{aproc::shellQuote(QStringLiteral(APROC_TEST_HELPER))};
    for (const QString &argument : arguments)
        words.append(aproc::shellQuote(argument));
    spec.command = words.join(u' ');
    return spec;
}

/*! True once \a pid, a child of this process, was reaped. */
bool isReaped(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == -1 && errno == ESRCH;
}

/*! True while \a pid runs (a zombie waiting for another reaper counts as gone). */
bool isAlive(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = file.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    return close > 0 && close + 2 < stat.size() && stat.at(close + 2) != 'Z';
}

/*! The last countsChanged(running, failed) of \a spy, as a pair. */
std::pair<int, int> lastCounts(const QSignalSpy &spy)
{
    if (spy.isEmpty())
        return {-1, -1};
    return {spy.last().at(0).toInt(), spy.last().at(1).toInt()};
}

bool everyoneRunning(const QList<ManagedProcess *> &processes)
{
    return std::all_of(processes.cbegin(), processes.cend(), [](const ManagedProcess *process) {
        return process->state() == ProcessState::Running;
    });
}
} // namespace

class TestProcessManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addAndLaunch();
    void countsAndFailures();
    void userStopIsNotReportedAsFailure();
    void clearFinished();
    void removeRunningLeavesNoChild();
    void startAllAndStopAll();
    void shutdownStopsEveryone();
    void shutdownWithNothingRunning();
    void shutdownCancelsPendingRestarts();
    void destructionLeavesNoChild();
};

void TestProcessManager::addAndLaunch()
{
    ProcessManager manager;
    QSignalSpy added(&manager, &ProcessManager::processAdded);
    QVERIFY(added.isValid());
    ManagedProcess *idle = manager.add(helperSpec({u"exit"_s, u"0"_s}));
    QCOMPARE(idle->state(), ProcessState::Exited);
    QVERIFY(!idle->returncode());
    ManagedProcess *running = manager.launch(helperSpec({u"sleep"_s, u"30"_s}));
    QCOMPARE(running->state(), ProcessState::Starting);
    QCOMPARE(added.size(), 2);
    QCOMPARE(added.at(1).at(0).value<ManagedProcess *>(), running);
    QCOMPARE(manager.processes(), (QList<ManagedProcess *>{idle, running}));
    QCOMPARE(manager.process(running->id()), running);
    QCOMPARE(manager.process(idle->id()), idle);
    QCOMPARE(manager.process(0), nullptr);
    QCOMPARE(manager.active(), QList<ManagedProcess *>{running});
    QCOMPARE(manager.runningCount(), 1);
}

void TestProcessManager::countsAndFailures()
{
    ProcessManager manager;
    QSignalSpy counts(&manager, &ProcessManager::countsChanged);
    QSignalSpy failed(&manager, &ProcessManager::processFailed);
    QVERIFY(counts.isValid() && failed.isValid());
    ManagedProcess *sleeper = manager.launch(helperSpec({u"sleep"_s, u"30"_s}));
    ManagedProcess *good = manager.launch(helperSpec({u"exit"_s, u"0"_s}));
    ManagedProcess *bad = manager.launch(helperSpec({u"exit"_s, u"3"_s}));
    ManagedProcess *killed = manager.launch(helperSpec({u"kill-self"_s, u"9"_s}));
    LaunchSpec missing;
    missing.command = u"/nonexistent/aproc-no-such-program"_s;
    ManagedProcess *broken = manager.launch(missing);
    QCOMPARE(manager.runningCount(), 5);
    QTRY_COMPARE_WITH_TIMEOUT(manager.runningCount(), 1, childTimeout);
    QCOMPARE(manager.active(), QList<ManagedProcess *>{sleeper});
    QCOMPARE(good->state(), ProcessState::Exited);
    QCOMPARE(manager.failedCount(), 3);
    QCOMPARE(lastCounts(counts), std::make_pair(1, 3));
    QCOMPARE(failed.size(), 3);
    QList<ManagedProcess *> failures;
    for (const QList<QVariant> &arguments : std::as_const(failed)) {
        failures.append(arguments.at(0).value<ManagedProcess *>());
        QVERIFY(!arguments.at(1).toString().isEmpty());
    }
    QVERIFY(failures.contains(bad) && failures.contains(killed) && failures.contains(broken));
    for (const QList<QVariant> &arguments : std::as_const(failed)) {
        if (arguments.at(0).value<ManagedProcess *>() == killed)
            QVERIFY2(arguments.at(1).toString().contains(u"SIGKILL"_s),
                     qPrintable(arguments.at(1).toString()));
    }
}

void TestProcessManager::userStopIsNotReportedAsFailure()
{
    ProcessManager manager;
    QSignalSpy failed(&manager, &ProcessManager::processFailed);
    QVERIFY(failed.isValid());
    ManagedProcess *process = manager.launch(helperSpec({u"sleep"_s, u"30"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Running, childTimeout);
    process->stop();
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Killed, childTimeout);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(manager.failedCount(), 1); // it did end by a signal
}

void TestProcessManager::clearFinished()
{
    ProcessManager manager;
    QSignalSpy removed(&manager, &ProcessManager::processRemoved);
    QVERIFY(removed.isValid());
    ManagedProcess *idle = manager.add(helperSpec({u"exit"_s, u"0"_s}));
    ManagedProcess *sleeper = manager.launch(helperSpec({u"sleep"_s, u"30"_s}));
    QPointer<ManagedProcess> done = manager.launch(helperSpec({u"exit"_s, u"0"_s}));
    QPointer<ManagedProcess> bad = manager.launch(helperSpec({u"exit"_s, u"4"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(manager.runningCount(), 1, childTimeout);
    QCOMPARE(manager.failedCount(), 1);
    manager.clearFinished();
    QCOMPARE(manager.processes(), (QList<ManagedProcess *>{idle, sleeper}));
    QCOMPARE(removed.size(), 2);
    QCOMPARE(manager.failedCount(), 0);
    QTRY_VERIFY(!done && !bad); // deleted later
}

void TestProcessManager::removeRunningLeavesNoChild()
{
    ProcessManager manager;
    QSignalSpy removed(&manager, &ProcessManager::processRemoved);
    QVERIFY(removed.isValid());
    // A shell that waits, and a sleeping grandchild in its group.
    LaunchSpec spec;
    spec.shell = true;
    spec.command
            = aproc::shellQuote(QStringLiteral(APROC_TEST_HELPER)) + u" grandchild 30; read x"_s;
    QPointer<ManagedProcess> process = manager.launch(spec);
    QSignalSpy output(process.data(), &ManagedProcess::outputReceived);
    QVERIFY(output.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(!output.isEmpty() && output.last().at(1).toByteArray().endsWith('\n'),
                             childTimeout);
    const qint64 grandchild = output.last().at(1).toByteArray().trimmed().toLongLong();
    QVERIFY(isAlive(grandchild));
    const qint64 pid = process->pid();
    manager.remove(process);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(0).value<ManagedProcess *>(), process.data());
    QVERIFY(manager.processes().isEmpty());
    QCOMPARE(manager.runningCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!process, childTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(isReaped(pid), childTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!isAlive(grandchild), childTimeout);
    manager.remove(nullptr); // not one of ours: nothing
    QCOMPARE(removed.size(), 1);
}

void TestProcessManager::startAllAndStopAll()
{
    ProcessManager manager;
    manager.add(helperSpec({u"sleep"_s, u"30"_s}));
    manager.add(helperSpec({u"sleep"_s, u"30"_s}));
    QCOMPARE(manager.runningCount(), 0);
    manager.startAll();
    QCOMPARE(manager.runningCount(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(everyoneRunning(manager.processes()), childTimeout);
    manager.stopAll(60s);
    QTRY_COMPARE_WITH_TIMEOUT(manager.runningCount(), 0, childTimeout);
    for (ManagedProcess *process : manager.processes())
        QCOMPARE(process->exitDescription(), u"SIGTERM"_s);
}

void TestProcessManager::shutdownStopsEveryone()
{
    ProcessManager manager;
    QSignalSpy finished(&manager, &ProcessManager::shutdownFinished);
    QVERIFY(finished.isValid());
    ManagedProcess *stubborn = manager.launch(helperSpec({u"ignore-term"_s}));
    QSignalSpy ready(stubborn, &ManagedProcess::outputReceived);
    QVERIFY(ready.isValid());
    manager.launch(helperSpec({u"sleep"_s, u"30"_s}));
    manager.launch(helperSpec({u"cat"_s}));
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), childTimeout); // it ignores SIGTERM now
    QTRY_VERIFY_WITH_TIMEOUT(everyoneRunning(manager.processes()), childTimeout);
    QList<qint64> pids;
    for (ManagedProcess *process : manager.processes())
        pids.append(process->pid());
    manager.shutdown(200ms);
    QVERIFY(manager.isShuttingDown());
    QCOMPARE(finished.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, childTimeout);
    QCOMPARE(manager.runningCount(), 0);
    QCOMPARE(stubborn->exitDescription(), u"SIGKILL"_s);
    for (qint64 pid : std::as_const(pids))
        QVERIFY(isReaped(pid));
    manager.startAll(); // quitting: nothing starts again
    QCOMPARE(manager.runningCount(), 0);
}

void TestProcessManager::shutdownWithNothingRunning()
{
    ProcessManager manager;
    manager.add(helperSpec({u"exit"_s, u"0"_s}));
    QSignalSpy finished(&manager, &ProcessManager::shutdownFinished);
    QVERIFY(finished.isValid());
    manager.shutdown(1s);
    QCOMPARE(finished.size(), 1);
}

void TestProcessManager::shutdownCancelsPendingRestarts()
{
    ProcessManager manager;
    LaunchSpec spec = helperSpec({u"exit"_s, u"3"_s});
    spec.restartPolicy = RestartPolicy::Always;
    spec.restartDelay = 60s;
    ManagedProcess *process = manager.launch(spec);
    QTRY_VERIFY_WITH_TIMEOUT(process->isRestartPending(), childTimeout);
    QSignalSpy finished(&manager, &ProcessManager::shutdownFinished);
    QVERIFY(finished.isValid());
    manager.shutdown(1s);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!process->isRestartPending());
}

void TestProcessManager::destructionLeavesNoChild()
{
    auto manager = std::make_unique<ProcessManager>();
    ManagedProcess *first = manager->launch(helperSpec({u"sleep"_s, u"30"_s}));
    ManagedProcess *second = manager->launch(helperSpec({u"ignore-term"_s}));
    QTRY_VERIFY_WITH_TIMEOUT(everyoneRunning(manager->processes()), childTimeout);
    const QList<qint64> pids{first->pid(), second->pid()};
    manager.reset();
    for (qint64 pid : pids)
        QTRY_VERIFY_WITH_TIMEOUT(isReaped(pid), childTimeout);
}

QTEST_MAIN(TestProcessManager)
#include "tst_monitor_processmanager.moc"
