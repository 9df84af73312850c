// SPDX-License-Identifier: MIT
// Future<T> against asyncio.Future (CPython 3.11): states, InvalidStateError, cancel(msg), done
// callbacks scheduled with callSoon in registration order, then(), co_await with and without
// suspending, move-only values, and "Future exception was never retrieved".
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>

#include "support/exceptions.h"

#include <QtCore/QThread>
#include <QtTest/QtTest>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace aproc;
using testsupport::caught;
using testsupport::ExceptionRecorder;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

/*! Calls \a fn and returns what it threw, or null. */
template<typename F> std::exception_ptr thrownBy(F &&fn)
{
    try {
        fn();
    } catch (...) {
        return std::current_exception();
    }
    return nullptr;
}

/*! True when \a fn throws an E. */
template<typename E, typename F> bool throws(F &&fn)
{
    return !caught<E>(thrownBy(std::forward<F>(fn))).startsWith(u'<');
}

/*! Awaits \a awaitable and returns what it threw, or null. */
template<typename A> Task<std::exception_ptr> errorOf(A awaitable)
{
    try {
        co_await awaitable;
    } catch (...) {
        co_return std::current_exception();
    }
    co_return nullptr;
}

enum class Operation { SetResult, SetException, Cancel };

void apply(Future<int> &future, Operation operation)
{
    switch (operation) {
    case Operation::SetResult:
        future.setResult(1);
        break;
    case Operation::SetException:
        future.setException(ValueError(u"first"_s));
        break;
    case Operation::Cancel:
        future.cancel(u"first"_s);
        break;
    }
}

} // namespace

Q_DECLARE_METATYPE(Operation)

class tst_Future : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newFutureIsPending();
    void setResultThenResult();
    void settingADoneFutureThrows_data();
    void settingADoneFutureThrows();
    void setExceptionThenResultRethrows();
    void cancel_data();
    void cancel();
    void cancelDoneFutureReturnsFalse_data();
    void cancelDoneFutureReturnsFalse();
    void doneCallbacksAreScheduledInOrder();
    void doneCallbackAddedWhenDoneIsScheduled();
    void removeDoneCallback();
    void doneCallbackReceivesTheFuture();
    void thenCallsFnWhenDone();
    void thenNeverCallsFnAfterContextDeleted_data();
    void thenNeverCallsFnAfterContextDeleted();
    void thenValueFormReportsException();
    void thenWithAnErrorHandler();
    void awaitDoneFutureDoesNotSuspend();
    void awaitPendingFutureResumesAfterSetResult();
    void voidFuture();
    void moveOnlyTakeResult();
    void moveOnlyCoAwait();
    void copiesShareState();
    void loopIsTheCreatingLoop();
    void unretrievedExceptionIsReported_data();
    void unretrievedExceptionIsReported();
    void unretrievedExceptionWaitsForTheLastCopy();
};

void tst_Future::newFutureIsPending()
{
    Future<int> future;
    QVERIFY(!future.done());
    QVERIFY(!future.cancelled());
    QVERIFY(throws<InvalidStateError>([&] { future.result(); }));
    QVERIFY(throws<InvalidStateError>([&] { future.exception(); }));
    QVERIFY(throws<InvalidStateError>([&] { future.takeResult(); }));
    QVERIFY(!future.done()); // asking does not change the state
}

void tst_Future::setResultThenResult()
{
    Future<int> future;
    future.setResult(42);
    QVERIFY(future.done());
    QVERIFY(!future.cancelled());
    QCOMPARE(future.result(), 42);
    QCOMPARE(future.result(), 42); // result() can be asked again
    QVERIFY(!future.exception());
}

void tst_Future::settingADoneFutureThrows_data()
{
    QTest::addColumn<Operation>("first");
    QTest::addColumn<Operation>("second");
    QTest::newRow("setResult after setResult") << Operation::SetResult << Operation::SetResult;
    QTest::newRow("setException after setResult")
            << Operation::SetResult << Operation::SetException;
    QTest::newRow("setResult after setException")
            << Operation::SetException << Operation::SetResult;
    QTest::newRow("setException after setException")
            << Operation::SetException << Operation::SetException;
    QTest::newRow("setResult after cancel") << Operation::Cancel << Operation::SetResult;
    QTest::newRow("setException after cancel") << Operation::Cancel << Operation::SetException;
}

