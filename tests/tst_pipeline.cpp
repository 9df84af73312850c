// SPDX-License-Identifier: MIT
// createPipeline() and Pipeline: `a | b | c` with real children, the pipes between the stages
// passing no byte through the parent; every returncode, pipefail, EOF and SIGPIPE as in a
// shell; bad input refused before anything is spawned; nothing left behind.
#include <aproc/errors.h>
#include <aproc/pipeline.h>
#include <aproc/sleep.h>
#include <aproc/streamreader.h>
#include <aproc/testing.h>

#include "support/children.h"
#include "support/fds.h"

#include <QtCore/QFile>
#include <QtTest/QtTest>

#include <csignal>
#include <unistd.h>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

QStringList shell(const char *command)
{
    return args("/bin/sh", "-c", command);
}

QStringList helperStage(const QStringList &arguments)
{
    return QStringList(helper()) + arguments;
}

ProcessOptions pipedOutput()
{
    ProcessOptions options;
    options.stdoutMode = PIPE;
    return options;
}

PipelineStatus status(QList<int> returncodes)
{
    return PipelineStatus{returncodes};
}

// What the symlink /proc/PID/fd/FD names, e.g. "pipe:[1234]".
QString fdTarget(qint64 pid, int fd)
{
    const QByteArray path = QStringLiteral("/proc/%1/fd/%2").arg(pid).arg(fd).toLatin1();
    char target[256] = {};
    const ssize_t length = ::readlink(path.constData(), target, sizeof target - 1);
    return length < 0 ? QString() : QString::fromLatin1(target, length);
}

Task<void> twoStagesSort()
{
    QList<QStringList> stages;
    stages << helperStage(args("echo", "pear", "apple", "fig")) << args("sort");
    auto pipeline = co_await createPipeline(stages, pipedOutput());
    APROC_COMPARE(pipeline->size(), 2);
    const PipelineOutput output = co_await pipeline->communicate();
    APROC_COMPARE(output.out, std::optional<QByteArray>("apple\nfig\npear\n"));
    APROC_COMPARE(output.status, status({0, 0}));
}

// The stages share one pipe, and the parent holds no end of it.
Task<void> stagesShareAPipeTheParentDoesNotHold()
{
    QList<QStringList> stages;
    stages << helperStage(args("sleep", "3600")) << helperStage(args("cat"));
    const int fds = openFdCount();
    auto pipeline = co_await createPipeline(stages, pipedOutput());
    const QString written = fdTarget(pipeline->stage(0)->pid(), 1);
    APROC_VERIFY2(written.contains(QStringLiteral("pipe:")), qPrintable(written));
    APROC_COMPARE(fdTarget(pipeline->stage(1)->pid(), 0), written);
    APROC_VERIFY(!pipeline->stage(0)->standardOutput());
    APROC_VERIFY(!pipeline->stage(1)->standardInput());
    // Ours: two pidfds (or SIGCHLD's shares) and the last stage's stdout, no end between them.
    APROC_VERIFY2(openFdCount() - fds <= 3, qPrintable(QString::number(openFdCount() - fds)));
    const QByteArray line = co_await pipeline->standardOutput()->readline();
    APROC_COMPARE(line, QByteArray("sleeping\n")); // through cat
    const PipelineStatus stopped = co_await pipeline->stop(1h);
    APROC_COMPARE(stopped.returncodes.first(), -SIGTERM);
}

Task<void> threeStagesCarryMoreThanAPipeHolds()
{
    QList<QStringList> stages;
    stages << helperStage(args("cat")) << helperStage(args("cat"))
           << helperStage(args("stdin-length"));
    ProcessOptions options = pipedOutput();
    options.stdinMode = PIPE;
    auto pipeline = co_await createPipeline(stages, options);
    const PipelineOutput output = co_await pipeline->communicate(QByteArray(1 << 20, 'p'));
    APROC_COMPARE(output.out, std::optional<QByteArray>(QByteArray::number(1 << 20)));
    APROC_COMPARE(output.status, status({0, 0, 0}));
}

Task<void> everyReturncodeAndPipefail()
{
    QList<QStringList> stages;
    stages << shell("exit 2") << shell("cat > /dev/null; exit 5") << shell("cat");
    auto pipeline = co_await createPipeline(stages);
    const PipelineStatus done = co_await pipeline->wait();
    APROC_COMPARE(done, status({2, 5, 0}));
    APROC_COMPARE(done.returncode(), 0);
    APROC_COMPARE(done.pipefail(), 5); // the last one that failed, as bash's pipefail
    APROC_COMPARE(status({0, 0}).pipefail(), 0);
}

// `yes | head -n 1`: the reader ends, the writer dies of SIGPIPE (it would block for ever if
// the parent kept an end of the pipe open).
Task<void> earlyReaderEndsTheWriterWithSigpipe()
{
    QList<QStringList> stages;
    stages << args("yes") << args("head", "-n", "1");
    auto pipeline = co_await createPipeline(stages, pipedOutput());
    const PipelineOutput output = co_await pipeline->communicate();
    APROC_COMPARE(output.out, std::optional<QByteArray>("y\n"));
    APROC_COMPARE(output.status, status({-SIGPIPE, 0}));
    APROC_COMPARE(output.status.pipefail(), -SIGPIPE);
}

