// SPDX-License-Identifier: MIT
// ManagedProcess against real children (the test helper): output, exit, signals, stdin, pty,
// the restart policy, and that no child outlives its ManagedProcess.
#include "../../support/children.h"
#include "processes/managedprocess.h"

#include <aproc/shell.h>

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <cerrno>
#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using aproc::monitor::LaunchSpec;
using aproc::monitor::ManagedProcess;
using aproc::monitor::ProcessState;
using aproc::monitor::RestartPolicy;

namespace {
constexpr int childTimeout = 10000;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/*! A spec that runs the test helper with \a arguments. */
LaunchSpec helperSpec(const QStringList &arguments)
{
    LaunchSpec spec;
    QStringList words{aproc::shellQuote(QStringLiteral(APROC_TEST_HELPER))};
    for (const QString &argument : arguments)
        words.append(aproc::shellQuote(argument));
    spec.command = words.join(u' ');
    return spec;
}

/*! Everything \a spy (on outputReceived) saw on \a channel. */
QByteArray output(const QSignalSpy &spy, int channel)
{
    QByteArray data;
    for (const QList<QVariant> &arguments : spy) {
        if (arguments.at(0).toInt() == channel)
            data += arguments.at(1).toByteArray();
    }
    return data;
}

/*! The state letter of /proc/<pid>/stat ('R', 'S', 'T', 'Z', ...), or 0 when it is gone. */
char procState(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = file.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    return close < 0 || close + 2 >= stat.size() ? char(0) : stat.at(close + 2);
}

/*! True while \a pid runs (a zombie, waiting for a reaper that is not us, counts as gone). */
bool isAlive(qint64 pid)
{
    const char state = procState(pid);
    return state != 0 && state != 'Z';
}

/*! True once \a pid, a child of this process, was reaped. */
bool isReaped(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == -1 && errno == ESRCH;
}

LaunchSpec restarting(LaunchSpec spec, RestartPolicy policy, int maxRestarts)
{
    spec.restartPolicy = policy;
    spec.restartDelay = 10ms;
    spec.maxRestarts = maxRestarts;
    return spec;
}
} // namespace

class TestManagedProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initialState();
    void outputOnTwoChannels();
    void exitCode();
    void killedBySignal_data();
    void killedBySignal();
    void missingProgram();
    void missingWorkingDirectory();
    void invalidCommand();
    void environmentAdded();
    void standardInput();
    void ptyOutputOnChannelOne();
    void ptyInputAndEof();
    void ptyTerminalSize();
    void stopAndContinue();
    void signalToGroupKillsTree();
    void lingeringGrandchildHoldsTheOutput();
    void stopReachesLingeringGrandchild();
    void stopTerminatesTheWholeTree();
    void pausedOutputIsNotRead();
    void stopEscalatesToKill();
    void manualRestart();
    void restartOnFailureUpToMax();
    void restartAlways();
    void restartNever();
    void onFailureKeepsSuccess();
    void signalFromElsewhereIsAFailure();
    void userStopIsNotRestarted();
    void userSignalIsNotRestarted();
    void userStopCancelsPendingRestart();
    void destructionKillsAndReaps();
    void destructionKillsTree();
    void stopOutlastsTheOutput();
    void destructionEndsATreeBeingStopped();
};

void TestManagedProcess::initialState()
{
    ManagedProcess first(helperSpec({u"exit"_s, u"0"_s}));
    ManagedProcess second(helperSpec({u"exit"_s, u"0"_s}));
    QVERIFY(first.id() != 0);
    QVERIFY(first.id() != second.id());
    QCOMPARE(first.state(), ProcessState::Exited);
    QCOMPARE(first.pid(), 0);
    QVERIFY(!first.returncode());
    QCOMPARE(first.exitDescription(), QString());
    QVERIFY(!first.canWriteStandardInput());
    QCOMPARE(first.name(), QFileInfo(QStringLiteral(APROC_TEST_HELPER)).fileName());
}

