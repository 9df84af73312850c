// SPDX-License-Identifier: MIT
// Launching from Aproc Monitor's window: the launch dialog, a failed start, restart, and the
// command line.
#include "monitortesting.h"

#include "commandline.h"
#include "console/consoleview.h"
#include "launch/launchdialog.h"
#include "processes/processmanager.h"
#include "window/consolepanel.h"
#include "window/failurenotifier.h"

#include <QtGui/QAction>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTreeView>

using namespace aproc::monitor;
using namespace aproc::monitor::testing;

class tst_MonitorLaunching : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpMonitorTestCase(); }
    void launchThroughTheDialog();
    void missingProgramIsAFailedRow();
    void missingDirectoryIsAFailedRow();
    void restartGivesANewPid();
    void commandLineLaunchesACommand();
};

static QPushButton *launchButton(LaunchDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

void tst_MonitorLaunching::launchThroughTheDialog()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(u"actionLaunch"_s)->trigger();
    auto *dialog = window.findChild<LaunchDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());

    auto *command = dialog->findChild<QComboBox *>(u"commandEdit"_s);
    QVERIFY(command);
    command->setFocus();
    QTest::keyClicks(command, helperSpec({u"echo"_s, u"hello from the dialog"_s}).command);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"nameEdit"_s), u"greeter"_s);
    QVERIFY(launchButton(dialog)->isEnabled());
    launchButton(dialog)->click();

    QTRY_COMPARE(window.processManager()->processes().size(), 1);
    ManagedProcess *process = window.processManager()->processes().constFirst();
    QCOMPARE(window.currentProcess(), process);
    QCOMPARE(cell(window, process, ProcessColumn::Name), u"greeter"_s);
    QTRY_COMPARE_WITH_TIMEOUT(cell(window, process, ProcessColumn::State), u"exited"_s, 10000);
    QCOMPARE(cell(window, process, ProcessColumn::Exit), u"0"_s);
    QVERIFY(cell(window, process, ProcessColumn::Pid).toLongLong() > 0);
    QTRY_VERIFY(window.consolePanel()->visibleConsole()->plainText().contains(
            u"hello from the dialog"_s));
}

void tst_MonitorLaunching::missingProgramIsAFailedRow()
{
    MainWindow window;
    LaunchSpec spec;
    spec.name = u"missing"_s;
    spec.command = u"/nonexistent/aproc-no-such-program --flag"_s;
    ManagedProcess *process = window.launch(spec);
    QTRY_COMPARE_WITH_TIMEOUT(cell(window, process, ProcessColumn::State), u"failed to start"_s,
                              10000);
    const QModelIndex row = window.processModel()->indexOf(process);
    QVERIFY2(row.siblingAtColumn(int(ProcessColumn::State))
                     .data(Qt::ToolTipRole)
                     .toString()
                     .contains(u"/nonexistent/aproc-no-such-program"_s),
             qPrintable(row.siblingAtColumn(int(ProcessColumn::State))
                                .data(Qt::ToolTipRole)
                                .toString()));
    QTRY_VERIFY(window.failureNotifier()->lastNotification().contains(
            u"/nonexistent/aproc-no-such-program"_s));
    QTRY_COMPARE(window.findChild<QLabel *>(u"failedCount"_s)->text(), u"Failed: 1"_s);
}

void tst_MonitorLaunching::missingDirectoryIsAFailedRow()
{
    MainWindow window;
    LaunchSpec spec = helperSpec({u"echo"_s, u"never"_s}, u"nodir"_s);
    spec.workingDirectory = u"/nonexistent/aproc-no-such-dir"_s;
    ManagedProcess *process = window.launch(spec);
    QTRY_COMPARE_WITH_TIMEOUT(cell(window, process, ProcessColumn::State), u"failed to start"_s,
                              10000);
    QVERIFY2(process->errorString().contains(u"/nonexistent/aproc-no-such-dir"_s),
             qPrintable(process->errorString()));
    QTRY_VERIFY(window.consolePanel()->consoleOf(process)->plainText().contains(
            u"/nonexistent/aproc-no-such-dir"_s));
}

void tst_MonitorLaunching::restartGivesANewPid()
{
    MainWindow window;
    window.setStopGrace(std::chrono::milliseconds(2000));
    ManagedProcess *process = window.launch(helperSpec({u"sleep"_s, u"30"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(cell(window, process, ProcessColumn::State), u"running"_s, 10000);
    const qint64 firstPid = process->pid();
    window.findChild<QAction *>(u"actionRestart"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(process->pid() != firstPid && process->pid() > 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(window, process, ProcessColumn::State), u"running"_s, 10000);
    QCOMPARE(cell(window, process, ProcessColumn::Restarts), u"1"_s);
    QTRY_VERIFY(processGone(firstPid));
}

void tst_MonitorLaunching::commandLineLaunchesACommand()
{
    MainWindow window;
    const CommandLineResult parsed = CommandLine::parse(
            {u"aproc-monitor"_s, u"--"_s, aproc::testsupport::helper(), u"echo"_s, u"two words"_s});
    QCOMPARE(parsed.status, CommandLineResult::Status::Run);
    window.applyCommandLine(parsed.options);
    QCOMPARE(window.processManager()->processes().size(), 1);
    ManagedProcess *process = window.processManager()->processes().constFirst();
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Exited, 10000);
    QTRY_VERIFY(window.consolePanel()->consoleOf(process)->plainText().contains(u"two words"_s));
}

QTEST_MAIN(tst_MonitorLaunching)
#include "tst_monitor_launching.moc"
