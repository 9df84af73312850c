// SPDX-License-Identifier: MIT
// Process and createSubprocessExec/Shell against real children: CONFORMANCE PC, CW, SH, ER and
// the decisions D1, D2, D6. The child is tests/helpers (APROC_TEST_HELPER), or /bin/sh.
#include <aproc/aproc.h>
#include <aproc/process.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>
#include <aproc/testing.h>
#include <aproc/transports.h>

#include <QtCore/QDir>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include "support/children.h"
#include "support/fds.h"

#include <csignal>
#include <sys/wait.h>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

ProcessOptions piped(bool in, bool out, bool err = false)
{
    ProcessOptions options;
    if (in)
        options.stdinMode = PIPE;
    if (out)
        options.stdoutMode = PIPE;
    if (err)
        options.stderrMode = PIPE;
    return options;
}

// How many children this process has (every thread's), from /proc.
int childCount()
{
    int count = 0;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile children(tasks.filePath(task + QStringLiteral("/children")));
        if (!children.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &pid : children.readAll().simplified().split(' '))
            count += pid.isEmpty() ? 0 : 1;
    }
    return count;
}

} // namespace

class tst_Process : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QTRY_VERIFY(noZombie()); }

    void catRoundTrip();
    void defaultsInherit();
    void pidAndReturncode();
    void environmentAndProcessedWait();
    void newSessionIsStillReaped();
    void pipeEndsAreCloseOnExec();
    void devNull();
    void stdinIsARealPipe();
    void stderrToStdout();
    void communicateCat();
    void communicateEmptyInput();
    void communicateWithoutInputClosesStdin();
    void communicateLargeData();
    void communicateToChildThatDoesNotRead();
    void communicateNothingPiped();
    void concurrentWaits();
    void killThenWait();
    void waitForTimeoutLeavesChildRunning();
    void cancelledCommunicateClosesStdin();
    void writeEofEndsCat();
    void shell_data();
    void shell();
    void shellNotFound();
    void startErrors_data();
    void startErrors();
    void communicateInputWithoutPipe();
    void badArguments_data();
    void badArguments();
    void waitResolvesAtExitDespiteGrandchild();
    void signalsAfterCreationAreNotMissed();
    void signalsNotMissedByAnAwaiterInAnotherTask();
    void transportClosesItselfAfterExit();
    void startWithSignals();
    void startFailureReportsError();
    void destroyedWhileStarting_data();
    void destroyedWhileStarting();
    void signalsOnlyModeBuffersNothing();
    void exitComesAfterOutputAlreadyWritten();
};

// PC-01
void tst_Process::catRoundTrip()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(helper(), args(QStringLiteral("cat")),
                                                     piped(true, true));
        process->standardInput()->write(QByteArrayLiteral("some data"));
        co_await process->standardInput()->drain();
        process->standardInput()->close();
        APROC_COMPARE(co_await process->standardOutput()->read(), QByteArrayLiteral("some data"));
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

// PC-02 (high level: every stream is inherited by default)
void tst_Process::defaultsInherit()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("exit"), QStringLiteral("0")));
        APROC_VERIFY(!process->standardInput());
        APROC_VERIFY(!process->standardOutput());
        APROC_VERIFY(!process->standardError());
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

// PC-03
void tst_Process::pidAndReturncode()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(helper(), args(QStringLiteral("cat")),
                                                     piped(true, false));
        APROC_VERIFY(process->pid() > 0);
        APROC_COMPARE(process->pid(), process->transport()->getPid());
        APROC_VERIFY(!process->returncode());
        process->standardInput()->close();
        APROC_COMPARE(co_await process->wait(), 0);
        APROC_COMPARE(process->returncode(), std::optional<int>(0));
    }());
}

// PC-05
void tst_Process::environmentAndProcessedWait()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options = piped(false, true);
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("FOO"), QStringLiteral("baz"));
        options.environment = environment;
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("print-env"), QStringLiteral("FOO")), options);
        const Communicated result = co_await process->communicate();
        APROC_COMPARE(result.out, std::optional<QByteArray>(QByteArrayLiteral("baz")));
        // The exit is processed: wait() completes without suspending.
        bool otherCallbackRan = false;
        EventLoop::current()->callSoon([&otherCallbackRan] { otherCallbackRan = true; });
        APROC_COMPARE(co_await process->wait(), 0);
        APROC_VERIFY(!otherCallbackRan);
        co_await sleep(0ms);
        APROC_VERIFY(otherCallbackRan);
    }());
}

