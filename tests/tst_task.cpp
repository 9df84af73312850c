// SPDX-License-Identifier: MIT
// Task<T> against asyncio's coroutines and Tasks (CPython 3.11): lazy start, inline `co_await`,
// createTask, results and exceptions through several levels, and cancellation in every state a
// task can be in. Orders are those python3 prints for the same asyncio program.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>

#include "support/exceptions.h"

#include <QtCore/QTimer>
#include <QtTest/QtTest>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

using namespace aproc;
using testsupport::caught;
using testsupport::ExceptionRecorder;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

/*! Awaits \a awaitable (inline: no extra loop iteration) and returns what it threw, or null. */
template<typename A> Task<std::exception_ptr> errorOf(A awaitable)
{
    try {
        co_await awaitable;
    } catch (...) {
        co_return std::current_exception();
    }
    co_return nullptr;
}

Task<int> answer()
{
    co_return 42;
}

Task<int> answerAfterYield()
{
    co_await aproc::sleep(0ms);
    co_return 42;
}

Task<void> setFlag(bool *ran)
{
    *ran = true;
    co_return;
}

Task<int> awaitFuture(Future<int> future)
{
    const int value = co_await future;
    co_return value;
}

/*! Awaits \a future and notes in \a seen how that ended, then lets the outcome through. */
Task<int> awaitFutureNoting(Future<int> future, QStringList *seen)
{
    std::exception_ptr error;
    try {
        const int value = co_await future;
        *seen << u"value %1"_s.arg(value);
        co_return value;
    } catch (const CancelledError &cancelled) {
        *seen << u"CancelledError(%1)"_s.arg(cancelled.message());
        error = std::current_exception();
    }
    std::rethrow_exception(error);
}

QTimer *loopTimer()
{
    return EventLoop::current()->findChild<QTimer *>(u"aproc-loop-timer"_s);
}

} // namespace

class tst_Task : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lazy();
    void inlineAwaitTakesNoLoopIteration();
    void createTaskStartsOnTheNextIteration();
    void resultByCoAwait();
    void resultByRunUntilComplete();
    void exceptionPropagatesThroughLevels_data();
    void exceptionPropagatesThroughLevels();
    void voidTask();
    void moveOnlyResult();
    void twoCoroutinesAwaitOneTask();
    void started();
    void currentTask();
    void sleepZeroYieldsOnce();
    void taskWithoutHandleRunsToCompletion();
    void taskExceptionNeverRetrieved_data();
    void taskExceptionNeverRetrieved();

    // Cancellation in every state.
    void cancelScheduledTaskBeforeItStarts();
    void cancelLazyTaskNeverScheduled();
    void cancelItselfWhileRunning();
    void cancelWhileAwaitingFuture_data();
    void cancelWhileAwaitingFuture();
    void cancelWhileSleeping();
    void cancelWhileAwaitingTask();
    void cancelReachesInnermostInlineAwait();
    void cancelDoneTask_data();
    void cancelDoneTask();
    void cancelCaughtForCleanupAndRethrown();
    void cancelCaughtAndSwallowed();
    void cancelTwiceAndUncancel();
    void cancelAfterWakeUpScheduled();
};

// ---- Running ----------------------------------------------------------------------------------

static Task<void> lazyBody()
{
    bool ran = false;
    Task<void> task = setFlag(&ran);
    co_await aproc::sleep(0ms);
    co_await aproc::sleep(0ms);
    APROC_VERIFY2(!ran, "a Task ran before it was awaited or scheduled");
    APROC_VERIFY(!task.done());
    co_await task;
    APROC_VERIFY(ran);
    APROC_VERIFY(task.done());

    bool neverRan = false;
    {
        Task<void> dropped = setFlag(&neverRan);
    } // destroyed unstarted: frame freed, body not run
    co_await aproc::sleep(0ms);
    APROC_VERIFY(!neverRan);
}

void tst_Task::lazy()
{
    APROC_RUN(lazyBody());
}

static Task<int> childNoting(QStringList *order)
{
    *order << u"child"_s;
    co_return 1;
}

