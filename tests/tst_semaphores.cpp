// SPDX-License-Identifier: MIT
// Semaphore, BoundedSemaphore and Barrier, checked against what asyncio 3.11 does (CPython's
// Lib/test/test_asyncio/test_locks.py: SemaphoreTests, BarrierTests).
#include <aproc/barrier.h>
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/semaphore.h>
#include <aproc/task.h>
#include <aproc/testing.h>

#include "support/exceptions.h"
#include "support/yield.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <exception>

using namespace aproc;
using namespace aproc::testsupport;

namespace {

/*! Acquires a unit of \a semaphore and records \a id in \a order; releases at once. */
Task<void> takeUnit(Semaphore *semaphore, QList<int> *order, int id)
{
    SemaphoreGuard guard = co_await semaphore->acquire();
    order->append(id);
}

/*! Acquires a unit of \a semaphore for good (the caller releases it). */
Task<void> keepUnit(Semaphore *semaphore, QList<int> *order, int id)
{
    co_await semaphore->acquireUnguarded();
    order->append(id);
}

/*! Waits \a times on \a barrier; records each index in \a indices. */
Task<void> passBarrier(Barrier *barrier, QList<int> *indices, int times = 1)
{
    for (int i = 0; i < times; ++i) {
        const int index = co_await barrier->wait();
        indices->append(index);
    }
}

/*! The message of what \a task threw when awaited, as caught<E>() gives it. */
template<typename E> Task<QString> thrownBy(Task<void> task)
{
    std::exception_ptr error;
    try {
        co_await task;
    } catch (...) {
        error = std::current_exception();
    }
    co_return caught<E>(error);
}

} // namespace

class tst_Semaphores : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void semaphoreInitialValueZero();
    void semaphoreNegativeValueIsValueError();
    void semaphoreCounts();
    void semaphoreReleaseWithoutWaiters();
    void semaphoreWaitersAreServedInOrder();
    void semaphoreNewcomerDoesNotOvertake();
    void semaphoreAcquireCancelledWhileWaiting();
    void semaphoreCancelledAfterWakeUpPassesItOn();
    void semaphoreWokenAndCancelledDoesNotHang();
    void semaphoreGuardReleasesOnException();
    void boundedSemaphoreOverReleaseIsValueError();
    void barrierPartiesMustBePositive();
    void barrierFillingOneTask();
    void barrierFillingTaskByTask();
    void barrierGivesEachTaskItsIndex();
    void barrierTasksWaitTwice();
    void barrierWaiterCancelled();
    void barrierResetWhileTasksWait();
    void barrierAbort();
};

// test_locks.SemaphoreTests.test_initial_value_zero
void tst_Semaphores::semaphoreInitialValueZero()
{
    Semaphore semaphore(0);
    QVERIFY(semaphore.locked());
    QCOMPARE(semaphore.value(), 0);
}

// test_locks.SemaphoreTests.test_semaphore_value
void tst_Semaphores::semaphoreNegativeValueIsValueError()
{
    try {
        Semaphore semaphore(-1);
        QFAIL("Semaphore(-1) did not throw");
    } catch (const ValueError &error) {
        QCOMPARE(error.message(), QStringLiteral("Semaphore initial value must be >= 0, not -1"));
    }
    QVERIFY_THROWS_EXCEPTION(ValueError, BoundedSemaphore(-3));
}

// test_locks.SemaphoreTests.test_semaphore and test_acquire
void tst_Semaphores::semaphoreCounts()
{
    const auto body = []() -> Task<void> {
        Semaphore semaphore(3);
        QList<int> order;
        APROC_VERIFY(!semaphore.locked());
        co_await semaphore.acquireUnguarded();
        SemaphoreGuard second = co_await semaphore.acquire();
        SemaphoreGuard third = co_await semaphore.acquire();
        APROC_COMPARE(semaphore.value(), 0);
        APROC_VERIFY(semaphore.locked());
        Task<void> fourth = createTask(takeUnit(&semaphore, &order, 4));
        co_await yieldTimes(3);
        APROC_VERIFY(order.isEmpty());
        third.release();
        co_await fourth;
        APROC_COMPARE(order, QList<int>{4});
        APROC_COMPARE(semaphore.value(), 1);
        second.release();
        semaphore.release();
        APROC_COMPARE(semaphore.value(), 3);
    };
    APROC_RUN(body());
}