void tst_Future::settingADoneFutureThrows()
{
    QFETCH(Operation, first);
    QFETCH(Operation, second);
    ExceptionRecorder recorder; // the future may go with an unretrieved exception
    Future<int> future;
    apply(future, first);
    const std::exception_ptr error = thrownBy([&] { apply(future, second); });
    QVERIFY2(!caught<InvalidStateError>(error).startsWith(u'<'),
             qPrintable(caught<InvalidStateError>(error)));
    // The first outcome stands.
    QCOMPARE(future.cancelled(), first == Operation::Cancel);
    if (first == Operation::SetResult)
        QCOMPARE(future.result(), 1);
    else if (first == Operation::SetException)
        QCOMPARE(caught<ValueError>(future.exception()), u"first"_s);
}

void tst_Future::setExceptionThenResultRethrows()
{
    Future<int> future;
    future.setException(ValueError(u"bad input"_s));
    QVERIFY(future.done());
    QVERIFY(!future.cancelled());
    QCOMPARE(caught<ValueError>(thrownBy([&] { future.result(); })), u"bad input"_s);
    const std::exception_ptr first = future.exception();
    QCOMPARE(caught<ValueError>(first), u"bad input"_s);
    QVERIFY(first == future.exception()); // the same exception object each time

    // Any exception type, given as an exception_ptr.
    Future<int> other;
    const auto stored = std::make_exception_ptr(std::runtime_error("not an aproc error"));
    other.setException(stored);
    QVERIFY(other.exception() == stored);
    QCOMPARE(caught<std::runtime_error>(thrownBy([&] { other.result(); })),
             u"not an aproc error"_s);
}

void tst_Future::cancel_data()
{
    QTest::addColumn<QString>("message");
    QTest::newRow("no message") << QString();
    QTest::newRow("with a message") << u"stop now"_s;
}

void tst_Future::cancel()
{
    QFETCH(QString, message);
    Future<int> future;
    QVERIFY(message.isEmpty() ? future.cancel() : future.cancel(message));
    QVERIFY(future.cancelled());
    QVERIFY(future.done());
    QCOMPARE(caught<CancelledError>(thrownBy([&] { future.result(); })), message);
    // asyncio: exception() of a cancelled future raises CancelledError too.
    QCOMPARE(caught<CancelledError>(thrownBy([&] { future.exception(); })), message);
}

void tst_Future::cancelDoneFutureReturnsFalse_data()
{
    QTest::addColumn<Operation>("first");
    QTest::newRow("finished with a result") << Operation::SetResult;
    QTest::newRow("finished with an exception") << Operation::SetException;
    QTest::newRow("already cancelled") << Operation::Cancel;
}

void tst_Future::cancelDoneFutureReturnsFalse()
{
    QFETCH(Operation, first);
    ExceptionRecorder recorder;
    Future<int> future;
    apply(future, first);
    QVERIFY(!future.cancel(u"second"_s));
    QCOMPARE(future.cancelled(), first == Operation::Cancel);
    if (first == Operation::SetResult)
        QCOMPARE(future.result(), 1);
    else if (first == Operation::SetException)
        QCOMPARE(caught<ValueError>(future.exception()), u"first"_s);
    else
        QCOMPARE(caught<CancelledError>(thrownBy([&] { future.result(); })), u"first"_s);
}

static Task<void> doneCallbacksAreScheduledInOrderBody()
{
    QStringList order;
    Future<int> future;
    future.addDoneCallback([&order] { order << u"first"_s; });
    future.addDoneCallback([&order] { order << u"second"_s; });
    future.addDoneCallback([&order] { order << u"third"_s; });
    future.setResult(1);
    APROC_VERIFY2(order.isEmpty(), "setResult() called a done callback inline");
    co_await aproc::sleep(0ms); // the callbacks were scheduled before this task's wake-up
    APROC_COMPARE(order, QStringList({u"first"_s, u"second"_s, u"third"_s}));
    co_await aproc::sleep(0ms);
    APROC_COMPARE(order.size(), 3); // each ran once
}