static Task<void> inlineAwaitTakesNoLoopIterationBody()
{
    QStringList order;
    EventLoop::current()->callSoon([&order] { order << u"callSoon"_s; });
    const int value = co_await childNoting(&order);
    order << u"after co_await"_s;
    APROC_COMPARE(value, 1);
    co_await aproc::sleep(0ms);
    // python3, `await child()`: ['child', 'after', 'soon'].
    APROC_COMPARE(order, QStringList({u"child"_s, u"after co_await"_s, u"callSoon"_s}));
}

void tst_Task::inlineAwaitTakesNoLoopIteration()
{
    APROC_RUN(inlineAwaitTakesNoLoopIterationBody());
}

static Task<void> createTaskStartsOnTheNextIterationBody()
{
    QStringList order;
    Task<int> task = createTask(childNoting(&order));
    order << u"created"_s;
    EventLoop::current()->callSoon([&order] { order << u"callSoon"_s; });
    co_await aproc::sleep(0ms);
    order << u"main"_s;
    // python3, create_task(child()): ['created', 'child', 'soon', 'main'].
    APROC_COMPARE(order, QStringList({u"created"_s, u"child"_s, u"callSoon"_s, u"main"_s}));
    APROC_VERIFY(task.done());
    APROC_COMPARE(task.result(), 1);
}

void tst_Task::createTaskStartsOnTheNextIteration()
{
    APROC_RUN(createTaskStartsOnTheNextIterationBody());
}

static Task<void> resultByCoAwaitBody()
{
    const int inlineValue = co_await answerAfterYield();
    APROC_COMPARE(inlineValue, 42);
    Task<int> task = createTask(answerAfterYield());
    const int taskValue = co_await task;
    APROC_COMPARE(taskValue, 42);
    APROC_COMPARE(task.result(), 42);
    const int again = co_await task; // a done task gives its result again
    APROC_COMPARE(again, 42);
}

void tst_Task::resultByCoAwait()
{
    APROC_RUN(resultByCoAwaitBody());
}

void tst_Task::resultByRunUntilComplete()
{
    EventLoop *loop = EventLoop::current();
    QCOMPARE(loop->runUntilComplete(answerAfterYield()), 42);
    QCOMPARE(loop->runUntilComplete(answer()), 42);
    Task<int> scheduled = createTask(answerAfterYield());
    QCOMPARE(loop->runUntilComplete(scheduled), 42);
    QVERIFY(scheduled.done());
}

static Task<int> failingLevel(int depth, bool ownTasks)
{
    if (depth == 0) {
        co_await aproc::sleep(0ms);
        throw ValueError(u"the deepest level failed"_s);
    }
    Task<int> next = failingLevel(depth - 1, ownTasks);
    if (ownTasks)
        static_cast<void>(createTask(next));
    const int value = co_await next;
    co_return value + 1;
}

void tst_Task::exceptionPropagatesThroughLevels_data()
{
    QTest::addColumn<bool>("ownTasks");
    QTest::newRow("inline co_await") << false;
    QTest::newRow("createTask at each level") << true;
}

static Task<void> exceptionPropagatesThroughLevelsBody(bool ownTasks)
{
    const std::exception_ptr error = co_await errorOf(failingLevel(3, ownTasks));
    APROC_COMPARE(caught<ValueError>(error), u"the deepest level failed"_s);
}

void tst_Task::exceptionPropagatesThroughLevels()
{
    QFETCH(bool, ownTasks);
    APROC_RUN(exceptionPropagatesThroughLevelsBody(ownTasks));

    QString message;
    try {
        EventLoop::current()->runUntilComplete(failingLevel(3, ownTasks));
    } catch (const ValueError &error) {
        message = error.message();
    }
    QCOMPARE(message, u"the deepest level failed"_s);
}

static Task<void> setFlagLater(bool *ran)
{
    co_await aproc::sleep(0ms);
    *ran = true;
}

