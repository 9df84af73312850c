// SPDX-License-Identifier: MIT
// waitFor, gather, shield and sleep, checked against what asyncio 3.11 does.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/gather.h>
#include <aproc/shield.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>
#include <aproc/waitfor.h>

#include <QtCore/QScopeGuard>
#include <QtTest/QtTest>

#include <chrono>
#include <variant>
#include <vector>

using namespace aproc;
using namespace std::chrono_literals;

namespace {

/*! What a cancellable inner coroutine went through. */
struct InnerState
{
    bool started = false;
    bool sawCancel = false;
    bool cleaned = false;
};

/*! Awaits \a never; on cancellation takes three loop iterations to clean up, then either re-raises
 *  (as it should) or, if \a swallow, returns 99 instead. */
Task<int> slowToCancel(Future<int> never, InnerState *state, bool swallow = false)
{
    state->started = true;
    try {
        co_return co_await never;
    } catch (const CancelledError &) {
        state->sawCancel = true; // no co_await inside a handler: the cleanup follows it
    }
    for (int i = 0; i < 3; ++i)
        co_await sleep(0ms);
    state->cleaned = true;
    if (swallow)
        co_return 99;
    throw CancelledError();
}

Task<int> valueWhenSet(Future<int> future, QList<int> *finishOrder, int id)
{
    const int value = co_await future;
    finishOrder->append(id);
    co_return value;
}

Task<int> valueAfterYields(int value, int yields)
{
    for (int i = 0; i < yields; ++i)
        co_await sleep(0ms);
    co_return value;
}

Task<void> throwAfterYield(QString message)
{
    co_await sleep(0ms);
    throw ValueError(message);
}

/*! Yields until \a condition holds (bounded by APROC_RUN's timeout). */
template<typename F> Task<void> yieldUntil(F condition)
{
    while (!condition())
        co_await sleep(0ms);
}

template<typename T> Task<void> awaitAndDiscard(Future<T> future)
{
    static_cast<void>(co_await future);
}

} // namespace

class tst_Combinators : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void waitForGivesTheResultInTime();
    void waitForIsLazy();
    void waitForTimeoutCancelsAndWaits_data();
    void waitForTimeoutCancelsAndWaits();
    void waitForUnstartedTaskWithZeroTimeout();
    void waitForPendingFutureWithZeroTimeout();
    void waitForReturnsWhatASwallowingInnerReturns();
    void cancellingTheWaiterCancelsTheInnerWork();
    void gatherKeepsArgumentOrder();
    void gatherMixesTypesAndVoid();
    void gatherPropagatesTheFirstException();
    void gatherCancelCancelsEveryChild_data();
    void gatherCancelCancelsEveryChild();
    void gatherChildCancelledAlone();
    void gatherOfNothing();
    void gatherOfVector();
    void shieldKeepsTheInnerWorkRunning_data();
    void shieldKeepsTheInnerWorkRunning();
    void shieldPassesTheOutcomeThrough();
    void shieldOfADoneFutureIsImmediate();
    void sleepLastsAtLeastTheDelay_data();
    void sleepLastsAtLeastTheDelay();
    void sleepZeroYieldsOnce_data();
    void sleepZeroYieldsOnce();
    void sleepIsCancellable();
};

void tst_Combinators::waitForGivesTheResultInTime()
{
    const auto body = []() -> Task<void> {
        Future<int> future;
        EventLoop::current()->callSoon([future]() mutable { future.setResult(7); });
        APROC_COMPARE(co_await waitFor(future, 10s), 7);
        APROC_COMPARE(co_await waitFor(valueAfterYields(5, 2), 10s), 5);
        co_await waitFor(sleep(1ms), 10s);
        Future<QString> done;
        done.setResult(QStringLiteral("done"));
        APROC_COMPARE(co_await waitFor(done, 0s), QStringLiteral("done"));
        APROC_COMPARE(co_await waitFor(done, -1s), QStringLiteral("done"));
    };
    APROC_RUN(body());
}

