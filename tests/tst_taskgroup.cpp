// SPDX-License-Identifier: MIT
// taskGroup() and ExceptionGroup against asyncio 3.11's TaskGroup: each slot names the case of
// CPython's Lib/test/test_asyncio/test_taskgroups.py it mirrors.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/exceptiongroup.h>
#include <aproc/future.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/taskgroup.h>
#include <aproc/testing.h>

#include <QtTest/QtTest>

#include <chrono>
#include <stdexcept>
#include <vector>

using namespace aproc;
using namespace std::chrono_literals;

namespace {

Task<int> valueAfter(int value, int yields, QList<int> *finished = nullptr)
{
    for (int i = 0; i < yields; ++i)
        co_await sleep(0ms);
    if (finished)
        finished->append(value);
    co_return value;
}

Task<void> failAfter(int yields, QString message)
{
    for (int i = 0; i < yields; ++i)
        co_await sleep(0ms);
    throw ValueError(message);
}

// Waits on \a never; records that it was cancelled and rethrows.
Task<void> waitForever(Future<void> never, int *cancelled)
{
    try {
        co_await never;
    } catch (const CancelledError &) {
        ++*cancelled;
        throw;
    }
}

// The messages of the ValueErrors in \a group, in order.
QStringList valueErrors(const ExceptionGroup &group)
{
    QStringList messages;
    for (const ValueError *error : group.matching<ValueError>())
        messages.append(error->message());
    return messages;
}

Task<void> childrenRunConcurrently()
{
    QList<int> finished;
    Task<int> slow = valueAfter(1, 5, &finished);
    Task<int> fast = valueAfter(2, 1, &finished);
    co_await taskGroup([&](TaskGroup &group) -> Task<void> {
        group.createTask(slow);
        group.createTask(fast);
        APROC_COMPARE(group.size(), 2);
        co_return;
    });
    APROC_VERIFY(slow.done() && fast.done());
    APROC_COMPARE(slow.result(), 1);
    APROC_COMPARE(fast.result(), 2);
    APROC_COMPARE(finished, QList<int>({2, 1}));
}

Task<void> bodyValueIsTheResult()
{
    const int sum = co_await taskGroup([](TaskGroup &group) -> Task<int> {
        Task<int> a = valueAfter(20, 2);
        Task<int> b = valueAfter(22, 1);
        group.createTask(a);
        group.createTask(b);
        const int first = co_await a;
        const int second = co_await b;
        co_return first + second;
    });
    APROC_COMPARE(sum, 42);
}

Task<void> firstFailureCancelsTheOthers()
{
    Future<void> never;
    int cancelled = 0;
    bool groupFailed = false;
    try {
        co_await taskGroup([&](TaskGroup &group) -> Task<void> {
            group.createTask(waitForever(never, &cancelled));
            group.createTask(waitForever(never, &cancelled));
            group.createTask(failAfter(2, QStringLiteral("boom")));
            co_return;
        });
    } catch (const ExceptionGroup &group) {
        groupFailed = true;
        APROC_COMPARE(group.exceptions().size(), std::size_t(1)); // cancellations are not errors
        APROC_COMPARE(valueErrors(group), QStringList({QStringLiteral("boom")}));
        APROC_VERIFY(QString::fromUtf8(group.what()).contains(QStringLiteral("TaskGroup")));
    }
    APROC_VERIFY(groupFailed);
    APROC_COMPARE(cancelled, 2);
}

// Waits on a future of its own; appends \a id to \a order when it is cancelled.
Task<void> recordCancellation(int id, QList<int> *order)
{
    try {
        Future<void> never; // its own: cancelling a task cancels the future it awaits
        co_await never;
    } catch (const CancelledError &) {
        order->append(id);
        throw;
    }
}

// Aproc's own (asyncio keeps its tasks in a set): the tasks are cancelled in creation order, and
// size() counts those not done, also when some end before the others.
Task<void> cancellationFollowsCreationOrder()
{
    QList<int> order;
    qsizetype sizeBeforeFailure = -1;
    try {
        co_await taskGroup([&](TaskGroup &group) -> Task<void> {
            for (int id = 0; id < 5; ++id)
                group.createTask(recordCancellation(id, &order));
            group.createTask(valueAfter(0, 1)); // ends first: its entry leaves the middle
            for (int id = 5; id < 8; ++id)
                group.createTask(recordCancellation(id, &order));
            for (int i = 0; i < 10 && group.size() > 8; ++i)
                co_await sleep(0ms); // valueAfter() ends, then its done callback runs
            sizeBeforeFailure = group.size();
            group.createTask(failAfter(1, QStringLiteral("stop")));
            co_return;
        });
    } catch (const ExceptionGroup &) { }
    APROC_COMPARE(sizeBeforeFailure, 8);
    APROC_COMPARE(order, QList<int>({0, 1, 2, 3, 4, 5, 6, 7}));
}

Task<void> everyFailureIsCollected()
{
    bool groupFailed = false;
    try {
        co_await taskGroup([](TaskGroup &group) -> Task<void> {
            group.createTask(failAfter(1, QStringLiteral("first")));
            group.createTask(failAfter(1, QStringLiteral("second")));
            co_return;
        });
    } catch (const ExceptionGroup &group) {
        groupFailed = true;
        APROC_COMPARE(valueErrors(group),
                      QStringList({QStringLiteral("first"), QStringLiteral("second")}));
    }
    APROC_VERIFY(groupFailed);
}

// The body is cancelled at its own co_await when a task fails, and once the group is left the
// task running it is not cancelled any more: it goes on.
Task<void> failureCancelsTheBodyThenLetsTheParentGoOn()
{
    Future<void> never;
    bool bodyCancelled = false;
    bool groupFailed = false;
    try {
        co_await taskGroup([&](TaskGroup &group) -> Task<void> {
            group.createTask(failAfter(1, QStringLiteral("crash")));
            try {
                co_await never;
            } catch (const CancelledError &) {
                bodyCancelled = true;
                throw;
            }
        });
    } catch (const ExceptionGroup &) {
        groupFailed = true;
    }
    APROC_VERIFY(groupFailed && bodyCancelled);
    auto *self = static_cast<detail::TaskCore *>(detail::TaskCore::current());
    APROC_COMPARE(self->cancelling(), 0);
    co_await sleep(1ms); // would throw CancelledError if the group's cancel were left pending
}

Task<void> cancelledParentCancelsTheChildrenAndPropagates(int *cancelled, bool *waitedForAll)
{
    Future<void> never;
    Task<void> slowCleanup = [](Future<void> never, bool *done) -> Task<void> {
        try {
            co_await never;
        } catch (const CancelledError &) { }
        for (int i = 0; i < 3; ++i)
            co_await sleep(0ms); // cleans up for a while: the group must wait
        *done = true;
        throw CancelledError();
    }(never, waitedForAll);
    co_await taskGroup([&](TaskGroup &group) -> Task<void> {
        group.createTask(waitForever(never, cancelled));
        group.createTask(slowCleanup);
        co_await never;
    });
}

Task<void> bodyErrorCancelsTheTasksAndJoinsTheGroup()
{
    Future<void> never;
    int cancelled = 0;
    bool groupFailed = false;
    try {
        co_await taskGroup([&](TaskGroup &group) -> Task<void> {
            group.createTask(waitForever(never, &cancelled));
            co_await sleep(0ms);
            throw ValueError(QStringLiteral("body"));
        });
    } catch (const ExceptionGroup &group) {
        groupFailed = true;
        APROC_COMPARE(valueErrors(group), QStringList({QStringLiteral("body")}));
    }
    APROC_VERIFY(groupFailed);
    APROC_COMPARE(cancelled, 1);
}

Task<void> nestedGroups()
{
    bool outerFailed = false;
    Future<void> never;
    int cancelled = 0;
    try {
        co_await taskGroup([&](TaskGroup &outer) -> Task<void> {
            outer.createTask(waitForever(never, &cancelled));
            co_await taskGroup([&](TaskGroup &inner) -> Task<void> {
                inner.createTask(failAfter(1, QStringLiteral("inner")));
                co_return;
            });
        });
    } catch (const ExceptionGroup &group) {
        outerFailed = true;
        // The inner group's ExceptionGroup is the body's error of the outer one.
        APROC_COMPARE(group.exceptions().size(), std::size_t(1));
        APROC_COMPARE(group.matching<ExceptionGroup>().size(), std::size_t(1));
        APROC_COMPARE(valueErrors(group), QStringList({QStringLiteral("inner")}));
    }
    APROC_VERIFY(outerFailed);
    APROC_COMPARE(cancelled, 1);
}

// The worker pattern that gather() made unsafe: workers share the caller's index; one fails.
// Once taskGroup() is left, no worker runs any more (they would touch a destroyed frame).
Task<void> sharedStateWorkersStopWithTheGroup(int *stepsAfterTheGroup)
{
    int steps = 0;
    int next = 0;
    bool groupFailed = false;
    try {
        co_await taskGroup([&](TaskGroup &group) -> Task<void> {
            for (int worker = 0; worker < 4; ++worker) {
                group.createTask([](int *next, int *steps) -> Task<void> {
                    while (*next < 1000) {
                        const int item = (*next)++;
                        ++*steps;
                        if (item == 10)
                            throw ValueError(QStringLiteral("item 10"));
                        co_await sleep(0ms);
                    }
                }(&next, &steps));
            }
            co_return;
        });
    } catch (const ExceptionGroup &) {
        groupFailed = true;
    }
    APROC_VERIFY(groupFailed);
    const int stepsWhenLeft = steps;
    for (int i = 0; i < 10; ++i)
        co_await sleep(0ms);
    *stepsAfterTheGroup = steps - stepsWhenLeft;
}

Task<void> createTaskWhileShuttingDownIsRefused(bool *ran, bool *refused)
{
    try {
        co_await taskGroup([&](TaskGroup &group) -> Task<void> {
            group.createTask(failAfter(0, QStringLiteral("abort")));
            co_await sleep(1h); // cancelled by the failure
        });
    } catch (const ExceptionGroup &) { }
    // A task of an aborting group asks for another: refused, and the new coroutine never runs.
    Future<void> never;
    try {
        co_await taskGroup([&](TaskGroup &group) -> Task<void> {
            group.createTask(failAfter(0, QStringLiteral("abort")));
            try {
                co_await never;
            } catch (const CancelledError &) { }
            APROC_VERIFY(group.isAborting());
            try {
                group.createTask([](bool *ran) -> Task<void> {
                    *ran = true;
                    co_return;
                }(ran));
            } catch (const InvalidStateError &) {
                *refused = true;
            }
            throw CancelledError();
        });
    } catch (const ExceptionGroup &) { }
}

Task<void> exceptionGroupMatching()
{
    std::vector<std::exception_ptr> inner{std::make_exception_ptr(TimeoutError()),
                                          std::make_exception_ptr(std::runtime_error("std"))};
    std::vector<std::exception_ptr> outer{
            std::make_exception_ptr(ValueError(QStringLiteral("v"))),
            std::make_exception_ptr(ExceptionGroup(QStringLiteral("inner"), inner))};
    const ExceptionGroup group(QStringLiteral("outer"), outer);
    APROC_COMPARE(group.exceptions().size(), std::size_t(2));
    APROC_COMPARE(group.matching<ValueError>().size(), std::size_t(1));
    APROC_COMPARE(group.matching<TimeoutError>().size(), std::size_t(1)); // inside the nested one
    APROC_COMPARE(group.matching<std::runtime_error>().size(), std::size_t(1));
    APROC_COMPARE(group.matching<Error>().size(), std::size_t(2)); // the leaves, not the group
    APROC_COMPARE(group.matching<std::exception>().size(), std::size_t(3));
    APROC_VERIFY(!group.contains<CancelledError>());
    APROC_COMPARE(group.message(), QStringLiteral("outer (2 sub-exceptions)"));
    co_return;
}

} // namespace

