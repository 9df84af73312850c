// SPDX-License-Identifier: MIT
// <aproc/testing.h>: APROC_RUN drives a coroutine from a slot; the APROC_* checks pass around
// co_await, and a failing one stops the coroutine. The failures are made expected here
// (QEXPECT_FAIL); tst_testing_failures checks the messages of real failures.
#include <aproc/errors.h>
#include <aproc/future.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>

#include <QtCore/QTimer>
#include <QtTest/QtTest>

#include <chrono>

using namespace aproc;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

Task<int> answerLater(int value)
{
    co_await aproc::sleep(1ms);
    co_return value;
}

Task<void> throwLater(QString message)
{
    co_await aproc::sleep(1ms);
    throw ValueError(message);
}

Task<void> sleepThenMark(bool *done)
{
    co_await aproc::sleep(10ms);
    co_await aproc::sleep(0ms);
    *done = true;
}

Task<void> checksAroundCoAwait(int *reached)
{
    *reached = 1;
    APROC_VERIFY(co_await answerLater(1) == 1);
    *reached = 2;
    APROC_VERIFY2(co_await answerLater(2) == 2, "the second answer");
    *reached = 3;
    APROC_COMPARE(co_await answerLater(3), 3);
    APROC_COMPARE(QString::number(co_await answerLater(4)), u"4"_s);
    *reached = 4;
    APROC_VERIFY_THROWS(co_await throwLater(u"expected"_s), ValueError);
    APROC_VERIFY_THROWS(co_await throwLater(u"a subclass"_s), Error);
    *reached = 5;
    co_await aproc::sleep(1ms);
    *reached = 6;
}

Task<void> neverFinishes(bool *sawCancel)
{
    Future<void> never;
    try {
        co_await never;
    } catch (const CancelledError &) {
        *sawCancel = true;
        throw;
    }
}

Task<void> swallowCancellation(bool *sawCancel)
{
    try {
        co_await Future<void>();
    } catch (const CancelledError &) {
        *sawCancel = true; // and returns normally: it still did not finish in time
    }
}

Task<void> sleepFor(std::chrono::milliseconds duration)
{
    co_await aproc::sleep(duration);
}

QTimer *loopTimer()
{
    return EventLoop::current()->findChild<QTimer *>(u"aproc-loop-timer"_s);
}

enum class Check {
    Verify,
    Verify2,
    Compare,
    VerifyAwaiting,
    Verify2Awaiting,
    CompareAwaiting,
    VerifyThrowsNothing,
    VerifyThrowsOther,
    Fail
};

// One small coroutine per check: the shape of the coroutine matters to the compiler bug that
// testing.h works around (a co_await inside the check, then co_return).
#define FAILING_CHECK(name, check)                                                                 \
    Task<void> name(bool *started, bool *reachedAfter)                                             \
    {                                                                                              \
        *started = true;                                                                           \
        check;                                                                                     \
        *reachedAfter = true;                                                                      \
    }

FAILING_CHECK(failingVerify, const int one = co_await answerLater(1); APROC_VERIFY(one == 2))
FAILING_CHECK(failingVerify2, const int one = co_await answerLater(1);
              APROC_VERIFY2(one == 2, "one is not two"))
FAILING_CHECK(failingCompare, const int one = co_await answerLater(1); APROC_COMPARE(one, 2))
FAILING_CHECK(failingVerifyAwaiting, APROC_VERIFY(co_await answerLater(1) == 2))
FAILING_CHECK(failingVerify2Awaiting, APROC_VERIFY2(co_await answerLater(1) == 2, "one is not two"))
FAILING_CHECK(failingCompareAwaiting, APROC_COMPARE(co_await answerLater(1), 2))
FAILING_CHECK(failingVerifyThrowsNothing, APROC_VERIFY_THROWS(co_await answerLater(1), ValueError))
FAILING_CHECK(failingVerifyThrowsOther,
              APROC_VERIFY_THROWS(co_await throwLater(u"not a timeout"_s), TimeoutError))
FAILING_CHECK(failingFail, co_await answerLater(1); APROC_FAIL("deliberate"))

Task<void> failingCheck(Check check, bool *started, bool *reachedAfter)
{
    switch (check) {
    case Check::Verify:
        return failingVerify(started, reachedAfter);
    case Check::Verify2:
        return failingVerify2(started, reachedAfter);
    case Check::Compare:
        return failingCompare(started, reachedAfter);
    case Check::VerifyAwaiting:
        return failingVerifyAwaiting(started, reachedAfter);
    case Check::Verify2Awaiting:
        return failingVerify2Awaiting(started, reachedAfter);
    case Check::CompareAwaiting:
        return failingCompareAwaiting(started, reachedAfter);
    case Check::VerifyThrowsNothing:
        return failingVerifyThrowsNothing(started, reachedAfter);
    case Check::VerifyThrowsOther:
        return failingVerifyThrowsOther(started, reachedAfter);
    case Check::Fail:
        break;
    }
    return failingFail(started, reachedAfter);
}

/*! APROC_RUN in a function of its own, so that the caller sees whether it returned early. */
void runThrowingTask(bool *reachedAfter)
{
    APROC_RUN(throwLater(u"kaboom"_s));
    *reachedAfter = true;
}

} // namespace

Q_DECLARE_METATYPE(Check)

