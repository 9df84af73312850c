// SPDX-License-Identifier: MIT
// OutputPump between real children and a consumer: every byte arrives, in order, in
// chunks of bounded size; a child whose queue is full is paused and resumed once it drained;
// flush() hands everything on at once; and the console keeps a notice after the output before it.
#include "monitortesting.h"

#include "console/consoleview.h"
#include "processes/processmanager.h"
#include "window/consolepanel.h"
#include "window/outputpump.h"

#include <QtTest/QSignalSpy>

using namespace aproc::monitor;
using namespace aproc::monitor::testing;

namespace {

constexpr int childTimeout = 20000;

/*! Feeds \a process's output into \a pump and records what the pump delivers. */
struct PumpedProcess
{
    explicit PumpedProcess(OutputPump &pump, const LaunchSpec &spec) : process(spec)
    {
        QObject::connect(&process, &ManagedProcess::outputReceived, &pump,
                         [this, &pump](int channel, const QByteArray &data) {
                             pump.receive(&process, channel, data);
                             maximumQueued = qMax(maximumQueued, pump.queuedBytes(&process));
                             wasPaused = wasPaused || process.isOutputPaused();
                         });
        QObject::connect(&pump, &OutputPump::delivered, &process,
                         [this](ManagedProcess *from, int, const QByteArray &data) {
                             if (from != &process)
                                 return;
                             delivered += data;
                             largestChunk = qMax(largestChunk, data.size());
                         });
    }
    ManagedProcess process;
    QByteArray delivered;
    qsizetype largestChunk = 0;
    qsizetype maximumQueued = 0;
    bool wasPaused = false;
};

} // namespace

class tst_MonitorOutputPump : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpMonitorTestCase(); }
    void everyByteInOrderInBoundedChunks();
    void fullQueuePausesTheChild();
    void flushHandsEverythingOn();
    void noticeComesAfterTheOutput();
    void unfinishedLastLineEndsWithTheProcess();
};

void tst_MonitorOutputPump::everyByteInOrderInBoundedChunks()
{
    OutputPump pump;
    // numbered lines, so that a lost or reordered chunk shows
    PumpedProcess child(pump, shellSpec(u"seq 1 200000"_s));
    QSignalSpy ended(&child.process, &ManagedProcess::ended);
    child.process.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QTRY_COMPARE(pump.queuedBytes(&child.process), 0);
    QByteArray expected;
    for (int i = 1; i <= 200000; ++i)
        expected += QByteArray::number(i) + '\n';
    QCOMPARE(child.delivered.size(), expected.size());
    QVERIFY(child.delivered == expected);
    QVERIFY(child.largestChunk <= OutputPump::chunkBytes);
}

// A queue above the high-water mark pauses reading the child; once drained it reads again, and
// everything arrives. The queue never grows much past the mark (one read more).
void tst_MonitorOutputPump::fullQueuePausesTheChild()
{
    OutputPump pump;
    PumpedProcess child(pump, helperSpec({u"flood"_s, u"16777216"_s, u"65536"_s}));
    QSignalSpy started(&child.process, &ManagedProcess::started);
    QSignalSpy ended(&child.process, &ManagedProcess::ended);
    child.process.start();
    QVERIFY(started.wait(childTimeout));
    // as if the consoles had fallen behind: more than the mark queued before the loop drains
    const QByteArray backlog(OutputPump::highWaterBytes + 1, 'z');
    pump.receive(&child.process, 1, backlog);
    QVERIFY(child.process.isOutputPaused());
    QTRY_VERIFY_WITH_TIMEOUT(!child.process.isOutputPaused(), childTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout * 3);
    QCOMPARE(child.process.returncode(), 0);
    QTRY_COMPARE(pump.queuedBytes(&child.process), 0);
    QCOMPARE(child.delivered.size(), backlog.size() + 16 * 1024 * 1024);
    QVERIFY2(child.maximumQueued <= 2 * OutputPump::highWaterBytes + 256 * 1024,
             qPrintable(QString::number(child.maximumQueued)));
}

void tst_MonitorOutputPump::flushHandsEverythingOn()
{
    OutputPump pump;
    ManagedProcess process(helperSpec({u"sleep"_s, u"30"_s}));
    QByteArray delivered;
    connect(&pump, &OutputPump::delivered, this,
            [&](ManagedProcess *, int, const QByteArray &data) { delivered += data; });
    const QByteArray big(200 * 1024, 'y');
    pump.receive(&process, 1, big);
    pump.receive(&process, 2, "err"_ba);
    QCOMPARE(pump.queuedBytes(&process), big.size() + 3);
    QVERIFY(delivered.isEmpty()); // nothing before the loop runs
    pump.flush(&process);
    QCOMPARE(pump.queuedBytes(&process), 0);
    QCOMPARE(delivered, big + "err"_ba);
    pump.receive(&process, 1, "gone"_ba);
    pump.forget(&process);
    QCOMPARE(pump.queuedBytes(&process), 0);
}

// The child's last output and the "exited" notice in the console: output first.
void tst_MonitorOutputPump::noticeComesAfterTheOutput()
{
    ProcessManager manager;
    ConsolePanel panel(&manager);
    ManagedProcess *process = manager.launch(shellSpec(u"seq 1 50000; echo last line"_s));
    panel.setCurrentProcess(process);
    QSignalSpy ended(process, &ManagedProcess::ended);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    const QString text = panel.consoleOf(process)->plainText();
    QVERIFY2(text.endsWith(u"last line\nexited with code 0"_s), qPrintable(text.right(80)));
}

// A last line without a newline ends with the process: the notice comes below it, in the
// process's console and in the merged one, and the next run starts on a line of its own.
void tst_MonitorOutputPump::unfinishedLastLineEndsWithTheProcess()
{
    ProcessManager manager;
    ConsolePanel panel(&manager);
    ManagedProcess *process = manager.launch(shellSpec(u"printf 'no newline'"_s, u"tail"_s));
    QSignalSpy ended(process, &ManagedProcess::ended);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QString text = panel.consoleOf(process)->plainText();
    QVERIFY2(text.endsWith(u"no newline\nexited with code 0"_s), qPrintable(text));
    const QString merged = panel.mergedConsole()->plainText();
    QVERIFY2(merged.endsWith(u"[tail] no newline\n[tail] exited with code 0"_s),
             qPrintable(merged));

    process->start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, childTimeout);
    text = panel.consoleOf(process)->plainText();
    QVERIFY2(text.endsWith(
                     u"exited with code 0\nstarted, pid %1\nno newline\nexited with code 0"_s.arg(
                             process->pid())),
             qPrintable(text));
}

QTEST_MAIN(tst_MonitorOutputPump)
#include "tst_monitor_outputpump.moc"