void tst_Future::doneCallbacksAreScheduledInOrder()
{
    APROC_RUN(doneCallbacksAreScheduledInOrderBody());
}

static Task<void> doneCallbackAddedWhenDoneIsScheduledBody()
{
    QStringList order;
    Future<int> future;
    future.setResult(1);
    EventLoop::current()->callSoon([&order] { order << u"queued before"_s; });
    future.addDoneCallback([&order] { order << u"done callback"_s; });
    APROC_VERIFY2(order.isEmpty(), "a callback added to a done future ran inline");
    co_await aproc::sleep(0ms);
    APROC_COMPARE(order, QStringList({u"queued before"_s, u"done callback"_s}));
}

void tst_Future::doneCallbackAddedWhenDoneIsScheduled()
{
    APROC_RUN(doneCallbackAddedWhenDoneIsScheduledBody());
}

static Task<void> removeDoneCallbackBody()
{
    QStringList order;
    Future<int> future;
    future.addDoneCallback([&order] { order << u"a"_s; });
    const auto removed = future.addDoneCallback([&order] { order << u"removed"_s; });
    future.addDoneCallback([&order] { order << u"c"_s; });
    APROC_COMPARE(future.removeDoneCallback(removed), 1);
    APROC_COMPARE(future.removeDoneCallback(removed), 0);
    future.setResult(1);
    // asyncio: once done, the callbacks are scheduled and can no longer be removed.
    const auto late = future.addDoneCallback([&order] { order << u"late"_s; });
    APROC_COMPARE(future.removeDoneCallback(late), 0);
    co_await aproc::sleep(0ms);
    APROC_COMPARE(order, QStringList({u"a"_s, u"c"_s, u"late"_s}));
}

void tst_Future::removeDoneCallback()
{
    APROC_RUN(removeDoneCallbackBody());
}

static Task<void> doneCallbackReceivesTheFutureBody()
{
    Future<int> future;
    std::vector<Future<int>> received;
    int plainCalls = 0;
    future.addDoneCallback([&received](Future<int> done) { received.push_back(done); });
    future.addDoneCallback([&plainCalls] { ++plainCalls; });
    future.setResult(42);
    co_await aproc::sleep(0ms);
    APROC_COMPARE(received.size(), std::size_t(1));
    APROC_VERIFY(received.front().core() == future.core());
    APROC_VERIFY(received.front().done());
    APROC_COMPARE(received.front().result(), 42);
    APROC_COMPARE(plainCalls, 1);
}

void tst_Future::doneCallbackReceivesTheFuture()
{
    APROC_RUN(doneCallbackReceivesTheFutureBody());
}

static Task<void> thenCallsFnWhenDoneBody()
{
    QObject context;
    QStringList order;
    Future<int> future;
    future.then(&context,
                [&order](Future<int> done) { order << u"future %1"_s.arg(done.result()); });
    future.then(&context, [&order] { order << u"nothing"_s; });
    future.then(&context, [&order](int value) { order << u"value %1"_s.arg(value); });
    co_await aproc::sleep(0ms);
    APROC_VERIFY2(order.isEmpty(), "then() called fn before the future was done");
    future.setResult(7);
    APROC_VERIFY2(order.isEmpty(), "then() called fn inline from setResult()");
    co_await aproc::sleep(0ms);
    APROC_COMPARE(order, QStringList({u"future 7"_s, u"nothing"_s, u"value 7"_s}));

    Future<void> done;
    bool voidCalled = false;
    done.then(&context, [&voidCalled] { voidCalled = true; });
    done.setResult();
    co_await aproc::sleep(0ms);
    APROC_VERIFY(voidCalled);
}

void tst_Future::thenCallsFnWhenDone()
{
    APROC_RUN(thenCallsFnWhenDoneBody());
}

void tst_Future::thenNeverCallsFnAfterContextDeleted_data()
{
    QTest::addColumn<bool>("deleteBeforeCompletion");
    QTest::newRow("deleted before completion") << true;
    QTest::newRow("deleted after completion, before the callback ran") << false;
}

