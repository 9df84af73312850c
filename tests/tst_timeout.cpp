// SPDX-License-Identifier: MIT
// timeout(), timeoutAt() and Timeout against asyncio 3.11's timeouts: each slot names the case
// of CPython's Lib/test/test_asyncio/test_timeouts.py it mirrors.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>
#include <aproc/timeout.h>

#include <QtTest/QtTest>

#include <chrono>
#include <optional>

using namespace aproc;
using namespace std::chrono_literals;

namespace {

double now()
{
    return EventLoop::current()->time();
}

Task<int> valueAfter(std::chrono::milliseconds delay, int value)
{
    co_await sleep(delay);
    co_return value;
}

Task<void> expiresWithTimeoutError()
{
    const double start = now();
    APROC_VERIFY_THROWS(co_await timeout(20ms, sleep(1h)), TimeoutError);
    APROC_VERIFY(now() - start >= 0.019);
    APROC_VERIFY(now() - start < 10);
}

Task<void> expiredAfterTheDeadline()
{
    Timeout scope(now() + 0.01);
    APROC_VERIFY(!scope.expired());
    APROC_VERIFY_THROWS(co_await scope.run(sleep(1h)), TimeoutError);
    APROC_VERIFY(scope.expired());
}

Task<void> atDeadline()
{
    const double deadline = now() + 0.02;
    APROC_VERIFY_THROWS(co_await timeoutAt(deadline, sleep(1h)), TimeoutError);
    APROC_VERIFY(now() >= deadline - 0.001);
}

Task<void> notExpiredGivesTheValue()
{
    Timeout scope(now() + 3600);
    const int value = co_await scope.run(valueAfter(1ms, 42));
    APROC_COMPARE(value, 42);
    APROC_VERIFY(!scope.expired());
    const int shorthand = co_await timeout(1h, valueAfter(0ms, 7));
    APROC_COMPARE(shorthand, 7);
}

Task<void> zeroAndPastDeadlinesExpireAtOnce()
{
    APROC_VERIFY_THROWS(co_await timeout(0ms, sleep(1h)), TimeoutError);
    APROC_VERIFY_THROWS(co_await timeoutAt(now() - 10, sleep(1h)), TimeoutError);
}

Task<void> noDeadlineNeverExpires()
{
    Timeout scope(std::nullopt);
    const int value = co_await scope.run(valueAfter(5ms, 3));
    APROC_COMPARE(value, 3);
    APROC_VERIFY(!scope.expired());
}

// The inner deadline passes first: the inner scope raises, the outer one goes on.
Task<void> nestedInnerExpires()
{
    Timeout outer(now() + 3600);
    Timeout inner(now() + 0.01);
    const int value = co_await outer.run([&](Timeout &) -> Task<int> {
        try {
            co_await inner.run(sleep(1h));
        } catch (const TimeoutError &) { }
        co_return 5;
    });
    APROC_COMPARE(value, 5);
    APROC_VERIFY(inner.expired());
    APROC_VERIFY(!outer.expired());
}

// The outer deadline passes while the inner scope runs: the outer one raises.
Task<void> nestedOuterExpires()
{
    Timeout outer(now() + 0.01);
    Timeout inner(now() + 3600);
    bool innerSawCancel = false;
    APROC_VERIFY_THROWS(co_await outer.run([&](Timeout &) -> Task<void> {
        try {
            co_await inner.run(sleep(1h));
        } catch (const CancelledError &) {
            innerSawCancel = true; // not a TimeoutError: the inner scope did not expire
            throw;
        }
    }),
                        TimeoutError);
    APROC_VERIFY(innerSawCancel);
    APROC_VERIFY(outer.expired());
    APROC_VERIFY(!inner.expired());
}

Task<void> rescheduleMovesTheDeadline()
{
    Timeout scope(std::nullopt);
    APROC_VERIFY_THROWS(scope.reschedule(now() + 1), InvalidStateError); // not running yet
    APROC_VERIFY_THROWS(co_await scope.run([](Timeout &self) -> Task<void> {
        self.reschedule(now() + 0.01);
        APROC_VERIFY(self.when().has_value());
        co_await sleep(1h);
    }),
                        TimeoutError);
    APROC_VERIFY(scope.expired());
    APROC_VERIFY_THROWS(scope.reschedule(now() + 1), InvalidStateError); // left
}

Task<void> rescheduleToNoneRemovesTheDeadline()
{
    Timeout scope(now() + 0.005);
    const int value = co_await scope.run([](Timeout &self) -> Task<int> {
        self.reschedule(std::nullopt);
        const int result = co_await valueAfter(30ms, 9); // well after the first deadline
        co_return result;
    });
    APROC_COMPARE(value, 9);
    APROC_VERIFY(!scope.expired());
}

Task<void> bodyErrorPassesThrough()
{
    Timeout scope(now() + 3600);
    APROC_VERIFY_THROWS(co_await scope.run([](Timeout &) -> Task<void> {
        co_await sleep(0ms);
        throw ValueError(QStringLiteral("body"));
    }),
                        ValueError);
    APROC_VERIFY(!scope.expired());
}

Task<void> aScopeRunsOnce()
{
    Timeout scope(now() + 3600);
    co_await scope.run(sleep(0ms));
    APROC_VERIFY_THROWS(co_await scope.run(sleep(0ms)), InvalidStateError);
}

Task<void> negativeDelayIsAValueError()
{
    bool ran = false;
    APROC_VERIFY_THROWS(co_await timeout(-1s,
                                         [&ran]() -> Task<void> {
                                             ran = true;
                                             co_return;
                                         }()),
                        ValueError);
    APROC_VERIFY(!ran);
}

// The task in a scope with a far deadline, cancelled from outside.
Task<void> scopeWithAFarDeadline(bool *reachedTheEnd)
{
    co_await timeout(1h, sleep(1h));
    *reachedTheEnd = true;
}

// Expires while the body, cancelled, takes its time to clean up; meanwhile the task is
// cancelled from outside too.
Task<void> expiresThenCancelledFromOutside(Future<void> expired)
{
    Timeout scope(now() + 0.005);
    co_await scope.run([&](Timeout &) -> Task<void> {
        try {
            co_await sleep(1h);
        } catch (const CancelledError &) { }
        expired.setResult();
        co_await sleep(1h); // the outside cancel arrives here
    });
}

} // namespace

