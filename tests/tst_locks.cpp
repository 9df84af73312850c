// SPDX-License-Identifier: MIT
// Lock, Event and Condition, checked against what asyncio 3.11 does (CPython's
// Lib/test/test_asyncio/test_locks.py: LockTests, EventTests, ConditionTests).
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/locks.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>

#include "support/exceptions.h"
#include "support/yield.h"

#include <QtTest/QtTest>

using namespace aproc;
using namespace aproc::testsupport;

namespace {

/*! Acquires \a lock, records \a id in \a order, and holds the lock until \a until is done. */
Task<void> takeLock(Lock *lock, QList<int> *order, int id, Future<void> until)
{
    LockGuard guard = co_await lock->acquire();
    order->append(id);
    co_await until;
}

/*! Acquires \a lock and records \a id in \a order; releases at once. */
Task<void> passThrough(Lock *lock, QList<int> *order, int id)
{
    LockGuard guard = co_await lock->acquire();
    order->append(id);
}

/*! Waits for \a event, then records \a id. */
Task<void> waitEvent(Event *event, QList<int> *order, int id)
{
    co_await event->wait();
    order->append(id);
}

/*! Under the condition's lock: waits once, then records \a id and whether it holds the lock. */
Task<void> waitCondition(Condition *condition, QList<int> *order, int id)
{
    LockGuard guard = co_await condition->acquire();
    co_await condition->wait();
    order->append(condition->locked() ? id : -id);
}

/*! Waits on \a condition; records whether the lock was held when the wait threw. */
Task<void> waitRecordingCancel(Condition *condition, bool *lockedOnCancel)
{
    LockGuard guard = co_await condition->acquire();
    try {
        co_await condition->wait();
    } catch (const CancelledError &) {
        *lockedOnCancel = condition->locked();
        throw;
    }
}

} // namespace

class tst_Locks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lockWaitersAreServedInOrder();
    void lockNewcomerDoesNotOvertakeAWokenWaiter();
    void lockAcquireCancelledWhileWaiting();
    void lockCancelledWaiterIsSkipped();
    void lockCancelledAfterWakeUpPassesItOn();
    void lockGuardReleasesOnException();
    void lockGuardReleaseAndMove();
    void lockReleaseUnlockedIsRuntimeError();
    void eventWaitWakesEveryWaiter();
    void eventWaitOnSetDoesNotSuspend();
    void eventWaitCancelled();
    void eventClear();
    void eventClearWithWaiters();
    void conditionNotifyWakesInOrder();
    void conditionNotifyAll();
    void conditionWaitCancelledReacquiresTheLock();
    void conditionWaitCancelledWhileTheLockIsContested();
    void conditionWaitCancelledAfterNotify();
    void conditionWaitFor();
    void conditionUnacquiredIsRuntimeError();
    void conditionExplicitLock();
};

// test_locks.LockTests.test_acquire
void tst_Locks::lockWaitersAreServedInOrder()
{
    const auto body = []() -> Task<void> {
        Lock lock;
        QList<int> order;
        LockGuard held = co_await lock.acquire();
        APROC_VERIFY(lock.locked());
        Task<void> first = createTask(passThrough(&lock, &order, 1));
        Task<void> second = createTask(passThrough(&lock, &order, 2));
        Task<void> third = createTask(passThrough(&lock, &order, 3));
        co_await yieldTimes(3);
        APROC_VERIFY(order.isEmpty());
        held.release();
        co_await first;
        co_await second;
        co_await third;
        const QList<int> expected{1, 2, 3};
        APROC_COMPARE(order, expected);
        APROC_VERIFY(!lock.locked());
    };
    APROC_RUN(body());
}

// test_locks.LockTests.test_acquire (the waiter woken by release() keeps its turn)
void tst_Locks::lockNewcomerDoesNotOvertakeAWokenWaiter()
{
    const auto body = []() -> Task<void> {
        Lock lock;
        QList<int> order;
        co_await lock.acquireUnguarded();
        Task<void> waiter = createTask(passThrough(&lock, &order, 1));
        co_await yieldTimes(2);
        lock.release(); // wakes the waiter, which has not run yet
        APROC_VERIFY(!lock.locked());
        LockGuard newcomer = co_await lock.acquire();
        order.append(2);
        co_await waiter;
        const QList<int> expected{1, 2};
        APROC_COMPARE(order, expected);
    };
    APROC_RUN(body());
}

