// SPDX-License-Identifier: MIT
/*! \file
 *  \brief QtTest support: run coroutines from test slots, and check things inside coroutines.
 *  Header-only, so that only test programs need Qt Test. */
#pragma once

#include <aproc/eventloop.h>
#include <aproc/expect.h> // expect-style dialogue with a child: Expect
#include <aproc/sleep.h>
#include <aproc/task.h>

#include <QtTest/QTest>

#include <chrono>

/*! \brief Running coroutines from QtTest slots (no asyncio counterpart; IsolatedAsyncioTestCase
 *  comes closest). */
namespace aproc::testing {

/*! \brief The time APROC_RUN gives a coroutine before failing the test. */
inline constexpr std::chrono::milliseconds DefaultTimeout{10000};

/*! \brief Runs \a task to completion inside a QtTest slot. Fails the test with a message naming
 *  \a expression when it throws, or when it is not done within \a timeout (it is then cancelled,
 *  and given \a timeout more to unwind). Returns false when the test should return. */
inline bool runTask(Task<void> task, std::chrono::milliseconds timeout, const char *expression,
                    const char *file, int line)
{
    EventLoop *loop = EventLoop::current();
    if (!task.started())
        task.promise()->schedule();
    bool timedOut = false;
    Handle unwindDeadline;
    Handle deadline
            = loop->callLater(timeout, [&timedOut, &unwindDeadline, task, loop, timeout]() mutable {
                  timedOut = true;
                  task.cancel(QStringLiteral("APROC_RUN timeout"));
                  // If it will not unwind, stop the loop.
                  unwindDeadline = loop->callLater(timeout, [loop] { loop->stop(); });
              });
    QString failure;
    try {
        loop->runUntilComplete(task);
    } catch (const std::exception &error) {
        if (!timedOut)
            failure = QStringLiteral("%1 threw: %2")
                              .arg(QLatin1String(expression), QString::fromUtf8(error.what()));
    }
    deadline.cancel();
    unwindDeadline.cancel(); // a stray stop() would end a later test's loop
    if (timedOut) // also when the coroutine swallowed its cancellation and returned
        failure = QStringLiteral("%1 did not finish within %2 ms")
                          .arg(QLatin1String(expression))
                          .arg(timeout.count());
    if (!failure.isEmpty()) {
        QTest::qFail(qPrintable(failure), file, line);
        return false;
    }
    return !QTest::currentTestFailed();
}

} // namespace aproc::testing

/*! \brief In a QtTest slot: runs the coroutine \a task (a Task<void>), failing the test if it
 *  throws or takes longer than aproc::testing::DefaultTimeout. */
#define APROC_RUN(task)                                                                            \
    do {                                                                                           \
        if (!::aproc::testing::runTask((task), ::aproc::testing::DefaultTimeout, #task, __FILE__,  \
                                       __LINE__))                                                  \
            return;                                                                                \
    } while (false)

/*! \brief APROC_RUN with a timeout of its own (a std::chrono duration). */
#define APROC_RUN_TIMEOUT(task, timeout)                                                           \
    do {                                                                                           \
        if (!::aproc::testing::runTask((task), (timeout), #task, __FILE__, __LINE__))              \
            return;                                                                                \
    } while (false)

// Each check is evaluated as a statement of its own before the `if`: GCC 12 miscompiles a
// co_await inside the condition of an `if` whose branch co_returns (it crashes exactly when a
// check fails). The comparison stays one full-expression, so temporaries its operands refer to
// (a QStringBuilder's, say) live until it is done.

/*! \brief QVERIFY for coroutines: co_returns when \a condition is false. */
#define APROC_VERIFY(condition)                                                                    \
    do {                                                                                           \
        const bool aprocPassed_ = static_cast<bool>(condition);                                    \
        if (!QTest::qVerify(aprocPassed_, #condition, "", __FILE__, __LINE__))                     \
            co_return;                                                                             \
    } while (false)

/*! \brief QVERIFY2 for coroutines. */
#define APROC_VERIFY2(condition, message)                                                          \
    do {                                                                                           \
        const bool aprocPassed_ = static_cast<bool>(condition);                                    \
        if (!QTest::qVerify(aprocPassed_, #condition, (message), __FILE__, __LINE__))              \
            co_return;                                                                             \
    } while (false)

/*! \brief QCOMPARE for coroutines. */
#define APROC_COMPARE(actual, expected)                                                            \
    do {                                                                                           \
        const bool aprocPassed_                                                                    \
                = QTest::qCompare(actual, expected, #actual, #expected, __FILE__, __LINE__);       \
        if (!aprocPassed_)                                                                         \
            co_return;                                                                             \
    } while (false)

/*! \brief QTRY_VERIFY for coroutines: checks \a condition again every 10 ms, letting the loop
 *  run in between, for up to 5 s (within APROC_RUN's 10 s); co_returns when it never became true.
 */
#define APROC_TRY_VERIFY(condition)                                                                \
    do {                                                                                           \
        bool aprocPassed_ = static_cast<bool>(condition);                                          \
        for (int aprocTry_ = 0; aprocTry_ < 500 && !aprocPassed_; ++aprocTry_) {                   \
            co_await ::aproc::sleep(std::chrono::milliseconds(10));                                \
            aprocPassed_ = static_cast<bool>(condition);                                           \
        }                                                                                          \
        if (!QTest::qVerify(aprocPassed_, #condition, "never became true", __FILE__, __LINE__))    \
            co_return;                                                                             \
    } while (false)

/*! \brief QFAIL for coroutines. */
#define APROC_FAIL(message)                                                                        \
    do {                                                                                           \
        QTest::qFail(message, __FILE__, __LINE__);                                                 \
        co_return;                                                                                 \
    } while (false)

/*! \brief Checks that evaluating \a expression (which may contain co_await) throws
 *  \a ExceptionType; co_returns otherwise. */
#define APROC_VERIFY_THROWS(expression, ExceptionType)                                             \
    do {                                                                                           \
        bool aprocThrown_ = false;                                                                 \
        try {                                                                                      \
            static_cast<void>(expression);                                                         \
        } catch (const ExceptionType &) {                                                          \
            aprocThrown_ = true;                                                                   \
        } catch (...) { }                                                                          \
        if (!QTest::qVerify(aprocThrown_, #expression, "does not throw " #ExceptionType, __FILE__, \
                            __LINE__))                                                             \
            co_return;                                                                             \
    } while (false)
