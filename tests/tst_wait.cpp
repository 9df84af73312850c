// SPDX-License-Identifier: MIT
// gatherOutcomes(), wait() and asCompleted() against asyncio 3.11's gather(return_exceptions=True),
// wait() and as_completed(): each slot names the case of CPython's
// Lib/test/test_asyncio/test_tasks.py it mirrors (or says that it is Aproc's own).
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/gather.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>
#include <aproc/wait.h>

#include <QtCore/QScopeGuard>
#include <QtTest/QtTest>

#include <chrono>
#include <variant>
#include <vector>

using namespace aproc;
using namespace std::chrono_literals;

namespace {

Task<int> valueAfterYields(int value, int yields)
{
    for (int i = 0; i < yields; ++i)
        co_await sleep(0ms);
    co_return value;
}

Task<int> throwAfterYields(QString message, int yields)
{
    for (int i = 0; i < yields; ++i)
        co_await sleep(0ms);
    throw ValueError(message);
}

Task<int> valueWhenSet(Future<int> future)
{
    co_return co_await future;
}

/*! Yields until \a condition holds (bounded by APROC_RUN's timeout). */
template<typename F> Task<void> yieldUntil(F condition)
{
    while (!condition())
        co_await sleep(0ms);
}

/*! The message of the ValueError \a error holds, or an empty string. */
QString valueErrorMessage(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const ValueError &failure) {
        return failure.message();
    } catch (...) { }
    return {};
}

bool isCancelledError(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError &) {
        return true;
    } catch (...) { }
    return false;
}

template<typename F> bool contains(const std::vector<F> &futures, const F &future)
{
    for (const F &candidate : futures) {
        if (candidate.core() == future.core())
            return true;
    }
    return false;
}

template<typename T> Task<void> awaitAndDiscard(Task<T> task)
{
    static_cast<void>(co_await task);
}

} // namespace

class tst_Wait : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gatherOutcomesReturnsExceptions();
    void gatherOutcomesReportsCancelledChildren();
    void gatherOutcomesOfVectorAndVoid();
    void gatherOutcomesCancelledAwaiterIsCancelled();
    void outcomeAccessors();
    void waitAllCompleted();
    void waitWithException();
    void waitFirstCompleted();
    void waitReallyDone();
    void waitFirstException();
    void waitFirstExceptionInWait();
    void waitFirstExceptionIgnoresCancellation();
    void waitFirstExceptionWithoutException();
    void waitWithTimeout();
    void waitTimeoutWhenAllDoneFirst();
    void waitErrors();
    void waitDuplicates();
    void waitCancelledLeavesTheTasks();
    void asCompletedGivesCompletionOrder();
    void asCompletedWithTimeout();
    void asCompletedWithUnusedTimeout();
    void asCompletedReverseWait();
    void asCompletedConcurrent();
    void asCompletedDuplicates();
    void asCompletedOfNothingAndTooManyNext();
};

// FutureGatherTests.test_return_exceptions: the exceptions take their slots; the future finishes
// only when every child is done.
void tst_Wait::gatherOutcomesReturnsExceptions()
{
    EventLoop *loop = EventLoop::current();
    QStringList reports;
    loop->setExceptionHandler([&reports](EventLoop *, const ExceptionContext &context) {
        reports << context.message;
    });
    const auto restore = qScopeGuard([loop] { loop->setExceptionHandler({}); });
    const auto body = []() -> Task<void> {
        Future<int> a, b, c, d;
        auto gathered = gatherOutcomes(a, b, c, d);
        b.setResult(1);
        c.setException(ValueError(QStringLiteral("zero division")));
        a.setResult(3);
        co_await sleep(0ms);
        co_await sleep(0ms);
        APROC_VERIFY(!gathered.done());
        d.setException(ValueError(QStringLiteral("runtime")));
        const auto outcomes = co_await gathered;
        APROC_COMPARE(std::get<0>(outcomes).value(), 3);
        APROC_COMPARE(std::get<1>(outcomes).value(), 1);
        APROC_VERIFY(!std::get<2>(outcomes).hasValue());
        APROC_COMPARE(valueErrorMessage(std::get<2>(outcomes).error()),
                      QStringLiteral("zero division"));
        APROC_COMPARE(valueErrorMessage(std::get<3>(outcomes).error()), QStringLiteral("runtime"));
    };
    APROC_RUN(body());
    QCOMPARE(reports, QStringList()); // every exception was retrieved
}