// test_locks.LockTests.test_acquire_cancel
void tst_Locks::lockAcquireCancelledWhileWaiting()
{
    const auto body = []() -> Task<void> {
        Lock lock;
        QList<int> order;
        co_await lock.acquireUnguarded();
        Task<void> waiter = createTask(passThrough(&lock, &order, 1));
        co_await yieldTimes(2);
        APROC_VERIFY(waiter.cancel());
        APROC_VERIFY_THROWS(co_await waiter, CancelledError);
        APROC_VERIFY(order.isEmpty());
        APROC_VERIFY(lock.locked());
        lock.release();
        APROC_VERIFY(!lock.locked()); // no waiter left behind holding it
        LockGuard again = co_await lock.acquire();
        APROC_VERIFY(lock.locked());
    };
    APROC_RUN(body());
}

// test_locks.LockTests.test_cancel_race
void tst_Locks::lockCancelledWaiterIsSkipped()
{
    const auto body = []() -> Task<void> {
        Lock lock;
        QList<int> order;
        Future<void> releaseFirst;
        Task<void> a = createTask(takeLock(&lock, &order, 1, releaseFirst));
        co_await yieldTimes(1);
        APROC_VERIFY(lock.locked());
        Task<void> b = createTask(passThrough(&lock, &order, 2));
        Task<void> c = createTask(passThrough(&lock, &order, 3));
        co_await yieldTimes(2);
        b.cancel();
        releaseFirst.setResult();
        co_await a;
        APROC_VERIFY_THROWS(co_await b, CancelledError);
        co_await c;
        const QList<int> expected{1, 3};
        APROC_COMPARE(order, expected);
        APROC_VERIFY(!lock.locked());
    };
    APROC_RUN(body());
}

// test_locks.LockTests.test_finished_waiter_cancelled and test_cancel_release_race
void tst_Locks::lockCancelledAfterWakeUpPassesItOn()
{
    const auto body = []() -> Task<void> {
        Lock lock;
        QList<int> order;
        co_await lock.acquireUnguarded();
        Task<void> woken = createTask(passThrough(&lock, &order, 1));
        Task<void> next = createTask(passThrough(&lock, &order, 2));
        co_await yieldTimes(2);
        lock.release(); // wakes `woken`...
        woken.cancel(); // ...which is cancelled before it runs: `next` must get the lock
        APROC_VERIFY_THROWS(co_await woken, CancelledError);
        // Named, not a temporary in the co_await: GCC 12 destroys such a temporary twice
        // (its Task copy would be released twice).
        const auto nextDoneCondition = [next] { return next.done(); };
        const bool nextDone = co_await yieldUntil(nextDoneCondition);
        APROC_VERIFY(nextDone);
        const QList<int> expected{2};
        APROC_COMPARE(order, expected);
        APROC_VERIFY(!lock.locked());
    };
    APROC_RUN(body());
}

// test_locks.LockTests.test_context_manager (async with releases when the body raises)
void tst_Locks::lockGuardReleasesOnException()
{
    const auto body = []() -> Task<void> {
        Lock lock;
        Task<void> failing = [](Lock *l) -> Task<void> {
            LockGuard guard = co_await l->acquire();
            throw ValueError(QStringLiteral("inside the lock"));
        }(&lock);
        APROC_VERIFY_THROWS(co_await failing, ValueError);
        APROC_VERIFY(!lock.locked());
    };
    APROC_RUN(body());
}

// test_locks.LockTests.test_context_manager (release inside the block, guard moved out)
void tst_Locks::lockGuardReleaseAndMove()
{
    const auto body = []() -> Task<void> {
        Lock lock;
        LockGuard guard = co_await lock.acquire();
        APROC_VERIFY(guard.ownsLock());
        LockGuard moved = std::move(guard);
        APROC_VERIFY(!guard.ownsLock());
        APROC_VERIFY(moved.ownsLock());
        APROC_VERIFY(lock.locked());
        moved.release();
        APROC_VERIFY(!moved.ownsLock());
        APROC_VERIFY(!lock.locked());
        {
            LockGuard scoped = co_await lock.acquire();
            APROC_VERIFY(lock.locked());
        }
        APROC_VERIFY(!lock.locked());
        // Released behind the guard's back: the guard reports it instead of throwing.
        ExceptionRecorder recorder;
        {
            LockGuard stale = co_await lock.acquire();
            lock.release();
        }
        APROC_COMPARE(recorder.contexts.size(), size_t(1));
        APROC_COMPARE(caught<RuntimeError>(recorder.contexts.front().exception),
                      QStringLiteral("Lock is not acquired."));
    };
    APROC_RUN(body());
}

// test_locks.LockTests.test_release_not_acquired
void tst_Locks::lockReleaseUnlockedIsRuntimeError()
{
    Lock lock;
    try {
        lock.release();
        QFAIL("release() of an unlocked Lock did not throw");
    } catch (const RuntimeError &error) {
        QCOMPARE(error.message(), QStringLiteral("Lock is not acquired."));
    }
    QVERIFY(!lock.locked());
}