static Task<void> voidTaskBody()
{
    bool inlineRan = false;
    co_await setFlagLater(&inlineRan);
    APROC_VERIFY(inlineRan);
    bool taskRan = false;
    Task<void> task = createTask(setFlagLater(&taskRan));
    co_await task;
    APROC_VERIFY(taskRan);
    APROC_VERIFY(task.done() && !task.cancelled() && !task.exception());
}

void tst_Task::voidTask()
{
    APROC_RUN(voidTaskBody());
    bool ran = false;
    EventLoop::current()->runUntilComplete(setFlagLater(&ran));
    QVERIFY(ran);
}

static Task<std::unique_ptr<int>> makeUnique(int value)
{
    co_await aproc::sleep(0ms);
    co_return std::make_unique<int>(value);
}

static Task<void> moveOnlyResultBody()
{
    std::unique_ptr<int> inlineValue = co_await makeUnique(1);
    APROC_VERIFY(inlineValue);
    APROC_COMPARE(*inlineValue, 1);
    std::unique_ptr<int> taskValue = co_await createTask(makeUnique(2));
    APROC_VERIFY(taskValue);
    APROC_COMPARE(*taskValue, 2);
}

void tst_Task::moveOnlyResult()
{
    APROC_RUN(moveOnlyResultBody());
    std::unique_ptr<int> value = EventLoop::current()->runUntilComplete(makeUnique(3));
    QVERIFY(value);
    QCOMPARE(*value, 3);
}

static Task<int> awaitTask(Task<int> task)
{
    const int value = co_await task;
    co_return value;
}

static Task<void> twoCoroutinesAwaitOneTaskBody()
{
    Task<int> shared = createTask(answerAfterYield());
    Task<int> first = createTask(awaitTask(shared));
    Task<int> second = createTask(awaitTask(shared));
    co_await aproc::sleep(0ms); // all three started; both wait on `shared`
    APROC_VERIFY(!shared.done());
    const int firstValue = co_await first;
    const int secondValue = co_await second;
    APROC_COMPARE(firstValue, 42);
    APROC_COMPARE(secondValue, 42);
}

void tst_Task::twoCoroutinesAwaitOneTask()
{
    APROC_RUN(twoCoroutinesAwaitOneTaskBody());
}

static Task<void> startedBody()
{
    bool ran = false;
    Task<void> lazyTask = setFlag(&ran);
    APROC_VERIFY(!lazyTask.started());
    co_await lazyTask;
    APROC_VERIFY(lazyTask.started());

    bool scheduledRan = false;
    Task<void> scheduled = setFlag(&scheduledRan);
    static_cast<void>(createTask(scheduled));
    // Scheduled counts as started (it belongs to the loop now), though its body has not run.
    APROC_VERIFY(scheduled.started());
    APROC_VERIFY(!scheduledRan);
    std::exception_ptr error;
    try {
        static_cast<void>(createTask(scheduled));
    } catch (...) {
        error = std::current_exception();
    }
    APROC_VERIFY2(!caught<InvalidStateError>(error).startsWith(u'<'), "createTask() twice");
    co_await scheduled;
    APROC_VERIFY(scheduledRan);
}

void tst_Task::started()
{
    APROC_RUN(startedBody());
}

static Task<void> recordCurrentTask(detail::TaskCore **seen)
{
    *seen = aproc::currentTask();
    co_return;
}

static Task<void> recordCurrentTasks(detail::TaskCore **outer, detail::TaskCore **inlineChild,
                                     detail::TaskCore **afterSuspend)
{
    *outer = aproc::currentTask();
    co_await recordCurrentTask(inlineChild);
    co_await aproc::sleep(0ms);
    *afterSuspend = aproc::currentTask();
}

static Task<void> currentTaskBody()
{
    detail::TaskCore *outer = nullptr;
    detail::TaskCore *inlineChild = nullptr;
    detail::TaskCore *afterSuspend = nullptr;
    Task<void> task = createTask(recordCurrentTasks(&outer, &inlineChild, &afterSuspend));
    co_await task;
    APROC_VERIFY(outer);
    APROC_VERIFY(static_cast<detail::FutureCore *>(outer) == task.core());
    APROC_VERIFY(inlineChild == outer); // an inline child runs inside its awaiting task
    APROC_VERIFY(afterSuspend == outer);

    detail::TaskCore *inCallback = outer;
    EventLoop::current()->callSoon([&inCallback] { inCallback = aproc::currentTask(); });
    co_await aproc::sleep(0ms);
    APROC_VERIFY2(!inCallback, "currentTask() is set in a plain callback");
}