// FutureGatherTests.test_result_exception_one_cancellation: a cancelled child is a CancelledError
// in its slot, and does not end the gathering.
void tst_Wait::gatherOutcomesReportsCancelledChildren()
{
    const auto body = []() -> Task<void> {
        Future<int> a, b, c, d;
        Task<int> e = valueAfterYields(5, 2);
        auto gathered = gatherOutcomes(a, b, c, d, e);
        b.setResult(1);
        a.setException(ValueError(QStringLiteral("first")));
        co_await sleep(0ms);
        c.cancel();
        co_await sleep(0ms);
        APROC_VERIFY(!gathered.done());
        d.setResult(3);
        const auto outcomes = co_await gathered;
        APROC_COMPARE(valueErrorMessage(std::get<0>(outcomes).error()), QStringLiteral("first"));
        APROC_COMPARE(std::get<1>(outcomes).value(), 1);
        APROC_VERIFY(isCancelledError(std::get<2>(outcomes).error()));
        APROC_COMPARE(std::get<3>(outcomes).value(), 3);
        APROC_COMPARE(std::get<4>(outcomes).value(), 5);
        APROC_VERIFY(!gathered.cancelled());
    };
    APROC_RUN(body());
}

// test_gather with a list, and void children (Aproc's own: std::monostate, as gather()).
void tst_Wait::gatherOutcomesOfVectorAndVoid()
{
    const auto body = []() -> Task<void> {
        std::vector<Task<int>> tasks;
        tasks.push_back(valueAfterYields(1, 3));
        tasks.push_back(throwAfterYields(QStringLiteral("two"), 1));
        tasks.push_back(valueAfterYields(3, 0));
        const auto outcomes = co_await gatherOutcomes(std::move(tasks));
        APROC_COMPARE(outcomes.size(), std::size_t(3));
        APROC_COMPARE(outcomes[0].value(), 1);
        APROC_COMPARE(valueErrorMessage(outcomes[1].error()), QStringLiteral("two"));
        APROC_VERIFY_THROWS(outcomes[1].value(), ValueError);
        APROC_VERIFY_THROWS(outcomes[1].rethrow(), ValueError);
        APROC_COMPARE(outcomes[2].value(), 3);
        auto voids = gatherOutcomes(sleep(0ms), sleep(0ms));
        using Expected = std::tuple<Outcome<std::monostate>, Outcome<std::monostate>>;
        static_assert(std::is_same_v<decltype(voids), Future<Expected>>);
        const auto voidOutcomes = co_await voids;
        APROC_VERIFY(std::get<0>(voidOutcomes).hasValue());
        const auto nothing = co_await gatherOutcomes(std::vector<Task<int>>());
        APROC_VERIFY(nothing.empty());
    };
    APROC_RUN(body());
}

// test_cancel_gather_2: cancelling the task that awaits gather(return_exceptions=True) cancels
// the children and the task ends cancelled (the cancellation is not returned as an outcome).
void tst_Wait::gatherOutcomesCancelledAwaiterIsCancelled()
{
    const auto body = []() -> Task<void> {
        Future<int> never1, never2;
        Task<int> child1 = valueWhenSet(never1);
        Task<int> child2 = valueWhenSet(never2);
        auto gathered = gatherOutcomes(child1, child2);
        const auto awaitGathered
                = [gathered]() -> Task<void> { static_cast<void>(co_await gathered); };
        Task<void> awaiter = createTask(awaitGathered());
        const auto started = [&] { return child1.started() && child2.started(); };
        co_await yieldUntil(started);
        co_await sleep(0ms);
        APROC_VERIFY(awaiter.cancel());
        APROC_VERIFY_THROWS(co_await awaiter, CancelledError);
        APROC_VERIFY(awaiter.cancelled());
        APROC_VERIFY(child1.cancelled());
        APROC_VERIFY(child2.cancelled());
        APROC_VERIFY_THROWS(gathered.result(), CancelledError);
    };
    APROC_RUN(body());
}

