// SPDX-License-Identifier: MIT
// Signals from Aproc Monitor's window: the signal menu to a process and to its whole group, a
// target that stays fixed while the list changes, Stop's escalation, and Kill.
#include "monitortesting.h"

#include "console/consoleview.h"
#include "processes/processmanager.h"
#include "window/consolepanel.h"
#include "window/signalmenu.h"

#include <QtGui/QAction>
#include <QtWidgets/QMenu>
#include <QtWidgets/QStatusBar>

using namespace aproc::monitor;
using namespace aproc::monitor::testing;

class tst_MonitorSignalling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpMonitorTestCase(); }
    void terminateThroughTheMenu();
    void groupSignalEndsTheWholeTree();
    void menuTargetIsFixedWhenItOpens();
    void stopAndContinue();
    void stopActionEscalatesToKill();
    void killAction();
};

// Opens the signal menu as the user does (aboutToShow fixes the target) and closes it again.
static void openMenu(SignalMenu *menu)
{
    menu->popup(QPoint(10, 10));
    QTRY_VERIFY(menu->isVisible());
}

static QAction *menuAction(QMenu *menu, const QString &objectName)
{
    auto *action = menu->findChild<QAction *>(objectName);
    if (!action) {
        for (QMenu *sub : menu->findChildren<QMenu *>()) {
            if ((action = sub->findChild<QAction *>(objectName)))
                break;
        }
    }
    return action;
}

static ManagedProcess *launchRunning(MainWindow &window, const LaunchSpec &spec)
{
    ManagedProcess *process = window.launch(spec);
    if (!QTest::qWaitFor([&] { return process->state() == ProcessState::Running; }, 10000))
        return nullptr;
    return process;
}

void tst_MonitorSignalling::terminateThroughTheMenu()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ManagedProcess *process = launchRunning(window, helperSpec({u"sleep"_s, u"30"_s}));
    QVERIFY(process);
    const qint64 pid = process->pid();
    QCOMPARE(window.currentProcess(), process);

    openMenu(window.signalMenu());
    QCOMPARE(window.signalMenu()->target(), process);
    QAction *terminate = menuAction(window.signalMenu(), u"signal-SIGTERM"_s);
    QVERIFY(terminate);
    QVERIFY(terminate->text().startsWith(u"Terminate"_s));
    terminate->trigger();
    window.signalMenu()->hide();

    QTRY_COMPARE_WITH_TIMEOUT(cell(window, process, ProcessColumn::State), u"killed"_s, 10000);
    QCOMPARE(cell(window, process, ProcessColumn::Exit), u"SIGTERM"_s);
    QVERIFY(window.statusBar()->currentMessage().contains(u"SIGTERM"_s));
    QTRY_VERIFY(processGone(pid));
}

void tst_MonitorSignalling::groupSignalEndsTheWholeTree()
{
    MainWindow window;
    window.show();
    ManagedProcess *process = launchRunning(
            window, shellSpec(u"sleep 60 & sleep 60 & echo spawned; wait"_s, u"tree"_s));
    QVERIFY(process);
    const qint64 pid = process->pid();
    // The sampler reads /proc about once a second: the two sleeps become child rows.
    QTRY_COMPARE_WITH_TIMEOUT(descendantPids(window, process).size(), 2, 10000);
    const QList<qint64> descendants = descendantPids(window, process);

    openMenu(window.signalMenu());
    QAction *kill = menuAction(window.signalMenu(), u"group-SIGKILL"_s);
    QVERIFY(kill);
    kill->trigger();
    window.signalMenu()->hide();

    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Killed, 10000);
    QCOMPARE(cell(window, process, ProcessColumn::Exit), u"SIGKILL"_s);
    QTRY_VERIFY(processGone(pid));
    for (const qint64 descendant : descendants)
        QTRY_VERIFY2_WITH_TIMEOUT(processGone(descendant), qPrintable(QString::number(descendant)),
                                  10000);
    QTRY_COMPARE_WITH_TIMEOUT(descendantPids(window, process).size(), 0, 10000);
}

void tst_MonitorSignalling::menuTargetIsFixedWhenItOpens()
{
    MainWindow window;
    window.show();
    ManagedProcess *first = launchRunning(window, helperSpec({u"sleep"_s, u"30"_s}, u"first"_s));
    ManagedProcess *second = launchRunning(window, helperSpec({u"sleep"_s, u"30"_s}, u"second"_s));
    QVERIFY(first && second);
    window.selectProcess(first);
    openMenu(window.signalMenu());
    QCOMPARE(window.signalMenu()->target(), first);

    // The selection moves (as when rows reorder) while the menu is open.
    window.selectProcess(second);
    QCOMPARE(window.currentProcess(), second);
    menuAction(window.signalMenu(), u"signal-SIGKILL"_s)->trigger();
    window.signalMenu()->hide();

    QTRY_COMPARE_WITH_TIMEOUT(first->state(), ProcessState::Killed, 10000);
    QCOMPARE(second->state(), ProcessState::Running);
}

void tst_MonitorSignalling::stopAndContinue()
{
    MainWindow window;
    window.show();
    ManagedProcess *process = launchRunning(window, helperSpec({u"sleep"_s, u"30"_s}));
    QVERIFY(process);
    openMenu(window.signalMenu());
    menuAction(window.signalMenu(), u"signal-SIGSTOP"_s)->trigger();
    window.signalMenu()->hide();
    QTRY_COMPARE(cell(window, process, ProcessColumn::State), u"stopped"_s);

    openMenu(window.signalMenu());
    menuAction(window.signalMenu(), u"signal-SIGCONT"_s)->trigger();
    window.signalMenu()->hide();
    QTRY_COMPARE(cell(window, process, ProcessColumn::State), u"running"_s);
}

void tst_MonitorSignalling::stopActionEscalatesToKill()
{
    MainWindow window;
    window.setStopGrace(std::chrono::milliseconds(300));
    ManagedProcess *process = window.launch(helperSpec({u"ignore-term"_s}));
    QTRY_VERIFY_WITH_TIMEOUT(
            window.consolePanel()->consoleOf(process)->plainText().contains(u"ready"_s), 10000);
    window.findChild<QAction *>(u"actionStop"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Killed, 10000);
    QCOMPARE(cell(window, process, ProcessColumn::Exit), u"SIGKILL"_s);
}

void tst_MonitorSignalling::killAction()
{
    MainWindow window;
    // a shell that waits for a sleeper it started: Kill ends both
    ManagedProcess *process = launchRunning(window, shellSpec(u"sleep 30 & echo $!; wait"_s));
    QVERIFY(process);
    QTRY_VERIFY_WITH_TIMEOUT(
            window.consolePanel()->consoleOf(process)->plainText().count(u'\n') >= 1, 10000);
    const qint64 sleeper = window.consolePanel()
                                   ->consoleOf(process)
                                   ->plainText()
                                   .split(u'\n')
                                   .at(1)
                                   .toLongLong();
    QVERIFY(sleeper > 0);
    QVERIFY(window.findChild<QAction *>(u"actionKill"_s)->isEnabled());
    window.findChild<QAction *>(u"actionKill"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(cell(window, process, ProcessColumn::Exit), u"SIGKILL"_s, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(sleeper), 10000);
    QTRY_VERIFY(!window.findChild<QAction *>(u"actionKill"_s)->isEnabled());
    QVERIFY(window.findChild<QAction *>(u"actionStart"_s)->isEnabled());
}

QTEST_MAIN(tst_MonitorSignalling)
#include "tst_monitor_signalling.moc"
