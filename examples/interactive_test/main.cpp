// SPDX-License-Identifier: MIT
// Testing an interactive program with QtTest and aproc::Expect: start it on a pseudo-terminal
// (as a user would run it), wait for its prompt, answer, check the reply.
#include <aproc/expect.h>
#include <aproc/process.h>
#include <aproc/testing.h>

#include <QtTest/QtTest>

using namespace std::chrono_literals;

// The program under test: a prompt loop. Replace it with yours.
static const QString program = QStringLiteral("while printf 'command? ' && read cmd; do"
                                              "  case $cmd in"
                                              "    quit) echo bye; exit 0 ;;"
                                              "    *) echo \"unknown: $cmd\" ;;"
                                              "  esac;"
                                              "done");

static aproc::Task<std::unique_ptr<aproc::Process>> startProgram()
{
    aproc::ProcessOptions options;
    options.stdinMode = aproc::Stdio::pty();
    options.stdoutMode = aproc::Stdio::pty();
    options.stderrMode = aproc::STDOUT;
    co_return co_await aproc::createSubprocessShell(program, options);
}

static QRegularExpression re(const char *pattern)
{
    return QRegularExpression(QString::fromUtf8(pattern));
}

class InteractiveTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quits()
    {
        APROC_RUN([]() -> aproc::Task<void> {
            auto process = co_await startProgram();
            aproc::Expect dialogue(process.get(), 5s); // each expect() waits up to 5 s
            co_await dialogue.expect(re("command\\? "));
            co_await dialogue.sendLine("quit");
            co_await dialogue.expect(re("bye"));
            APROC_COMPARE(co_await process->wait(), 0);
        }());
    }

    void rejectsUnknownCommands()
    {
        APROC_RUN([]() -> aproc::Task<void> {
            auto process = co_await startProgram();
            aproc::Expect dialogue(process.get());
            co_await dialogue.expect(re("command\\? "));
            co_await dialogue.sendLine("frobnicate");
            // The terminal echoes what we type, so the reply comes after "frobnicate\r\n".
            const auto match = co_await dialogue.expect(re("unknown: (\\w+)"));
            APROC_COMPARE(match.captured(1), QStringLiteral("frobnicate"));
            co_await dialogue.expect(re("command\\? ")); // asks again
            co_await dialogue.sendEof(); // Ctrl-D ends the loop
            APROC_COMPARE(co_await process->wait(), 0);
        }());
    }
};

QTEST_GUILESS_MAIN(InteractiveTest)
#include "main.moc"