// PC-07
void tst_Process::newSessionIsStillReaped()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options;
        options.startNewSession = true;
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("exit"), QStringLiteral("8")), options);
        APROC_COMPARE(co_await process->wait(), 8);
    }());
}

// PC-08
void tst_Process::pipeEndsAreCloseOnExec()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options = piped(true, true);
        options.closeFds = false;
        auto process = co_await createSubprocessExec(helper(), args(QStringLiteral("stdin-length")),
                                                     options);
        const Communicated result = co_await process->communicate(QByteArrayLiteral("abc"));
        APROC_COMPARE(result.out, std::optional<QByteArray>(QByteArrayLiteral("3")));
    }());
}

// PC-09
void tst_Process::devNull()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options = piped(false, true);
        options.stdinMode = DEVNULL;
        auto reader = co_await createSubprocessExec(helper(), args(QStringLiteral("stdin-length")),
                                                    options);
        APROC_VERIFY(!reader->standardInput());
        APROC_COMPARE((co_await reader->communicate()).out,
                      std::optional<QByteArray>(QByteArrayLiteral("0")));

        ProcessOptions quiet;
        quiet.stdoutMode = DEVNULL;
        quiet.stderrMode = DEVNULL;
        auto writer = co_await createSubprocessExec(
                helper(), args(QStringLiteral("out-err"), QStringLiteral("x")), quiet);
        APROC_VERIFY(!writer->standardOutput());
        APROC_VERIFY(!writer->standardError());
        const Communicated result = co_await writer->communicate();
        APROC_VERIFY(!result.out);
        APROC_VERIFY(!result.err);
        APROC_COMPARE(writer->returncode(), std::optional<int>(0));
    }());
}

// PC-10
void tst_Process::stdinIsARealPipe()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessShell(QStringLiteral("cat /dev/stdin"),
                                                      piped(true, true));
        const Communicated result = co_await process->communicate(QByteArrayLiteral("abc"));
        APROC_COMPARE(result.out, std::optional<QByteArray>(QByteArrayLiteral("abc")));
        APROC_COMPARE(process->returncode(), std::optional<int>(0));
    }());
}

// PC-11
void tst_Process::stderrToStdout()
{
    APROC_RUN([]() -> Task<void> {
        ProcessOptions options = piped(false, true);
        options.stderrMode = STDOUT;
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("out-err"), QStringLiteral("x")), options);
        APROC_VERIFY(!process->standardError());
        APROC_VERIFY(!process->transport()->getPipeTransport(2));
        const Communicated result = co_await process->communicate();
        APROC_COMPARE(result.out, std::optional<QByteArray>(QByteArrayLiteral("OUT:xERR:x")));
        APROC_VERIFY(!result.err);
    }());
}

// CW-01
void tst_Process::communicateCat()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(helper(), args(QStringLiteral("cat")),
                                                     piped(true, true));
        const Communicated result = co_await process->communicate(QByteArrayLiteral("some data"));
        APROC_COMPARE(result.out, std::optional<QByteArray>(QByteArrayLiteral("some data")));
        APROC_VERIFY(!result.err);
        APROC_COMPARE(process->returncode(), std::optional<int>(0));
    }());
}

// CW-02
void tst_Process::communicateEmptyInput()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(helper(), args(QStringLiteral("stdin-length")),
                                                     piped(true, true));
        APROC_COMPARE((co_await process->communicate(QByteArray())).out,
                      std::optional<QByteArray>(QByteArrayLiteral("0")));
    }());
}

// CW-03 / D2
void tst_Process::communicateWithoutInputClosesStdin()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(helper(), args(QStringLiteral("cat")),
                                                     piped(true, true));
        const Communicated result = co_await process->communicate();
        APROC_COMPARE(result.out, std::optional<QByteArray>(QByteArray()));
        APROC_COMPARE(process->returncode(), std::optional<int>(0));
    }());
}