class tst_Testing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runDrivesCoroutineToCompletion();
    void runAcceptsStartedTask();
    void runTimeoutPassesWhenInTime();
    void checksPassAroundCoAwait();
    void failedCheckStopsCoroutine_data();
    void failedCheckStopsCoroutine();
    void expectedFailureContinues();
    void runTaskReportsTimeout();
    void runTaskReportsException();
    void timeoutLeavesNothingScheduled();
    void timeoutFailsWhenCancellationIsSwallowed();
    void runReturnsFromSlotOnFailure();
};

void tst_Testing::runDrivesCoroutineToCompletion()
{
    bool done = false;
    APROC_RUN(sleepThenMark(&done));
    QVERIFY(done);
}

void tst_Testing::runAcceptsStartedTask()
{
    bool done = false;
    Task<void> task = createTask(sleepThenMark(&done));
    QVERIFY(task.started());
    APROC_RUN(task);
    QVERIFY(done);
    QVERIFY(task.done());
}

void tst_Testing::runTimeoutPassesWhenInTime()
{
    bool done = false;
    APROC_RUN_TIMEOUT(sleepThenMark(&done), 30s);
    QVERIFY(done);
}

void tst_Testing::checksPassAroundCoAwait()
{
    int reached = 0;
    APROC_RUN(checksAroundCoAwait(&reached));
    QCOMPARE(reached, 6);
}

void tst_Testing::failedCheckStopsCoroutine_data()
{
    QTest::addColumn<Check>("check");
    QTest::newRow("APROC_VERIFY") << Check::Verify;
    QTest::newRow("APROC_VERIFY2") << Check::Verify2;
    QTest::newRow("APROC_COMPARE") << Check::Compare;
    // A co_await inside the check (GCC 12 crashed on these before testing.h hoisted the operands).
    QTest::newRow("APROC_VERIFY(co_await ...)") << Check::VerifyAwaiting;
    QTest::newRow("APROC_VERIFY2(co_await ...)") << Check::Verify2Awaiting;
    QTest::newRow("APROC_COMPARE(co_await ...)") << Check::CompareAwaiting;
    QTest::newRow("APROC_VERIFY_THROWS, nothing thrown") << Check::VerifyThrowsNothing;
    QTest::newRow("APROC_VERIFY_THROWS, another type") << Check::VerifyThrowsOther;
    QTest::newRow("APROC_FAIL") << Check::Fail;
}

void tst_Testing::failedCheckStopsCoroutine()
{
    QFETCH(Check, check);
    bool started = false;
    bool reachedAfter = false;
    QEXPECT_FAIL("", "the check fails on purpose", Abort);
    APROC_RUN(failingCheck(check, &started, &reachedAfter));
    QVERIFY(started);
    QVERIFY2(!reachedAfter, "the coroutine must co_return at the failed check");
}

void tst_Testing::expectedFailureContinues()
{
    // QEXPECT_FAIL(..., Continue): the check reports XFAIL and the coroutine goes on, as in a slot.
    bool started = false;
    bool reachedAfter = false;
    QEXPECT_FAIL("", "the check fails on purpose", Continue);
    APROC_RUN(failingCheck(Check::Compare, &started, &reachedAfter));
    QVERIFY(reachedAfter);
}

void tst_Testing::runTaskReportsTimeout()
{
    bool sawCancel = false;
    Task<void> task = neverFinishes(&sawCancel);
    QEXPECT_FAIL("", "the coroutine never finishes", Abort);
    const bool passed = testing::runTask(task, 200ms, "neverFinishes()", __FILE__, __LINE__);
    QVERIFY(!passed);
    QVERIFY2(sawCancel, "the coroutine is cancelled at its co_await");
    QVERIFY(task.cancelled());
}

void tst_Testing::runTaskReportsException()
{
    Task<void> task = throwLater(u"kaboom"_s);
    QEXPECT_FAIL("", "the coroutine throws", Abort);
    const bool passed = testing::runTask(task, 10s, "throwLater()", __FILE__, __LINE__);
    QVERIFY(!passed);
    QVERIFY(task.done());
    QVERIFY_THROWS_EXCEPTION(ValueError, task.result());
}

void tst_Testing::timeoutLeavesNothingScheduled()
{
    bool sawCancel = false;
    QEXPECT_FAIL("", "the coroutine never finishes", Abort);
    QVERIFY(!testing::runTask(neverFinishes(&sawCancel), 100ms, "neverFinishes()", __FILE__,
                              __LINE__));
    QVERIFY(sawCancel);
    QVERIFY(loopTimer());
    QVERIFY2(!loopTimer()->isActive(), "no timer (such as a late stop()) is left behind");
    APROC_RUN(sleepFor(400ms)); // a late stop() would end this loop early
}

void tst_Testing::timeoutFailsWhenCancellationIsSwallowed()
{
    bool sawCancel = false;
    QEXPECT_FAIL("", "the coroutine does not finish in time", Abort);
    const bool passed = testing::runTask(swallowCancellation(&sawCancel), 100ms,
                                         "swallowCancellation()", __FILE__, __LINE__);
    QVERIFY(sawCancel);
    QVERIFY(!passed);
}

void tst_Testing::runReturnsFromSlotOnFailure()
{
    bool reachedAfter = false;
    QEXPECT_FAIL("", "the coroutine throws", Abort);
    runThrowingTask(&reachedAfter);
    QVERIFY2(!reachedAfter, "APROC_RUN returns from the function when the coroutine failed");
}

QTEST_GUILESS_MAIN(tst_Testing)
#include "tst_testing.moc"