static Task<void> thenNeverCallsFnAfterContextDeletedBody(bool deleteBeforeCompletion)
{
    auto *context = new QObject;
    QObject survivor;
    bool deletedCalled = false;
    bool survivorCalled = false;
    Future<int> future;
    future.then(context, [&deletedCalled](int) { deletedCalled = true; });
    future.then(&survivor, [&survivorCalled](int) { survivorCalled = true; });
    if (deleteBeforeCompletion)
        delete context;
    future.setResult(1);
    if (!deleteBeforeCompletion)
        delete context;
    co_await aproc::sleep(0ms);
    APROC_VERIFY2(survivorCalled, "the loop did not run the done callbacks"); // the control
    APROC_VERIFY2(!deletedCalled, "fn was called after its context was deleted");
}

void tst_Future::thenNeverCallsFnAfterContextDeleted()
{
    QFETCH(bool, deleteBeforeCompletion);
    APROC_RUN(thenNeverCallsFnAfterContextDeletedBody(deleteBeforeCompletion));
}

// then(context, onResult, onError): a failure, a cancellation and a result each reach one of
// the two; nothing reaches a destroyed context.
static Task<void> thenWithAnErrorHandlerBody()
{
    QObject context;
    QStringList seen;
    Future<int> succeeds;
    Future<int> fails;
    Future<void> cancelled;
    Future<int> orphaned;
    auto *gone = new QObject;
    succeeds.then(
            &context, [&seen](int value) { seen << u"value %1"_s.arg(value); },
            [&seen](const QString &message) { seen << u"error " + message; });
    fails.then(
            &context, [&seen](int value) { seen << u"value %1"_s.arg(value); },
            [&seen](const QString &message) { seen << u"error " + message; });
    cancelled.then(
            &context, [&seen] { seen << u"done"_s; },
            [&seen](std::exception_ptr error) {
                try {
                    std::rethrow_exception(error);
                } catch (const CancelledError &) {
                    seen << u"cancelled"_s;
                } catch (...) { }
            });
    orphaned.then(
            gone, [&seen](int) { seen << u"orphaned value"_s; },
            [&seen](const QString &) { seen << u"orphaned error"_s; });
    delete gone;
    succeeds.setResult(5);
    fails.setException(std::make_exception_ptr(ValueError(u"bad input"_s)));
    cancelled.cancel();
    orphaned.setResult(1);
    co_await aproc::sleep(0ms);
    APROC_COMPARE(seen, QStringList({u"value 5"_s, u"error bad input"_s, u"cancelled"_s}));
}

void tst_Future::thenWithAnErrorHandler()
{
    ExceptionRecorder recorder; // nothing goes to the loop's exception handler
    APROC_RUN(thenWithAnErrorHandlerBody());
    QCOMPARE(recorder.contexts.size(), std::size_t(0));
}

static Task<void> thenValueFormReportsExceptionBody()
{
    ExceptionRecorder recorder;
    QObject context;
    bool valueCalled = false;
    bool futureCalled = false;
    {
        Future<int> future;
        future.then(&context, [&valueCalled](int) { valueCalled = true; });
        future.then(&context, [&futureCalled](Future<int>) { futureCalled = true; });
        future.setException(ValueError(u"broken"_s));
    }
    co_await aproc::sleep(0ms);
    APROC_VERIFY2(!valueCalled, "fn(T) was called for a future that failed");
    APROC_VERIFY(futureCalled); // fn(Future) decides for itself
    // Reported once, by then(); it counts as retrieved, so not again when the future goes.
    APROC_COMPARE(recorder.contexts.size(), std::size_t(1));
    APROC_COMPARE(caught<ValueError>(recorder.contexts.front().exception), u"broken"_s);
    APROC_VERIFY(!recorder.contexts.front().message.isEmpty());
}

void tst_Future::thenValueFormReportsException()
{
    APROC_RUN(thenValueFormReportsExceptionBody());
}

