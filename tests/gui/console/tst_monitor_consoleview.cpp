// SPDX-License-Identifier: MIT
// ConsoleView rendering child output: formats on the right characters, hidden escapes, stderr,
// merged sources, notices, bounds (garbage, scrollback, pending queue), batching, a real child.
#include "consoletesting.h"

#include "console/linerenderer.h"
#include "console/textformat.h"

#include <aproc/process.h>

#include <QtCore/QRandomGenerator>
#include <QtCore/QRegularExpression>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace aproc::monitor;
using namespace aproc::monitor::testing;

class tst_ConsoleView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void colorsOnTheRightCharacters();
    void escapesNeverShow();
    void partialLineAndCarriageReturn();
    void stderrLooksDifferent();
    void mergedSourcesKeepLinesWhole();
    void noticeIsALineOfItsOwn();
    void finishedOutputStartsClean();
    void randomBytesStayBounded();
    void scrollbackBoundHolds();
    void pendingQueueIsBoundedAndSaysSo();
    void appendsAreBatched();
    void hiddenViewRendersWhenShown();
    void childOutputThroughProcess();
    void childFloodIsWrapped();
};

void tst_ConsoleView::colorsOnTheRightCharacters()
{
    ConsoleView view;
    view.appendOutput(1, "plain \x1b[1;31mbold red\x1b[0m and \x1b[38;2;1;2;3mtrue\x1b[m\n"_ba);
    view.flush();
    QCOMPARE(view.plainText(), u"plain bold red and true"_s);
    const QTextCharFormat plain = formatOf(view, u"plain"_s);
    const QTextCharFormat red = formatOf(view, u"bold red"_s);
    QCOMPARE(red.foreground().color(), ansiColor(1));
    QCOMPARE(red.fontWeight(), int(QFont::Bold));
    QCOMPARE(formatOf(view, u"red"_s).foreground().color(), ansiColor(1)); // the last char too
    QVERIFY(plain.foreground().color() != ansiColor(1));
    QVERIFY(plain.fontWeight() != int(QFont::Bold));
    QCOMPARE(formatOf(view, u"and"_s).foreground().color(), plain.foreground().color());
    QCOMPARE(formatOf(view, u"true"_s).foreground().color(), QColor(1, 2, 3));
    QCOMPARE(formatOf(view, u" and"_s).fontWeight(), plain.fontWeight());
}

void tst_ConsoleView::escapesNeverShow()
{
    ConsoleView view;
    view.appendOutput(1, "\x1b]0;window title\x07\x1b[?25l\x1b[2J\x1b[H\x1b[2Kone\x1b[3A"_ba);
    view.appendOutput(1, "\x1b(B two\x1b[?25h\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\n"_ba);
    view.flush();
    QCOMPARE(view.plainText(), u"one twolink"_s);
}

void tst_ConsoleView::partialLineAndCarriageReturn()
{
    ConsoleView view;
    view.appendOutput(1, "prompt> "_ba);
    view.flush();
    QCOMPARE(view.plainText(), u"prompt> "_s); // shown before its newline
    view.appendOutput(1, "yes\n 10%\r 50%"_ba);
    view.flush();
    QCOMPARE(view.plainText(), u"prompt> yes\n 50%"_s); // the latest state
    view.appendOutput(1, "\r100%\r\ndone\r\n"_ba);
    view.flush();
    QCOMPARE(view.plainText(), u"prompt> yes\n100%\ndone"_s);
    QCOMPARE(documentOf(view)->blockCount(), 3);
}

void tst_ConsoleView::stderrLooksDifferent()
{
    ConsoleView view;
    view.appendOutput(1, "out line\n"_ba);
    view.appendOutput(2, "err line\n"_ba);
    view.flush();
    QCOMPARE(view.plainText(), u"out line\nerr line"_s);
    QVERIFY(formatOf(view, u"out"_s).foreground().color()
            != formatOf(view, u"err"_s).foreground().color());
    QCOMPARE(formatOf(view, u"err"_s).foreground().color(), LineRenderer::stderrColor());

    view.setChannelVisible(2, false);
    QCOMPARE(view.plainText(), u"out line"_s);
    view.setChannelVisible(2, true);
    QCOMPARE(view.plainText(), u"out line\nerr line"_s);
}