void TestManagedProcess::outputOnTwoChannels()
{
    ManagedProcess process(helperSpec({u"out-err"_s, u"x"_s}));
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy started(&process, &ManagedProcess::started);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QSignalSpy states(&process, &ManagedProcess::stateChanged);
    QVERIFY(output.isValid() && started.isValid() && ended.isValid() && states.isValid());
    process.start();
    QCOMPARE(process.state(), ProcessState::Starting);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.at(0).at(0).toLongLong(), process.pid());
    QVERIFY(process.pid() > 0);
    QCOMPARE(::output(output, 1), "OUT:x"_ba);
    QCOMPARE(::output(output, 2), "ERR:x"_ba);
    QCOMPARE(ended.at(0).at(0).value<ProcessState>(), ProcessState::Exited);
    QCOMPARE(ended.at(0).at(1).toInt(), 0);
    QCOMPARE(states.at(0).at(0).value<ProcessState>(), ProcessState::Starting);
    QCOMPARE(states.at(1).at(0).value<ProcessState>(), ProcessState::Running);
    QCOMPARE(process.state(), ProcessState::Exited);
    QCOMPARE(process.exitDescription(), u"0"_s);
    QVERIFY(process.startTime().isValid());
}

void TestManagedProcess::exitCode()
{
    ManagedProcess process(helperSpec({u"exit"_s, u"3"_s}));
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(ended.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.state(), ProcessState::Exited);
    QCOMPARE(process.returncode(), 3);
    QCOMPARE(process.exitDescription(), u"3"_s);
    QVERIFY(process.pid() > 0); // the last pid stays
    QVERIFY(!process.endedByUser());
}

void TestManagedProcess::killedBySignal_data()
{
    QTest::addColumn<int>("signo");
    QTest::addColumn<QString>("description");
    QTest::newRow("TERM") << int(SIGTERM) << u"SIGTERM"_s;
    QTest::newRow("KILL") << int(SIGKILL) << u"SIGKILL"_s;
}

void TestManagedProcess::killedBySignal()
{
    QFETCH(int, signo);
    QFETCH(QString, description);
    ManagedProcess process(helperSpec({u"kill-self"_s, QString::number(signo)}));
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(ended.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.state(), ProcessState::Killed);
    QCOMPARE(process.returncode(), -signo);
    QCOMPARE(ended.at(0).at(1).toInt(), -signo);
    QCOMPARE(process.exitDescription(), description);
}

void TestManagedProcess::missingProgram()
{
    LaunchSpec spec;
    spec.command = u"/nonexistent/aproc-no-such-program --flag"_s;
    ManagedProcess process(spec);
    QSignalSpy failed(&process, &ManagedProcess::failedToStart);
    QVERIFY(failed.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, childTimeout);
    QCOMPARE(process.state(), ProcessState::FailedToStart);
    QCOMPARE(process.pid(), 0);
    QVERIFY2(process.errorString().contains(u"/nonexistent/aproc-no-such-program"_s),
             qPrintable(process.errorString()));
    QCOMPARE(failed.at(0).at(0).toString(), process.errorString());
}

void TestManagedProcess::missingWorkingDirectory()
{
    LaunchSpec spec = helperSpec({u"exit"_s, u"0"_s});
    spec.workingDirectory = u"/nonexistent/aproc-no-such-directory"_s;
    ManagedProcess process(spec);
    QSignalSpy failed(&process, &ManagedProcess::failedToStart);
    QVERIFY(failed.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, childTimeout);
    QCOMPARE(process.state(), ProcessState::FailedToStart);
    QVERIFY2(process.errorString().contains(u"/nonexistent/aproc-no-such-directory"_s),
             qPrintable(process.errorString()));
}

void TestManagedProcess::invalidCommand()
{
    LaunchSpec spec;
    spec.command = u"echo \"unclosed"_s;
    ManagedProcess process(spec);
    QSignalSpy failed(&process, &ManagedProcess::failedToStart);
    QVERIFY(failed.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, childTimeout);
    QCOMPARE(process.state(), ProcessState::FailedToStart);
    QVERIFY(!process.errorString().isEmpty());
}

void TestManagedProcess::environmentAdded()
{
    LaunchSpec spec = helperSpec({u"print-env"_s, u"APROC_MONITOR_TEST"_s});
    spec.environment = QStringList{u"APROC_MONITOR_TEST=a=b"_s};
    ManagedProcess process(spec);
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(::output(output, 1), "a=b"_ba);
    QCOMPARE(process.returncode(), 0);
}

