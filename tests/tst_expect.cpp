// SPDX-License-Identifier: MIT
// Expect (<aproc/expect.h>): dialogues with the helper's `answer` mode over pipes and over a pty,
// timeouts, a child that ends before the match, and output consumed in order.
#include <aproc/errors.h>
#include <aproc/expect.h>
#include <aproc/process.h>
#include <aproc/streamwriter.h>
#include <aproc/testing.h>

#include <QtTest/QtTest>

#include "support/children.h"

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

QTEST_GUILESS_MAIN(tst_Expect)
#include "tst_expect.moc"