// test_locks.EventTests.test_wait
void tst_Locks::eventWaitWakesEveryWaiter()
{
    const auto body = []() -> Task<void> {
        Event event;
        QList<int> order;
        APROC_VERIFY(!event.isSet());
        Task<void> a = createTask(waitEvent(&event, &order, 1));
        Task<void> b = createTask(waitEvent(&event, &order, 2));
        Task<void> c = createTask(waitEvent(&event, &order, 3));
        co_await yieldTimes(3);
        APROC_VERIFY(order.isEmpty());
        event.set();
        APROC_VERIFY(event.isSet());
        co_await a;
        co_await b;
        co_await c;
        const QList<int> expected{1, 2, 3};
        APROC_COMPARE(order, expected);
    };
    APROC_RUN(body());
}

// test_locks.EventTests.test_wait_on_set
void tst_Locks::eventWaitOnSetDoesNotSuspend()
{
    const auto body = []() -> Task<void> {
        Event event;
        event.set();
        bool other = false;
        EventLoop::current()->callSoon([&other] { other = true; });
        co_await event.wait();
        APROC_VERIFY(!other); // returned without letting the loop run
        co_await yieldTimes(1);
        APROC_VERIFY(other);
    };
    APROC_RUN(body());
}

// test_locks.EventTests.test_wait_cancel
void tst_Locks::eventWaitCancelled()
{
    const auto body = []() -> Task<void> {
        Event event;
        QList<int> order;
        Task<void> waiter = createTask(waitEvent(&event, &order, 1));
        co_await yieldTimes(1);
        APROC_VERIFY(waiter.cancel());
        APROC_VERIFY_THROWS(co_await waiter, CancelledError);
        event.set();
        co_await yieldTimes(1);
        APROC_VERIFY(order.isEmpty());
    };
    APROC_RUN(body());
}

// test_locks.EventTests.test_clear
void tst_Locks::eventClear()
{
    Event event;
    QVERIFY(!event.isSet());
    event.set();
    QVERIFY(event.isSet());
    event.clear();
    QVERIFY(!event.isSet());
}

// test_locks.EventTests.test_clear_with_waiters
void tst_Locks::eventClearWithWaiters()
{
    const auto body = []() -> Task<void> {
        Event event;
        QList<int> order;
        Task<void> waiter = createTask(waitEvent(&event, &order, 1));
        co_await yieldTimes(1);
        event.set();
        event.clear(); // the waiter was woken already: it still returns
        APROC_VERIFY(!event.isSet());
        event.set();
        event.set();
        co_await waiter;
        const QList<int> expected{1};
        APROC_COMPARE(order, expected);
    };
    APROC_RUN(body());
}

// test_locks.ConditionTests.test_wait and test_notify
void tst_Locks::conditionNotifyWakesInOrder()
{
    const auto body = []() -> Task<void> {
        Condition condition;
        QList<int> order;
        Task<void> a = createTask(waitCondition(&condition, &order, 1));
        Task<void> b = createTask(waitCondition(&condition, &order, 2));
        Task<void> c = createTask(waitCondition(&condition, &order, 3));
        co_await yieldTimes(3);
        APROC_VERIFY(!condition.locked()); // each waiter released the lock
        LockGuard guard = co_await condition.acquire();
        condition.notify(1);
        co_await yieldTimes(2);
        APROC_VERIFY(order.isEmpty()); // woken, but the lock is still ours
        guard.release();
        co_await a;
        APROC_COMPARE(order, QList<int>{1});
        guard = co_await condition.acquire();
        condition.notify(2);
        guard.release();
        co_await b;
        co_await c;
        const QList<int> expected{1, 2, 3};
        APROC_COMPARE(order, expected);
        APROC_VERIFY(!condition.locked());
    };
    APROC_RUN(body());
}

// test_locks.ConditionTests.test_notify_all
void tst_Locks::conditionNotifyAll()
{
    const auto body = []() -> Task<void> {
        Condition condition;
        QList<int> order;
        Task<void> a = createTask(waitCondition(&condition, &order, 1));
        Task<void> b = createTask(waitCondition(&condition, &order, 2));
        co_await yieldTimes(2);
        {
            LockGuard guard = co_await condition.acquire();
            condition.notifyAll();
        }
        co_await a;
        co_await b;
        const QList<int> expected{1, 2};
        APROC_COMPARE(order, expected);
    };
    APROC_RUN(body());
}

