// SPDX-License-Identifier: MIT
// AnsiParser on its own: SGR formats, hidden escape sequences, UTF-8 and escapes split across
// chunks, invalid bytes, controls, carriage returns, and the bound on unterminated sequences.
#include "console/ansiparser.h"

#include <QtCore/QRegularExpression>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using aproc::monitor::AnsiParser;
using aproc::monitor::AnsiToken;
using aproc::monitor::TextFormat;

namespace {

// The tokens of \a chunks fed in order, adjacent texts of one format merged (how a stream is
// split must not matter).
QList<AnsiToken> parse(const QList<QByteArray> &chunks)
{
    AnsiParser parser;
    QList<AnsiToken> tokens;
    for (const QByteArray &chunk : chunks) {
        for (const AnsiToken &token : parser.feed(chunk)) {
            if (token.kind == AnsiToken::Kind::Text && !tokens.isEmpty()
                && tokens.last().kind == AnsiToken::Kind::Text
                && tokens.last().format == token.format)
                tokens.last().text += token.text;
            else
                tokens.append(token);
        }
    }
    return tokens;
}

QString textOf(const QList<AnsiToken> &tokens)
{
    QString text;
    for (const AnsiToken &token : tokens) {
        if (token.kind == AnsiToken::Kind::Text)
            text += token.text;
        else
            text += token.kind == AnsiToken::Kind::Newline ? u"<NL>"_s : u"<CR>"_s;
    }
    return text;
}

// The format of character \a index of the tokens' text.
TextFormat formatAt(const QList<AnsiToken> &tokens, qsizetype index)
{
    for (const AnsiToken &token : tokens) {
        if (token.kind != AnsiToken::Kind::Text)
            continue;
        if (index < token.text.size())
            return token.format;
        index -= token.text.size();
    }
    return TextFormat{};
}

TextFormat withForeground(const QColor &color)
{
    TextFormat format;
    format.foreground = color;
    return format;
}

TextFormat formatOf(const QList<AnsiToken> &tokens, const QString &text)
{
    for (const AnsiToken &token : tokens) {
        if (token.kind == AnsiToken::Kind::Text && token.text == text)
            return token.format;
    }
    qWarning() << "no run" << text << "in" << textOf(tokens);
    return withForeground(Qt::magenta);
}

TextFormat withBackground(const QColor &color)
{
    TextFormat format;
    format.background = color;
    return format;
}

} // namespace

class tst_AnsiParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sgr_data();
    void sgr();
    void otherEscapesAreHidden_data();
    void otherEscapesAreHidden();
    void splitAtEveryByte_data();
    void splitAtEveryByte();
    void invalidUtf8BecomesReplacementCharacter();
    void controlsAreDropped();
    void carriageReturns();
    void carriageReturnAtTheEndOfAChunk();
    void unterminatedEscapeIsBounded();
};

void tst_AnsiParser::sgr_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<TextFormat>("expected");
    TextFormat bold;
    bold.bold = true;
    TextFormat faint;
    faint.faint = true;
    TextFormat italic;
    italic.italic = true;
    TextFormat underline;
    underline.underline = true;
    TextFormat inverse;
    inverse.inverse = true;
    TextFormat boldRed = withForeground(aproc::monitor::ansiColor(1));
    boldRed.bold = true;
    QTest::newRow("red") << "\x1b[31mX"_ba << withForeground(QColor(0xcc0000));
    QTest::newRow("white") << "\x1b[37mX"_ba << withForeground(aproc::monitor::ansiColor(7));
    QTest::newRow("bright green") << "\x1b[92mX"_ba << withForeground(QColor(0x8ae234));
    QTest::newRow("blue background") << "\x1b[44mX"_ba << withBackground(QColor(0x3465a4));
    QTest::newRow("bright background")
            << "\x1b[103mX"_ba << withBackground(aproc::monitor::ansiColor(11));
    QTest::newRow("256 colours") << "\x1b[38;5;196mX"_ba << withForeground(QColor(255, 0, 0));
    QTest::newRow("256 grey") << "\x1b[48;5;232mX"_ba << withBackground(QColor(8, 8, 8));
    QTest::newRow("truecolour") << "\x1b[38;2;10;20;30mX"_ba << withForeground(QColor(10, 20, 30));
    QTest::newRow("truecolour, colons")
            << "\x1b[38:2::10:20:30mX"_ba << withForeground(QColor(10, 20, 30));
    QTest::newRow("bold") << "\x1b[1mX"_ba << bold;
    QTest::newRow("faint") << "\x1b[2mX"_ba << faint;
    QTest::newRow("italic") << "\x1b[3mX"_ba << italic;
    QTest::newRow("underline") << "\x1b[4mX"_ba << underline;
    QTest::newRow("inverse") << "\x1b[7mX"_ba << inverse;
    QTest::newRow("bold and red at once") << "\x1b[1;31mX"_ba << boldRed;
    QTest::newRow("reset 0") << "\x1b[1;31m\x1b[0mX"_ba << TextFormat{};
    QTest::newRow("reset, no parameter") << "\x1b[1;31m\x1b[mX"_ba << TextFormat{};
    QTest::newRow("39 default foreground")
            << "\x1b[31;44m\x1b[39mX"_ba << withBackground(aproc::monitor::ansiColor(4));
    QTest::newRow("49 default background")
            << "\x1b[31;44m\x1b[49mX"_ba << withForeground(aproc::monitor::ansiColor(1));
    QTest::newRow("22 normal intensity") << "\x1b[1;2m\x1b[22mX"_ba << TextFormat{};
    QTest::newRow("private m is no SGR") << "\x1b[>4;1mX"_ba << TextFormat{};
}