void tst_Task::currentTask()
{
    QVERIFY(!aproc::currentTask());
    APROC_RUN(currentTaskBody());
    QVERIFY(!aproc::currentTask());
}

static Task<void> sleepZeroYieldsOnceBody()
{
    EventLoop *loop = EventLoop::current();
    QStringList order;
    loop->callSoon([&order, loop] {
        order << u"a"_s;
        loop->callSoon([&order] { order << u"queued by a"_s; });
    });
    loop->callSoon([&order] { order << u"b"_s; });
    co_await aproc::sleep(0ms);
    order << u"task"_s;
    co_await aproc::sleep(0ms);
    // python3, asyncio.sleep(0): ['a', 'b', 'task', 'a2'].
    APROC_COMPARE(order, QStringList({u"a"_s, u"b"_s, u"task"_s, u"queued by a"_s}));
}

void tst_Task::sleepZeroYieldsOnce()
{
    APROC_RUN(sleepZeroYieldsOnceBody());
}

static Task<void> detached(Future<void> finished, std::shared_ptr<int> token)
{
    co_await aproc::sleep(0ms);
    co_await aproc::sleep(0ms);
    ++*token;
    finished.setResult();
}

static Task<void> taskWithoutHandleRunsToCompletionBody()
{
    Future<void> finished;
    auto token = std::make_shared<int>(0);
    static_cast<void>(createTask(detached(finished, token))); // nobody keeps the handle
    APROC_COMPARE(token.use_count(), 2L);
    co_await finished;
    APROC_COMPARE(*token, 1);
    APROC_COMPARE(token.use_count(), 1L); // and its frame went once it was done
}

void tst_Task::taskWithoutHandleRunsToCompletion()
{
    APROC_RUN(taskWithoutHandleRunsToCompletionBody());
}

static Task<int> failAfterYield()
{
    co_await aproc::sleep(0ms);
    throw ValueError(u"nobody looked"_s);
}

void tst_Task::taskExceptionNeverRetrieved_data()
{
    QTest::addColumn<bool>("awaited");
    QTest::newRow("dropped") << false;
    QTest::newRow("awaited") << true;
}

static Task<void> taskExceptionNeverRetrievedBody(bool awaited, ExceptionRecorder *recorder)
{
    std::optional<Task<int>> failing = createTask(failAfterYield());
    if (awaited) {
        const std::exception_ptr error = co_await errorOf(*failing);
        APROC_COMPARE(caught<ValueError>(error), u"nobody looked"_s);
    } else {
        co_await aproc::sleep(0ms);
    }
    failing.reset();
    co_await aproc::sleep(0ms);
    APROC_COMPARE(int(recorder->contexts.size()), awaited ? 0 : 1);
}

void tst_Task::taskExceptionNeverRetrieved()
{
    QFETCH(bool, awaited);
    ExceptionRecorder recorder;
    APROC_RUN(taskExceptionNeverRetrievedBody(awaited, &recorder));
    if (!awaited) {
        QCOMPARE(recorder.contexts.front().message, u"Task exception was never retrieved"_s);
        QCOMPARE(caught<ValueError>(recorder.contexts.front().exception), u"nobody looked"_s);
    }
}

// ---- Cancellation -----------------------------------------------------------------------------

static Task<void> cancelScheduledTaskBeforeItStartsBody()
{
    bool ran = false;
    Task<void> task = createTask(setFlag(&ran));
    APROC_VERIFY(task.cancel(u"early"_s));
    // python3: done() is still False until the task's first step runs.
    APROC_VERIFY(!task.done());
    APROC_COMPARE(task.cancelling(), 1);
    const std::exception_ptr error = co_await errorOf(task);
    APROC_COMPARE(caught<CancelledError>(error), u"early"_s);
    APROC_VERIFY2(!ran, "the body of a task cancelled before it started ran");
    APROC_VERIFY(task.cancelled());
}

