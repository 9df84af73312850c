// SPDX-License-Identifier: MIT
// Every slot here FAILS on purpose: ctest (PASS_REGULAR_EXPRESSION in tests/CMakeLists.txt)
// checks that each failure is reported with its message, and that no code after a failed check
// runs (a "REACHED" line fails the ctest test).
#include <aproc/errors.h>
#include <aproc/future.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>

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

Task<void> neverFinishes()
{
    Future<void> never;
    co_await never;
    qWarning("REACHED after a cancelled co_await");
}

Task<void> throwsKaboom()
{
    co_await aproc::sleep(1ms);
    throw ValueError(u"kaboom"_s);
}

Task<void> compareOneWithTwo()
{
    APROC_COMPARE(co_await answerLater(1), 2);
    qWarning("REACHED after APROC_COMPARE");
}

Task<void> verifyFalse()
{
    const bool answered = co_await answerLater(0) == 1;
    APROC_VERIFY(answered);
    qWarning("REACHED after APROC_VERIFY");
}

Task<void> verify2False()
{
    APROC_VERIFY2(co_await answerLater(0) == 1, "the answer was not one");
    qWarning("REACHED after APROC_VERIFY2");
}

Task<void> verifyThrowsNothing()
{
    APROC_VERIFY_THROWS(co_await answerLater(1), aproc::ValueError);
    qWarning("REACHED after APROC_VERIFY_THROWS");
}

Task<void> failOnPurpose()
{
    co_await answerLater(1);
    APROC_FAIL("failed on purpose");
    qWarning("REACHED after APROC_FAIL");
}

} // namespace

class tst_TestingFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timeout()
    {
        APROC_RUN_TIMEOUT(neverFinishes(), std::chrono::milliseconds(200));
        qWarning("REACHED after APROC_RUN_TIMEOUT");
    }
    void exception()
    {
        APROC_RUN(throwsKaboom());
        qWarning("REACHED after APROC_RUN");
    }
    void compare()
    {
        APROC_RUN(compareOneWithTwo());
        qWarning("REACHED after a failed coroutine");
    }
    void verify() { APROC_RUN(verifyFalse()); }
    void verify2() { APROC_RUN(verify2False()); }
    void verifyThrows() { APROC_RUN(verifyThrowsNothing()); }
    void fail() { APROC_RUN(failOnPurpose()); }
};

QTEST_GUILESS_MAIN(tst_TestingFailures)
#include "tst_testing_failures.moc"