class tst_Timeout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // test_timeout_basic
    void expiresWithTimeoutError() { APROC_RUN(::expiresWithTimeoutError()); }
    // test_timeout_basic (cm.expired())
    void expiredAfterTheDeadline() { APROC_RUN(::expiredAfterTheDeadline()); }
    // test_timeout_at_basic
    void atDeadline() { APROC_RUN(::atDeadline()); }
    // test_timeout_not_called
    void notExpiredGivesTheValue() { APROC_RUN(::notExpiredGivesTheValue()); }
    // test_timeout_zero, test_timeout_in_the_past_sleep
    void zeroAndPastDeadlinesExpireAtOnce() { APROC_RUN(::zeroAndPastDeadlinesExpireAtOnce()); }
    // test_timeout_disabled
    void noDeadlineNeverExpires() { APROC_RUN(::noDeadlineNeverExpires()); }
    // test_nested_timeouts (the inner one expires)
    void nestedInnerExpires() { APROC_RUN(::nestedInnerExpires()); }
    // test_nested_timeouts_concurrent (the outer one expires inside the inner)
    void nestedOuterExpires() { APROC_RUN(::nestedOuterExpires()); }
    // test_reschedule
    void rescheduleMovesTheDeadline() { APROC_RUN(::rescheduleMovesTheDeadline()); }
    void rescheduleToNoneRemovesTheDeadline() { APROC_RUN(::rescheduleToNoneRemovesTheDeadline()); }
    // test_timeout_exception_propagation (not a timeout: the body's own error)
    void bodyErrorPassesThrough() { APROC_RUN(::bodyErrorPassesThrough()); }
    // test_repr / the scope's state machine: a scope is entered once
    void aScopeRunsOnce() { APROC_RUN(::aScopeRunsOnce()); }
    // Aproc's bad input rule: a negative delay is refused before the body runs
    void negativeDelayIsAValueError() { APROC_RUN(::negativeDelayIsAValueError()); }
    // test_foreign_cancel_doesnt_timeout_if_not_expired
    void foreignCancelIsNotATimeout();
    // test_outer_task_is_not_cancelled / expired and cancelled: CancelledError wins
    void expiredAndCancelledFromOutsideStaysCancelled();
};

void tst_Timeout::foreignCancelIsNotATimeout()
{
    bool reachedTheEnd = false;
    Task<void> task = createTask(scopeWithAFarDeadline(&reachedTheEnd));
    EventLoop *loop = EventLoop::current();
    loop->runUntilComplete([]() -> Task<void> { co_await sleep(1ms); }());
    task.cancel();
    QVERIFY_THROWS_EXCEPTION(CancelledError, loop->runUntilComplete(task));
    QVERIFY(!reachedTheEnd);
}

void tst_Timeout::expiredAndCancelledFromOutsideStaysCancelled()
{
    Future<void> expired;
    Task<void> task = createTask(expiresThenCancelledFromOutside(expired));
    EventLoop *loop = EventLoop::current();
    loop->runUntilComplete(expired);
    task.cancel();
    QVERIFY_THROWS_EXCEPTION(CancelledError, loop->runUntilComplete(task));
}

QTEST_GUILESS_MAIN(tst_Timeout)
#include "tst_timeout.moc"