void tst_Task::cancelScheduledTaskBeforeItStarts()
{
    APROC_RUN(cancelScheduledTaskBeforeItStartsBody());
}

static Task<void> cancelLazyTaskNeverScheduledBody()
{
    bool ran = false;
    Task<void> task = setFlag(&ran);
    APROC_VERIFY(task.cancel(u"unstarted"_s));
    APROC_VERIFY(task.done());
    APROC_VERIFY(task.cancelled());
    APROC_VERIFY(!task.cancel());
    const std::exception_ptr error = co_await errorOf(task);
    APROC_COMPARE(caught<CancelledError>(error), u"unstarted"_s);
    static_cast<void>(createTask(task)); // scheduling it now does not run it either
    co_await aproc::sleep(0ms);
    APROC_VERIFY(!ran);
}

void tst_Task::cancelLazyTaskNeverScheduled()
{
    APROC_RUN(cancelLazyTaskNeverScheduledBody());
}

static Task<void> cancelsItself(std::optional<Task<void>> *self, QStringList *seen)
{
    APROC_VERIFY(self->value().cancel(u"by itself"_s));
    *seen << u"after cancel()"_s;
    Future<int> ready;
    ready.setResult(5);
    const int value = co_await ready; // no suspension: no cancellation point (python3)
    *seen << QString::number(value);
    std::exception_ptr error;
    try {
        co_await aproc::sleep(0ms);
        *seen << u"not cancelled"_s;
    } catch (const CancelledError &cancelled) {
        *seen << u"CancelledError(%1)"_s.arg(cancelled.message());
        error = std::current_exception();
    }
    if (error)
        std::rethrow_exception(error);
}

static Task<void> cancelItselfWhileRunningBody()
{
    QStringList seen;
    std::optional<Task<void>> task;
    task.emplace(cancelsItself(&task, &seen));
    static_cast<void>(createTask(*task));
    const std::exception_ptr error = co_await errorOf(*task);
    APROC_COMPARE(seen, QStringList({u"after cancel()"_s, u"5"_s, u"CancelledError(by itself)"_s}));
    APROC_VERIFY(!caught<CancelledError>(error).startsWith(u'<'));
    APROC_VERIFY(task->cancelled());
    task.reset(); // the frame holds a pointer to this optional, not a handle: no cycle
}

void tst_Task::cancelItselfWhileRunning()
{
    APROC_RUN(cancelItselfWhileRunningBody());
}

void tst_Task::cancelWhileAwaitingFuture_data()
{
    QTest::addColumn<QString>("message");
    QTest::newRow("no message") << QString();
    QTest::newRow("with a message") << u"stop"_s;
}

static Task<void> cancelWhileAwaitingFutureBody(QString message)
{
    Future<int> future;
    QStringList seen;
    Task<int> task = createTask(awaitFutureNoting(future, &seen));
    co_await aproc::sleep(0ms);
    APROC_VERIFY(!future.done());
    APROC_VERIFY(task.cancel(message));
    APROC_VERIFY2(future.cancelled(), "cancel() did not cancel the future the task waits on");
    const std::exception_ptr error = co_await errorOf(task);
    APROC_COMPARE(seen, QStringList({u"CancelledError(%1)"_s.arg(message)}));
    APROC_COMPARE(caught<CancelledError>(error), message);
    APROC_VERIFY(task.cancelled());
}

void tst_Task::cancelWhileAwaitingFuture()
{
    QFETCH(QString, message);
    APROC_RUN(cancelWhileAwaitingFutureBody(message));
}

static Task<void> sleepForAnHour(bool *woke)
{
    co_await aproc::sleep(1h);
    *woke = true;
}

