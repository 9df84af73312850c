// SPDX-License-Identifier: MIT
// LineBuilder on its own: carriage returns, hard wrapping with formats across the wrap, the
// time of a line, and Scrollback's bound.
#include "console/linebuilder.h"
#include "console/scrollback.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace aproc::monitor;

namespace {

// Feeds \a chunks through a parser and a builder; gives the finished lines' texts.
QStringList build(LineBuilder &builder, const QList<QByteArray> &chunks)
{
    AnsiParser parser;
    QStringList texts;
    for (const QByteArray &chunk : chunks) {
        for (const ConsoleLine &line :
             builder.add(parser.feed(chunk), QDateTime::currentDateTime()))
            texts.append(line.text);
    }
    return texts;
}

} // namespace

class tst_LineBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void carriageReturnOverwrites_data();
    void carriageReturnOverwrites();
    void longLinesAreWrapped();
    void formatsCrossTheWrap();
    void lineTimeIsItsFirstArrival();
    void channelAndSourceAreKept();
    void scrollbackDropsTheOldest();
};

void tst_LineBuilder::carriageReturnOverwrites_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("partial");
    QTest::newRow("progress bar") << QList<QByteArray>{"10%\r50%\r100%\n"_ba}
                                  << QStringList{u"100%"_s} << QString();
    QTest::newRow("CR LF is a newline")
            << QList<QByteArray>{"a\r\nb\r\n"_ba} << QStringList{u"a"_s, u"b"_s} << QString();
    QTest::newRow("CR LF split") << QList<QByteArray>{"a\r"_ba, "\nb"_ba} << QStringList{u"a"_s}
                                 << u"b"_s;
    QTest::newRow("CR then newline keeps the line")
            << QList<QByteArray>{"done\r\x1b[K\n"_ba} << QStringList{u"done"_s} << QString();
    QTest::newRow("progress, partial")
            << QList<QByteArray>{"1/3\r"_ba, "2/3\r"_ba, "3/3"_ba} << QStringList{} << u"3/3"_s;
    QTest::newRow("empty lines") << QList<QByteArray>{"\n\nx\n"_ba}
                                 << QStringList{QString(), QString(), u"x"_s} << QString();
}

void tst_LineBuilder::carriageReturnOverwrites()
{
    QFETCH(QList<QByteArray>, chunks);
    QFETCH(QStringList, lines);
    QFETCH(QString, partial);
    LineBuilder builder(1, QString(), 4096);
    QCOMPARE(build(builder, chunks), lines);
    QCOMPARE(builder.partialLine().text, partial);
}

void tst_LineBuilder::longLinesAreWrapped()
{
    LineBuilder builder(1, QString(), 100);
    const QStringList lines = build(builder, {QByteArray(250, 'x'), QByteArray(60, 'y')});
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), QString(100, u'x'));
    QCOMPARE(lines.at(1), QString(100, u'x'));
    QCOMPARE(lines.at(2), QString(50, u'x') + QString(50, u'y'));
    QCOMPARE(builder.partialLine().text, QString(10, u'y'));
}

void tst_LineBuilder::formatsCrossTheWrap()
{
    LineBuilder builder(1, QString(), 10);
    AnsiParser parser;
    const QList<ConsoleLine> lines
            = builder.add(parser.feed("abc\x1b[31mdefghijklm\x1b[0mn\n"_ba), QDateTime());
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).text, u"abcdefghij"_s);
    QCOMPARE(lines.at(0).runs.size(), 1);
    QCOMPARE(lines.at(0).runs.at(0).start, 3);
    QCOMPARE(lines.at(0).runs.at(0).length, 7);
    QCOMPARE(lines.at(0).runs.at(0).format.foreground, ansiColor(1));
    QCOMPARE(lines.at(1).text, u"klmn"_s);
    QCOMPARE(lines.at(1).runs.size(), 1);
    QCOMPARE(lines.at(1).runs.at(0).start, 0);
    QCOMPARE(lines.at(1).runs.at(0).length, 3);
}

void tst_LineBuilder::lineTimeIsItsFirstArrival()
{
    LineBuilder builder(1, QString(), 4096);
    AnsiParser parser;
    const QDateTime first(QDate(2026, 1, 2), QTime(3, 4, 5, 6));
    const QDateTime second = first.addSecs(10);
    QVERIFY(builder.add(parser.feed("begin "_ba), first).isEmpty());
    const QList<ConsoleLine> lines = builder.add(parser.feed("end\nnext\n"_ba), second);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).time, first);
    QCOMPARE(lines.at(1).time, second);
}

void tst_LineBuilder::channelAndSourceAreKept()
{
    LineBuilder builder(2, u"web"_s, 4096);
    AnsiParser parser;
    const QList<ConsoleLine> lines = builder.add(parser.feed("x\n"_ba), QDateTime());
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).channel, 2);
    QCOMPARE(lines.at(0).source, u"web"_s);
    QCOMPARE(lines.at(0).kind, ConsoleLine::Kind::Output);
}

void tst_LineBuilder::scrollbackDropsTheOldest()
{
    Scrollback scrollback(3);
    for (int i = 0; i < 5; ++i) {
        ConsoleLine line;
        line.text = QString::number(i);
        QCOMPARE(scrollback.append(line), i < 3 ? 0 : 1);
    }
    QCOMPARE(scrollback.size(), 3);
    QCOMPARE(scrollback.lines().front().text, u"2"_s);
    QCOMPARE(scrollback.setMaximumLines(1), 2);
    QCOMPARE(scrollback.lines().front().text, u"4"_s);
    QCOMPARE(scrollback.setMaximumLines(0), 0);
    QCOMPARE(scrollback.maximumLines(), 1);
}

QTEST_APPLESS_MAIN(tst_LineBuilder)

#include "tst_monitor_linebuilder.moc"