// test_locks.SemaphoreTests.test_release_no_waiters
void tst_Semaphores::semaphoreReleaseWithoutWaiters()
{
    Semaphore semaphore(0);
    semaphore.release(); // an unbounded semaphore counts above its initial value
    semaphore.release();
    QCOMPARE(semaphore.value(), 2);
    QVERIFY(!semaphore.locked());
}

// test_locks.SemaphoreTests.test_acquire_fifo_order
void tst_Semaphores::semaphoreWaitersAreServedInOrder()
{
    const auto body = []() -> Task<void> {
        Semaphore semaphore(0);
        QList<int> order;
        Task<void> a = createTask(takeUnit(&semaphore, &order, 1));
        Task<void> b = createTask(takeUnit(&semaphore, &order, 2));
        Task<void> c = createTask(takeUnit(&semaphore, &order, 3));
        co_await yieldTimes(3);
        semaphore.release();
        co_await a;
        co_await b;
        co_await c;
        const QList<int> expected{1, 2, 3};
        APROC_COMPARE(order, expected);
        APROC_COMPARE(semaphore.value(), 1);
    };
    APROC_RUN(body());
}

// test_locks.SemaphoreTests.test_acquire_fifo_order_2 and test_acquire_fifo_order_3
void tst_Semaphores::semaphoreNewcomerDoesNotOvertake()
{
    const auto body = []() -> Task<void> {
        Semaphore semaphore(0);
        QList<int> order;
        Task<void> a = createTask(keepUnit(&semaphore, &order, 1));
        Task<void> b = createTask(keepUnit(&semaphore, &order, 2));
        co_await yieldTimes(2);
        semaphore.release(); // the unit is a's, though a has not run yet
        APROC_VERIFY(semaphore.locked());
        Task<void> newcomer = createTask(keepUnit(&semaphore, &order, 3));
        co_await yieldTimes(3);
        APROC_COMPARE(order, QList<int>{1});
        semaphore.release();
        semaphore.release();
        co_await b;
        co_await newcomer;
        const QList<int> expected{1, 2, 3};
        APROC_COMPARE(order, expected);
        APROC_COMPARE(semaphore.value(), 0);
        co_await a;

        // A unit released while the woken waiter has not run yet is not for a newcomer either.
        Semaphore other(0);
        QList<int> otherOrder;
        Task<void> woken = createTask(keepUnit(&other, &otherOrder, 1));
        co_await yieldTimes(2);
        other.release(); // woken gets the unit
        other.release(); // nobody else waits: the unit stays
        APROC_COMPARE(other.value(), 1);
        APROC_VERIFY(other.locked()); // the woken waiter is still queued
        co_await other.acquireUnguarded(); // so this one queues behind it
        otherOrder.append(2);
        co_await woken;
        const QList<int> otherExpected{1, 2};
        APROC_COMPARE(otherOrder, otherExpected);

        // The same through acquire(), which takes a free unit in its own frame.
        Semaphore guarded(0);
        QList<int> guardedOrder;
        Task<void> wokenFirst = createTask(keepUnit(&guarded, &guardedOrder, 1));
        co_await yieldTimes(2);
        guarded.release();
        guarded.release();
        APROC_VERIFY(guarded.locked());
        SemaphoreGuard guard = co_await guarded.acquire();
        guardedOrder.append(2);
        co_await wokenFirst;
        const QList<int> guardedExpected{1, 2};
        APROC_COMPARE(guardedOrder, guardedExpected);
    };
    APROC_RUN(body());
}