void tst_ConsoleView::mergedSourcesKeepLinesWhole()
{
    ConsoleView view;
    view.appendOutput(u"web"_s, 1, "hel"_ba);
    view.appendOutput(u"db"_s, 1, "wor"_ba);
    view.appendOutput(u"db"_s, 2, "oops"_ba);
    view.flush();
    view.appendOutput(u"web"_s, 1, "lo\nsecond "_ba);
    view.appendOutput(u"db"_s, 1, "ld\n"_ba);
    view.appendOutput(u"db"_s, 2, "!\n"_ba);
    view.appendOutput(u"web"_s, 1, "line\n"_ba);
    view.flush();
    QCOMPARE(blocksOf(view), QStringList({u"[web] hello"_s, u"[db] world"_s, u"[db] oops!"_s,
                                          u"[web] second line"_s}));
    const QColor web = formatOf(view, u"[web]"_s).foreground().color();
    QCOMPARE(web, LineRenderer::sourceColor(u"web"_s));
    QCOMPARE(formatOf(view, u"[db]"_s).foreground().color(), LineRenderer::sourceColor(u"db"_s));
    QCOMPARE(LineRenderer::sourceColor(u"web"_s), QColor(0xd62728)); // stable across runs
}

void tst_ConsoleView::noticeIsALineOfItsOwn()
{
    ConsoleView view;
    view.appendOutput(1, "half a line"_ba);
    view.appendNotice(u"exited with code 3"_s);
    view.flush();
    QCOMPARE(blocksOf(view), QStringList({u"exited with code 3"_s, u"half a line"_s}));
    const QTextCharFormat notice = formatOf(view, u"exited"_s);
    QVERIFY(notice.fontItalic());
    QCOMPARE(notice.foreground().color(), LineRenderer::noticeColor());
    QVERIFY(!formatOf(view, u"half"_s).fontItalic());
}

void tst_ConsoleView::finishedOutputStartsClean()
{
    ConsoleView view;
    view.appendOutput(u"web"_s, 1, "\x1b[31mno newline"_ba);
    view.appendOutput(u"db"_s, 1, "\x1b[32mdb's"_ba);
    view.finishOutput(u"web"_s);
    view.appendNotice(u"web"_s, u"exited"_s);
    view.appendOutput(u"web"_s, 1, "fresh\n"_ba);
    view.flush();
    QCOMPARE(blocksOf(view), QStringList({u"[web] no newline"_s, u"[web] exited"_s,
                                          u"[web] fresh"_s, u"[db] db's"_s}));
    QCOMPARE(formatOf(view, u"newline"_s).foreground().color(), ansiColor(1));
    QVERIFY(formatOf(view, u"fresh"_s).foreground().color() != ansiColor(1));
    view.appendOutput(u"db"_s, 1, " still green\n"_ba); // other sources keep their state
    view.flush();
    QCOMPARE(formatOf(view, u"still"_s).foreground().color(), ansiColor(2));
}

void tst_ConsoleView::randomBytesStayBounded()
{
    ConsoleView view;
    view.setScrollbackLines(2000);
    QRandomGenerator random(20261125);
    QByteArray garbage(1024 * 1024, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(garbage.data()), garbage.size() / 4);
    for (qsizetype at = 0; at < garbage.size();) {
        const qsizetype chunk = random.bounded(1, 9000);
        view.appendOutput(1 + int(at % 2), garbage.mid(at, chunk));
        at += chunk;
    }
    view.appendOutput(1, "\x18\x1b[0m\nstill usable\n"_ba);
    view.flush();
    QVERIFY(documentOf(view)->blockCount() <= 2000);
    for (const QString &line : blocksOf(view)) {
        QVERIFY2(line.size() <= ConsoleView::maximumLineLength, qPrintable(line.left(40)));
        QVERIFY(!line.contains(QChar(0)));
    }
    QVERIFY(view.plainText().contains(u"still usable"_s));
}

void tst_ConsoleView::scrollbackBoundHolds()
{
    ConsoleView view;
    view.setScrollbackLines(1000);
    QCOMPARE(view.scrollbackLines(), 1000);
    for (int chunk = 0; chunk < 100; ++chunk) {
        QByteArray data;
        for (int i = 0; i < 1000; ++i)
            data += "line " + QByteArray::number(chunk * 1000 + i) + '\n';
        view.appendOutput(1, data);
        view.flush();
        QVERIFY(documentOf(view)->blockCount() <= 1000);
    }
    const QStringList lines = blocksOf(view);
    QCOMPARE(lines.last(), u"line 99999"_s);
    QVERIFY(lines.size() <= 1000);
    QVERIFY(lines.size() >= 999);
}