void TestManagedProcess::standardInput()
{
    ManagedProcess process(helperSpec({u"cat"_s}));
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    QVERIFY(!process.canWriteStandardInput());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), ProcessState::Running, childTimeout);
    QVERIFY(process.canWriteStandardInput());
    process.writeStandardInput("hello\n");
    QTRY_COMPARE_WITH_TIMEOUT(::output(output, 1), "hello\n"_ba, childTimeout);
    QCOMPARE(ended.size(), 0);
    process.closeStandardInput();
    QVERIFY(!process.canWriteStandardInput());
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.returncode(), 0);
    QCOMPARE(::output(output, 2), QByteArray());
}

void TestManagedProcess::ptyOutputOnChannelOne()
{
    LaunchSpec spec = helperSpec({u"tty-info"_s});
    spec.pty = true;
    ManagedProcess process(spec);
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QVERIFY2(::output(output, 1).contains("tty=1,1,1"), ::output(output, 1).constData());
    QCOMPARE(::output(output, 2), QByteArray());
}

void TestManagedProcess::ptyInputAndEof()
{
    LaunchSpec spec = helperSpec({u"cat"_s});
    spec.pty = true;
    ManagedProcess process(spec);
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), ProcessState::Running, childTimeout);
    QVERIFY(process.canWriteStandardInput());
    process.writeStandardInput("ping\n");
    // The terminal echoes the line, then cat writes it back: twice.
    QTRY_VERIFY2_WITH_TIMEOUT(::output(output, 1).count("ping") == 2,
                              ::output(output, 1).toPercentEncoding().constData(), childTimeout);
    process.closeStandardInput(); // ^D at the start of a line: cat reads EOF
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.returncode(), 0);
}

void TestManagedProcess::ptyTerminalSize()
{
    LaunchSpec spec;
    spec.shell = true;
    spec.pty = true;
    spec.command = u"read line; stty size"_s;
    ManagedProcess process(spec);
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), ProcessState::Running, childTimeout);
    process.setTerminalSize(33, 101);
    process.writeStandardInput("\n");
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QVERIFY2(::output(output, 1).contains("33 101"), ::output(output, 1).constData());
}

void TestManagedProcess::stopAndContinue()
{
    ManagedProcess process(helperSpec({u"sleep"_s, u"30"_s}));
    QSignalSpy states(&process, &ManagedProcess::stateChanged);
    QVERIFY(states.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), ProcessState::Running, childTimeout);
    const qint64 pid = process.pid();
    process.sendSignal(SIGSTOP);
    QCOMPARE(process.state(), ProcessState::Stopped);
    QCOMPARE(states.last().at(0).value<ProcessState>(), ProcessState::Stopped);
    QTRY_COMPARE_WITH_TIMEOUT(procState(pid), 'T', childTimeout);
    process.sendSignal(SIGCONT);
    QCOMPARE(process.state(), ProcessState::Running);
    QTRY_VERIFY_WITH_TIMEOUT(procState(pid) != 'T', childTimeout);
    process.sendSignalToGroup(SIGSTOP);
    QCOMPARE(process.state(), ProcessState::Stopped);
    QTRY_COMPARE_WITH_TIMEOUT(procState(pid), 'T', childTimeout);
    // stop() of a stopped child continues it, so that SIGTERM is acted on.
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(ended.isValid());
    process.stop(60s);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.exitDescription(), u"SIGTERM"_s);
}

void TestManagedProcess::signalToGroupKillsTree()
{
    // The shell stays (two commands), the helper leaves a sleeping grandchild in the group.
    LaunchSpec spec;
    spec.shell = true;
    spec.command
            = aproc::shellQuote(QStringLiteral(APROC_TEST_HELPER)) + u" grandchild 30; read x"_s;
    ManagedProcess process(spec);
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.start();
    QTRY_VERIFY_WITH_TIMEOUT(::output(output, 1).endsWith('\n'), childTimeout);
    const qint64 grandchild = ::output(output, 1).trimmed().toLongLong();
    QVERIFY(grandchild > 0);
    QVERIFY(isAlive(grandchild));
    process.sendSignalToGroup(SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.exitDescription(), u"SIGTERM"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!isAlive(grandchild), childTimeout);
    QVERIFY(process.endedByUser());
}

