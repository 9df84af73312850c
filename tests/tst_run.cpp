// SPDX-License-Identifier: MIT
// run(): Python's subprocess.run (and trio.run_process) on real children of the test helper:
// capture, input, check, timeout (terminate, grace, kill, reap, then TimeoutError), bad input.
#include <aproc/errors.h>
#include <aproc/process.h>
#include <aproc/run.h>
#include <aproc/testing.h>

#include "support/children.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtTest/QtTest>

#include <unistd.h>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

QStringList command(const QStringList &arguments)
{
    return QStringList(helper()) + arguments;
}

Task<void> capturesOutput()
{
    RunOptions options;
    options.captureOutput = true;
    const CompletedProcess done = co_await run(command(args("out-err", "x")), options);
    APROC_COMPARE(done.returncode, 0);
    APROC_COMPARE(done.out, std::optional<QByteArray>("OUT:x"));
    APROC_COMPARE(done.err, std::optional<QByteArray>("ERR:x"));
    APROC_COMPARE(done.args, command(args("out-err", "x")));
}

Task<void> withoutCaptureNothingIsKept()
{
    const CompletedProcess done = co_await run(command(args("exit", "3")));
    APROC_COMPARE(done.returncode, 3); // no check: a failure is a returncode
    APROC_VERIFY(!done.out && !done.err);
}

Task<void> inputGoesToStdin()
{
    RunOptions options;
    options.input = QByteArray(200 * 1024, 'i'); // more than a pipe holds
    options.captureOutput = true;
    const CompletedProcess done = co_await run(command(args("stdin-length")), options);
    APROC_COMPARE(done.returncode, 0);
    APROC_COMPARE(done.out->trimmed(), QByteArray::number(200 * 1024));
}

Task<void> checkThrowsCalledProcessError()
{
    RunOptions options;
    options.check = true;
    options.captureOutput = true;
    const QStringList failing = QStringList() << QStringLiteral("/bin/sh") << QStringLiteral("-c")
                                              << QStringLiteral("echo out; echo err >&2; exit 4");
    bool thrown = false;
    try {
        co_await run(failing, options);
    } catch (const CalledProcessError &error) {
        thrown = true;
        APROC_COMPARE(error.returncode(), 4);
        APROC_COMPARE(error.command(), failing);
        APROC_COMPARE(error.out(), std::optional<QByteArray>("out\n"));
        APROC_COMPARE(error.err(), std::optional<QByteArray>("err\n"));
        APROC_VERIFY2(error.message().contains(QStringLiteral("exit status 4")),
                      qPrintable(error.message()));
        APROC_VERIFY2(error.message().contains(QStringLiteral("'echo out; echo err >&2; exit 4'")),
                      qPrintable(error.message()));
    }
    APROC_VERIFY(thrown);
    const CompletedProcess fine = co_await run(command(args("exit", "0")), options);
    APROC_COMPARE(fine.returncode, 0);
}

// A child that stops at SIGTERM is ended before the grace runs out.
Task<void> timeoutTerminatesTheChild()
{
    RunOptions options;
    options.timeout = 50ms;
    options.killGrace = 1h;
    QElapsedTimer clock;
    clock.start();
    APROC_VERIFY_THROWS(co_await run(command(args("sleep", "3600")), options), TimeoutError);
    APROC_VERIFY(clock.elapsed() >= 50);
    APROC_VERIFY(clock.elapsed() < 60 * 1000); // well before the grace: SIGTERM was enough
    APROC_COMPARE(children(), QStringList()); // reaped before the exception came
}

// A child that ignores SIGTERM is killed after the grace, and reaped, before TimeoutError.
Task<void> timeoutKillsAChildThatIgnoresTerm()
{
    RunOptions options;
    options.timeout = 50ms;
    options.killGrace = 100ms;
    options.captureOutput = true;
    QElapsedTimer clock;
    clock.start();
    bool thrown = false;
    try {
        co_await run(command(args("ignore-term")), options);
    } catch (const TimeoutError &error) {
        thrown = true;
        APROC_VERIFY2(error.message().contains(QStringLiteral("50 ms")),
                      qPrintable(error.message()));
    }
    APROC_VERIFY(thrown);
    APROC_VERIFY(clock.elapsed() >= 150);
    APROC_COMPARE(children(), QStringList());
    APROC_VERIFY(noZombie());
}

Task<void> badInputIsRefusedBeforeTheStart()
{
    APROC_VERIFY_THROWS(co_await run(QStringList()), ValueError);
    RunOptions negative;
    negative.timeout = -1ms;
    APROC_VERIFY_THROWS(co_await run(command(args("exit", "0")), negative), ValueError);
    APROC_COMPARE(children(), QStringList());
    APROC_VERIFY_THROWS(co_await run(QStringList(QStringLiteral("/nonexistent/program"))),
                        FileNotFoundError);
}

// The whole argv in one list, and the streams said inline: designated initializers compile
// without a warning (-Wextra, -Werror in CI) and inside a co_await on GCC 12.
Task<void> argvAndDesignatedOptions()
{
    auto process = co_await createSubprocessExec(
            command(args("out-err", "y")),
            ProcessOptions{.stdoutMode = PIPE, .stderrMode = DEVNULL});
    const Communicated result = co_await process->communicate();
    APROC_COMPARE(result.out, std::optional<QByteArray>("OUT:y"));
    APROC_VERIFY(!result.err);
    APROC_COMPARE(*process->returncode(), 0);
    APROC_VERIFY_THROWS(co_await createSubprocessExec(QStringList()), ValueError);
}

} // namespace

class tst_Run : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // test_subprocess.RunFuncTestCase.test_capture_output
    void capturesOutput() { APROC_RUN(::capturesOutput()); }
    // RunFuncTestCase.test_returncode
    void withoutCaptureNothingIsKept() { APROC_RUN(::withoutCaptureNothingIsKept()); }
    // RunFuncTestCase.test_check_output_input_arg
    void inputGoesToStdin() { APROC_RUN(::inputGoesToStdin()); }
    // RunFuncTestCase.test_check, test_check_zero
    void checkThrowsCalledProcessError() { APROC_RUN(::checkThrowsCalledProcessError()); }
    // RunFuncTestCase.test_timeout (and trio's run_process on a deadline)
    void timeoutTerminatesTheChild() { APROC_RUN(::timeoutTerminatesTheChild()); }
    void timeoutKillsAChildThatIgnoresTerm() { APROC_RUN(::timeoutKillsAChildThatIgnoresTerm()); }
    // create_subprocess_exec(*argv) with the options written inline
    void argvAndDesignatedOptions() { APROC_RUN(::argvAndDesignatedOptions()); }
    // Aproc's bad input rule: an empty command, a negative timeout, a missing program
    void badInputIsRefusedBeforeTheStart() { APROC_RUN(::badInputIsRefusedBeforeTheStart()); }
};

QTEST_GUILESS_MAIN(tst_Run)
#include "tst_run.moc"