class tst_TaskGroup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // test_taskgroup_01, _02: the group waits for every task; their results stay with them.
    void childrenRunConcurrently() { APROC_RUN(::childrenRunConcurrently()); }
    void bodyValueIsTheResult() { APROC_RUN(::bodyValueIsTheResult()); }
    // test_taskgroup_05, _06: one failure cancels the rest; cancelled tasks are not errors.
    void firstFailureCancelsTheOthers() { APROC_RUN(::firstFailureCancelsTheOthers()); }
    void cancellationFollowsCreationOrder() { APROC_RUN(::cancellationFollowsCreationOrder()); }
    // test_taskgroup_07: every error, in order.
    void everyFailureIsCollected() { APROC_RUN(::everyFailureIsCollected()); }
    // test_taskgroup_17, _18: the body is cancelled, the parent is not left cancelled.
    void failureCancelsTheBodyThenLetsTheParentGoOn()
    {
        APROC_RUN(::failureCancelsTheBodyThenLetsTheParentGoOn());
    }
    // test_taskgroup_08, _09, _10: cancelling the parent cancels the children, waits, propagates.
    void cancelledParentCancelsTheChildrenAndPropagates();
    // test_taskgroup_15, _16: an error in the body cancels the tasks and joins the group.
    void bodyErrorCancelsTheTasksAndJoinsTheGroup()
    {
        APROC_RUN(::bodyErrorCancelsTheTasksAndJoinsTheGroup());
    }
    // test_taskgroup_11, _12: nested groups.
    void nestedGroups() { APROC_RUN(::nestedGroups()); }
    // The crash: workers sharing state run on after gather(); never after taskGroup().
    void sharedStateWorkersStopWithTheGroup();
    // test_taskgroup_21, _22: no new task once the group shuts down; the coroutine never runs.
    void createTaskWhileShuttingDownIsRefused();
    // ExceptionGroup.subgroup() and except*: matching<E>() through nested groups.
    void exceptionGroupMatching() { APROC_RUN(::exceptionGroupMatching()); }
};

