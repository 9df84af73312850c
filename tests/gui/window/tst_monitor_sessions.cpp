// SPDX-License-Identifier: MIT
// Sessions in Aproc Monitor's window: a Procfile with a malformed line, start all and stop all,
// saving, the demo session, clear finished, and quitting with children running.
#include "monitortesting.h"

#include "console/consoleview.h"
#include "processes/processmanager.h"
#include "window/consolepanel.h"
#include "window/sessions.h"
#include "window/shutdowndialog.h"

#include <QtCore/QTemporaryDir>
#include <QtGui/QAction>
#include <QtWidgets/QMessageBox>

using namespace aproc::monitor;
using namespace aproc::monitor::testing;

class tst_MonitorSessions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpMonitorTestCase(); }
    void loadAProcfileWithAMalformedLine();
    void stopAllAndStartAll();
    void saveWhatRuns();
    void demoSessionRuns();
    void clearFinishedKeepsTheRunning();
    void removeKillsTheChild();
    void quitStopsEveryChild();
    void quitWithoutChildrenClosesAtOnce();
};

static QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text);
    return file.fileName();
}

void tst_MonitorSessions::loadAProcfileWithAMalformedLine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, u"Procfile"_s,
                                   "# two services\n"
                                   "web: echo web up; sleep 30\n"
                                   "\n"
                                   "this line has no colon\n"
                                   "worker: echo worker up; sleep 30\n");
    MainWindow window;
    window.show();
    QCOMPARE(window.loadProcfile(path), 2);
    const QList<ManagedProcess *> processes = window.processManager()->processes();
    QCOMPARE(processes.size(), 2);
    QCOMPARE(processes.at(0)->name(), u"web"_s);
    QCOMPARE(processes.at(1)->name(), u"worker"_s);
    for (ManagedProcess *process : processes)
        QTRY_COMPARE_WITH_TIMEOUT(cell(window, process, ProcessColumn::State), u"running"_s, 10000);

    QMessageBox *issues = window.sessions()->issuesBox();
    QVERIFY(issues);
    QTRY_VERIFY(issues->isVisible());
    QVERIFY2(issues->informativeText().contains(u"Procfile:4"_s),
             qPrintable(issues->informativeText()));
}

void tst_MonitorSessions::stopAllAndStartAll()
{
    MainWindow window;
    window.setStopGrace(std::chrono::milliseconds(2000));
    ManagedProcess *first = window.launch(helperSpec({u"sleep"_s, u"30"_s}));
    ManagedProcess *second = window.launch(helperSpec({u"sleep"_s, u"30"_s}));
    for (ManagedProcess *process : {first, second}) // started, with a pid (not just starting)
        QTRY_COMPARE_WITH_TIMEOUT(cell(window, process, ProcessColumn::State), u"running"_s, 10000);
    const qint64 firstPid = first->pid();

    window.findChild<QAction *>(u"actionStopAll"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.processManager()->runningCount(), 0, 10000);
    QVERIFY(processGone(firstPid));
    QCOMPARE(cell(window, second, ProcessColumn::State), u"killed"_s);

    window.findChild<QAction *>(u"actionStartAll"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(cell(window, first, ProcessColumn::State), u"running"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(window, second, ProcessColumn::State), u"running"_s, 10000);
    QVERIFY(first->pid() != firstPid);
}

void tst_MonitorSessions::saveWhatRuns()
{
    QTemporaryDir dir;
    MainWindow window;
    window.launch(shellSpec(u"echo saved"_s, u"saver"_s));
    const QString path = dir.filePath(u"Procfile"_s);
    QVERIFY(window.saveProcfile(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("saver: echo saved"));

    MainWindow again;
    QCOMPARE(again.loadProcfile(path), 1);
    QCOMPARE(again.processManager()->processes().constFirst()->name(), u"saver"_s);
}

void tst_MonitorSessions::demoSessionRuns()
{
    MainWindow window;
    window.setStopGrace(std::chrono::milliseconds(1000));
    QVERIFY(window.openDemoSession() >= 5);
    // the first entry is current, and its console is the one shown
    ManagedProcess *first = window.processManager()->processes().constFirst();
    QCOMPARE(window.currentProcess(), first);
    QCOMPARE(window.consolePanel()->visibleConsole(), window.consolePanel()->consoleOf(first));
    QTRY_VERIFY_WITH_TIMEOUT(window.processManager()->runningCount() >= 4, 10000);
    for (ManagedProcess *process : window.processManager()->processes())
        QVERIFY2(process->state() != ProcessState::FailedToStart,
                 qPrintable(process->errorString()));
    window.processManager()->shutdown(std::chrono::milliseconds(1000));
    QTRY_COMPARE_WITH_TIMEOUT(window.processManager()->active().size(), 0, 10000);
}

void tst_MonitorSessions::clearFinishedKeepsTheRunning()
{
    MainWindow window;
    window.launch(helperSpec({u"exit"_s, u"0"_s}));
    window.launch(helperSpec({u"exit"_s, u"4"_s}));
    ManagedProcess *running = window.launch(helperSpec({u"sleep"_s, u"30"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(window.processManager()->runningCount(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.processManager()->failedCount(), 1, 10000);
    window.findChild<QAction *>(u"actionClearFinished"_s)->trigger();
    QTRY_COMPARE(window.processManager()->processes(), QList<ManagedProcess *>({running}));
    QTRY_COMPARE(window.processModel()->rowCount(), 1);
}

void tst_MonitorSessions::removeKillsTheChild()
{
    MainWindow window;
    ManagedProcess *process = window.launch(helperSpec({u"sleep"_s, u"30"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Running, 10000);
    const qint64 pid = process->pid();
    window.selectProcess(process);
    window.findChild<QAction *>(u"actionRemove"_s)->trigger();
    QTRY_COMPARE(window.processModel()->rowCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 10000);
}

void tst_MonitorSessions::quitStopsEveryChild()
{
    MainWindow window;
    window.setStopGrace(std::chrono::milliseconds(500));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ManagedProcess *stubborn = window.launch(helperSpec({u"ignore-term"_s}, u"stubborn"_s));
    window.launch(helperSpec({u"sleep"_s, u"30"_s}, u"sleeper"_s));
    window.launch(shellSpec(u"sleep 30 & sleep 30 & wait"_s, u"tree"_s));
    QTRY_COMPARE_WITH_TIMEOUT(window.processManager()->runningCount(), 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
            window.consolePanel()->consoleOf(stubborn)->plainText().contains(u"ready"_s), 10000);
    QList<qint64> pids;
    for (ManagedProcess *process : window.processManager()->processes())
        pids.append(process->pid());
    QTRY_COMPARE_WITH_TIMEOUT(
            descendantPids(window, window.processManager()->processes().at(2)).size(), 2, 10000);
    pids += descendantPids(window, window.processManager()->processes().at(2));

    window.findChild<QAction *>(u"actionQuit"_s)->trigger();
    QVERIFY(window.isVisible()); // not before the children are gone
    QVERIFY(window.shutdownDialog());
    QTRY_VERIFY(window.shutdownDialog()->listedProcesses().join(u' ').contains(u"stubborn"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 10000);
    for (const qint64 pid : pids)
        QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), qPrintable(QString::number(pid)), 10000);
    QVERIFY(aproc::testsupport::noZombie());
}

void tst_MonitorSessions::quitWithoutChildrenClosesAtOnce()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(u"actionQuit"_s)->trigger();
    QVERIFY(!window.isVisible());
    QVERIFY(!window.shutdownDialog());
}

QTEST_MAIN(tst_MonitorSessions)
#include "tst_monitor_sessions.moc"
