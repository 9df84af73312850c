// SPDX-License-Identifier: MIT
// ProcessOptions::stopOnCancel: cancelling the task that awaits wait() or communicate() (by
// cancel(), a TaskGroup, a timeout scope) stops the child and reaps it before CancelledError
// propagates: SIGTERM, the grace, SIGKILL, to the child or its group. Without the policy a
// cancelled wait leaves the child alone (CONFORMANCE D3, asyncio). Python has no counterpart;
// trio.run_process's deliver_cancel (SIGTERM, wait, SIGKILL) is the model.
#include <aproc/errors.h>
#include <aproc/exceptiongroup.h>
#include <aproc/process.h>
#include <aproc/run.h>
#include <aproc/sleep.h>
#include <aproc/streamreader.h>
#include <aproc/taskgroup.h>
#include <aproc/testing.h>
#include <aproc/timeout.h>
#include <aproc/waitfor.h>

#include "support/children.h"
#include "support/yield.h"

#include <QtTest/QtTest>

#include <csignal>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

ProcessOptions stoppedOnCancel(std::chrono::milliseconds grace, bool wholeGroup = false)
{
    ProcessOptions options;
    options.stdoutMode = PIPE;
    options.stopOnCancel = StopOnCancel{.grace = grace, .wholeGroup = wholeGroup};
    return options;
}

// Starts the helper in \a mode (sleep or ignore-term) and reads its first line, so that it runs.
Task<std::unique_ptr<Process>> startRunning(QStringList arguments, ProcessOptions options)
{
    auto process = co_await createSubprocessExec(helper(), arguments, std::move(options));
    const QByteArray ready = co_await process->standardOutput()->readline();
    if (ready.isEmpty())
        throw RuntimeError(QStringLiteral("the helper did not start"));
    co_return process;
}

// Cancels \a task after it has started waiting and checks that CancelledError comes out.
Task<void> cancelAndExpectCancelled(Task<int> task)
{
    co_await yieldTimes(2);
    task.cancel();
    APROC_VERIFY_THROWS(co_await task, CancelledError);
}

Task<void> cancelledWaitTerminatesAndReaps()
{
    auto process = co_await startRunning(args("sleep", "3600"), stoppedOnCancel(1h));
    co_await cancelAndExpectCancelled(createTask(process->wait()));
    // Already reaped when CancelledError came: SIGTERM was enough, the grace never ran out.
    APROC_COMPARE(process->returncode(), std::optional<int>(-SIGTERM));
    APROC_VERIFY(noZombie());
}

Task<void> childIgnoringTermIsKilledAfterTheGrace()
{
    auto process = co_await startRunning(args("ignore-term"), stoppedOnCancel(50ms));
    co_await cancelAndExpectCancelled(createTask(process->wait()));
    APROC_COMPARE(process->returncode(), std::optional<int>(-SIGKILL));
}

// CONFORMANCE D3 stays the default: the cancelled wait leaves the child running.
Task<void> withoutThePolicyTheChildRuns()
{
    ProcessOptions options;
    options.stdoutMode = PIPE;
    auto process = co_await startRunning(args("sleep", "3600"), options);
    co_await cancelAndExpectCancelled(createTask(process->wait()));
    co_await yieldTimes(5);
    APROC_COMPARE(process->returncode(), std::nullopt);
    process->kill();
    APROC_COMPARE(co_await process->wait(), -SIGKILL);
}

Task<void> failAfter(int yields)
{
    co_await yieldTimes(yields);
    throw ValueError(QStringLiteral("sibling failed"));
}

// A sibling's failure cancels the task awaiting the process: the group's error comes out only
// after the child was stopped.
Task<void> taskGroupFailureStopsTheChild()
{
    auto process = co_await startRunning(args("sleep", "3600"), stoppedOnCancel(1h));
    Process *child = process.get();
    auto body = [child](TaskGroup &group) -> Task<void> {
        group.createTask(child->wait());
        group.createTask(failAfter(3));
        co_return;
    };
    bool thrown = false;
    try {
        co_await taskGroup(body);
    } catch (const ExceptionGroup &group) {
        thrown = group.contains<ValueError>();
    }
    APROC_VERIFY(thrown);
    APROC_COMPARE(process->returncode(), std::optional<int>(-SIGTERM));
}

Task<void> timeoutScopeStopsTheChild()
{
    auto process = co_await startRunning(args("sleep", "3600"), stoppedOnCancel(1h));
    APROC_VERIFY_THROWS(co_await timeout(20ms, process->wait()), TimeoutError);
    APROC_COMPARE(process->returncode(), std::optional<int>(-SIGTERM));
}

Task<void> cancelledCommunicateStopsTheChild()
{
    auto process = co_await startRunning(args("sleep", "3600"), stoppedOnCancel(1h));
    auto communicating = createTask(process->communicate());
    co_await yieldTimes(2);
    communicating.cancel();
    APROC_VERIFY_THROWS(co_await communicating, CancelledError);
    APROC_COMPARE(process->returncode(), std::optional<int>(-SIGTERM));
}