void TestManagedProcess::lingeringGrandchildHoldsTheOutput()
{
    // The helper exits at once; its grandchild holds stdout open.
    ManagedProcess process(helperSpec({u"grandchild"_s, u"30"_s}));
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.start();
    QTRY_VERIFY_WITH_TIMEOUT(::output(output, 1).endsWith('\n'), childTimeout);
    const qint64 grandchild = ::output(output, 1).trimmed().toLongLong();
    QTRY_VERIFY_WITH_TIMEOUT(isReaped(process.pid()), childTimeout);
    QVERIFY(isAlive(grandchild));
    // Its output is not all delivered: neither running nor ended.
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), ProcessState::OutputHeld, childTimeout);
    QCOMPARE(process.returncode(), 0);
    process.sendSignalToGroup(SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.state(), ProcessState::Exited);
    QCOMPARE(process.returncode(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!isAlive(grandchild), childTimeout);
}

void TestManagedProcess::stopReachesLingeringGrandchild()
{
    ManagedProcess process(helperSpec({u"grandchild"_s, u"30"_s}));
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.start();
    QTRY_VERIFY_WITH_TIMEOUT(::output(output, 1).endsWith('\n'), childTimeout);
    const qint64 grandchild = ::output(output, 1).trimmed().toLongLong();
    QTRY_VERIFY_WITH_TIMEOUT(isReaped(process.pid()), childTimeout);
    process.stop(60s);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!isAlive(grandchild), childTimeout);
    QVERIFY(process.endedByUser());
}

// Stop sends SIGTERM to the group, not only to the child: the shell and the sleeper it waits
// for end at once, long before the grace, and nothing of the tree is left.
void TestManagedProcess::stopTerminatesTheWholeTree()
{
    LaunchSpec spec;
    spec.shell = true;
    const QString helper = aproc::shellQuote(QStringLiteral(APROC_TEST_HELPER));
    spec.command = helper + u" grandchild 30; "_s + helper + u" sleep 30"_s;
    ManagedProcess process(spec);
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.start();
    QTRY_VERIFY_WITH_TIMEOUT(::output(output, 1).contains("sleeping\n"), childTimeout);
    const qint64 grandchild = ::output(output, 1).split('\n').constFirst().toLongLong();
    QVERIFY(grandchild > 0);
    QVERIFY(isAlive(grandchild));
    process.stop(60s); // the grace never runs out within the test's timeout
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.exitDescription(), u"SIGTERM"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!isAlive(grandchild), childTimeout);
    QVERIFY(process.endedByUser());
}

// While output is paused nothing is read: the child fills its pipe and waits in write(); once
// resumed, everything arrives. The pause holds for the next run too.
void TestManagedProcess::pausedOutputIsNotRead()
{
    ManagedProcess process(helperSpec({u"flood"_s, u"4194304"_s, u"65536"_s}));
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.setOutputPaused(true);
    process.start();
    QTRY_VERIFY_WITH_TIMEOUT(process.pid() > 0, childTimeout);
    const QString wchan = u"/proc/%1/wchan"_s.arg(process.pid());
    QTRY_VERIFY_WITH_TIMEOUT(readFile(wchan).contains("pipe_write"), childTimeout);
    QCOMPARE(output.size(), 0);
    QVERIFY(process.isOutputPaused());
    process.setOutputPaused(false);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(::output(output, 1).size(), 4 * 1024 * 1024);
}

void TestManagedProcess::stopEscalatesToKill()
{
    ManagedProcess process(helperSpec({u"ignore-term"_s}));
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(::output(output, 1), "ready\n"_ba, childTimeout);
    process.stop(100ms);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.state(), ProcessState::Killed);
    QCOMPARE(process.exitDescription(), u"SIGKILL"_s);
    QVERIFY(process.endedByUser());
}

void TestManagedProcess::manualRestart()
{
    ManagedProcess process(helperSpec({u"sleep"_s, u"30"_s}));
    QSignalSpy started(&process, &ManagedProcess::started);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(started.isValid() && ended.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, childTimeout);
    const qint64 first = process.pid();
    process.restart();
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, childTimeout);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(1).toInt(), -SIGTERM);
    QVERIFY(process.pid() != first);
    QTRY_VERIFY_WITH_TIMEOUT(isReaped(first), childTimeout);
    QCOMPARE(process.restartCount(), 1);
    QCOMPARE(process.state(), ProcessState::Running);
}