// Aproc's own: what an Outcome holds.
void tst_Wait::outcomeAccessors()
{
    const Outcome<int> value(7);
    QVERIFY(value.hasValue());
    QCOMPARE(value.value(), 7);
    QVERIFY(!value.error());
    value.rethrow(); // nothing to throw
    const Outcome<int> failure(std::make_exception_ptr(ValueError(QStringLiteral("bad"))));
    QVERIFY(!failure.hasValue());
    QCOMPARE(valueErrorMessage(failure.error()), QStringLiteral("bad"));
    QVERIFY_THROWS_EXCEPTION(ValueError, failure.rethrow());
    QVERIFY_THROWS_EXCEPTION(ValueError, static_cast<void>(failure.value()));
    QCOMPARE(Outcome<QString>(QStringLiteral("moved")).value(), QStringLiteral("moved"));
}

// test_wait: ALL_COMPLETED waits for every task; the results stay with the tasks.
void tst_Wait::waitAllCompleted()
{
    const auto body = []() -> Task<void> {
        Task<int> a = createTask(valueAfterYields(1, 2));
        Task<int> b = createTask(valueAfterYields(2, 4));
        std::vector<Task<int>> tasks{b, a};
        const auto result = co_await wait(tasks);
        APROC_COMPARE(result.done.size(), std::size_t(2));
        APROC_VERIFY(result.pending.empty());
        APROC_VERIFY(result.done[0].core() == b.core()); // in input order
        APROC_COMPARE(a.result(), 1);
        APROC_COMPARE(b.result(), 2);
    };
    APROC_RUN(body());
}

// test_wait_with_exception: an exception does not end ALL_COMPLETED early.
void tst_Wait::waitWithException()
{
    const auto body = []() -> Task<void> {
        Task<int> a = valueAfterYields(1, 3);
        Task<int> b = throwAfterYields(QStringLiteral("b"), 1);
        std::vector<Task<int>> tasks{b, a};
        const auto result = co_await wait(tasks); // the unstarted tasks are scheduled
        APROC_COMPARE(result.done.size(), std::size_t(2));
        APROC_VERIFY(result.pending.empty());
        APROC_COMPARE(valueErrorMessage(b.exception()), QStringLiteral("b"));
        APROC_COMPARE(a.result(), 1);
    };
    APROC_RUN(body());
}

// test_wait_first_completed: returns at the first one done; nothing is cancelled.
void tst_Wait::waitFirstCompleted()
{
    const auto body = []() -> Task<void> {
        Future<int> never;
        Task<int> a = createTask(valueWhenSet(never));
        Task<int> b = createTask(valueAfterYields(2, 2));
        std::vector<Task<int>> tasks{b, a};
        const auto result = co_await wait(tasks, ReturnWhen::FirstCompleted);
        APROC_COMPARE(result.done.size(), std::size_t(1));
        APROC_VERIFY(result.done[0].core() == b.core());
        APROC_COMPARE(result.pending.size(), std::size_t(1));
        APROC_VERIFY(result.pending[0].core() == a.core());
        APROC_VERIFY(!a.done());
        never.setResult(1);
        APROC_COMPARE(co_await a, 1);
    };
    APROC_RUN(body());
}

// test_wait_really_done: what wait() reports done is done, what it reports pending is not.
void tst_Wait::waitReallyDone()
{
    const auto body = []() -> Task<void> {
        Task<int> a = createTask(valueAfterYields(1, 1));
        Task<int> b = createTask(valueAfterYields(2, 10)); // waking the wait takes a few steps
        std::vector<Task<int>> tasks{b, a};
        const auto result = co_await wait(tasks, ReturnWhen::FirstCompleted);
        APROC_COMPARE(result.done.size(), std::size_t(1));
        APROC_VERIFY(result.done[0].core() == a.core());
        APROC_VERIFY(a.done());
        APROC_COMPARE(a.result(), 1);
        APROC_COMPARE(result.pending.size(), std::size_t(1));
        APROC_VERIFY(!b.done());
        APROC_COMPARE(co_await b, 2);
    };
    APROC_RUN(body());
}