void tst_Combinators::waitForIsLazy()
{
    const auto body = []() -> Task<void> {
        Task<int> inner = valueAfterYields(3, 0);
        Task<int> waiting = waitFor(inner, 10s);
        co_await sleep(0ms);
        co_await sleep(0ms);
        APROC_VERIFY(!inner.started());
        APROC_COMPARE(co_await waiting, 3);
        APROC_VERIFY(inner.done());
    };
    APROC_RUN(body());
}

void tst_Combinators::waitForTimeoutCancelsAndWaits_data()
{
    QTest::addColumn<int>("timeoutMs");
    QTest::newRow("positive") << 20;
    QTest::newRow("zero") << 0;
    QTest::newRow("negative") << -5;
}

void tst_Combinators::waitForTimeoutCancelsAndWaits()
{
    QFETCH(int, timeoutMs);
    const auto body = [](std::chrono::milliseconds timeout) -> Task<void> {
        Future<int> never;
        InnerState state;
        Task<int> inner = createTask(slowToCancel(never, &state));
        co_await yieldUntil([&] { return state.started; });
        bool timedOut = false;
        bool cleanedWhenCaught = false;
        try {
            co_await waitFor(inner, timeout);
        } catch (const TimeoutError &) {
            timedOut = true;
            cleanedWhenCaught = state.cleaned && inner.done();
        }
        APROC_VERIFY(timedOut);
        APROC_VERIFY2(cleanedWhenCaught, "TimeoutError came before the inner task had finished");
        APROC_VERIFY(state.sawCancel);
        APROC_VERIFY(inner.cancelled());
        APROC_VERIFY(never.cancelled());
    };
    APROC_RUN(body(std::chrono::milliseconds(timeoutMs)));
}

void tst_Combinators::waitForUnstartedTaskWithZeroTimeout()
{
    // asyncio: wait_for(coro, 0) cancels the new task before its first step; the body never runs.
    const auto body = []() -> Task<void> {
        Future<int> never;
        InnerState state;
        Task<int> inner = slowToCancel(never, &state);
        APROC_VERIFY_THROWS(co_await waitFor(inner, 0ms), TimeoutError);
        APROC_VERIFY(inner.cancelled());
        APROC_VERIFY(!state.started);
    };
    APROC_RUN(body());
}

void tst_Combinators::waitForPendingFutureWithZeroTimeout()
{
    const auto body = []() -> Task<void> {
        Future<int> pending;
        APROC_VERIFY_THROWS(co_await waitFor(pending, 0ms), TimeoutError);
        APROC_VERIFY(pending.cancelled());
        APROC_VERIFY_THROWS(co_await waitFor(sleep(1h), 10ms), TimeoutError);
    };
    APROC_RUN(body());
}

void tst_Combinators::waitForReturnsWhatASwallowingInnerReturns()
{
    const auto body = []() -> Task<void> {
        Future<int> never;
        InnerState state;
        const int value = co_await waitFor(slowToCancel(never, &state, true), 10ms);
        APROC_COMPARE(value, 99);
        APROC_VERIFY(state.sawCancel);
        APROC_VERIFY(state.cleaned);
    };
    APROC_RUN(body());
}

void tst_Combinators::cancellingTheWaiterCancelsTheInnerWork()
{
    const auto body = []() -> Task<void> {
        Future<int> never;
        InnerState state;
        Task<int> inner = slowToCancel(never, &state);
        Task<int> outer = createTask(waitFor(inner, 1h));
        co_await yieldUntil([&] { return state.started; });
        APROC_VERIFY(outer.cancel());
        bool cancelled = false;
        bool innerFinishedFirst = false;
        try {
            co_await outer; // CancelledError, not TimeoutError
        } catch (const CancelledError &) {
            cancelled = true;
            innerFinishedFirst = inner.done();
        }
        APROC_VERIFY(cancelled);
        APROC_VERIFY(innerFinishedFirst);
        APROC_VERIFY(outer.cancelled());
        APROC_VERIFY(inner.cancelled());
        APROC_VERIFY(state.cleaned);
    };
    APROC_RUN(body());
}