// CW-04
void tst_Process::communicateLargeData()
{
    APROC_RUN([]() -> Task<void> {
        QByteArray input(4 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < input.size(); ++i)
            input[i] = char(i * 7 + i / 4096);
        auto process = co_await createSubprocessExec(helper(), args(QStringLiteral("cat")),
                                                     piped(true, true, true));
        const Communicated result = co_await process->communicate(input);
        APROC_VERIFY(result.out == input);
        APROC_COMPARE(result.err, std::optional<QByteArray>(QByteArray()));
    }());
}

// CW-05
void tst_Process::communicateToChildThatDoesNotRead()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("exit"), QStringLiteral("0")), piped(true, false));
        co_await process->communicate(QByteArray(4 * 1024 * 1024, 'x'));
        APROC_COMPARE(process->returncode(), std::optional<int>(0));
    }());
}

// CW-06
void tst_Process::communicateNothingPiped()
{
    APROC_RUN([]() -> Task<void> {
        auto quiet = co_await createSubprocessExec(
                helper(), args(QStringLiteral("exit"), QStringLiteral("0")));
        const Communicated nothing = co_await quiet->communicate();
        APROC_VERIFY(!nothing.out && !nothing.err);

        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("echo"), QStringLiteral("hi")), piped(false, true));
        APROC_COMPARE((co_await process->communicate()).out,
                      std::optional<QByteArray>(QByteArrayLiteral("hi\n")));
        APROC_COMPARE((co_await process->communicate()).out,
                      std::optional<QByteArray>(QByteArray()));
    }());
}

// CW-07
void tst_Process::concurrentWaits()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("exit"), QStringLiteral("3")));
        std::vector<Task<int>> waits;
        for (int i = 0; i < 10; ++i)
            waits.push_back(process->wait());
        const std::vector<int> codes = co_await gather(waits);
        APROC_COMPARE(codes, std::vector<int>(10, 3));
    }());
}

// CW-08
void tst_Process::killThenWait()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("sleep"), QStringLiteral("3600")));
        process->kill();
        APROC_VERIFY(!process->returncode()); // not processed yet
        APROC_COMPARE(co_await process->wait(), -SIGKILL);
        APROC_COMPARE(process->returncode(), std::optional<int>(-SIGKILL));
    }());
}

// CW-09
void tst_Process::waitForTimeoutLeavesChildRunning()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("sleep"), QStringLiteral("3600")));
        APROC_VERIFY_THROWS(co_await waitFor(process->wait(), 100ms), TimeoutError);
        APROC_VERIFY(!process->returncode());
        process->kill();
        APROC_COMPARE(co_await process->wait(), -SIGKILL);
    }());
}

// CW-10
void tst_Process::cancelledCommunicateClosesStdin()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("sleep"), QStringLiteral("3600")), piped(true, true));
        Task<Communicated> communicating = createTask(process->communicate());
        co_await sleep(0ms);
        co_await sleep(0ms);
        communicating.cancel();
        APROC_VERIFY_THROWS(co_await communicating, CancelledError);
        APROC_VERIFY(process->standardInput()->isClosing());
        APROC_VERIFY(!process->returncode());
        process->kill();
        APROC_COMPARE(co_await process->wait(), -SIGKILL);
    }());
}

// CW-15
void tst_Process::writeEofEndsCat()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(helper(), args(QStringLiteral("cat")),
                                                     piped(true, true));
        APROC_VERIFY(process->standardInput()->canWriteEof());
        process->standardInput()->write(QByteArrayLiteral("echo"));
        process->standardInput()->writeEof();
        APROC_COMPARE(co_await process->standardOutput()->read(), QByteArrayLiteral("echo"));
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

// SH-01, SH-02, SH-03
void tst_Process::shell_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("returncode");
    QTest::addColumn<QByteArray>("output");
    QTest::newRow("SH-01 exit 7") << QStringLiteral("exit 7") << 7 << QByteArray();
    QTest::newRow("SH-02 $0 is /bin/sh")
            << QStringLiteral("echo $0") << 0 << QByteArrayLiteral("/bin/sh\n");
    QTest::newRow("SH-02 environment")
            << QStringLiteral("echo $AP_VALUE") << 0 << QByteArrayLiteral("42\n");
    QTest::newRow("SH-03 kill -9 $$") << QStringLiteral("kill -9 $$") << -SIGKILL << QByteArray();
}