// test_locks.SemaphoreTests.test_acquire_cancel
void tst_Semaphores::semaphoreAcquireCancelledWhileWaiting()
{
    const auto body = []() -> Task<void> {
        Semaphore semaphore(0);
        QList<int> order;
        Task<void> waiter = createTask(takeUnit(&semaphore, &order, 1));
        co_await yieldTimes(2);
        APROC_VERIFY(waiter.cancel());
        APROC_VERIFY_THROWS(co_await waiter, CancelledError);
        APROC_VERIFY(order.isEmpty());
        APROC_COMPARE(semaphore.value(), 0);
        semaphore.release();
        APROC_COMPARE(semaphore.value(), 1); // nobody left waiting took it
        APROC_VERIFY(!semaphore.locked());
    };
    APROC_RUN(body());
}

// test_locks.SemaphoreTests.test_acquire_cancel_before_awoken
void tst_Semaphores::semaphoreCancelledAfterWakeUpPassesItOn()
{
    const auto body = []() -> Task<void> {
        Semaphore semaphore(0);
        QList<int> order;
        Task<void> t1 = createTask(keepUnit(&semaphore, &order, 1));
        Task<void> t2 = createTask(keepUnit(&semaphore, &order, 2));
        Task<void> t3 = createTask(keepUnit(&semaphore, &order, 3));
        Task<void> t4 = createTask(keepUnit(&semaphore, &order, 4));
        co_await yieldTimes(2);
        semaphore.release(); // t1 is given the unit...
        t1.cancel(); // ...and cancelled before it runs: the unit moves on
        t2.cancel(); // t2 was not woken: cancelling it gives nothing back
        APROC_VERIFY_THROWS(co_await t1, CancelledError);
        APROC_VERIFY_THROWS(co_await t2, CancelledError);
        // Named, not a temporary in the co_await: GCC 12 destroys such a temporary twice
        // (its Task copy would be released twice).
        const auto t3DoneCondition = [t3] { return t3.done(); };
        const bool t3Done = co_await yieldUntil(t3DoneCondition);
        APROC_VERIFY(t3Done);
        co_await yieldTimes(3);
        APROC_VERIFY(!t4.done());
        APROC_COMPARE(order, QList<int>{3});
        APROC_COMPARE(semaphore.value(), 0);
        t4.cancel();
        APROC_VERIFY_THROWS(co_await t4, CancelledError);
    };
    APROC_RUN(body());
}

// test_locks.SemaphoreTests.test_acquire_hang
void tst_Semaphores::semaphoreWokenAndCancelledDoesNotHang()
{
    const auto body = []() -> Task<void> {
        Semaphore semaphore(0);
        QList<int> order;
        Task<void> t1 = createTask(takeUnit(&semaphore, &order, 1));
        Task<void> t2 = createTask(takeUnit(&semaphore, &order, 2));
        co_await yieldTimes(2);
        semaphore.release();
        t1.cancel();
        APROC_VERIFY_THROWS(co_await t1, CancelledError);
        // Named, not a temporary in the co_await: GCC 12 destroys such a temporary twice
        // (its Task copy would be released twice).
        const auto t2DoneCondition = [t2] { return t2.done(); };
        const bool t2Done = co_await yieldUntil(t2DoneCondition);
        APROC_VERIFY(t2Done);
        APROC_VERIFY(!semaphore.locked());
        APROC_COMPARE(semaphore.value(), 1);
    };
    APROC_RUN(body());
}

// test_locks.SemaphoreTests.test_context_manager
void tst_Semaphores::semaphoreGuardReleasesOnException()
{
    const auto body = []() -> Task<void> {
        Semaphore semaphore(2);
        Task<void> failing = [](Semaphore *s) -> Task<void> {
            SemaphoreGuard guard = co_await s->acquire();
            SemaphoreGuard other = std::move(guard);
            throw ValueError(QStringLiteral("inside the semaphore"));
        }(&semaphore);
        APROC_VERIFY_THROWS(co_await failing, ValueError);
        APROC_COMPARE(semaphore.value(), 2);
        {
            SemaphoreGuard guard = co_await semaphore.acquire();
            APROC_VERIFY(guard.ownsUnit());
            APROC_COMPARE(semaphore.value(), 1);
        }
        APROC_COMPARE(semaphore.value(), 2);
    };
    APROC_RUN(body());
}