static Task<void> awaitDoneFutureDoesNotSuspendBody()
{
    QStringList order;
    Future<int> done;
    done.setResult(5);
    EventLoop::current()->callSoon([&order] { order << u"callSoon"_s; });
    const int value = co_await done;
    order << u"after co_await"_s;
    APROC_COMPARE(value, 5);

    Future<int> failed;
    failed.setException(ValueError(u"failed"_s));
    EventLoop::current()->callSoon([&order] { order << u"callSoon 2"_s; });
    const std::exception_ptr error = co_await errorOf(failed);
    order << u"after failed co_await"_s;
    APROC_COMPARE(caught<ValueError>(error), u"failed"_s);

    co_await aproc::sleep(0ms);
    // asyncio: `await done_future` returns at once, the callbacks run at the next yield.
    APROC_COMPARE(order, QStringList({u"after co_await"_s, u"after failed co_await"_s,
                                      u"callSoon"_s, u"callSoon 2"_s}));
}

void tst_Future::awaitDoneFutureDoesNotSuspend()
{
    APROC_RUN(awaitDoneFutureDoesNotSuspendBody());
}

static Task<void> awaitPendingFutureResumesAfterSetResultBody()
{
    EventLoop *loop = EventLoop::current();
    QStringList order;
    Future<int> future;
    loop->callSoon([&order, future, loop]() mutable {
        future.setResult(3);
        order << u"setResult"_s;
        loop->callSoon([&order] { order << u"callSoon after setResult"_s; });
    });
    const int value = co_await future;
    order << u"task resumed"_s;
    APROC_COMPARE(value, 3);
    co_await aproc::sleep(0ms);
    // python3: ['set', 'task', 'cb']: the wake-up was scheduled first, by setResult.
    APROC_COMPARE(order,
                  QStringList({u"setResult"_s, u"task resumed"_s, u"callSoon after setResult"_s}));
}

void tst_Future::awaitPendingFutureResumesAfterSetResult()
{
    APROC_RUN(awaitPendingFutureResumesAfterSetResultBody());
}

static Task<void> voidFutureBody()
{
    Future<void> future;
    APROC_VERIFY(!future.done());
    APROC_VERIFY(throws<InvalidStateError>([&] { future.result(); }));
    int callbacks = 0;
    future.addDoneCallback([&callbacks](Future<void> done) { callbacks += done.done() ? 1 : 100; });
    EventLoop::current()->callSoon([future]() mutable { future.setResult(); });
    co_await future;
    APROC_VERIFY(future.done());
    APROC_VERIFY(!future.exception());
    future.result(); // does not throw
    APROC_VERIFY(throws<InvalidStateError>([&] { future.setResult(); }));
    co_await aproc::sleep(0ms);
    APROC_COMPARE(callbacks, 1);

    Future<void> failed;
    failed.setException(ValueError(u"void failed"_s));
    const std::exception_ptr error = co_await errorOf(failed);
    APROC_COMPARE(caught<ValueError>(error), u"void failed"_s);
}

void tst_Future::voidFuture()
{
    APROC_RUN(voidFutureBody());
}

void tst_Future::moveOnlyTakeResult()
{
    Future<std::unique_ptr<int>> future;
    future.setResult(std::make_unique<int>(11));
    QCOMPARE(*future.result(), 11); // a reference: the value stays
    std::unique_ptr<int> taken = future.takeResult();
    QVERIFY(taken);
    QCOMPARE(*taken, 11);
}

static Task<void> moveOnlyCoAwaitBody()
{
    Future<std::unique_ptr<int>> done;
    done.setResult(std::make_unique<int>(1));
    std::unique_ptr<int> first = co_await done;
    APROC_VERIFY(first);
    APROC_COMPARE(*first, 1);

    Future<std::unique_ptr<int>> pending;
    EventLoop::current()->callSoon(
            [pending]() mutable { pending.setResult(std::make_unique<int>(2)); });
    std::unique_ptr<int> second = co_await pending;
    APROC_VERIFY(second);
    APROC_COMPARE(*second, 2);
}

void tst_Future::moveOnlyCoAwait()
{
    APROC_RUN(moveOnlyCoAwaitBody());
}