void tst_Combinators::gatherKeepsArgumentOrder()
{
    const auto body = []() -> Task<void> {
        Future<int> first, second, third;
        QList<int> finishOrder;
        auto gathered = gather(valueWhenSet(first, &finishOrder, 1),
                               valueWhenSet(second, &finishOrder, 2),
                               valueWhenSet(third, &finishOrder, 3));
        third.setResult(30);
        co_await sleep(0ms);
        second.setResult(20);
        co_await sleep(0ms);
        first.setResult(10);
        const auto [a, b, c] = co_await gathered;
        APROC_COMPARE(finishOrder, QList<int>({3, 2, 1}));
        APROC_COMPARE(a, 10);
        APROC_COMPARE(b, 20);
        APROC_COMPARE(c, 30);
    };
    APROC_RUN(body());
}

void tst_Combinators::gatherMixesTypesAndVoid()
{
    const auto body = []() -> Task<void> {
        Future<QString> text;
        EventLoop::current()->callSoon([text]() mutable { text.setResult(QStringLiteral("x")); });
        auto gathered
                = gather(valueAfterYields(4, 1), text, sleep(0ms), yieldUntil([] { return true; }));
        using Expected = std::tuple<int, QString, std::monostate, std::monostate>;
        static_assert(std::is_same_v<decltype(gathered), Future<Expected>>);
        const auto result = co_await gathered;
        APROC_COMPARE(std::get<0>(result), 4);
        APROC_COMPARE(std::get<1>(result), QStringLiteral("x"));
    };
    APROC_RUN(body());
}

void tst_Combinators::gatherPropagatesTheFirstException()
{
    EventLoop *loop = EventLoop::current();
    QStringList reports;
    loop->setExceptionHandler([&reports](EventLoop *, const ExceptionContext &context) {
        reports << context.message;
    });
    const auto restore = qScopeGuard([loop] { loop->setExceptionHandler({}); });
    const auto body = []() -> Task<void> {
        Future<int> slow, lateFailure;
        QList<int> finishOrder;
        Task<int> survivor = valueWhenSet(slow, &finishOrder, 2);
        Task<int> secondFailure = valueWhenSet(lateFailure, &finishOrder, 3);
        auto gathered = gather(throwAfterYield(QStringLiteral("first")), survivor, secondFailure);
        QString message;
        try {
            co_await gathered;
        } catch (const ValueError &error) {
            message = error.message();
        }
        APROC_COMPARE(message, QStringLiteral("first"));
        APROC_VERIFY(!survivor.done()); // the others go on running
        lateFailure.setException(ValueError(QStringLiteral("second")));
        slow.setResult(5);
        APROC_COMPARE(co_await survivor, 5);
        APROC_VERIFY_THROWS(co_await secondFailure, ValueError);
    };
    APROC_RUN(body());
    // The second failure was retrieved by gather: nothing reports it as "never retrieved".
    QCOMPARE(reports, QStringList());
}

void tst_Combinators::gatherCancelCancelsEveryChild_data()
{
    QTest::addColumn<bool>("cancelTheAwaiter");
    QTest::newRow("gather future cancelled") << false;
    QTest::newRow("awaiting task cancelled") << true;
}

