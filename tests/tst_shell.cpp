// SPDX-License-Identifier: MIT
// shellQuote() and shellSplit(): shlex.quote and shlex.split, row for row. The expected values
// were produced by Python 3.11's shlex.
#include <aproc/errors.h>
#include <aproc/shell.h>

#include <QtTest/QtTest>

using namespace aproc;

class tst_Shell : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quote_data();
    void quote();
    void split_data();
    void split();
    void splitErrors_data();
    void splitErrors();
    void splitInvertsQuote_data();
    void splitInvertsQuote();
};

// SH-04: shellQuote follows shlex.quote.
void tst_Shell::quote_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("SH-04 empty") << QString() << QStringLiteral("''");
    QTest::newRow("SH-04 plain") << QStringLiteral("abc") << QStringLiteral("abc");
    QTest::newRow("SH-04 every safe character")
            << QStringLiteral("@%+=:,./-_Az09") << QStringLiteral("@%+=:,./-_Az09");
    QTest::newRow("SH-04 space") << QStringLiteral("a b") << QStringLiteral("'a b'");
    QTest::newRow("SH-04 single quote") << QStringLiteral("it's") << QStringLiteral("'it'\"'\"'s'");
    QTest::newRow("SH-04 both quotes")
            << QStringLiteral("a'b\"c") << QStringLiteral("'a'\"'\"'b\"c'");
    QTest::newRow("SH-04 non-ASCII")
            << QStringLiteral("h\u00e9llo") << QStringLiteral("'h\u00e9llo'");
    QTest::newRow("SH-04 variable") << QStringLiteral("$HOME") << QStringLiteral("'$HOME'");
    QTest::newRow("SH-04 tab") << QStringLiteral("a\tb") << QStringLiteral("'a\tb'");
    QTest::newRow("SH-04 glob") << QStringLiteral("*") << QStringLiteral("'*'");
    QTest::newRow("SH-04 tilde") << QStringLiteral("~user") << QStringLiteral("'~user'");
    QTest::newRow("SH-04 semicolon") << QStringLiteral("x;y") << QStringLiteral("'x;y'");
}

void tst_Shell::quote()
{
    QFETCH(QString, argument);
    QFETCH(QString, quoted);
    QCOMPARE(shellQuote(argument), quoted);
}

void tst_Shell::split_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("spaces") << QStringLiteral("a b  c") << QStringList{u"a"_qs, u"b"_qs, u"c"_qs};
    QTest::newRow("single quotes")
            << QStringLiteral("a 'b c' d") << QStringList{u"a"_qs, u"b c"_qs, u"d"_qs};
    QTest::newRow("double quotes")
            << QStringLiteral("a \"b c\" d") << QStringList{u"a"_qs, u"b c"_qs, u"d"_qs};
    QTest::newRow("empty single quotes")
            << QStringLiteral("a '' b") << QStringList{u"a"_qs, QString(), u"b"_qs};
    QTest::newRow("empty double quotes")
            << QStringLiteral("a \"\" b") << QStringList{u"a"_qs, QString(), u"b"_qs};
    QTest::newRow("escaped space") << QStringLiteral("a\\ b") << QStringList{u"a b"_qs};
    QTest::newRow("escaped quote in double quotes")
            << QStringLiteral("\"a\\\"b\"") << QStringList{u"a\"b"_qs};
    QTest::newRow("backslash kept before $ in double quotes")
            << QStringLiteral("\"a\\$b\"") << QStringList{u"a\\$b"_qs};
    QTest::newRow("backslash literal in single quotes")
            << QStringLiteral("'a\\b'") << QStringList{u"a\\b"_qs};
    QTest::newRow("escaped backslash in double quotes")
            << QStringLiteral("\"a\\\\b\"") << QStringList{u"a\\b"_qs};
    QTest::newRow("hash is not a comment")
            << QStringLiteral("a#b c") << QStringList{u"a#b"_qs, u"c"_qs};
    QTest::newRow("leading and trailing space")
            << QStringLiteral("  lead trail  ") << QStringList{u"lead"_qs, u"trail"_qs};
    QTest::newRow("tab and newline")
            << QStringLiteral("x\ty\nz") << QStringList{u"x"_qs, u"y"_qs, u"z"_qs};
    QTest::newRow("quotes inside a word")
            << QStringLiteral("abc'def'ghi") << QStringList{u"abcdefghi"_qs};
    QTest::newRow("escaped backslash") << QStringLiteral("\\\\") << QStringList{u"\\"_qs};
    QTest::newRow("nothing") << QString() << QStringList();
}

void tst_Shell::split()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    QCOMPARE(shellSplit(command), words);
}

void tst_Shell::splitErrors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("message");
    QTest::newRow("open single quote")
            << QStringLiteral("'abc") << QStringLiteral("No closing quotation");
    QTest::newRow("open double quote")
            << QStringLiteral("\"abc") << QStringLiteral("No closing quotation");
    QTest::newRow("trailing backslash")
            << QStringLiteral("abc\\") << QStringLiteral("No escaped character");
}

void tst_Shell::splitErrors()
{
    QFETCH(QString, command);
    QFETCH(QString, message);
    try {
        shellSplit(command);
        QFAIL("no ValueError");
    } catch (const ValueError &error) {
        QCOMPARE(error.message(), message);
    }
}

// SH-04: shellSplit inverts shellQuote, for any list of arguments.
void tst_Shell::splitInvertsQuote_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("SH-04 plain") << QStringList{u"ls"_qs, u"-l"_qs, u"/tmp"_qs};
    QTest::newRow("SH-04 awkward")
            << QStringList{QString(),         u"it's"_qs,      u"a \"b\" c"_qs, u"$(rm -rf /)"_qs,
                           u"back\\slash"_qs, u"tab\there"_qs, u"new\nline"_qs, u"\u00e9\u4e2d"_qs};
}

void tst_Shell::splitInvertsQuote()
{
    QFETCH(QStringList, arguments);
    QStringList quoted;
    for (const QString &argument : arguments)
        quoted << shellQuote(argument);
    QCOMPARE(shellSplit(quoted.join(u' ')), arguments);
}

QTEST_GUILESS_MAIN(tst_Shell)
#include "tst_shell.moc"