// Cancelled again while it waits out the grace, the stop sends SIGKILL at once.
Task<void> secondCancelKillsAtOnce()
{
    auto process = co_await startRunning(args("ignore-term"), stoppedOnCancel(1h));
    auto waiting = createTask(process->wait());
    co_await yieldTimes(2);
    waiting.cancel(); // SIGTERM, ignored; the grace of an hour begins
    co_await yieldTimes(2);
    APROC_VERIFY(!waiting.done());
    waiting.cancel();
    APROC_VERIFY_THROWS(co_await waiting, CancelledError);
    // Without the SIGKILL this would wait out the hour: 10 s is a bound, not a timing.
    const int returncode = co_await waitFor(process->wait(), 10s);
    APROC_COMPARE(returncode, -SIGKILL);
}

// Polls until \a pid no longer runs: a signal takes effect when the kernel next runs it.
Task<bool> becomesNotRunning(qint64 pid)
{
    for (int i = 0; i < 500 && !notRunning(pid); ++i)
        co_await sleep(10ms);
    co_return notRunning(pid);
}

// With wholeGroup the signals reach what the child started, here a shell's background sleep.
Task<void> wholeGroupStopsTheDescendants()
{
    ProcessOptions options = stoppedOnCancel(1h, true);
    options.processGroup = 0;
    auto process
            = co_await createSubprocessShell(QStringLiteral("sleep 3600 & echo $!; wait"), options);
    const QByteArray line = co_await process->standardOutput()->readline();
    const qint64 descendant = line.trimmed().toLongLong();
    APROC_VERIFY2(descendant > 0, line.constData());
    co_await cancelAndExpectCancelled(createTask(process->wait()));
    APROC_COMPARE(process->returncode(), std::optional<int>(-SIGTERM));
    const bool stopped = co_await becomesNotRunning(descendant);
    APROC_VERIFY2(stopped, "the shell's background sleep survived the group's SIGTERM");
}

Task<void> badPoliciesAreRefusedBeforeTheSpawn()
{
    const QStringList before = children();
    APROC_VERIFY_THROWS(
            co_await createSubprocessExec(helper(), args("exit", "0"), stoppedOnCancel(1s, true)),
            ValueError); // no group of its own to signal
    APROC_VERIFY_THROWS(
            co_await createSubprocessExec(helper(), args("exit", "0"), stoppedOnCancel(-1ms)),
            ValueError);
    APROC_COMPARE(children(), before);
}

Task<void> groupPolicyMessageNamesTheOptions()
{
    QString message;
    try {
        co_await createSubprocessExec(helper(), args("exit", "0"), stoppedOnCancel(1s, true));
    } catch (const ValueError &error) {
        message = error.message();
    }
    APROC_VERIFY2(message.contains(QStringLiteral("stopOnCancel.wholeGroup"))
                          && message.contains(QStringLiteral("processGroup")),
                  qPrintable(message));
}

// run() stops its child the same way when cancelled: reaped before CancelledError comes out.
Task<void> cancelledRunReapsItsChild()
{
    const QStringList before = children();
    auto running = createTask(run(QStringList(helper()) + args("sleep", "3600")));
    const bool started = co_await yieldUntil([&before] { return children() != before; }, 100000);
    APROC_VERIFY(started);
    running.cancel();
    APROC_VERIFY_THROWS(co_await running, CancelledError);
    APROC_COMPARE(children(), before);
    APROC_VERIFY(noZombie());
}

} // namespace

class tst_StopOnCancel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cancelledWaitTerminatesAndReaps() { APROC_RUN(::cancelledWaitTerminatesAndReaps()); }
    void childIgnoringTermIsKilledAfterTheGrace()
    {
        APROC_RUN(::childIgnoringTermIsKilledAfterTheGrace());
    }
    void withoutThePolicyTheChildRuns() { APROC_RUN(::withoutThePolicyTheChildRuns()); }
    void taskGroupFailureStopsTheChild() { APROC_RUN(::taskGroupFailureStopsTheChild()); }
    void timeoutScopeStopsTheChild() { APROC_RUN(::timeoutScopeStopsTheChild()); }
    void cancelledCommunicateStopsTheChild() { APROC_RUN(::cancelledCommunicateStopsTheChild()); }
    void secondCancelKillsAtOnce() { APROC_RUN(::secondCancelKillsAtOnce()); }
    void wholeGroupStopsTheDescendants() { APROC_RUN(::wholeGroupStopsTheDescendants()); }
    void badPoliciesAreRefusedBeforeTheSpawn()
    {
        APROC_RUN(::badPoliciesAreRefusedBeforeTheSpawn());
    }
    void groupPolicyMessageNamesTheOptions() { APROC_RUN(::groupPolicyMessageNamesTheOptions()); }
    void cancelledRunReapsItsChild() { APROC_RUN(::cancelledRunReapsItsChild()); }
};

QTEST_GUILESS_MAIN(tst_StopOnCancel)
#include "tst_stoponcancel.moc"