// test_locks.ConditionTests.test_wait_cancel
void tst_Locks::conditionWaitCancelledReacquiresTheLock()
{
    const auto body = []() -> Task<void> {
        Condition condition;
        bool lockedOnCancel = false;
        Task<void> waiter = createTask(waitRecordingCancel(&condition, &lockedOnCancel));
        co_await yieldTimes(2);
        APROC_VERIFY(!condition.locked());
        waiter.cancel();
        APROC_VERIFY_THROWS(co_await waiter, CancelledError);
        APROC_VERIFY(lockedOnCancel);
        APROC_VERIFY(!condition.locked()); // and its guard released it
    };
    APROC_RUN(body());
}

// test_locks.ConditionTests.test_wait_cancel_contested
void tst_Locks::conditionWaitCancelledWhileTheLockIsContested()
{
    const auto body = []() -> Task<void> {
        Condition condition;
        bool lockedOnCancel = false;
        Task<void> waiter = createTask(waitRecordingCancel(&condition, &lockedOnCancel));
        co_await yieldTimes(2);
        LockGuard guard = co_await condition.acquire();
        waiter.cancel();
        co_await yieldTimes(3);
        APROC_VERIFY(!waiter.done()); // cancelled, but it waits for the lock first
        guard.release();
        APROC_VERIFY_THROWS(co_await waiter, CancelledError);
        APROC_VERIFY(lockedOnCancel);
        APROC_VERIFY(!condition.locked());
    };
    APROC_RUN(body());
}

// test_locks.ConditionTests.test_wait_cancel_after_notify
void tst_Locks::conditionWaitCancelledAfterNotify()
{
    const auto body = []() -> Task<void> {
        Condition condition;
        bool lockedOnCancel = false;
        Task<void> waiter = createTask(waitRecordingCancel(&condition, &lockedOnCancel));
        co_await yieldTimes(2);
        {
            LockGuard guard = co_await condition.acquire();
            condition.notify();
            waiter.cancel();
        }
        APROC_VERIFY_THROWS(co_await waiter, CancelledError);
        APROC_VERIFY(lockedOnCancel);
        APROC_VERIFY(!condition.locked());
    };
    APROC_RUN(body());
}

// test_locks.ConditionTests.test_wait_for
void tst_Locks::conditionWaitFor()
{
    const auto body = []() -> Task<void> {
        Condition condition;
        bool ready = false;
        int checks = 0;
        Task<bool> waiter = createTask([](Condition *c, bool *r, int *n) -> Task<bool> {
            LockGuard guard = co_await c->acquire();
            const bool result = co_await c->waitFor([r, n] {
                ++*n;
                return *r;
            });
            co_return result;
        }(&condition, &ready, &checks));
        co_await yieldTimes(2);
        APROC_COMPARE(checks, 1);
        {
            LockGuard guard = co_await condition.acquire();
            condition.notify(); // the predicate is still false: it waits again
        }
        co_await yieldTimes(3);
        APROC_COMPARE(checks, 2);
        APROC_VERIFY(!waiter.done());
        {
            LockGuard guard = co_await condition.acquire();
            ready = true;
            condition.notify();
        }
        const bool result = co_await waiter;
        APROC_VERIFY(result);
        APROC_COMPARE(checks, 3);
    };
    APROC_RUN(body());
}

// test_locks.ConditionTests.test_wait_unacquired, test_wait_for_unacquired,
// test_notify_unacquired and test_notify_all_unacquired
void tst_Locks::conditionUnacquiredIsRuntimeError()
{
    const auto body = []() -> Task<void> {
        Condition condition;
        APROC_VERIFY_THROWS(co_await condition.wait(), RuntimeError);
        // A predicate that is true already does not wait, so needs no lock.
        const bool already = co_await condition.waitFor([] { return true; });
        APROC_VERIFY(already);
        APROC_VERIFY_THROWS(co_await condition.waitFor([] { return false; }), RuntimeError);
        APROC_VERIFY_THROWS(condition.notify(), RuntimeError);
        APROC_VERIFY_THROWS(condition.notifyAll(), RuntimeError);
        APROC_VERIFY(!condition.locked());
        std::exception_ptr error;
        try {
            co_await condition.wait();
        } catch (...) {
            error = std::current_exception();
        }
        APROC_COMPARE(caught<RuntimeError>(error),
                      QStringLiteral("cannot wait on un-acquired lock"));
    };
    APROC_RUN(body());
}

// test_locks.ConditionTests.test_explicit_lock
void tst_Locks::conditionExplicitLock()
{
    const auto body = []() -> Task<void> {
        Lock lock;
        Condition condition(lock);
        APROC_VERIFY(&condition.lock() == &lock);
        LockGuard guard = co_await lock.acquire();
        APROC_VERIFY(condition.locked());
        guard.release();
        APROC_VERIFY(!condition.locked());
        guard = co_await condition.acquire();
        APROC_VERIFY(lock.locked());
    };
    APROC_RUN(body());
}

QTEST_GUILESS_MAIN(tst_Locks)
#include "tst_locks.moc"