// test_locks.SemaphoreTests.test_release_not_acquired (BoundedSemaphore)
void tst_Semaphores::boundedSemaphoreOverReleaseIsValueError()
{
    const auto body = []() -> Task<void> {
        BoundedSemaphore semaphore(1);
        APROC_VERIFY_THROWS(semaphore.release(), ValueError);
        APROC_COMPARE(semaphore.value(), 1);
        {
            SemaphoreGuard guard = co_await semaphore.acquire();
        }
        APROC_COMPARE(semaphore.value(), 1);
        std::exception_ptr error;
        try {
            semaphore.release();
        } catch (...) {
            error = std::current_exception();
        }
        APROC_COMPARE(caught<ValueError>(error),
                      QStringLiteral("BoundedSemaphore released too many times (its initial "
                                     "value is 1)"));
        APROC_COMPARE(semaphore.value(), 1);
    };
    APROC_RUN(body());
}

// test_locks.BarrierTests.test_barrier_parties
void tst_Semaphores::barrierPartiesMustBePositive()
{
    try {
        Barrier barrier(0);
        QFAIL("Barrier(0) did not throw");
    } catch (const ValueError &error) {
        QCOMPARE(error.message(), QStringLiteral("Barrier parties must be > 0, not 0"));
    }
    QVERIFY_THROWS_EXCEPTION(ValueError, Barrier(-1));
    Barrier barrier(5);
    QCOMPARE(barrier.parties(), 5);
    QCOMPARE(barrier.nWaiting(), 0);
    QVERIFY(!barrier.broken());
}

// test_locks.BarrierTests.test_filling_one_task
void tst_Semaphores::barrierFillingOneTask()
{
    const auto body = []() -> Task<void> {
        Barrier barrier(1);
        const int index = co_await barrier.wait();
        APROC_COMPARE(index, 0);
        APROC_COMPARE(barrier.nWaiting(), 0);
        APROC_VERIFY(!barrier.broken());
    };
    APROC_RUN(body());
}

// test_locks.BarrierTests.test_filling_task_by_task
void tst_Semaphores::barrierFillingTaskByTask()
{
    const auto body = []() -> Task<void> {
        Barrier barrier(3);
        QList<int> indices;
        Task<void> a = createTask(passBarrier(&barrier, &indices));
        co_await yieldTimes(2);
        APROC_COMPARE(barrier.nWaiting(), 1);
        Task<void> b = createTask(passBarrier(&barrier, &indices));
        co_await yieldTimes(2);
        APROC_COMPARE(barrier.nWaiting(), 2);
        APROC_VERIFY(indices.isEmpty());
        const int last = co_await barrier.wait();
        APROC_COMPARE(last, 2);
        co_await a;
        co_await b;
        const QList<int> expected{0, 1};
        APROC_COMPARE(indices, expected);
        APROC_COMPARE(barrier.nWaiting(), 0);
    };
    APROC_RUN(body());
}

// test_locks.BarrierTests.test_filling_tasks_check_return_value
void tst_Semaphores::barrierGivesEachTaskItsIndex()
{
    const auto body = []() -> Task<void> {
        Barrier barrier(4);
        QList<int> indices;
        QList<Task<void>> tasks;
        for (int i = 0; i < 4; ++i)
            tasks.append(createTask(passBarrier(&barrier, &indices)));
        for (const Task<void> &task : tasks)
            co_await task;
        std::sort(indices.begin(), indices.end());
        const QList<int> expected{0, 1, 2, 3};
        APROC_COMPARE(indices, expected);
        APROC_VERIFY(!barrier.broken());
    };
    APROC_RUN(body());
}

