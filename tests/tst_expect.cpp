// SPDX-License-Identifier: MIT
// Expect (<aproc/expect.h>): dialogues with the helper's `answer` mode over pipes and over a pty,
// timeouts, a child that ends before the match, and output consumed in order; expectExact()
// and expectLine() with `sh -c 'printf ...'` children.
#include <aproc/errors.h>
#include <aproc/expect.h>
#include <aproc/process.h>
#include <aproc/streamwriter.h>
#include <aproc/testing.h>

#include <QtTest/QtTest>

#include "support/children.h"

#include <memory>
#include <sys/wait.h>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

ProcessOptions options(bool pty)
{
    ProcessOptions options;
    options.stdinMode = pty ? Stdio::pty() : PIPE;
    options.stdoutMode = pty ? Stdio::pty() : PIPE;
    options.stderrMode = pty ? STDOUT : Stdio::inherit();
    return options;
}

QRegularExpression re(const char *pattern)
{
    return QRegularExpression(QString::fromUtf8(pattern));
}

/*! A child that runs the shell \a script, its output on a pipe or a pty. */
Task<std::unique_ptr<Process>> shell(const char *script, bool pty = false)
{
    const QStringList arguments = args("-c", script);
    co_return co_await createSubprocessExec(QStringLiteral("/bin/sh"), arguments, options(pty));
}

/*! What \a call throws: its message, if it is an \a E; empty when it throws nothing or else. */
template<typename E, typename T> Task<QString> messageOf(Task<T> call)
{
    QString message;
    try {
        co_await call;
    } catch (const E &error) {
        message = error.message();
    } catch (...) { }
    co_return message;
}

/*! Lets \a dialogue read until its buffer holds \a output: waits that time out, so nothing is
 *  consumed (a loaded machine may take longer than one short timeout to deliver it). */
Task<void> readInto(Expect &dialogue, QByteArray output)
{
    while (dialogue.buffer() != output) {
        try {
            co_await dialogue.expectExact("\x01never\x01", 20ms);
        } catch (const TimeoutError &) { }
    }
}

Task<void> checkExpectExact(bool pty)
{
    auto process = co_await shell("printf 'axb\\na.b*c(d)\\n[x]+?\\n'", pty);
    Expect dialogue(process.get());
    co_await dialogue.expectExact("a.b*c(");
    const QByteArray newline = pty ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    APROC_COMPARE(dialogue.before(), "axb" + newline); // "." matched nothing but itself
    APROC_COMPARE(dialogue.matched(), QByteArrayLiteral("a.b*c("));
    co_await dialogue.expectExact(QStringLiteral("[x]+?"));
    APROC_COMPARE(dialogue.before(), "d)" + newline);
    APROC_COMPARE(dialogue.matched(), QByteArrayLiteral("[x]+?"));
    APROC_COMPARE(co_await process->wait(), 0);
}

// "hel" and "lo" come in two writes, the second once the first is in the buffer.
Task<void> checkExpectExactAcrossChunks()
{
    auto process = co_await shell("printf hel; read x; printf lo");
    Expect dialogue(process.get());
    Task<void> expecting = createTask(dialogue.expectExact("hello"));
    APROC_TRY_VERIFY(dialogue.buffer() == "hel");
    co_await dialogue.sendLine("go");
    co_await expecting;
    APROC_COMPARE(dialogue.matched(), QByteArrayLiteral("hello"));
    APROC_COMPARE(co_await process->wait(), 0);
}

Task<void> checkExpectExactErrors()
{
    auto process = co_await shell("printf 'only this'; read x");
    Expect dialogue(process.get(), 50ms);
    co_await readInto(dialogue, QByteArrayLiteral("only this"));
    auto timeoutCall = dialogue.expectExact("(never)");
    const QString timeout = co_await messageOf<TimeoutError>(std::move(timeoutCall));
    APROC_VERIFY2(timeout.contains(QLatin1String("(never)")), qPrintable(timeout));
    APROC_VERIFY2(timeout.contains(QLatin1String("only this")), qPrintable(timeout));
    APROC_COMPARE(dialogue.buffer(), QByteArrayLiteral("only this")); // nothing consumed
    auto emptyCall = dialogue.expectExact("");
    const QString empty = co_await messageOf<ValueError>(std::move(emptyCall));
    APROC_VERIFY2(empty.contains(QLatin1String("empty")), qPrintable(empty));
    co_await dialogue.sendLine("bye");
    APROC_VERIFY_THROWS(co_await dialogue.expectExact("this!", 5s), IncompleteReadError);
    APROC_COMPARE(dialogue.buffer(), QByteArrayLiteral("only this"));
    APROC_COMPARE(co_await process->wait(), 0);
}

