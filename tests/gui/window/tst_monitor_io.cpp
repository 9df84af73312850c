// SPDX-License-Identifier: MIT
// Output and input in Aproc Monitor's window: the console of the selected process and the merged
// one, typing into stdin with its history, EOF, and searching the console.
#include "monitortesting.h"

#include "console/consoleview.h"
#include "processes/processmanager.h"
#include "window/consolepanel.h"
#include "window/stdinbar.h"

#include <QtGui/QAction>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QToolButton>

using namespace aproc::monitor;
using namespace aproc::monitor::testing;

class tst_MonitorIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpMonitorTestCase(); }
    void outputOfTheSelectedProcess();
    void mergedConsoleNamesEachProcess();
    void typeIntoStdinAndSeeTheEcho();
    void stdinHistory();
    void endOfFileEndsTheProcess();
    void stdinIsDisabledWithoutARunningProcess();
    void searchTheConsole();
};

void tst_MonitorIo::outputOfTheSelectedProcess()
{
    MainWindow window;
    window.show();
    ManagedProcess *first = window.launch(helperSpec({u"echo"_s, u"first says hi"_s}, u"one"_s));
    ManagedProcess *second = window.launch(helperSpec({u"out-err"_s}, u"two"_s));
    QTRY_COMPARE_WITH_TIMEOUT(first->state(), ProcessState::Exited, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(second->state(), ProcessState::Exited, 10000);

    window.selectProcess(first);
    QTRY_VERIFY(window.consolePanel()->visibleConsole()->plainText().contains(u"first says hi"_s));
    window.selectProcess(second);
    QVERIFY(!window.consolePanel()->visibleConsole()->plainText().contains(u"first says hi"_s));
    QTRY_VERIFY(!window.consolePanel()->visibleConsole()->plainText().isEmpty());
}

void tst_MonitorIo::mergedConsoleNamesEachProcess()
{
    MainWindow window;
    ManagedProcess *first = window.launch(helperSpec({u"echo"_s, u"alpha line"_s}, u"alpha"_s));
    ManagedProcess *second = window.launch(helperSpec({u"echo"_s, u"beta line"_s}, u"beta"_s));
    QTRY_COMPARE_WITH_TIMEOUT(first->state(), ProcessState::Exited, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(second->state(), ProcessState::Exited, 10000);
    ConsoleView *merged = window.consolePanel()->mergedConsole();
    QTRY_VERIFY(merged->plainText().contains(u"alpha line"_s));
    QTRY_VERIFY(merged->plainText().contains(u"beta line"_s));
    // Each line carries its process's name before the text.
    const QStringList lines = merged->plainText().split(u'\n');
    for (const auto &[name, text] :
         {std::pair(u"alpha"_s, u"alpha line"_s), std::pair(u"beta"_s, u"beta line"_s)}) {
        const auto line = std::find_if(lines.begin(), lines.end(),
                                       [&](const QString &l) { return l.contains(text); });
        QVERIFY(line != lines.end());
        QVERIFY2(line->indexOf(name) < line->indexOf(text), qPrintable(*line));
    }
}

void tst_MonitorIo::typeIntoStdinAndSeeTheEcho()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ManagedProcess *process = window.launch(helperSpec({u"cat"_s}, u"cat"_s));
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Running, 10000);
    auto *line = window.findChild<QLineEdit *>(u"stdinEdit"_s);
    QVERIFY(line);
    QTRY_VERIFY(line->isEnabled());
    line->setFocus();
    QTest::keyClicks(line, u"hello, cat"_s);
    QTest::keyClick(line, Qt::Key_Return);
    QVERIFY(line->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
            window.consolePanel()->consoleOf(process)->plainText().contains(u"hello, cat"_s),
            10000);
}

void tst_MonitorIo::stdinHistory()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ManagedProcess *process = window.launch(helperSpec({u"cat"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Running, 10000);
    auto *line = window.findChild<QLineEdit *>(u"stdinEdit"_s);
    QTRY_VERIFY(line->isEnabled());
    for (const QString &text : {u"one"_s, u"two"_s}) {
        QTest::keyClicks(line, text);
        QTest::keyClick(line, Qt::Key_Return);
    }
    QTest::keyClicks(line, u"draft"_s);
    QTest::keyClick(line, Qt::Key_Up);
    QCOMPARE(line->text(), u"two"_s);
    QTest::keyClick(line, Qt::Key_Up);
    QCOMPARE(line->text(), u"one"_s);
    QTest::keyClick(line, Qt::Key_Down);
    QTest::keyClick(line, Qt::Key_Down);
    QCOMPARE(line->text(), u"draft"_s);
    QCOMPARE(window.consolePanel()->stdinBar()->history(), QStringList({u"one"_s, u"two"_s}));
}

void tst_MonitorIo::endOfFileEndsTheProcess()
{
    MainWindow window;
    ManagedProcess *process = window.launch(helperSpec({u"cat"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Running, 10000);
    auto *eof = window.findChild<QToolButton *>(u"stdinEof"_s);
    QTRY_VERIFY(eof->isEnabled());
    eof->click();
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Exited, 10000);
    QCOMPARE(cell(window, process, ProcessColumn::Exit), u"0"_s);
    QTRY_VERIFY(!window.findChild<QLineEdit *>(u"stdinEdit"_s)->isEnabled());
}

void tst_MonitorIo::stdinIsDisabledWithoutARunningProcess()
{
    MainWindow window;
    QVERIFY(!window.findChild<QLineEdit *>(u"stdinEdit"_s)->isEnabled());
    ManagedProcess *process = window.launch(helperSpec({u"exit"_s, u"0"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Exited, 10000);
    QTRY_VERIFY(!window.findChild<QLineEdit *>(u"stdinEdit"_s)->isEnabled());
}

void tst_MonitorIo::searchTheConsole()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ManagedProcess *process = window.launch(
            shellSpec(u"for i in 1 2 3 4 5; do echo line $i; echo needle $i; done"_s));
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::Exited, 10000);
    ConsoleView *console = window.consolePanel()->visibleConsole();
    QTRY_VERIFY(console->plainText().contains(u"needle 5"_s));

    window.findChild<QAction *>(u"actionFind"_s)->trigger();
    auto *search = console->findChild<QLineEdit *>(u"searchEdit"_s);
    QVERIFY(search);
    QTRY_VERIFY(search->isVisible());
    auto *regex = console->findChild<QCheckBox *>(u"searchRegex"_s);
    QVERIFY(regex);
    regex->click(); // a regular expression, not literal text
    QTest::keyClicks(search, u"needle [24]"_s);
    const QPlainTextEdit *text = console->textEdit();
    QVERIFY(console->findNext());
    QCOMPARE(text->textCursor().selectedText(), u"needle 2"_s);
    QVERIFY(console->findNext());
    QCOMPARE(text->textCursor().selectedText(), u"needle 4"_s);
    QVERIFY(console->findNext()); // wraps around
    QCOMPARE(text->textCursor().selectedText(), u"needle 2"_s);
    QVERIFY(console->findPrevious()); // wraps backwards
    QCOMPARE(text->textCursor().selectedText(), u"needle 4"_s);
}

QTEST_MAIN(tst_MonitorIo)
#include "tst_monitor_io.moc"