void tst_AnsiParser::sgr()
{
    QFETCH(QByteArray, data);
    QFETCH(TextFormat, expected);
    const QList<AnsiToken> tokens = parse({"a"_ba + data + "b"_ba});
    QCOMPARE(textOf(tokens), u"aXb"_s);
    QVERIFY(formatAt(tokens, 0) == TextFormat{});
    const TextFormat actual = formatAt(tokens, 1);
    QVERIFY2(actual == expected,
             qPrintable(u"fg %1 bg %2 bold %3 instead of fg %4 bg %5 bold %6"_s
                                .arg(actual.foreground.name(), actual.background.name())
                                .arg(actual.bold)
                                .arg(expected.foreground.name(), expected.background.name())
                                .arg(expected.bold)));
    QVERIFY(formatAt(tokens, 2) == expected);
}

void tst_AnsiParser::otherEscapesAreHidden_data()
{
    QTest::addColumn<QByteArray>("escape");
    QTest::newRow("cursor position") << "\x1b[2;5H"_ba;
    QTest::newRow("cursor up") << "\x1b[A"_ba;
    QTest::newRow("hide cursor") << "\x1b[?25l"_ba;
    QTest::newRow("erase line") << "\x1b[2K"_ba;
    QTest::newRow("device attributes") << "\x1b[>c"_ba;
    QTest::newRow("intermediate") << "\x1b[0 q"_ba;
    QTest::newRow("OSC title, BEL") << "\x1b]0;my title\x07"_ba;
    QTest::newRow("OSC title, ST") << "\x1b]2;my title\x1b\\"_ba;
    QTest::newRow("OSC hyperlink") << "\x1b]8;;http://example.com\x1b\\"_ba;
    QTest::newRow("DCS") << "\x1bP1$r0m\x1b\\"_ba;
    QTest::newRow("APC") << "\x1b_Gf=100;AAAA\x1b\\"_ba;
    QTest::newRow("PM") << "\x1b^private\x1b\\"_ba;
    QTest::newRow("SOS") << "\x1bXstring\x1b\\"_ba;
    QTest::newRow("charset") << "\x1b(B"_ba;
    QTest::newRow("keypad") << "\x1b="_ba;
    QTest::newRow("save cursor") << "\x1b"
                                    "7"_ba;
    QTest::newRow("CSI cancelled") << "\x1b[12\x18"_ba;
}

void tst_AnsiParser::otherEscapesAreHidden()
{
    QFETCH(QByteArray, escape);
    const QList<AnsiToken> tokens = parse({"ab"_ba + escape + "cd\n"_ba});
    QCOMPARE(textOf(tokens), u"abcd<NL>"_s);
    QCOMPARE(formatOf(tokens, u"abcd"_s), TextFormat{});
}

void tst_AnsiParser::splitAtEveryByte_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("SGR") << "a\x1b[1;38;5;196mred bold\x1b[0m b\n"_ba;
    QTest::newRow("truecolour") << "\x1b[48;2;1;2;3mx\x1b[49m\n"_ba;
    QTest::newRow("OSC") << "a\x1b]0;title é\x1b\\b\n"_ba;
    QTest::newRow("two-byte UTF-8") << "caf\xc3\xa9 \xc3\xa9t\xc3\xa9\n"_ba;
    QTest::newRow("three-byte UTF-8") << "\xe2\x82\xac 5\n"_ba;
    QTest::newRow("four-byte UTF-8") << "smile \xf0\x9f\x98\x80!\n"_ba;
    QTest::newRow("CR LF") << "line\r\nnext\rover\n"_ba;
    QTest::newRow("mixed") << "\x1b[31m\xe2\x82\xac\x1b[?25l\xf0\x9f\x98\x80\x1b(B\r\n"_ba;
}