// Over a pty, printf's "\n" reaches us as "\r\n": both are line terminators.
Task<void> checkExpectLine(bool pty)
{
    auto process = co_await shell("printf 'prefix ok\\nok suffix\\nok\\nnext 42\\n'", pty);
    Expect dialogue(process.get());
    co_await dialogue.expectLine("ok");
    const QByteArray newline = pty ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    APROC_COMPARE(dialogue.before(), "prefix ok" + newline + "ok suffix" + newline);
    APROC_COMPARE(dialogue.matched(), "ok" + newline); // the terminator is consumed
    const QRegularExpressionMatch match = co_await dialogue.expectLine(re("next (\\d+)"));
    APROC_COMPARE(match.captured(1), QStringLiteral("42"));
    APROC_COMPARE(match.captured(), QStringLiteral("next 42")); // without the terminator
    APROC_COMPARE(dialogue.matched(), "next 42" + newline);
    APROC_COMPARE(dialogue.buffer(), QByteArray());
    APROC_COMPARE(co_await process->wait(), 0);
}

Task<void> checkExpectLineTerminators()
{
    auto process = co_await shell("printf 'a\\r\\nb\\r\\r\\nc\\nlast'");
    Expect dialogue(process.get());
    co_await dialogue.expectLine(QStringLiteral("a"));
    APROC_COMPARE(dialogue.matched(), QByteArrayLiteral("a\r\n"));
    co_await dialogue.expectLine("b\r"); // only one "\r" belongs to the terminator
    APROC_COMPARE(dialogue.matched(), QByteArrayLiteral("b\r\r\n"));
    co_await dialogue.expectLine(QByteArrayLiteral("last")); // the last line, at EOF
    APROC_COMPARE(dialogue.before(), QByteArrayLiteral("c\n"));
    APROC_COMPARE(dialogue.matched(), QByteArrayLiteral("last"));
    APROC_VERIFY(dialogue.atEof());
    APROC_COMPARE(co_await process->wait(), 0);
}

// A pattern must match a line from its start to its end, and only lines that start after the
// last match count.
Task<void> checkExpectLineIsWhole()
{
    auto process = co_await shell("printf 'key: value\\nvalue\\nxab\\nab\\nabc\\nb\\n'");
    Expect dialogue(process.get());
    co_await dialogue.expect(re("key: "));
    co_await dialogue.expectLine("value"); // not the rest of "key: value"
    APROC_COMPARE(dialogue.before(), QByteArrayLiteral("value\n"));
    const QRegularExpressionMatch ab = co_await dialogue.expectLine(re("a|ab"));
    APROC_COMPARE(ab.captured(), QStringLiteral("ab"));
    APROC_COMPARE(dialogue.before(), QByteArrayLiteral("xab\n"));
    co_await dialogue.expectLine(re("b"));
    APROC_COMPARE(dialogue.before(), QByteArrayLiteral("abc\n"));
    APROC_COMPARE(co_await process->wait(), 0);
}