void tst_TaskGroup::cancelledParentCancelsTheChildrenAndPropagates()
{
    int cancelled = 0;
    bool waitedForAll = false;
    Task<void> parent = createTask(
            ::cancelledParentCancelsTheChildrenAndPropagates(&cancelled, &waitedForAll));
    EventLoop *loop = EventLoop::current();
    loop->runUntilComplete([]() -> Task<void> { co_await sleep(1ms); }()); // the group runs
    QVERIFY(!parent.done());
    parent.cancel();
    QVERIFY_THROWS_EXCEPTION(CancelledError, loop->runUntilComplete(parent));
    QCOMPARE(cancelled, 1);
    QVERIFY(waitedForAll); // the group waited for the slow cleanup before propagating
}

void tst_TaskGroup::sharedStateWorkersStopWithTheGroup()
{
    int stepsAfterTheGroup = -1;
    APROC_RUN(::sharedStateWorkersStopWithTheGroup(&stepsAfterTheGroup));
    QCOMPARE(stepsAfterTheGroup, 0);
}

void tst_TaskGroup::createTaskWhileShuttingDownIsRefused()
{
    bool ran = false;
    bool refused = false;
    APROC_RUN(::createTaskWhileShuttingDownIsRefused(&ran, &refused));
    QVERIFY(refused);
    QVERIFY(!ran);
}

QTEST_GUILESS_MAIN(tst_TaskGroup)
#include "tst_taskgroup.moc"