void tst_Process::shell()
{
    QFETCH(QString, command);
    QFETCH(int, returncode);
    QFETCH(QByteArray, output);
    APROC_RUN([](QString command, int returncode, QByteArray output) -> Task<void> {
        ProcessOptions options = piped(false, true);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("AP_VALUE"), QStringLiteral("42"));
        options.environment = environment;
        auto process = co_await createSubprocessShell(command, options);
        const Communicated result = co_await process->communicate();
        APROC_COMPARE(result.out, std::optional<QByteArray>(output));
        APROC_COMPARE(process->returncode(), std::optional<int>(returncode));
    }(command, returncode, output));
}

// SH-03
void tst_Process::shellNotFound()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessShell(QStringLiteral("no-such-command-aproc"),
                                                      piped(false, false, true));
        const Communicated result = co_await process->communicate();
        APROC_COMPARE(process->returncode(), std::optional<int>(127));
        APROC_VERIFY2(result.err && result.err->contains("not found"),
                      result.err ? result.err->constData() : "no stderr");
    }());
}

// ER-04
void tst_Process::startErrors_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("workingDirectory");
    QTest::addColumn<int>("errorNumber");
    QTest::newRow("ER-04 missing program")
            << QStringLiteral("/no/such/program") << QString() << ENOENT;
    QTest::newRow("ER-04 missing program in PATH")
            << QStringLiteral("no-such-program-aproc") << QString() << ENOENT;
    QTest::newRow("ER-04 not executable")
            << QStringLiteral("NOT_EXECUTABLE") << QString() << EACCES;
    QTest::newRow("ER-04 missing working directory")
            << helper() << QStringLiteral("/no/such/directory") << ENOENT;
}

void tst_Process::startErrors()
{
    QFETCH(QString, program);
    QFETCH(QString, workingDirectory);
    QFETCH(int, errorNumber);
    QTemporaryDir directory;
    if (program == QLatin1String("NOT_EXECUTABLE")) {
        program = directory.filePath(QStringLiteral("plain-file"));
        QFile file(program);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\n");
    }
    const int fdsBefore = openFdCount();
    APROC_RUN([](QString program, QString workingDirectory, int errorNumber) -> Task<void> {
        ProcessOptions options = piped(true, true, true);
        options.workingDirectory = workingDirectory;
        std::exception_ptr error;
        try {
            co_await createSubprocessExec(
                    program, args(QStringLiteral("exit"), QStringLiteral("0")), options);
        } catch (...) {
            error = std::current_exception();
        }
        APROC_VERIFY(error);
        try {
            std::rethrow_exception(error);
        } catch (const OSError &oserror) {
            APROC_COMPARE(oserror.errorNumber(), errorNumber);
            if (errorNumber == ENOENT)
                APROC_VERIFY(dynamic_cast<const FileNotFoundError *>(&oserror));
            else
                APROC_VERIFY(dynamic_cast<const PermissionError *>(&oserror));
            const QString named = workingDirectory.isEmpty() ? program : workingDirectory;
            APROC_VERIFY2(oserror.message().contains(named), qPrintable(oserror.message()));
        } catch (...) {
            APROC_FAIL("not an OSError");
        }
    }(program, workingDirectory, errorNumber));
    QCOMPARE(openFdCount(), fdsBefore);
}

// ER-07
void tst_Process::communicateInputWithoutPipe()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("exit"), QStringLiteral("0")));
        APROC_VERIFY_THROWS(co_await process->communicate(QByteArrayLiteral("x")), ValueError);
        APROC_COMPARE(co_await process->wait(), 0);
    }());
}