Task<void> checkExpectLineErrors()
{
    auto process = co_await shell("printf 'one\\ntwo'; read x");
    Expect dialogue(process.get(), 50ms);
    co_await readInto(dialogue, QByteArrayLiteral("one\ntwo"));
    auto timeoutCall = dialogue.expectLine("two");
    const QString timeout = co_await messageOf<TimeoutError>(std::move(timeoutCall));
    APROC_VERIFY2(timeout.contains(QLatin1String("\"two\"")), qPrintable(timeout));
    APROC_VERIFY2(timeout.contains(QLatin1String("one\\ntwo")), qPrintable(timeout));
    auto patternCall = dialogue.expectLine(re("t.o"));
    const QString pattern = co_await messageOf<TimeoutError>(std::move(patternCall));
    APROC_VERIFY2(pattern.contains(QLatin1String("t.o")), qPrintable(pattern));
    APROC_COMPARE(dialogue.buffer(), QByteArrayLiteral("one\ntwo")); // nothing consumed
    auto newlineCall = dialogue.expectLine("a\nb");
    const QString newline = co_await messageOf<ValueError>(std::move(newlineCall));
    APROC_VERIFY2(newline.contains(QLatin1String("a\\nb")), qPrintable(newline));
    auto invalidMessageCall = dialogue.expectLine(re("("));
    const QString invalidMessage = co_await messageOf<ValueError>(std::move(invalidMessageCall));
    APROC_VERIFY2(invalidMessage.contains(QLatin1String("(")), qPrintable(invalidMessage));
    co_await dialogue.sendLine("bye");
    APROC_VERIFY_THROWS(co_await dialogue.expectLine("one!", 5s), IncompleteReadError);
    APROC_COMPARE(co_await process->wait(), 0);
}

} // namespace

class tst_Expect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QTRY_VERIFY(noZombie()); }

    void answer_data();
    void answer();
    void timeoutNamesPatternAndOutput();
    void childExitsBeforeMatch();
    void expectsConsumeInOrder();
    void byteOffsetsSurviveUtf8();
    void sendEof_data();
    void sendEof();
    void expectExact_data();
    void expectExact();
    void expectExactAcrossChunks();
    void expectExactErrors();
    void expectLine_data();
    void expectLine();
    void expectLineTerminators();
    void expectLineIsWhole();
    void expectLineErrors();
};

void tst_Expect::answer_data()
{
    QTest::addColumn<bool>("pty");
    QTest::newRow("pipes") << false;
    QTest::newRow("pty") << true;
}

void tst_Expect::answer()
{
    QFETCH(bool, pty);
    APROC_RUN([](bool pty) -> Task<void> {
        const QStringList arguments = QStringList() << QStringLiteral("answer");
        auto process = co_await createSubprocessExec(helper(), arguments, options(pty));
        Expect dialogue(process.get());
        co_await dialogue.expect(re("name\\? "));
        APROC_COMPARE(dialogue.before(), QByteArray());
        APROC_COMPARE(dialogue.matched(), QByteArrayLiteral("name? "));
        co_await dialogue.sendLine("Ada");
        const QRegularExpressionMatch match = co_await dialogue.expect(re("hello (\\w+)"));
        APROC_COMPARE(match.captured(1), QStringLiteral("Ada"));
        // Over a pty the terminal echoed the answer (with "\r\n"); over pipes nothing comes back.
        APROC_COMPARE(dialogue.before(), pty ? QByteArrayLiteral("Ada\r\n") : QByteArray());
        APROC_COMPARE(co_await process->wait(), 0);
    }(pty));
}

void tst_Expect::timeoutNamesPatternAndOutput()
{
    APROC_RUN([]() -> Task<void> {
        const QStringList arguments = QStringList() << QStringLiteral("answer");
        auto process = co_await createSubprocessExec(helper(), arguments, options(false));
        Expect dialogue(process.get(), 50ms);
        QString message;
        try {
            co_await dialogue.expect(re("never here"));
        } catch (const TimeoutError &error) {
            message = error.message();
        }
        APROC_VERIFY2(message.contains(QLatin1String("never here")), qPrintable(message));
        APROC_VERIFY2(message.contains(QLatin1String("name? ")), qPrintable(message));
        APROC_COMPARE(dialogue.buffer(), QByteArrayLiteral("name? ")); // nothing consumed
        // The dialogue goes on after a timeout, and the child can still be killed.
        co_await dialogue.expect(re("name"), 5s);
        process->kill();
        APROC_COMPARE(co_await process->wait(), -SIGKILL);
    }());
}