void tst_AnsiParser::splitAtEveryByte()
{
    QFETCH(QByteArray, data);
    const QList<AnsiToken> whole = parse({data});
    for (qsizetype at = 1; at < data.size(); ++at) {
        const QList<AnsiToken> split = parse({data.left(at), data.mid(at)});
        QVERIFY2(split == whole, qPrintable(u"split at %1: %2 instead of %3"_s.arg(at).arg(
                                         textOf(split), textOf(whole))));
    }
    QList<QByteArray> bytes;
    for (char byte : data)
        bytes.append(QByteArray(1, byte));
    QCOMPARE(textOf(parse(bytes)), textOf(whole));
    QVERIFY(parse(bytes) == whole);
    QVERIFY(!textOf(whole).contains(QChar::ReplacementCharacter));
}

void tst_AnsiParser::invalidUtf8BecomesReplacementCharacter()
{
    QCOMPARE(textOf(parse({"a\xff"_ba
                           "b"})),
             u"a\uFFFDb"_s);
    QCOMPARE(textOf(parse({"a\xc3"_ba, "(b"_ba})), u"a\uFFFD(b"_s); // a cut sequence
    QVERIFY(textOf(parse({"\xed\xa0\x80"_ba})).contains(QChar::ReplacementCharacter));
    // a cut sequence must not swallow the escape that follows it
    const QList<AnsiToken> cut = parse({"a\xe2\x82"_ba, "\x1b[31mb"_ba});
    QVERIFY2(QRegularExpression(u"^a\uFFFD+b$"_s).match(textOf(cut)).hasMatch(),
             qPrintable(textOf(cut)));
    QCOMPARE(cut.last().format.foreground, aproc::monitor::ansiColor(1));
}

void tst_AnsiParser::controlsAreDropped()
{
    QCOMPARE(textOf(parse({QByteArray("a\0b\x07"
                                      "c\x08"
                                      "d\te\x7f"
                                      "f\x01",
                                      12)})),
             u"abcd\tef"_s);
}

void tst_AnsiParser::carriageReturns()
{
    QCOMPARE(textOf(parse({"a\r\nb\n"_ba})), u"a<NL>b<NL>"_s);
    QCOMPARE(textOf(parse({"10%\r50%\n"_ba})), u"10%<CR>50%<NL>"_s);
    QCOMPARE(textOf(parse({"a\r\r\nb"_ba})), u"a<CR><NL>b"_s);
}

void tst_AnsiParser::carriageReturnAtTheEndOfAChunk()
{
    AnsiParser parser;
    QCOMPARE(textOf(parser.feed("a\r"_ba)), u"a"_s); // may be half of "\r\n": waits
    QCOMPARE(textOf(parser.feed("\nb\r"_ba)), u"<NL>b"_s);
    QCOMPARE(textOf(parser.feed("c"_ba)), u"<CR>c"_s);
}

void tst_AnsiParser::unterminatedEscapeIsBounded()
{
    AnsiParser parser;
    const QByteArray garbage = "\x1b]0;"_ba + QByteArray(3 * AnsiParser::maximumEscapeLength, 'x');
    const QString text = textOf(parser.feed(garbage));
    // the first maximumEscapeLength characters went as garbage, the rest is text again
    QVERIFY2(text.size() >= 2 * AnsiParser::maximumEscapeLength - 8, qPrintable(text.left(80)));
    QVERIFY(text.size() < 3 * AnsiParser::maximumEscapeLength);
    QCOMPARE(textOf(parser.feed("\x1b[31mred"_ba)), u"red"_s);
    QCOMPARE(parser.currentFormat(), withForeground(aproc::monitor::ansiColor(1)));

    AnsiParser csi;
    const QString csiText
            = textOf(csi.feed(QByteArray("\x1b["_ba + QByteArray(100000, '1') + "mok"_ba)));
    QVERIFY(csiText.endsWith(u"mok"_s));
    QVERIFY(csiText.size() < 100000);
}

QTEST_APPLESS_MAIN(tst_AnsiParser)

#include "tst_monitor_ansiparser.moc"