// test_wait_first_exception: a task that fails at once ends FIRST_EXCEPTION.
void tst_Wait::waitFirstException()
{
    const auto body = []() -> Task<void> {
        Future<int> never;
        Task<int> a = createTask(valueWhenSet(never));
        Task<int> b = createTask(throwAfterYields(QStringLiteral("b"), 0));
        std::vector<Task<int>> tasks{b, a};
        const auto result = co_await wait(tasks, ReturnWhen::FirstException);
        APROC_COMPARE(result.done.size(), std::size_t(1));
        APROC_VERIFY(result.done[0].core() == b.core());
        APROC_COMPARE(result.pending.size(), std::size_t(1));
        APROC_VERIFY(!a.done());
        a.cancel();
        APROC_VERIFY_THROWS(co_await a, CancelledError);
    };
    APROC_RUN(body());
}

// test_wait_first_exception_in_wait: the failure comes while wait() waits; a task that finished
// with a value before it does not end FIRST_EXCEPTION.
void tst_Wait::waitFirstExceptionInWait()
{
    const auto body = []() -> Task<void> {
        Future<int> never;
        Task<int> a = createTask(valueWhenSet(never));
        Task<int> quick = createTask(valueAfterYields(0, 1));
        Task<int> b = createTask(throwAfterYields(QStringLiteral("b"), 4));
        std::vector<Task<int>> tasks{b, a, quick};
        const auto result = co_await wait(tasks, ReturnWhen::FirstException);
        APROC_COMPARE(result.done.size(), std::size_t(2));
        APROC_VERIFY(contains(result.done, b));
        APROC_VERIFY(contains(result.done, quick));
        APROC_COMPARE(result.pending.size(), std::size_t(1));
        APROC_VERIFY(result.pending[0].core() == a.core());
        never.setResult(1);
        APROC_COMPARE(co_await a, 1);
    };
    APROC_RUN(body());
}

// Aproc's own, from _wait()'s _on_completion: a cancellation is not an exception for
// FIRST_EXCEPTION.
void tst_Wait::waitFirstExceptionIgnoresCancellation()
{
    const auto body = []() -> Task<void> {
        Future<int> cancelled, later;
        const std::vector<Future<int>> futures{cancelled, later};
        Task<WaitResult<Future<int>>> waiting
                = createTask(wait(futures, ReturnWhen::FirstException));
        co_await sleep(0ms);
        cancelled.cancel();
        co_await sleep(0ms);
        co_await sleep(0ms);
        APROC_VERIFY(!waiting.done());
        later.setResult(2);
        const auto result = co_await waiting;
        APROC_COMPARE(result.done.size(), std::size_t(2));
        APROC_VERIFY(result.pending.empty());
    };
    APROC_RUN(body());
}

// test_wait: FIRST_EXCEPTION without any exception is ALL_COMPLETED.
void tst_Wait::waitFirstExceptionWithoutException()
{
    const auto body = []() -> Task<void> {
        std::vector<Task<int>> tasks;
        tasks.push_back(valueAfterYields(1, 1));
        tasks.push_back(valueAfterYields(2, 3));
        const auto result = co_await wait(tasks, ReturnWhen::FirstException);
        APROC_COMPARE(result.done.size(), std::size_t(2));
        APROC_VERIFY(result.pending.empty());
    };
    APROC_RUN(body());
}

// test_wait_with_timeout: the timeout ends the wait with the unfinished ones pending, not
// cancelled.
void tst_Wait::waitWithTimeout()
{
    const auto body = []() -> Task<void> {
        Future<int> a, b;
        EventLoop::current()->callSoon([a]() mutable { a.setResult(1); });
        const std::vector<Future<int>> futures{b, a};
        const auto result = co_await wait(futures, ReturnWhen::AllCompleted, 250ms);
        APROC_COMPARE(result.done.size(), std::size_t(1));
        APROC_VERIFY(result.done[0].core() == a.core());
        APROC_COMPARE(result.pending.size(), std::size_t(1));
        APROC_VERIFY(!b.done()); // not cancelled
        b.setResult(2);
        APROC_COMPARE(co_await b, 2);
    };
    APROC_RUN(body());
}