void tst_Combinators::gatherCancelCancelsEveryChild()
{
    QFETCH(bool, cancelTheAwaiter);
    const auto body = [](bool cancelTheAwaiter) -> Task<void> {
        Future<int> never1, never2;
        InnerState state1, state2;
        Task<int> child1 = slowToCancel(never1, &state1);
        Task<int> child2 = slowToCancel(never2, &state2);
        auto gathered = gather(child1, child2);
        Task<void> awaiter = createTask(awaitAndDiscard(gathered));
        co_await yieldUntil([&] { return state1.started && state2.started; });
        APROC_VERIFY(cancelTheAwaiter ? awaiter.cancel() : gathered.cancel());
        APROC_VERIFY_THROWS(co_await awaiter, CancelledError);
        co_await yieldUntil([&] { return child1.done() && child2.done(); });
        APROC_VERIFY(child1.cancelled());
        APROC_VERIFY(child2.cancelled());
        APROC_VERIFY(state1.cleaned && state2.cleaned);
        APROC_VERIFY(awaiter.cancelled());
        APROC_VERIFY_THROWS(gathered.result(), CancelledError);
    };
    APROC_RUN(body(cancelTheAwaiter));
}

void tst_Combinators::gatherChildCancelledAlone()
{
    const auto body = []() -> Task<void> {
        Future<int> cancelled, later;
        QList<int> finishOrder;
        Task<int> other = valueWhenSet(later, &finishOrder, 2);
        auto gathered = gather(cancelled, other);
        cancelled.cancel();
        APROC_VERIFY_THROWS(co_await gathered, CancelledError);
        APROC_VERIFY(!other.done());
        later.setResult(8);
        APROC_COMPARE(co_await other, 8);
    };
    APROC_RUN(body());
}

void tst_Combinators::gatherOfNothing()
{
    const auto body = []() -> Task<void> {
        auto nothing = gather();
        APROC_VERIFY(nothing.done());
        co_await nothing;
        auto emptyList = gather(std::vector<Task<int>>());
        APROC_VERIFY(emptyList.done());
        APROC_VERIFY((co_await emptyList).empty());
    };
    APROC_RUN(body());
}

void tst_Combinators::gatherOfVector()
{
    const auto body = []() -> Task<void> {
        std::vector<Task<int>> tasks;
        for (int i = 0; i < 5; ++i)
            tasks.push_back(valueAfterYields(i * i, 5 - i)); // the last finishes first
        const std::vector<int> results = co_await gather(std::move(tasks));
        APROC_VERIFY(results == std::vector<int>({0, 1, 4, 9, 16}));
    };
    APROC_RUN(body());
}

void tst_Combinators::shieldKeepsTheInnerWorkRunning_data()
{
    QTest::addColumn<bool>("cancelTheAwaiter");
    QTest::newRow("shield future cancelled") << false;
    QTest::newRow("awaiting task cancelled") << true;
}

void tst_Combinators::shieldKeepsTheInnerWorkRunning()
{
    QFETCH(bool, cancelTheAwaiter);
    const auto body = [](bool cancelTheAwaiter) -> Task<void> {
        Future<int> gate;
        QList<int> finishOrder;
        Task<int> inner = valueWhenSet(gate, &finishOrder, 1);
        Future<int> shielded = shield(inner);
        Task<void> awaiter = createTask(awaitAndDiscard(shielded));
        co_await sleep(0ms);
        APROC_VERIFY(cancelTheAwaiter ? awaiter.cancel() : shielded.cancel());
        APROC_VERIFY_THROWS(co_await awaiter, CancelledError);
        APROC_VERIFY(shielded.cancelled());
        APROC_VERIFY(!inner.done());
        gate.setResult(6);
        APROC_COMPARE(co_await inner, 6);
        APROC_COMPARE(finishOrder, QList<int>({1}));
    };
    APROC_RUN(body(cancelTheAwaiter));
}