void TestManagedProcess::restartOnFailureUpToMax()
{
    ManagedProcess process(
            restarting(helperSpec({u"exit"_s, u"3"_s}), RestartPolicy::OnFailure, 2));
    QSignalSpy started(&process, &ManagedProcess::started);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QSignalSpy scheduled(&process, &ManagedProcess::restartScheduled);
    QVERIFY(started.isValid() && ended.isValid() && scheduled.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 3, childTimeout);
    // The third end is the last: no restart is pending, and none comes.
    QVERIFY(!process.isRestartPending());
    QCOMPARE(scheduled.size(), 2);
    QCOMPARE(scheduled.at(0).at(0).value<std::chrono::milliseconds>(), 10ms);
    QCOMPARE(scheduled.at(1).at(0).value<std::chrono::milliseconds>(), 20ms);
    QCOMPARE(started.size(), 3);
    QCOMPARE(process.restartCount(), 2);
    QCOMPARE(process.state(), ProcessState::Exited);
    // A start by the user begins a new row of restarts.
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 6, childTimeout);
    QCOMPARE(scheduled.size(), 4);
    QVERIFY(!process.isRestartPending());
}

void TestManagedProcess::restartAlways()
{
    ManagedProcess process(restarting(helperSpec({u"exit"_s, u"0"_s}), RestartPolicy::Always, 2));
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QSignalSpy scheduled(&process, &ManagedProcess::restartScheduled);
    QVERIFY(ended.isValid() && scheduled.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 3, childTimeout);
    QCOMPARE(scheduled.size(), 2);
    QVERIFY(!process.isRestartPending());
    QCOMPARE(process.restartCount(), 2);
}

void TestManagedProcess::restartNever()
{
    ManagedProcess process(restarting(helperSpec({u"exit"_s, u"3"_s}), RestartPolicy::Never, 2));
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QSignalSpy scheduled(&process, &ManagedProcess::restartScheduled);
    QVERIFY(ended.isValid() && scheduled.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QVERIFY(!process.isRestartPending());
    QCOMPARE(scheduled.size(), 0);
}

void TestManagedProcess::onFailureKeepsSuccess()
{
    ManagedProcess process(
            restarting(helperSpec({u"exit"_s, u"0"_s}), RestartPolicy::OnFailure, 2));
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QSignalSpy scheduled(&process, &ManagedProcess::restartScheduled);
    QVERIFY(ended.isValid() && scheduled.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QVERIFY(!process.isRestartPending());
    QCOMPARE(scheduled.size(), 0);
}

void TestManagedProcess::signalFromElsewhereIsAFailure()
{
    ManagedProcess process(
            restarting(helperSpec({u"kill-self"_s, u"15"_s}), RestartPolicy::OnFailure, 1));
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QSignalSpy scheduled(&process, &ManagedProcess::restartScheduled);
    QVERIFY(ended.isValid() && scheduled.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, childTimeout);
    QCOMPARE(scheduled.size(), 1);
    QVERIFY(!process.endedByUser());
}

void TestManagedProcess::userStopIsNotRestarted()
{
    ManagedProcess process(restarting(helperSpec({u"sleep"_s, u"30"_s}), RestartPolicy::Always, 0));
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QSignalSpy scheduled(&process, &ManagedProcess::restartScheduled);
    QVERIFY(ended.isValid() && scheduled.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), ProcessState::Running, childTimeout);
    process.stop();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.exitDescription(), u"SIGTERM"_s);
    QVERIFY(process.endedByUser());
    QVERIFY(!process.isRestartPending());
    QCOMPARE(scheduled.size(), 0);
}

void TestManagedProcess::userSignalIsNotRestarted()
{
    ManagedProcess process(
            restarting(helperSpec({u"sleep"_s, u"30"_s}), RestartPolicy::OnFailure, 0));
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QSignalSpy scheduled(&process, &ManagedProcess::restartScheduled);
    QVERIFY(ended.isValid() && scheduled.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), ProcessState::Running, childTimeout);
    process.sendSignal(SIGINT);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.exitDescription(), u"SIGINT"_s);
    QVERIFY(!process.isRestartPending());
    QCOMPARE(scheduled.size(), 0);
}

