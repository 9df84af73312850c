// SPDX-License-Identifier: MIT
// ConsoleView as the user drives it: follow-tail by scrolling, timestamps, the search bar
// through its real widgets, copy, save and clear.
#include "consoletesting.h"

#include <QtCore/QFile>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QToolButton>

using namespace Qt::StringLiterals;
using namespace aproc::monitor;
using namespace aproc::monitor::testing;

namespace {

QByteArray numberedLines(int first, int count)
{
    QByteArray data;
    for (int i = first; i < first + count; ++i)
        data += "line " + QByteArray::number(i) + '\n';
    return data;
}

} // namespace

class tst_ConsoleInteraction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followTailByScrolling();
    void timestampsToggle();
    void searchNextPreviousAndWrap();
    void searchRegexCaseAndInvalid();
    void searchBarOpensAndCloses();
    void copyAndSave();
    void clearEmpties();
};

void tst_ConsoleInteraction::followTailByScrolling()
{
    ConsoleView view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy followChanged(&view, &ConsoleView::followTailChanged);
    QVERIFY(followChanged.isValid());
    QScrollBar *bar = view.textEdit()->verticalScrollBar();

    view.appendOutput(1, numberedLines(0, 500));
    QTRY_VERIFY(bar->maximum() > 100);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(view.followTail());

    bar->setValue(10); // the user scrolls up
    QVERIFY(!view.followTail());
    QCOMPARE(followChanged.count(), 1);
    QCOMPARE(followChanged.at(0).at(0).toBool(), false);
    view.appendOutput(1, numberedLines(500, 100));
    QTRY_COMPARE(documentOf(view)->blockCount(), 600);
    QCOMPARE(bar->value(), 10); // stays where the user left it

    bar->setValue(bar->maximum()); // back to the bottom
    QVERIFY(view.followTail());
    QCOMPARE(followChanged.count(), 2);
    QCOMPARE(followChanged.at(1).at(0).toBool(), true);
    view.appendOutput(1, numberedLines(600, 100));
    QTRY_COMPARE(documentOf(view)->blockCount(), 700);
    QTRY_COMPARE(bar->value(), bar->maximum());

    view.setFollowTail(false);
    bar->setValue(0);
    view.setFollowTail(true);
    QCOMPARE(bar->value(), bar->maximum());
    QCOMPARE(followChanged.count(), 4);
}

void tst_ConsoleInteraction::timestampsToggle()
{
    ConsoleView view;
    view.appendOutput(1, "hello\n"_ba);
    view.appendOutput(2, "world\n"_ba);
    view.flush();
    QCOMPARE(view.plainText(), u"hello\nworld"_s);
    view.setShowTimestamps(true);
    QVERIFY(view.showTimestamps());
    const QRegularExpression stamped(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d hello\\n"
                                     "\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d world$"_s);
    QVERIFY2(stamped.match(view.plainText()).hasMatch(), qPrintable(view.plainText()));
    view.setShowTimestamps(false);
    QCOMPARE(view.plainText(), u"hello\nworld"_s);
}

void tst_ConsoleInteraction::searchNextPreviousAndWrap()
{
    ConsoleView view;
    view.show();
    view.appendOutput(1, "alpha 1\nbeta\nalpha 2\ngamma\n"_ba);
    view.showSearchBar();
    auto *edit = view.findChild<QLineEdit *>(u"searchEdit"_s);
    auto *next = view.findChild<QToolButton *>(u"searchNext"_s);
    auto *previous = view.findChild<QToolButton *>(u"searchPrevious"_s);
    auto *status = view.findChild<QLabel *>(u"searchStatus"_s);
    QVERIFY(edit && next && previous && status);
    QTest::keyClicks(edit, u"alpha"_s);
    auto selectedBlock = [&view] { return view.textEdit()->textCursor().blockNumber(); };

    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(view.textEdit()->textCursor().selectedText(), u"alpha"_s);
    QCOMPARE(selectedBlock(), 0);
    QVERIFY2(status->text().contains(u'2'), qPrintable(status->text()));
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(selectedBlock(), 2);
    QTest::mouseClick(next, Qt::LeftButton); // wraps around
    QCOMPARE(selectedBlock(), 0);
    QCOMPARE(view.textEdit()->textCursor().selectedText(), u"alpha"_s);
    QTest::mouseClick(previous, Qt::LeftButton); // wraps backwards
    QCOMPARE(selectedBlock(), 2);
    QTest::mouseClick(previous, Qt::LeftButton);
    QCOMPARE(selectedBlock(), 0);
    QTest::keyClick(edit, Qt::Key_Return); // Return is "next"
    QCOMPARE(selectedBlock(), 2);

    edit->clear();
    QTest::keyClicks(edit, u"delta"_s);
    QVERIFY(!view.findNext());
    QVERIFY2(status->text().contains(u'0'), qPrintable(status->text()));
}