void tst_Combinators::shieldPassesTheOutcomeThrough()
{
    const auto body = []() -> Task<void> {
        APROC_COMPARE(co_await shield(valueAfterYields(11, 2)), 11);
        APROC_VERIFY_THROWS(co_await shield(throwAfterYield(QStringLiteral("boom"))), ValueError);
        Future<int> cancelledAlone;
        QList<int> finishOrder;
        Task<int> inner = createTask(valueWhenSet(cancelledAlone, &finishOrder, 1));
        Future<int> shielded = shield(inner);
        co_await sleep(0ms);
        inner.cancel(); // the inner work cancelled on its own: the shield is cancelled too
        APROC_VERIFY_THROWS(co_await shielded, CancelledError);
        APROC_VERIFY(shielded.cancelled());
    };
    APROC_RUN(body());
}

void tst_Combinators::shieldOfADoneFutureIsImmediate()
{
    const auto body = []() -> Task<void> {
        Future<int> done;
        done.setResult(3);
        Future<int> shielded = shield(done);
        APROC_VERIFY(shielded.done());
        bool otherCallbackRan = false;
        EventLoop::current()->callSoon([&otherCallbackRan] { otherCallbackRan = true; });
        APROC_COMPARE(co_await shielded, 3);
        APROC_VERIFY2(!otherCallbackRan, "awaiting a done shield suspended the coroutine");
        co_await sleep(0ms);
        APROC_VERIFY(otherCallbackRan);
    };
    APROC_RUN(body());
}

void tst_Combinators::sleepLastsAtLeastTheDelay_data()
{
    QTest::addColumn<int>("delayMs");
    QTest::newRow("1 ms") << 1;
    QTest::newRow("20 ms") << 20;
    QTest::newRow("60 ms") << 60;
}

void tst_Combinators::sleepLastsAtLeastTheDelay()
{
    QFETCH(int, delayMs);
    const auto body = [](std::chrono::milliseconds delay) -> Task<void> {
        EventLoop *loop = EventLoop::current();
        const double start = loop->time();
        co_await sleep(delay);
        const double elapsed = loop->time() - start;
        // Never early; 1 µs allows for rounding nanoseconds to double seconds. No upper bound.
        APROC_VERIFY2(elapsed >= std::chrono::duration<double>(delay).count() - 1e-6,
                      qPrintable(QStringLiteral("woke after %1 s").arg(elapsed)));
    };
    APROC_RUN(body(std::chrono::milliseconds(delayMs)));
}

void tst_Combinators::sleepZeroYieldsOnce_data()
{
    QTest::addColumn<int>("delayMs");
    QTest::newRow("zero") << 0;
    QTest::newRow("negative") << -10;
}

void tst_Combinators::sleepZeroYieldsOnce()
{
    QFETCH(int, delayMs);
    const auto body = [](std::chrono::milliseconds delay) -> Task<void> {
        EventLoop *loop = EventLoop::current();
        QStringList order;
        loop->callSoon([&order, loop] {
            order << QStringLiteral("queued before");
            loop->callSoon([&order] { order << QStringLiteral("queued by it"); });
        });
        co_await sleep(delay);
        order << QStringLiteral("resumed");
        co_await sleep(0ms);
        // As asyncio.sleep(0): what was ready ran first; what that scheduled runs after resuming.
        const QStringList expected{QStringLiteral("queued before"), QStringLiteral("resumed"),
                                   QStringLiteral("queued by it")};
        APROC_COMPARE(order, expected);
    };
    APROC_RUN(body(std::chrono::milliseconds(delayMs)));
}

void tst_Combinators::sleepIsCancellable()
{
    const auto body = []() -> Task<void> {
        bool reachedTheEnd = false;
        Task<void> sleeper = createTask([](bool *reached) -> Task<void> {
            co_await sleep(1h);
            *reached = true;
        }(&reachedTheEnd));
        co_await sleep(0ms);
        APROC_VERIFY(sleeper.cancel());
        APROC_VERIFY_THROWS(co_await sleeper, CancelledError);
        APROC_VERIFY(sleeper.cancelled());
        APROC_VERIFY(!reachedTheEnd);
    };
    APROC_RUN(body());
}

QTEST_GUILESS_MAIN(tst_Combinators)
#include "tst_combinators.moc"