// test_wait_concurrent_complete, test_wait_with_timeout: when everything finishes first, the
// timeout changes nothing (and its timer does not outlive the wait).
void tst_Wait::waitTimeoutWhenAllDoneFirst()
{
    const auto body = []() -> Task<void> {
        std::vector<Task<int>> tasks;
        tasks.push_back(valueAfterYields(1, 1));
        tasks.push_back(valueAfterYields(2, 2));
        const double started = EventLoop::current()->time();
        const auto result = co_await wait(tasks, ReturnWhen::AllCompleted, 10s);
        APROC_COMPARE(result.done.size(), std::size_t(2));
        APROC_VERIFY(EventLoop::current()->time() - started < 5.0);
    };
    APROC_RUN(body());
}

// test_wait_errors: an empty set and a bad return_when are ValueErrors.
void tst_Wait::waitErrors()
{
    const auto body = []() -> Task<void> {
        QString message;
        try {
            static_cast<void>(co_await wait(std::vector<Future<int>>()));
        } catch (const ValueError &error) {
            message = error.message();
        }
        APROC_VERIFY2(message.contains(QStringLiteral("tasks and futures")), qPrintable(message));
        Future<int> future;
        future.setResult(1);
        const std::vector<Future<int>> futures{future};
        APROC_VERIFY_THROWS(co_await wait(futures, ReturnWhen(42)), ValueError);
    };
    APROC_RUN(body());
}

// test_wait_duplicate_coroutines: a task given twice counts once.
void tst_Wait::waitDuplicates()
{
    const auto body = []() -> Task<void> {
        Task<int> c = valueAfterYields(7, 1);
        Task<int> d = valueAfterYields(8, 2);
        std::vector<Task<int>> tasks{c, c, d};
        const auto result = co_await wait(tasks);
        APROC_COMPARE(result.done.size(), std::size_t(2));
        APROC_COMPARE(result.done[0].result(), 7);
        APROC_COMPARE(result.done[1].result(), 8);
    };
    APROC_RUN(body());
}

// Aproc's own, from _wait()'s finally: cancelling the waiting task cancels only the wait.
void tst_Wait::waitCancelledLeavesTheTasks()
{
    const auto body = []() -> Task<void> {
        Future<int> never;
        Task<int> a = createTask(valueWhenSet(never));
        std::vector<Task<int>> tasks{a};
        Task<void> waiting = createTask(awaitAndDiscard(wait(tasks)));
        co_await sleep(0ms);
        co_await sleep(0ms);
        APROC_VERIFY(waiting.cancel());
        APROC_VERIFY_THROWS(co_await waiting, CancelledError);
        APROC_VERIFY(!a.done());
        never.setResult(3);
        APROC_COMPARE(co_await a, 3);
    };
    APROC_RUN(body());
}

// test_as_completed: the results come in the order the tasks finish.
void tst_Wait::asCompletedGivesCompletionOrder()
{
    const auto body = []() -> Task<void> {
        std::vector<Task<int>> tasks;
        tasks.push_back(valueAfterYields(1, 4));
        tasks.push_back(valueAfterYields(2, 2));
        tasks.push_back(valueAfterYields(3, 6));
        auto completed = asCompleted(tasks);
        static_assert(!std::is_copy_constructible_v<decltype(completed)>);
        APROC_COMPARE(completed.size(), std::size_t(3));
        QList<int> order;
        while (completed.hasNext()) {
            Task<int> next = co_await completed.next();
            APROC_VERIFY(next.done());
            const int value = co_await next;
            order << value;
        }
        APROC_COMPARE(order, QList<int>({2, 1, 3}));
        // Finished before anything is awaited: still in the order they finished.
        Future<int> f1, f2, f3;
        auto queued = asCompleted(std::vector<Future<int>>{f1, f2, f3});
        f3.setResult(3);
        f1.setResult(1);
        f2.setResult(2);
        QList<int> queuedOrder;
        while (queued.hasNext()) {
            Future<int> next = co_await queued.next();
            queuedOrder << next.result();
        }
        APROC_COMPARE(queuedOrder, QList<int>({3, 1, 2}));
    };
    APROC_RUN(body());
}