static Task<void> cancelWhileSleepingBody()
{
    bool woke = false;
    Task<void> sleeper = createTask(sleepForAnHour(&woke));
    co_await aproc::sleep(0ms);
    APROC_VERIFY(!sleeper.done());
    APROC_VERIFY(sleeper.cancel());
    co_await aproc::sleep(0ms);
    // python3: one iteration later the task is done and cancelled.
    APROC_VERIFY2(sleeper.done(), "the cancelled sleep did not end at the next iteration");
    APROC_VERIFY(sleeper.cancelled());
    APROC_VERIFY(!woke);
    const std::exception_ptr error = co_await errorOf(sleeper);
    APROC_VERIFY(!caught<CancelledError>(error).startsWith(u'<'));
}

void tst_Task::cancelWhileSleeping()
{
    QTimer *timer = loopTimer();
    QVERIFY(timer);
    QVERIFY(!timer->isActive()); // nothing scheduled before
    APROC_RUN(cancelWhileSleepingBody());
    QVERIFY2(!timer->isActive(), "the hour-long timer of the cancelled sleep is still pending");
}

static Task<void> awaitOtherTask(Task<int> inner)
{
    const int value = co_await inner;
    static_cast<void>(value);
}

static Task<void> cancelWhileAwaitingTaskBody()
{
    Future<int> future;
    Task<int> inner = createTask(awaitFuture(future));
    Task<void> outer = createTask(awaitOtherTask(inner));
    co_await aproc::sleep(0ms);
    APROC_VERIFY(outer.cancel(u"x"_s));
    APROC_COMPARE(inner.cancelling(), 1); // python3: inner.cancelling() == 1 at once
    APROC_VERIFY(future.cancelled());
    const std::exception_ptr error = co_await errorOf(outer);
    APROC_COMPARE(caught<CancelledError>(error), u"x"_s);
    APROC_VERIFY(inner.cancelled());
    APROC_VERIFY(outer.cancelled());
}

void tst_Task::cancelWhileAwaitingTask()
{
    APROC_RUN(cancelWhileAwaitingTaskBody());
}

static Task<int> middleLevel(Future<int> future)
{
    const int value = co_await awaitFuture(future); // inline
    co_return value;
}

static Task<void> cancelReachesInnermostInlineAwaitBody()
{
    Future<int> future;
    Task<int> task = createTask(middleLevel(future));
    co_await aproc::sleep(0ms);
    APROC_VERIFY(task.cancel(u"deep"_s));
    APROC_VERIFY2(future.cancelled(), "the innermost future was not cancelled");
    const std::exception_ptr error = co_await errorOf(task);
    APROC_COMPARE(caught<CancelledError>(error), u"deep"_s);
    APROC_VERIFY(task.cancelled());
}

void tst_Task::cancelReachesInnermostInlineAwait()
{
    APROC_RUN(cancelReachesInnermostInlineAwaitBody());
}

static Task<int> failNow()
{
    throw ValueError(u"failed"_s);
    co_return 0;
}

void tst_Task::cancelDoneTask_data()
{
    QTest::addColumn<bool>("failing");
    QTest::newRow("finished with a value") << false;
    QTest::newRow("finished with an exception") << true;
}

static Task<void> cancelDoneTaskBody(bool failing)
{
    Task<int> task = createTask(failing ? failNow() : answer());
    const std::exception_ptr error = co_await errorOf(task);
    APROC_VERIFY(task.done());
    APROC_VERIFY(!task.cancel());
    APROC_VERIFY(!task.cancelled());
    APROC_COMPARE(task.cancelling(), 0);
    if (failing) {
        APROC_COMPARE(caught<ValueError>(error), u"failed"_s);
        APROC_COMPARE(caught<ValueError>(task.exception()), u"failed"_s);
    } else {
        APROC_COMPARE(task.result(), 42);
    }
}

void tst_Task::cancelDoneTask()
{
    QFETCH(bool, failing);
    APROC_RUN(cancelDoneTaskBody(failing));
}

/*! Sleeps; on CancelledError awaits again to clean up (outside the handler, as C++ requires),
 *  then rethrows, or returns 7 when \a swallow. */