Task<void> stderrIsEachStagesOwn()
{
    QList<QStringList> stages;
    stages << shell("echo one >&2; echo data") << shell("cat; echo two >&2");
    ProcessOptions options = pipedOutput();
    options.stderrMode = PIPE;
    auto pipeline = co_await createPipeline(stages, options);
    const PipelineOutput output = co_await pipeline->communicate();
    APROC_COMPARE(output.out, std::optional<QByteArray>("data\n"));
    APROC_COMPARE(output.err.size(), 2);
    APROC_COMPARE(output.err[0], std::optional<QByteArray>("one\n"));
    APROC_COMPARE(output.err[1], std::optional<QByteArray>("two\n"));
}

// stderr = STDOUT joins each stage's stderr to its stdout: the shell's `|&`.
Task<void> stderrToStdoutFeedsTheNextStage()
{
    QList<QStringList> stages;
    stages << shell("echo oops >&2") << helperStage(args("stdin-length"));
    ProcessOptions options = pipedOutput();
    options.stderrMode = STDOUT;
    auto pipeline = co_await createPipeline(stages, options);
    const PipelineOutput output = co_await pipeline->communicate();
    APROC_COMPARE(output.out, std::optional<QByteArray>("5"));
}

template<typename E> Task<void> refused(QList<QStringList> stages, ProcessOptions options)
{
    APROC_VERIFY_THROWS(co_await createPipeline(stages, options), E);
}

Task<void> badInputIsRefusedBeforeTheSpawn()
{
    const QStringList before = children();
    co_await refused<ValueError>(QList<QStringList>(), {});
    QList<QStringList> emptyStage;
    emptyStage << args("true") << QStringList() << args("true");
    QString message;
    try {
        co_await createPipeline(emptyStage);
    } catch (const ValueError &error) {
        message = error.message();
    }
    APROC_VERIFY2(message.contains(QStringLiteral("stage 1")), qPrintable(message));
    ProcessOptions pty;
    pty.stdoutMode = Stdio::pty();
    QList<QStringList> two;
    two << args("true") << args("true");
    co_await refused<ValueError>(two, pty);
    APROC_COMPARE(children(), before);
}

// A stage that cannot start: the ones running are killed and reaped before the error comes.
Task<void> aStageThatCannotStartLeavesNothing()
{
    const QStringList before = children();
    const int fds = openFdCount();
    QList<QStringList> stages;
    stages << helperStage(args("sleep", "3600")) << args("/nonexistent/program") << args("cat");
    QString message;
    try {
        co_await createPipeline(stages);
    } catch (const FileNotFoundError &error) {
        message = error.message();
    }
    APROC_VERIFY2(message.contains(QStringLiteral("/nonexistent/program")), qPrintable(message));
    APROC_COMPARE(children(), before);
    APROC_COMPARE(openFdCount(), fds);
}

// Cancelling the wait of a pipeline whose stages stop on cancel stops every stage.
Task<void> cancelledWaitStopsEveryStage()
{
    QList<QStringList> stages;
    stages << helperStage(args("sleep", "3600")) << helperStage(args("cat"));
    ProcessOptions options = pipedOutput();
    options.stopOnCancel = StopOnCancel{.grace = 1h};
    auto pipeline = co_await createPipeline(stages, options);
    co_await pipeline->standardOutput()->readline();
    auto waiting = createTask(pipeline->wait());
    co_await sleep(0ms);
    waiting.cancel();
    APROC_VERIFY_THROWS(co_await waiting, CancelledError);
    APROC_COMPARE(pipeline->stage(0)->returncode(), std::optional<int>(-SIGTERM));
    APROC_COMPARE(pipeline->stage(1)->returncode(), std::optional<int>(-SIGTERM));
}

} // namespace

class tst_Pipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoStagesSort() { APROC_RUN(::twoStagesSort()); }
    void stagesShareAPipeTheParentDoesNotHold()
    {
        APROC_RUN(::stagesShareAPipeTheParentDoesNotHold());
    }
    void threeStagesCarryMoreThanAPipeHolds() { APROC_RUN(::threeStagesCarryMoreThanAPipeHolds()); }
    void everyReturncodeAndPipefail() { APROC_RUN(::everyReturncodeAndPipefail()); }
    void earlyReaderEndsTheWriterWithSigpipe()
    {
        APROC_RUN(::earlyReaderEndsTheWriterWithSigpipe());
    }
    void stderrIsEachStagesOwn() { APROC_RUN(::stderrIsEachStagesOwn()); }
    void stderrToStdoutFeedsTheNextStage() { APROC_RUN(::stderrToStdoutFeedsTheNextStage()); }
    void badInputIsRefusedBeforeTheSpawn() { APROC_RUN(::badInputIsRefusedBeforeTheSpawn()); }
    void aStageThatCannotStartLeavesNothing() { APROC_RUN(::aStageThatCannotStartLeavesNothing()); }
    void cancelledWaitStopsEveryStage() { APROC_RUN(::cancelledWaitStopsEveryStage()); }
};

QTEST_GUILESS_MAIN(tst_Pipeline)
#include "tst_pipeline.moc"