// ER-08
void tst_Process::badArguments_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("which"); // 0: nothing else, 1: STDOUT for stdin, 2: STDOUT for stdout,
                                    // 3: limit 0, 4: NUL in env
    QTest::newRow("ER-08 empty program") << QString() << QStringList() << 0;
    QTest::newRow("ER-08 NUL in program")
            << QStringView(u"a\0b", 3).toString() << QStringList() << 0;
    QTest::newRow("ER-08 NUL in argument")
            << helper() << QStringList{QStringLiteral("echo"), QStringView(u"x\0y", 3).toString()}
            << 0;
    QTest::newRow("ER-08 STDOUT for stdin") << helper() << QStringList() << 1;
    QTest::newRow("ER-08 STDOUT for stdout") << helper() << QStringList() << 2;
    QTest::newRow("ST-01 limit 0") << helper() << QStringList() << 3;
    QTest::newRow("ER-08 NUL in environment") << helper() << QStringList() << 4;
}

void tst_Process::badArguments()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(int, which);
    ProcessOptions options;
    if (which == 1)
        options.stdinMode = STDOUT;
    if (which == 2)
        options.stdoutMode = STDOUT;
    if (which == 3)
        options.limit = 0;
    if (which == 4) {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("BAD"), QString(QStringView(u"a\0b", 3).toString()));
        options.environment = environment;
    }
    const int fdsBefore = openFdCount();
    APROC_RUN([](QString program, QStringList arguments, ProcessOptions options) -> Task<void> {
        APROC_VERIFY_THROWS(co_await createSubprocessExec(program, arguments, options), ValueError);
    }(program, arguments, options));
    QCOMPARE(openFdCount(), fdsBefore);
}

// D1 (and finished still waits for every pipe)
void tst_Process::waitResolvesAtExitDespiteGrandchild()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("grandchild"), QStringLiteral("3600")),
                piped(false, true));
        QSignalSpy finished(process.get(), &Process::finished);
        APROC_COMPARE(co_await process->wait(), 0);
        const QByteArray line = co_await process->standardOutput()->readline();
        const pid_t grandchild = line.trimmed().toInt();
        APROC_VERIFY(grandchild > 0);
        co_await sleep(0ms);
        APROC_COMPARE(finished.count(), 0); // the grandchild still holds stdout
        ::kill(grandchild, SIGKILL);
        APROC_TRY_VERIFY(finished.count() == 1);
    }());
}

// D6
void tst_Process::signalsAfterCreationAreNotMissed()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("echo"), QStringLiteral("hello")),
                piped(false, true));
        QSignalSpy started(process.get(), &Process::started);
        QSignalSpy output(process.get(), &Process::outputReceived);
        QSignalSpy closed(process.get(), &Process::pipeClosed);
        QSignalSpy exited(process.get(), &Process::exited);
        QSignalSpy finished(process.get(), &Process::finished);
        APROC_VERIFY(started.isValid() && output.isValid() && exited.isValid()
                     && finished.isValid());
        Future<void> done;
        QObject::connect(process.get(), &Process::finished, [done]() mutable { done.setResult(); });
        co_await done;
        APROC_COMPARE(started.count(), 1);
        APROC_COMPARE(started.at(0).at(0).toLongLong(), process->pid());
        QByteArray all;
        for (const QList<QVariant> &arguments : output) {
            APROC_COMPARE(arguments.at(0).toInt(), 1);
            all += arguments.at(1).toByteArray();
        }
        APROC_COMPARE(all, QByteArrayLiteral("hello\n"));
        APROC_COMPARE(closed.count(), 1);
        APROC_COMPARE(exited.count(), 1);
        APROC_COMPARE(finished.at(0).at(0).toInt(), 0);
    }());
}

// D6, when the creation runs as a task of its own: its awaiter resumes one iteration after the
// task ended, and still connects before any signal.
void tst_Process::signalsNotMissedByAnAwaiterInAnotherTask()
{
    APROC_RUN([]() -> Task<void> {
        Task<std::unique_ptr<Process>> creating = createTask(createSubprocessExec(
                helper(), args(QStringLiteral("echo"), QStringLiteral("x")), piped(false, true)));
        std::unique_ptr<Process> process = co_await creating;
        QSignalSpy started(process.get(), &Process::started);
        QSignalSpy output(process.get(), &Process::outputReceived);
        QSignalSpy finished(process.get(), &Process::finished);
        APROC_TRY_VERIFY(finished.count() == 1);
        APROC_COMPARE(started.count(), 1);
        APROC_VERIFY(output.count() >= 1);
    }());
}