void tst_ConsoleView::pendingQueueIsBoundedAndSaysSo()
{
    ConsoleView view;
    view.setScrollbackLines(100);
    QByteArray data;
    for (int i = 0; i < 250; ++i)
        data += "line " + QByteArray::number(i) + '\n';
    view.appendOutput(1, data); // all between two flushes
    view.flush();
    const QStringList lines = blocksOf(view);
    QCOMPARE(lines.size(), 100); // the notice and the last 99 lines
    QCOMPARE(lines.last(), u"line 249"_s);
    QCOMPARE(lines.at(1), u"line 151"_s);
    QVERIFY2(view.plainText().contains(u"151 lines dropped"_s), qPrintable(lines.first()));
}

void tst_ConsoleView::appendsAreBatched()
{
    ConsoleView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy changes(documentOf(view), &QTextDocument::contentsChange);
    QVERIFY(changes.isValid());
    for (int i = 0; i < 1000; ++i)
        view.appendOutput(1, "append " + QByteArray::number(i) + '\n');
    QCOMPARE(changes.count(), 0); // nothing yet: queued for the timer
    QTRY_COMPARE(documentOf(view)->blockCount(), 1000);
    QVERIFY2(changes.count() <= 3, qPrintable(QString::number(changes.count())));
    QCOMPARE(blocksOf(view).first(), u"append 0"_s);
    QCOMPARE(blocksOf(view).last(), u"append 999"_s);
}

// A hidden view (behind another console) keeps its lines but lays out no text until it is
// shown, or until its text is asked for.
void tst_ConsoleView::hiddenViewRendersWhenShown()
{
    ConsoleView view;
    QTextDocument *document = documentOf(view);
    QSignalSpy changes(document, &QTextDocument::contentsChange);
    QVERIFY(changes.isValid());
    for (int i = 0; i < 1000; ++i)
        view.appendOutput(1, "\x1b[32mhidden\x1b[0m " + QByteArray::number(i) + '\n');
    view.flush();
    QCOMPARE(changes.count(), 0);
    QCOMPARE(document->blockCount(), 1); // the empty document

    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(document->blockCount(), 1000);
    QCOMPARE(document->firstBlock().text(), u"hidden 0"_s);
    QCOMPARE(formatOf(view, u"hidden 999"_s).foreground().color(), ansiColor(2));

    view.hide();
    view.appendOutput(1, "while hidden\n");
    view.flush();
    QCOMPARE(document->lastBlock().text(), u"hidden 999"_s);
    QVERIFY(view.plainText().endsWith(u"hidden 999\nwhile hidden"_s)); // asked for: rendered
}

void tst_ConsoleView::childOutputThroughProcess()
{
    ConsoleView view;
    aproc::Process process;
    connect(&process, &aproc::Process::outputReceived, &view,
            qOverload<int, const QByteArray &>(&ConsoleView::appendOutput));
    QSignalSpy finished(&process, &aproc::Process::finished);
    QVERIFY(finished.isValid());
    aproc::ProcessOptions options;
    options.stdoutMode = aproc::PIPE;
    options.stderrMode = aproc::PIPE;
    options.streams = false;
    process.start(u"/bin/printf"_s, {u"\\033[31mred\\033[0m plain \\303\\251\\n\\033[?25l"_s},
                  options);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finished.at(0).at(0).toInt(), 0);
    QTRY_COMPARE(view.plainText(), u"red plain é"_s);
    QCOMPARE(formatOf(view, u"red"_s).foreground().color(), ansiColor(1));
    QVERIFY(formatOf(view, u"plain"_s).foreground().color() != ansiColor(1));
}

void tst_ConsoleView::childFloodIsWrapped()
{
    ConsoleView view;
    aproc::Process process;
    connect(&process, &aproc::Process::outputReceived, &view,
            qOverload<int, const QByteArray &>(&ConsoleView::appendOutput));
    QSignalSpy finished(&process, &aproc::Process::finished);
    aproc::ProcessOptions options;
    options.stdoutMode = aproc::PIPE;
    options.streams = false;
    constexpr int bytes = 300000;
    process.start(QStringLiteral(APROC_TEST_HELPER),
                  {u"flood"_s, QString::number(bytes), u"1000"_s}, options);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QTRY_COMPARE(view.plainText().count(u'x'), bytes);
    const QStringList lines = blocksOf(view);
    QCOMPARE(lines.size(), bytes / ConsoleView::maximumLineLength + 1);
    for (const QString &line : lines)
        QVERIFY(line.size() <= ConsoleView::maximumLineLength);
}

QTEST_MAIN(tst_ConsoleView)

#include "tst_monitor_consoleview.moc"