// test_locks.BarrierTests.test_filling_tasks_wait_twice
void tst_Semaphores::barrierTasksWaitTwice()
{
    const auto body = []() -> Task<void> {
        Barrier barrier(3);
        QList<int> indices;
        QList<Task<void>> tasks;
        for (int i = 0; i < 3; ++i)
            tasks.append(createTask(passBarrier(&barrier, &indices, 2)));
        for (const Task<void> &task : tasks)
            co_await task;
        APROC_COMPARE(indices.size(), 6);
        std::sort(indices.begin(), indices.end());
        const QList<int> expected{0, 0, 1, 1, 2, 2};
        APROC_COMPARE(indices, expected);
        APROC_COMPARE(barrier.nWaiting(), 0);
    };
    APROC_RUN(body());
}

// test_locks.BarrierTests.test_filling_tasks_cancel_one
void tst_Semaphores::barrierWaiterCancelled()
{
    const auto body = []() -> Task<void> {
        Barrier barrier(3);
        QList<int> indices;
        Task<void> a = createTask(passBarrier(&barrier, &indices));
        Task<void> cancelled = createTask(passBarrier(&barrier, &indices));
        co_await yieldTimes(3);
        APROC_COMPARE(barrier.nWaiting(), 2);
        cancelled.cancel();
        APROC_VERIFY_THROWS(co_await cancelled, CancelledError);
        APROC_COMPARE(barrier.nWaiting(), 1);
        Task<void> b = createTask(passBarrier(&barrier, &indices));
        Task<void> c = createTask(passBarrier(&barrier, &indices));
        co_await a;
        co_await b;
        co_await c;
        APROC_COMPARE(indices.size(), 3);
        APROC_VERIFY(!barrier.broken());
    };
    APROC_RUN(body());
}

// test_locks.BarrierTests.test_reset_barrier_while_tasks_waiting
void tst_Semaphores::barrierResetWhileTasksWait()
{
    const auto body = []() -> Task<void> {
        Barrier barrier(3);
        QList<int> indices;
        Task<void> a = createTask(passBarrier(&barrier, &indices));
        Task<void> b = createTask(passBarrier(&barrier, &indices));
        co_await yieldTimes(3);
        co_await barrier.reset();
        const QString aError = co_await thrownBy<BrokenBarrierError>(a);
        APROC_COMPARE(aError, QStringLiteral("Abort or reset of barrier"));
        const QString bError = co_await thrownBy<BrokenBarrierError>(b);
        APROC_COMPARE(bError, QStringLiteral("Abort or reset of barrier"));
        APROC_VERIFY(!barrier.broken());
        APROC_COMPARE(barrier.nWaiting(), 0);
        // Usable again.
        Task<void> c = createTask(passBarrier(&barrier, &indices));
        Task<void> d = createTask(passBarrier(&barrier, &indices));
        co_await passBarrier(&barrier, &indices);
        co_await c;
        co_await d;
        APROC_COMPARE(indices.size(), 3);
    };
    APROC_RUN(body());
}

// test_locks.BarrierTests.test_abort_barrier
void tst_Semaphores::barrierAbort()
{
    const auto body = []() -> Task<void> {
        Barrier barrier(3);
        QList<int> indices;
        Task<void> a = createTask(passBarrier(&barrier, &indices));
        Task<void> b = createTask(passBarrier(&barrier, &indices));
        co_await yieldTimes(3);
        co_await barrier.abort();
        APROC_VERIFY(barrier.broken());
        APROC_VERIFY_THROWS(co_await a, BrokenBarrierError);
        APROC_VERIFY_THROWS(co_await b, BrokenBarrierError);
        const QString later
                = co_await thrownBy<BrokenBarrierError>(passBarrier(&barrier, &indices));
        APROC_COMPARE(later, QStringLiteral("Barrier aborted"));
        APROC_VERIFY(indices.isEmpty());
        // BrokenBarrierError is a RuntimeError, as in asyncio.
        APROC_VERIFY_THROWS(co_await passBarrier(&barrier, &indices), RuntimeError);
        co_await barrier.reset();
        APROC_VERIFY(!barrier.broken());
    };
    APROC_RUN(body());
}

QTEST_GUILESS_MAIN(tst_Semaphores)
#include "tst_semaphores.moc"