// PT-14
void tst_Process::transportClosesItselfAfterExit()
{
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("echo"), QStringLiteral("x")), piped(false, true));
        APROC_COMPARE(co_await process->standardOutput()->read(), QByteArrayLiteral("x\n"));
        APROC_COMPARE(co_await process->wait(), 0);
        APROC_TRY_VERIFY(process->transport()->isClosing());
        APROC_COMPARE(process->returncode(), std::optional<int>(0));
    }());
}

void tst_Process::startWithSignals()
{
    Process process;
    QSignalSpy started(&process, &Process::started);
    QSignalSpy output(&process, &Process::outputReceived);
    QSignalSpy finished(&process, &Process::finished);
    ProcessOptions options = piped(false, true);
    options.streams = false;
    process.start(helper(), {QStringLiteral("echo"), QStringLiteral("signals")}, options);
    QCOMPARE(started.count(), 0); // never from inside start() (D6)
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(started.count(), 1);
    QByteArray all;
    for (const QList<QVariant> &arguments : output)
        all += arguments.at(1).toByteArray();
    QCOMPARE(all, QByteArrayLiteral("signals\n"));
    QCOMPARE(finished.at(0).at(0).toInt(), 0);
}

void tst_Process::startFailureReportsError()
{
    Process process;
    QSignalSpy error(&process, &Process::errorOccurred);
    process.start(QStringLiteral("/no/such/program-aproc"));
    QCOMPARE(error.count(), 0);
    QTRY_COMPARE(error.count(), 1);
    QVERIFY2(error.at(0).at(0).toString().contains(QStringLiteral("/no/such/program-aproc")),
             qPrintable(error.at(0).at(0).toString()));
}

// D4 while start() is still creating the transport: the child it may have spawned is killed and
// reaped, and the start task touches nothing of the destroyed Process.
void tst_Process::destroyedWhileStarting_data()
{
    QTest::addColumn<int>("iterations");
    for (int iterations : {0, 1, 2, 3})
        QTest::addRow("after %d loop iterations", iterations) << iterations;
}

void tst_Process::destroyedWhileStarting()
{
    QFETCH(int, iterations);
    auto process = std::make_unique<Process>();
    QSignalSpy error(process.get(), &Process::errorOccurred);
    process->start(helper(), {QStringLiteral("sleep"), QStringLiteral("3600")},
                   piped(true, true, true));
    for (int i = 0; i < iterations; ++i)
        EventLoop::current()->runUntilComplete([]() -> Task<void> { co_await sleep(0ms); }());
    process.reset();
    QTRY_COMPARE(childCount(), 0);
    QTRY_VERIFY(noZombie());
}

void tst_Process::signalsOnlyModeBuffersNothing()
{
    Process process;
    ProcessOptions options = piped(true, true, true);
    options.streams = false;
    QSignalSpy finished(&process, &Process::finished);
    qint64 received = 0;
    connect(&process, &Process::outputReceived, this,
            [&received](int, const QByteArray &data) { received += data.size(); });
    process.start(helper(), {QStringLiteral("flood"), QString::number(8 * 1024 * 1024)}, options);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY(!process.standardOutput());
    QVERIFY(!process.standardInput());
    QCOMPARE(received, qint64(8 * 1024 * 1024));
}

// WT-02: output the child wrote before exiting is delivered before its exit is reported.
void tst_Process::exitComesAfterOutputAlreadyWritten()
{
    for (int round = 0; round < 20; ++round) {
        Process process;
        QStringList order;
        connect(&process, &Process::outputReceived, this, [&order] {
            if (order.isEmpty() || order.last() != u"output")
                order << QStringLiteral("output");
        });
        connect(&process, &Process::exited, this, [&order] { order << QStringLiteral("exited"); });
        QSignalSpy finished(&process, &Process::finished);
        ProcessOptions options = piped(false, true);
        options.streams = false;
        process.start(helper(), {QStringLiteral("echo"), QStringLiteral("last words")}, options);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(order, (QStringList{QStringLiteral("output"), QStringLiteral("exited")}));
    }
}

QTEST_GUILESS_MAIN(tst_Process)
#include "tst_process.moc"