// test_as_completed_with_timeout: after the timeout, the next one not finished is a
// TimeoutError; it is not cancelled.
void tst_Wait::asCompletedWithTimeout()
{
    const auto body = []() -> Task<void> {
        Future<int> a, b;
        EventLoop::current()->callSoon([a]() mutable { a.setResult(1); });
        auto completed = asCompleted(std::vector<Future<int>>{a, b}, 250ms);
        Future<int> first = co_await completed.next();
        APROC_COMPARE(first.result(), 1);
        QString message;
        try {
            static_cast<void>(co_await completed.next());
        } catch (const TimeoutError &error) {
            message = error.message();
        }
        APROC_VERIFY2(message.contains(QStringLiteral("asCompleted")), qPrintable(message));
        APROC_VERIFY(!completed.hasNext());
        APROC_VERIFY(!b.done()); // not cancelled
        b.setResult(2);
        co_await sleep(0ms);
    };
    APROC_RUN(body());
}

// test_as_completed_with_unused_timeout: a timeout that does not pass changes nothing.
void tst_Wait::asCompletedWithUnusedTimeout()
{
    const auto body = []() -> Task<void> {
        std::vector<Task<int>> tasks{valueAfterYields(5, 1)};
        auto completed = asCompleted(tasks, 10s);
        Task<int> only = co_await completed.next();
        APROC_COMPARE(only.result(), 5);
    };
    APROC_RUN(body());
}

// test_as_completed_reverse_wait: the awaitables are interchangeable: whichever is awaited first
// gets the first one to finish.
void tst_Wait::asCompletedReverseWait()
{
    const auto body = []() -> Task<void> {
        Future<int> a, b;
        auto completed = asCompleted(std::vector<Future<int>>{a, b});
        Task<Future<int>> first = completed.next();
        Task<Future<int>> second = completed.next();
        Task<Future<int>> secondAwaited = createTask(second);
        co_await sleep(0ms);
        a.setResult(1);
        const Future<int> x = co_await secondAwaited;
        APROC_COMPARE(x.result(), 1);
        b.setResult(2);
        const Future<int> y = co_await first;
        APROC_COMPARE(y.result(), 2);
    };
    APROC_RUN(body());
}

// test_as_completed_concurrent: the next() awaitables can be awaited together (here by wait()).
void tst_Wait::asCompletedConcurrent()
{
    const auto body = []() -> Task<void> {
        std::vector<Task<int>> tasks{valueAfterYields(1, 2), valueAfterYields(2, 2)};
        auto completed = asCompleted(tasks);
        std::vector<Task<Task<int>>> nexts{completed.next(), completed.next()};
        const auto result = co_await wait(nexts);
        APROC_COMPARE(result.done.size(), std::size_t(2));
        const int sum = result.done[0].result().result() + result.done[1].result().result();
        APROC_COMPARE(sum, 3);
        APROC_VERIFY(result.done[0].result().core() != result.done[1].result().core());
    };
    APROC_RUN(body());
}

// test_as_completed_duplicate_coroutines: a task given twice is handed out once.
void tst_Wait::asCompletedDuplicates()
{
    const auto body = []() -> Task<void> {
        Task<int> c = valueAfterYields(7, 1);
        std::vector<Task<int>> tasks{c, c, valueAfterYields(8, 2)};
        auto completed = asCompleted(tasks);
        APROC_COMPARE(completed.size(), std::size_t(2));
        Task<int> first = co_await completed.next();
        Task<int> second = co_await completed.next();
        APROC_COMPARE(first.result(), 7);
        APROC_COMPARE(second.result(), 8);
    };
    APROC_RUN(body());
}

// test_as_completed_invalid_args has no counterpart (the types refuse those arguments); an empty
// list gives nothing, and a next() too many is an InvalidStateError (Aproc's own).
void tst_Wait::asCompletedOfNothingAndTooManyNext()
{
    const auto body = []() -> Task<void> {
        auto nothing = asCompleted(std::vector<Future<int>>(), 1ms);
        APROC_COMPARE(nothing.size(), std::size_t(0));
        APROC_VERIFY(!nothing.hasNext());
        APROC_VERIFY_THROWS(co_await nothing.next(), InvalidStateError);
        Future<int> done;
        done.setResult(4);
        auto one = asCompleted(std::vector<Future<int>>{done});
        Future<int> only = co_await one.next();
        APROC_COMPARE(only.result(), 4);
        APROC_VERIFY_THROWS(co_await one.next(), InvalidStateError);
    };
    APROC_RUN(body());
}

QTEST_GUILESS_MAIN(tst_Wait)
#include "tst_wait.moc"