static Task<int> catchCancellation(bool swallow, QStringList *seen)
{
    std::exception_ptr cancelled;
    try {
        co_await aproc::sleep(1h);
    } catch (const CancelledError &) {
        cancelled = std::current_exception();
        *seen << u"caught"_s;
    }
    if (!cancelled)
        co_return -1;
    co_await aproc::sleep(0ms);
    *seen << u"cleaned up"_s;
    if (swallow)
        co_return 7;
    std::rethrow_exception(cancelled);
}

static Task<void> cancelCaughtBody(bool swallow)
{
    QStringList seen;
    Task<int> task = createTask(catchCancellation(swallow, &seen));
    co_await aproc::sleep(0ms);
    APROC_VERIFY(task.cancel());
    const std::exception_ptr error = co_await errorOf(task);
    APROC_COMPARE(seen, QStringList({u"caught"_s, u"cleaned up"_s}));
    // python3: cancelling() stays 1 either way; the outcome is the coroutine's.
    APROC_COMPARE(task.cancelling(), 1);
    if (swallow) {
        APROC_VERIFY2(!error, qPrintable(caught<CancelledError>(error)));
        APROC_VERIFY(!task.cancelled());
        APROC_COMPARE(task.result(), 7);
    } else {
        APROC_VERIFY(!caught<CancelledError>(error).startsWith(u'<'));
        APROC_VERIFY(task.cancelled());
    }
}

void tst_Task::cancelCaughtForCleanupAndRethrown()
{
    APROC_RUN(cancelCaughtBody(false));
}

void tst_Task::cancelCaughtAndSwallowed()
{
    APROC_RUN(cancelCaughtBody(true));
}

static Task<void> cancelTwiceAndUncancelBody()
{
    Future<int> future;
    QStringList seen;
    Task<int> task = createTask(awaitFutureNoting(future, &seen));
    co_await aproc::sleep(0ms);
    APROC_VERIFY(task.cancel(u"one"_s));
    APROC_VERIFY(task.cancel(u"two"_s)); // python3: True again, still pending
    APROC_COMPARE(task.cancelling(), 2);
    APROC_COMPARE(task.uncancel(), 1);
    APROC_COMPARE(task.cancelling(), 1);
    APROC_COMPARE(task.uncancel(), 0);
    APROC_COMPARE(task.uncancel(), 0); // never below zero
    APROC_VERIFY(future.cancelled());
    const std::exception_ptr error = co_await errorOf(task);
    // python3: the first message, that of the cancelled future; the second request is spent.
    APROC_COMPARE(seen, QStringList({u"CancelledError(one)"_s}));
    APROC_COMPARE(caught<CancelledError>(error), u"one"_s);
    APROC_VERIFY(task.cancelled());
    APROC_VERIFY(!task.cancel());
}

void tst_Task::cancelTwiceAndUncancel()
{
    APROC_RUN(cancelTwiceAndUncancelBody());
}

static Task<void> cancelAfterWakeUpScheduledBody()
{
    Future<int> future;
    QStringList seen;
    Task<int> task = createTask(awaitFutureNoting(future, &seen));
    co_await aproc::sleep(0ms);
    bool cancelAccepted = false;
    EventLoop::current()->callSoon([future, task, &cancelAccepted]() mutable {
        future.setResult(3); // schedules the task's wake-up
        cancelAccepted = task.cancel(u"late"_s);
    });
    const std::exception_ptr error = co_await errorOf(task);
    APROC_VERIFY(cancelAccepted);
    // python3 (must_cancel): the task sees CancelledError although its future has a result.
    APROC_COMPARE(seen, QStringList({u"CancelledError(late)"_s}));
    APROC_COMPARE(caught<CancelledError>(error), u"late"_s);
    APROC_VERIFY(task.cancelled());
    APROC_VERIFY(!future.cancelled());
    APROC_COMPARE(future.result(), 3);
}

void tst_Task::cancelAfterWakeUpScheduled()
{
    APROC_RUN(cancelAfterWakeUpScheduledBody());
}

QTEST_GUILESS_MAIN(tst_Task)
#include "tst_task.moc"