void TestManagedProcess::userStopCancelsPendingRestart()
{
    LaunchSpec spec = restarting(helperSpec({u"exit"_s, u"3"_s}), RestartPolicy::OnFailure, 0);
    spec.restartDelay = 60s;
    ManagedProcess process(spec);
    QSignalSpy scheduled(&process, &ManagedProcess::restartScheduled);
    QVERIFY(scheduled.isValid());
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.size(), 1, childTimeout);
    QVERIFY(process.isRestartPending());
    process.stop();
    QVERIFY(!process.isRestartPending());
    QCOMPARE(process.state(), ProcessState::Exited);
}

void TestManagedProcess::destructionKillsAndReaps()
{
    auto process = std::make_unique<ManagedProcess>(helperSpec({u"sleep"_s, u"30"_s}));
    process->start();
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Running, childTimeout);
    const qint64 pid = process->pid();
    QVERIFY(isAlive(pid));
    process.reset();
    QTRY_VERIFY_WITH_TIMEOUT(isReaped(pid), childTimeout);
}

void TestManagedProcess::destructionKillsTree()
{
    LaunchSpec spec;
    spec.shell = true;
    spec.command
            = aproc::shellQuote(QStringLiteral(APROC_TEST_HELPER)) + u" grandchild 30; read x"_s;
    auto process = std::make_unique<ManagedProcess>(spec);
    QSignalSpy output(process.get(), &ManagedProcess::outputReceived);
    QVERIFY(output.isValid());
    process->start();
    QTRY_VERIFY_WITH_TIMEOUT(::output(output, 1).endsWith('\n'), childTimeout);
    const qint64 grandchild = ::output(output, 1).trimmed().toLongLong();
    const qint64 pid = process->pid();
    QVERIFY(isAlive(grandchild));
    process.reset();
    QTRY_VERIFY_WITH_TIMEOUT(isReaped(pid), childTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!isAlive(grandchild), childTimeout);
}

/*! A shell that becomes `sleep 300` (SIGTERM ends it) after starting a sleep that ignores
 *  SIGTERM and holds none of its output, whose pid it prints. */
LaunchSpec termIgnoringDescendantSpec()
{
    LaunchSpec spec;
    spec.shell = true;
    spec.command = u"(trap '' TERM; exec sleep 300) >/dev/null 2>&1 </dev/null & echo $!; "
                   u"exec sleep 300"_s;
    return spec;
}

// The output closes when SIGTERM ends the child; the rest of the tree, which ignores SIGTERM,
// does not outlive the stop.
void TestManagedProcess::stopOutlastsTheOutput()
{
    ManagedProcess process(termIgnoringDescendantSpec());
    QSignalSpy output(&process, &ManagedProcess::outputReceived);
    QSignalSpy ended(&process, &ManagedProcess::ended);
    QVERIFY(output.isValid() && ended.isValid());
    process.start();
    QTRY_VERIFY_WITH_TIMEOUT(::output(output, 1).endsWith('\n'), childTimeout);
    const qint64 descendant = ::output(output, 1).trimmed().toLongLong();
    QVERIFY(isAlive(descendant));
    process.stop(500ms);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(process.exitDescription(), u"SIGTERM"_s);
    QTRY_VERIFY_WITH_TIMEOUT(aproc::testsupport::notRunning(descendant), childTimeout);
}

// Destroyed once the output closed while stop() may still wait for the grace: nothing of the
// tree is left (the library also ends a contained tree when its transport closes), no crash.
void TestManagedProcess::destructionEndsATreeBeingStopped()
{
    qint64 descendant = 0;
    qint64 child = 0;
    {
        ManagedProcess process(termIgnoringDescendantSpec());
        QSignalSpy output(&process, &ManagedProcess::outputReceived);
        QSignalSpy ended(&process, &ManagedProcess::ended);
        QVERIFY(output.isValid() && ended.isValid());
        process.start();
        QTRY_VERIFY_WITH_TIMEOUT(::output(output, 1).endsWith('\n'), childTimeout);
        descendant = ::output(output, 1).trimmed().toLongLong();
        QVERIFY(isAlive(descendant));
        child = process.pid();
        process.stop(60s);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    }
    QTRY_VERIFY_WITH_TIMEOUT(aproc::testsupport::notRunning(descendant), childTimeout);
    // The stop's Process is deleted once its task is done, after the child was reaped: no crash.
    QTRY_VERIFY_WITH_TIMEOUT(!aproc::testsupport::children().contains(QString::number(child)),
                             childTimeout);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

QTEST_MAIN(TestManagedProcess)
#include "tst_monitor_managedprocess.moc"