static Task<void> copiesShareStateBody()
{
    Future<int> original;
    Future<int> copy = original;
    bool called = false;
    copy.addDoneCallback([&called] { called = true; });
    original.setResult(9);
    APROC_VERIFY(copy.done());
    APROC_COMPARE(copy.result(), 9);
    APROC_VERIFY(throws<InvalidStateError>([&] { copy.setResult(1); }));
    co_await aproc::sleep(0ms);
    APROC_VERIFY(called);

    Future<int> cancelled;
    Future<int> alias;
    alias = cancelled;
    APROC_VERIFY(alias.cancel(u"via the copy"_s));
    APROC_VERIFY(cancelled.cancelled());
    const std::exception_ptr error = co_await errorOf(cancelled);
    APROC_COMPARE(caught<CancelledError>(error), u"via the copy"_s);
}

void tst_Future::copiesShareState()
{
    APROC_RUN(copiesShareStateBody());
}

void tst_Future::loopIsTheCreatingLoop()
{
    EventLoop *mainLoop = EventLoop::current();
    QCOMPARE(Future<int>().loop(), mainLoop);
    QCOMPARE(Future<void>(mainLoop).loop(), mainLoop);
    QCOMPARE(mainLoop->createFuture<QString>().loop(), mainLoop);

    EventLoop *threadLoop = nullptr;
    EventLoop *futureLoop = nullptr;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        threadLoop = EventLoop::current();
        futureLoop = Future<int>().loop();
    }));
    thread->start();
    QVERIFY(thread->wait(QDeadlineTimer(std::chrono::seconds(60))));
    QVERIFY(threadLoop);
    QVERIFY(threadLoop != mainLoop);
    QCOMPARE(futureLoop, threadLoop);
}

void tst_Future::unretrievedExceptionIsReported_data()
{
    QTest::addColumn<QString>("retrieval");
    QTest::addColumn<int>("reports");
    QTest::newRow("never retrieved") << u"none"_s << 1;
    QTest::newRow("retrieved by exception()") << u"exception"_s << 0;
    QTest::newRow("retrieved by result()") << u"result"_s << 0;
    QTest::newRow("retrieved by co_await") << u"co_await"_s << 0;
    QTest::newRow("retrieved in a done callback") << u"callback"_s << 0;
}

static Task<void> yieldOnce()
{
    co_await aproc::sleep(0ms);
}

static Task<void> awaitAndIgnore(Future<int> future)
{
    static_cast<void>(co_await errorOf(future));
}

void tst_Future::unretrievedExceptionIsReported()
{
    QFETCH(QString, retrieval);
    QFETCH(int, reports);
    ExceptionRecorder recorder;
    {
        Future<int> future;
        future.setException(ValueError(u"lost"_s));
        if (retrieval == u"exception"_s)
            QVERIFY(future.exception());
        else if (retrieval == u"result"_s)
            QVERIFY(thrownBy([&] { future.result(); }));
        else if (retrieval == u"co_await"_s)
            APROC_RUN(awaitAndIgnore(future));
        else if (retrieval == u"callback"_s)
            future.addDoneCallback([](Future<int> done) { QVERIFY(done.exception()); });
        QCOMPARE(recorder.contexts.size(), std::size_t(0));
    }
    if (retrieval == u"callback"_s)
        APROC_RUN(yieldOnce()); // the callback, holding the future, runs first
    QCOMPARE(int(recorder.contexts.size()), reports);
    if (reports) {
        QCOMPARE(recorder.contexts.front().message, u"Future exception was never retrieved"_s);
        QCOMPARE(caught<ValueError>(recorder.contexts.front().exception), u"lost"_s);
    }
}

void tst_Future::unretrievedExceptionWaitsForTheLastCopy()
{
    ExceptionRecorder recorder;
    auto first = std::make_unique<Future<int>>();
    auto second = std::make_unique<Future<int>>(*first);
    first->setException(ValueError(u"shared"_s));
    first.reset();
    QCOMPARE(recorder.contexts.size(), std::size_t(0));
    second.reset();
    QCOMPARE(recorder.contexts.size(), std::size_t(1));
    QCOMPARE(caught<ValueError>(recorder.contexts.front().exception), u"shared"_s);

    // A cancelled future has no exception to lose.
    {
        Future<int>().cancel();
    }
    QCOMPARE(recorder.contexts.size(), std::size_t(1));
}

QTEST_GUILESS_MAIN(tst_Future)
#include "tst_future.moc"