void tst_ConsoleInteraction::searchRegexCaseAndInvalid()
{
    ConsoleView view;
    view.show();
    view.appendOutput(1, "Alpha 1\nbeta\nalpha 22\n"_ba);
    view.showSearchBar();
    auto *edit = view.findChild<QLineEdit *>(u"searchEdit"_s);
    auto *regex = view.findChild<QCheckBox *>(u"searchRegex"_s);
    auto *matchCase = view.findChild<QCheckBox *>(u"searchCase"_s);
    auto *next = view.findChild<QToolButton *>(u"searchNext"_s);
    auto *status = view.findChild<QLabel *>(u"searchStatus"_s);
    QVERIFY(edit && regex && matchCase && next && status);

    QTest::keyClicks(edit, u"a\\w+a \\d\\d"_s);
    QVERIFY(!view.findNext()); // as plain text, no match
    regex->setChecked(true);
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(view.textEdit()->textCursor().selectedText(), u"alpha 22"_s);

    matchCase->setChecked(true);
    edit->setText(u"alpha"_s);
    QVERIFY(view.findNext());
    QCOMPARE(view.textEdit()->textCursor().selectedText(), u"alpha"_s);
    QCOMPARE(view.textEdit()->textCursor().blockNumber(), 2);
    QVERIFY(view.findNext()); // the only case-sensitive match, again
    QCOMPARE(view.textEdit()->textCursor().blockNumber(), 2);

    edit->setText(u"(unclosed"_s);
    QVERIFY(!view.findNext());
    QVERIFY2(status->text().contains(u"Invalid"_s), qPrintable(status->text()));
    QVERIFY(!view.findPrevious());
}

void tst_ConsoleInteraction::searchBarOpensAndCloses()
{
    ConsoleView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    auto *edit = view.findChild<QLineEdit *>(u"searchEdit"_s);
    QVERIFY(edit);
    QVERIFY(!edit->isVisible());
    view.textEdit()->setFocus();
    QTest::keyClick(view.textEdit(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(edit->isVisible());
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClick(edit, Qt::Key_Escape);
    QVERIFY(!edit->isVisible());
    view.showSearchBar();
    QVERIFY(edit->isVisible());
    view.hideSearchBar();
    QVERIFY(!edit->isVisible());
}

void tst_ConsoleInteraction::copyAndSave()
{
    ConsoleView view;
    view.appendOutput(1, "\x1b[32mgreen\x1b[0m text\n"_ba);
    view.appendOutput(2, "an error\n"_ba);
    view.copyAll();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"green text\nan error"_s);

    view.textEdit()->selectAll();
    view.copy();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"green text\nan error"_s);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"console.txt"_s);
    QString error;
    QVERIFY2(view.saveToFile(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), "green text\nan error\n"_ba);
    file.close();

    view.setShowTimestamps(true);
    QVERIFY(view.saveToFile(path, &error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString saved = QString::fromUtf8(file.readAll());
    QVERIFY2(QRegularExpression(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d green text\\n"_s)
                     .match(saved)
                     .hasMatch(),
             qPrintable(saved));

    QVERIFY(!view.saveToFile(dir.filePath(u"no/such/dir/x.txt"_s), &error));
    QVERIFY2(error.contains(u"no/such/dir"_s), qPrintable(error));
}

void tst_ConsoleInteraction::clearEmpties()
{
    ConsoleView view;
    view.appendOutput(1, "one\ntwo\nhalf "_ba);
    view.flush();
    view.clear();
    QCOMPARE(view.plainText(), u"half "_s); // the line being received goes on
    view.appendOutput(1, "done\n"_ba);
    QTRY_COMPARE(view.plainText(), u"half done"_s);
    view.clear();
    QCOMPARE(view.plainText(), QString());
    QCOMPARE(documentOf(view)->blockCount(), 1);
}

QTEST_MAIN(tst_ConsoleInteraction)

#include "tst_monitor_consoleinteraction.moc"