void tst_Expect::childExitsBeforeMatch()
{
    APROC_RUN([]() -> Task<void> {
        const QStringList arguments = QStringList()
                                      << QStringLiteral("echo") << QStringLiteral("only this");
        auto process = co_await createSubprocessExec(helper(), arguments, options(false));
        Expect dialogue(process.get());
        QByteArray partial;
        bool thrown = false;
        try {
            co_await dialogue.expect(re("something else"));
        } catch (const IncompleteReadError &error) {
            thrown = true;
            partial = error.partial();
        }
        APROC_VERIFY(thrown);
        APROC_COMPARE(partial, QByteArrayLiteral("only this\n"));
        APROC_VERIFY(dialogue.atEof());
        // What is still there can be matched; after that, EOF again.
        co_await dialogue.expect(re("this"));
        APROC_VERIFY_THROWS(co_await dialogue.expect(re("x")), IncompleteReadError);
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

void tst_Expect::expectsConsumeInOrder()
{
    APROC_RUN([]() -> Task<void> {
        const QStringList arguments = QStringList()
                                      << QStringLiteral("echo") << QStringLiteral("one")
                                      << QStringLiteral("two") << QStringLiteral("three");
        auto process = co_await createSubprocessExec(helper(), arguments, options(false));
        Expect dialogue(process.get());
        co_await dialogue.expect(re("t\\w+"));
        APROC_COMPARE(dialogue.matched(), QByteArrayLiteral("two"));
        APROC_COMPARE(dialogue.before(), QByteArrayLiteral("one\n"));
        co_await dialogue.expect(re("t\\w+"));
        APROC_COMPARE(dialogue.matched(), QByteArrayLiteral("three"));
        APROC_COMPARE(dialogue.before(), QByteArrayLiteral("\n"));
        // "one" was consumed: it is not found again.
        APROC_VERIFY_THROWS(co_await dialogue.expect(re("one")), IncompleteReadError);
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

// The regex sees UTF-16, before() and matched() are bytes: offsets map back exactly, also past
// multi-byte characters and invalid bytes.
void tst_Expect::byteOffsetsSurviveUtf8()
{
    APROC_RUN([]() -> Task<void> {
        const QByteArray text
                = QByteArrayLiteral("h\xc3\xa9llo \xff \xf0\x9f\x98\x80 w\xc3\xb6rld\n");
        const QStringList arguments = QStringList() << QStringLiteral("cat");
        auto process = co_await createSubprocessExec(helper(), arguments, options(false));
        Expect dialogue(process.get());
        co_await dialogue.send(text);
        co_await dialogue.sendEof();
        const QRegularExpressionMatch match = co_await dialogue.expect(re("w.rld"));
        APROC_COMPARE(match.captured(), QStringLiteral("w\u00f6rld"));
        APROC_COMPARE(dialogue.before(), QByteArrayLiteral("h\xc3\xa9llo \xff \xf0\x9f\x98\x80 "));
        APROC_COMPARE(dialogue.matched(), QByteArrayLiteral("w\xc3\xb6rld"));
        APROC_COMPARE(dialogue.buffer(), QByteArrayLiteral("\n"));
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

void tst_Expect::sendEof_data()
{
    answer_data();
}

void tst_Expect::sendEof()
{
    QFETCH(bool, pty);
    APROC_RUN([](bool pty) -> Task<void> {
        const QStringList arguments = QStringList() << QStringLiteral("-c")
                                                    << QStringLiteral("read x || echo got-eof");
        auto process
                = co_await createSubprocessExec(QStringLiteral("/bin/sh"), arguments, options(pty));
        Expect dialogue(process.get());
        co_await dialogue.sendEof();
        co_await dialogue.expect(re("got-eof"));
        APROC_COMPARE(co_await process->wait(), 0);
    }(pty));
}

void tst_Expect::expectExact_data()
{
    answer_data();
}

void tst_Expect::expectExact()
{
    QFETCH(bool, pty);
    APROC_RUN(checkExpectExact(pty));
}

void tst_Expect::expectExactAcrossChunks()
{
    APROC_RUN(checkExpectExactAcrossChunks());
}

void tst_Expect::expectExactErrors()
{
    APROC_RUN(checkExpectExactErrors());
}

void tst_Expect::expectLine_data()
{
    answer_data();
}

void tst_Expect::expectLine()
{
    QFETCH(bool, pty);
    APROC_RUN(checkExpectLine(pty));
}

void tst_Expect::expectLineTerminators()
{
    APROC_RUN(checkExpectLineTerminators());
}

void tst_Expect::expectLineIsWhole()
{
    APROC_RUN(checkExpectLineIsWhole());
}

void tst_Expect::expectLineErrors()
{
    APROC_RUN(checkExpectLineErrors());
}

QTEST_GUILESS_MAIN(tst_Expect)
#include "tst_expect.moc"
