// SPDX-License-Identifier: MIT
// Queue, LifoQueue and PriorityQueue, checked against CPython's Lib/test/test_asyncio/
// test_queues.py (Python 3.13, with shutdown); each slot names the test it mirrors.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/queues.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>
#include <aproc/waitfor.h>

#include <QtTest/QtTest>

#include <chrono>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

using namespace aproc;
using namespace std::chrono_literals;

namespace {

using IntPair = std::pair<int, int>;
using Ptr = std::unique_ptr<int>;

/*! Orders unique_ptrs by what they point to. */
struct ByPointee
{
    bool operator()(const Ptr &a, const Ptr &b) const { return *a < *b; }
};

/*! A queue that lives until cleanupTestCase(), not only until its test's body returns: when a
 *  check fails, the body returns while its tasks may still wait on the queue, and they must not
 *  find it destroyed when they run in a later test. */
std::vector<std::shared_ptr<void>> &heldQueues()
{
    static std::vector<std::shared_ptr<void>> queues;
    return queues;
}

template<typename Q, typename... Args> Q &lastingQueue(Args... args)
{
    auto queue = std::make_shared<Q>(args...);
    heldQueues().push_back(queue);
    return *queue;
}

/*! Gets three items from \a q, in the order it gives them. */
template<typename Q> Task<QList<int>> getThree(Q *q)
{
    QList<int> items;
    for (int i = 0; i < 3; ++i) {
        const int item = co_await q->get();
        items.append(item);
    }
    co_return items;
}

/*! A worker of a pool: gets items, adds them to \a sum and calls taskDone(), until the queue is
 *  shut down. */
Task<void> summingWorker(Queue<int> *q, int *sum, int *processed)
{
    try {
        for (;;) {
            const int item = co_await q->get();
            *sum += item;
            ++*processed;
            co_await sleep(0ms); // some work: the other worker gets a turn
            q->taskDone();
        }
    } catch (const QueueShutDown &) { }
}

// The worker pool of docs/queues.md, with a list of what was run instead of qDebug().

Task<void> poolWorker(Queue<QString> *jobs, int id, QStringList *ran)
{
    try {
        for (;;) {
            const QString job = co_await jobs->get(); // waits while the queue is empty
            ran->append(QStringLiteral("%1 by %2").arg(job).arg(id));
            co_await sleep(std::chrono::milliseconds(10)); // the work
            jobs->taskDone(); // one job done
        }
    } catch (const QueueShutDown &) {
        // The queue was shut down and is empty: the worker ends.
    }
}

Task<void> runJobs(QStringList names, QStringList *ran)
{
    Queue<QString> jobs(4); // put() waits while 4 jobs are queued
    std::vector<Task<void>> workers;
    for (int id = 0; id < 3; ++id)
        workers.push_back(createTask(poolWorker(&jobs, id, ran)));
    for (const QString &name : names)
        co_await jobs.put(name);
    co_await jobs.join(); // every job was got, and taskDone() called for it
    jobs.shutdown(); // the waiting workers' get() throws QueueShutDown
    for (Task<void> &each : workers)
        co_await each; // they have ended: the queue may go
}

// The shutdown tests run for each queue type (QueueShutdownTests, LifoQueueShutdownTests,
// PriorityQueueShutdownTests).

template<typename Q> Task<void> shutdownEmpty()
{
    auto &q = lastingQueue<Q>();
    Task<QString> getTask = createTask(q.get());
    co_await sleep(0ms); // the get is pending before the shutdown
    q.shutdown(false);
    APROC_COMPARE(q.qsize(), qsizetype(0));
    co_await q.join();
    co_await sleep(0ms);
    APROC_VERIFY(getTask.done());
    APROC_VERIFY_THROWS(co_await getTask, QueueShutDown);
    APROC_VERIFY_THROWS(co_await q.put(QStringLiteral("data")), QueueShutDown);
    APROC_VERIFY_THROWS(q.putNowait(QStringLiteral("data")), QueueShutDown);
    APROC_VERIFY_THROWS(co_await q.get(), QueueShutDown);
    APROC_VERIFY_THROWS(q.getNowait(), QueueShutDown);
}

template<typename Q> Task<void> shutdownNonempty()
{
    auto &q = lastingQueue<Q>(1);
    q.putNowait(QStringLiteral("data"));
    Task<void> joinTask = createTask(q.join());
    Task<void> putTask = createTask(q.put(QStringLiteral("data2")));
    co_await sleep(0ms);
    APROC_VERIFY(!putTask.done());
    q.shutdown(false); // unfinished tasks: 1 -> 1
    APROC_COMPARE(q.qsize(), qsizetype(1));
    co_await sleep(0ms);
    APROC_VERIFY(putTask.done());
    APROC_VERIFY_THROWS(co_await putTask, QueueShutDown);
    const QString item = co_await q.get(); // what was put before the shutdown is still got
    APROC_COMPARE(item, QStringLiteral("data"));
    co_await sleep(0ms);
    APROC_VERIFY(!joinTask.done());
    APROC_VERIFY_THROWS(co_await q.put(QStringLiteral("data")), QueueShutDown);
    APROC_VERIFY_THROWS(q.putNowait(QStringLiteral("data")), QueueShutDown);
    APROC_VERIFY_THROWS(co_await q.get(), QueueShutDown);
    APROC_VERIFY_THROWS(q.getNowait(), QueueShutDown);
    q.taskDone();
    co_await sleep(0ms);
    APROC_VERIFY(joinTask.done());
    co_await joinTask;
    APROC_VERIFY_THROWS(q.taskDone(), ValueError);
}

template<typename Q> Task<void> shutdownImmediate()
{
    auto &q = lastingQueue<Q>();
    q.putNowait(QStringLiteral("data"));
    Task<void> joinTask = createTask(q.join());
    q.shutdown(true); // unfinished tasks: 1 -> 0
    APROC_COMPARE(q.qsize(), qsizetype(0));
    co_await sleep(0ms);
    APROC_VERIFY(joinTask.done());
    co_await joinTask;
    APROC_VERIFY_THROWS(co_await q.put(QStringLiteral("data")), QueueShutDown);
    APROC_VERIFY_THROWS(q.putNowait(QStringLiteral("data")), QueueShutDown);
    APROC_VERIFY_THROWS(co_await q.get(), QueueShutDown);
    APROC_VERIFY_THROWS(q.getNowait(), QueueShutDown);
    APROC_VERIFY_THROWS(q.taskDone(), ValueError); // no unfinished task is left
}

template<typename Q> Task<void> shutdownImmediateWithUnfinished()
{
    auto &q = lastingQueue<Q>();
    q.putNowait(QStringLiteral("data"));
    q.putNowait(QStringLiteral("data"));
    Task<void> joinTask = createTask(q.join());
    const QString item = co_await q.get();
    APROC_COMPARE(item, QStringLiteral("data"));
    q.shutdown(true); // unfinished tasks: 2 -> 1
    APROC_COMPARE(q.qsize(), qsizetype(0));
    co_await sleep(0ms);
    APROC_VERIFY(!joinTask.done());
    APROC_VERIFY_THROWS(co_await q.put(QStringLiteral("data")), QueueShutDown);
    APROC_VERIFY_THROWS(q.putNowait(QStringLiteral("data")), QueueShutDown);
    APROC_VERIFY_THROWS(co_await q.get(), QueueShutDown);
    APROC_VERIFY_THROWS(q.getNowait(), QueueShutDown);
    q.taskDone(); // the one item got
    APROC_VERIFY_THROWS(q.taskDone(), ValueError);
    co_await sleep(0ms);
    APROC_VERIFY(joinTask.done());
    co_await joinTask;
}

} // namespace

class tst_Queues : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase();
    void emptyAndFull();
    void fifoOrder();
    void lifoOrder();
    void priorityOrder();
    void maxsizeBlocksPut();
    void negativeMaxsizeIsValueError();
    void getNowaitOnEmptyIsQueueEmpty();
    void putNowaitOnFullIsQueueFull();
    void blockingGetWaits();
    void waitingGettersAreServedInOrder();
    void waitingPuttersAreServedInOrder();
    void getCancelledRace();
    void getCancelledAfterWakeLosesNoItem();
    void getCancelledAfterWakeWakesTheNext();
    void cancelledGettersAreForgotten();
    void putCancelledAfterWakeInsertsNothing();
    void putCancelledAfterWakeWakesTheNext();
    void putCancelledRace();
    void cancelledPuttersAreForgotten();
    void taskDoneUnderflow();
    void joinWaitsForEveryTaskDone();
    void joinEmptyQueue();
    void cancelledJoinLeavesTheOthers();
    void shutdownEmpty();
    void shutdownNonempty();
    void shutdownImmediate();
    void shutdownImmediateWithUnfinished();
    void shutdownWakesEveryWaiter();
    void moveOnlyItems();
    void workerPool();
    void readyPutAndGetDoNotSuspend();
};

void tst_Queues::cleanupTestCase()
{
    heldQueues().clear();
}

// QueueBasicTests.test_empty and test_full
void tst_Queues::emptyAndFull()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>();
        APROC_VERIFY(q.empty());
        APROC_VERIFY(!q.full());
        APROC_COMPARE(q.maxsize(), qsizetype(0));
        co_await q.put(1);
        APROC_VERIFY(!q.empty());
        APROC_VERIFY(!q.full()); // unbounded: never full
        const int item = co_await q.get();
        APROC_COMPARE(item, 1);
        APROC_VERIFY(q.empty());

        auto &bounded = lastingQueue<Queue<int>>(1);
        co_await bounded.put(1);
        APROC_VERIFY(bounded.full());
        APROC_COMPARE(bounded.qsize(), qsizetype(1));
    };
    APROC_RUN(body());
}

// QueueBasicTests.test_order
void tst_Queues::fifoOrder()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>();
        co_await q.put(1);
        co_await q.put(3);
        co_await q.put(2);
        const QList<int> items = co_await getThree(&q);
        APROC_COMPARE(items, QList<int>({1, 3, 2}));
    };
    APROC_RUN(body());
}

// LifoQueueTests.test_order
void tst_Queues::lifoOrder()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<LifoQueue<int>>();
        co_await q.put(1);
        co_await q.put(3);
        co_await q.put(2);
        const QList<int> items = co_await getThree(&q);
        APROC_COMPARE(items, QList<int>({2, 3, 1}));
    };
    APROC_RUN(body());
}

// PriorityQueueTests.test_order; then (priority, data) pairs as the asyncio docs suggest, and a
// comparison of one's own
void tst_Queues::priorityOrder()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<PriorityQueue<int>>();
        co_await q.put(1);
        co_await q.put(3);
        co_await q.put(2);
        const QList<int> items = co_await getThree(&q);
        APROC_COMPARE(items, QList<int>({1, 2, 3}));

        auto &pairs = lastingQueue<PriorityQueue<IntPair>>();
        for (const int priority : {5, 1, 4, 2, 3})
            pairs.putNowait(IntPair(priority, priority * 10));
        QList<int> data;
        while (!pairs.empty())
            data.append(pairs.getNowait().second);
        APROC_COMPARE(data, QList<int>({10, 20, 30, 40, 50}));

        auto &largestFirst = lastingQueue<PriorityQueue<int, std::greater<int>>>();
        for (const int item : {2, 9, 4})
            largestFirst.putNowait(item);
        const QList<int> largest = co_await getThree(&largestFirst);
        APROC_COMPARE(largest, QList<int>({9, 4, 2}));
    };
    APROC_RUN(body());
}

// QueueBasicTests.test_maxsize (and QueuePutTests.test_blocking_put_wait)
void tst_Queues::maxsizeBlocksPut()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>(2);
        APROC_COMPARE(q.maxsize(), qsizetype(2));
        QList<int> haveBeenPut;
        const auto putter = [](Queue<int> *q, QList<int> *haveBeenPut) -> Task<bool> {
            for (int i = 0; i < 3; ++i) {
                co_await q->put(i);
                haveBeenPut->append(i);
            }
            co_return true;
        };
        Task<bool> t = createTask(putter(&q, &haveBeenPut));
        co_await sleep(0ms);
        co_await sleep(0ms);
        // The putter is blocked after putting two items.
        APROC_COMPARE(haveBeenPut, QList<int>({0, 1}));
        APROC_VERIFY(q.full());
        const int first = co_await q.get();
        APROC_COMPARE(first, 0);
        // The get let the putter resume and put the last item.
        co_await sleep(0ms);
        APROC_COMPARE(haveBeenPut, QList<int>({0, 1, 2}));
        const int second = co_await q.get();
        APROC_COMPARE(second, 1);
        const int third = co_await q.get();
        APROC_COMPARE(third, 2);
        APROC_VERIFY(t.done());
        APROC_VERIFY(t.result());
    };
    APROC_RUN(body());
}

// No CPython test: asyncio takes maxsize <= 0 as unbounded; Aproc's maxsize is 0 for unbounded
// and a negative one is a ValueError naming it, thrown before the queue exists.
void tst_Queues::negativeMaxsizeIsValueError()
{
    const QString expected = QStringLiteral("maxsize must be >= 0, got -1");
    try {
        Queue<int> q(-1);
        QFAIL("Queue(-1) did not throw");
    } catch (const ValueError &error) {
        QCOMPARE(error.message(), expected);
    }
    try {
        LifoQueue<int> q(-1);
        QFAIL("LifoQueue(-1) did not throw");
    } catch (const ValueError &error) {
        QCOMPARE(error.message(), expected);
    }
    try {
        PriorityQueue<int> q(-7);
        QFAIL("PriorityQueue(-7) did not throw");
    } catch (const ValueError &error) {
        QCOMPARE(error.message(), QStringLiteral("maxsize must be >= 0, got -7"));
    }
}

// QueueGetTests.test_nonblocking_get and test_nonblocking_get_exception
void tst_Queues::getNowaitOnEmptyIsQueueEmpty()
{
    Queue<int> q;
    q.putNowait(1);
    QCOMPARE(q.getNowait(), 1);
    try {
        q.getNowait();
        QFAIL("getNowait() on an empty queue did not throw");
    } catch (const QueueEmpty &error) {
        QCOMPARE(error.message(), QStringLiteral("getNowait(): the queue is empty"));
    }
    LifoQueue<int> lifo;
    QVERIFY_THROWS_EXCEPTION(QueueEmpty, lifo.getNowait());
    PriorityQueue<int> priority;
    QVERIFY_THROWS_EXCEPTION(QueueEmpty, priority.getNowait());
}

// QueuePutTests.test_nonblocking_put and test_nonblocking_put_exception
void tst_Queues::putNowaitOnFullIsQueueFull()
{
    Queue<int> q(1);
    q.putNowait(1);
    try {
        q.putNowait(2);
        QFAIL("putNowait() on a full queue did not throw");
    } catch (const QueueFull &error) {
        QCOMPARE(error.message(), QStringLiteral("putNowait(): the queue is full (maxsize 1)"));
    }
    QCOMPARE(q.qsize(), qsizetype(1));
    QCOMPARE(q.getNowait(), 1);
    LifoQueue<int> lifo(1);
    lifo.putNowait(1);
    QVERIFY_THROWS_EXCEPTION(QueueFull, lifo.putNowait(2));
    PriorityQueue<int> priority(1);
    priority.putNowait(1);
    QVERIFY_THROWS_EXCEPTION(QueueFull, priority.putNowait(2));
}

// QueueGetTests.test_blocking_get_wait and QueuePutTests.test_put_with_waiting_getters
void tst_Queues::blockingGetWaits()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<QString>>();
        Task<QString> getter = createTask(q.get());
        co_await sleep(0ms);
        co_await sleep(0ms);
        APROC_VERIFY(!getter.done());
        EventLoop::current()->callLater(10ms, [&q] { q.putNowait(QStringLiteral("a")); });
        const QString item = co_await getter;
        APROC_COMPARE(item, QStringLiteral("a"));
        APROC_VERIFY(q.empty());
    };
    APROC_RUN(body());
}

// QueueGetTests.test_why_are_getters_waiting: the getters that wait are served first come, first
// served (asyncio's _getters deque)
void tst_Queues::waitingGettersAreServedInOrder()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>();
        Task<int> first = createTask(q.get());
        Task<int> second = createTask(q.get());
        Task<int> third = createTask(q.get());
        co_await sleep(0ms);
        APROC_COMPARE(q.state().waitingGetters(), qsizetype(3));
        q.putNowait(1);
        q.putNowait(2);
        q.putNowait(3);
        const int a = co_await first;
        const int b = co_await second;
        const int c = co_await third;
        APROC_COMPARE(a, 1);
        APROC_COMPARE(b, 2);
        APROC_COMPARE(c, 3);
    };
    APROC_RUN(body());
}

// QueueGetTests.test_get_with_waiting_putters and QueuePutTests.test_why_are_putters_waiting
void tst_Queues::waitingPuttersAreServedInOrder()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<QString>>(1);
        Task<void> putA = createTask(q.put(QStringLiteral("a")));
        Task<void> putB = createTask(q.put(QStringLiteral("b")));
        Task<void> putC = createTask(q.put(QStringLiteral("c")));
        co_await sleep(0ms);
        APROC_VERIFY(putA.done());
        APROC_COMPARE(q.state().waitingPutters(), qsizetype(2));
        const QString a = co_await q.get();
        const QString b = co_await q.get();
        const QString c = co_await q.get();
        APROC_COMPARE(a, QStringLiteral("a"));
        APROC_COMPARE(b, QStringLiteral("b"));
        APROC_COMPARE(c, QStringLiteral("c"));
        co_await putB;
        co_await putC;
    };
    APROC_RUN(body());
}

// QueueGetTests.test_get_cancelled_race
void tst_Queues::getCancelledRace()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<QString>>();
        Task<QString> t1 = createTask(q.get());
        Task<QString> t2 = createTask(q.get());
        co_await sleep(0ms);
        t1.cancel();
        co_await sleep(0ms);
        APROC_VERIFY(t1.done());
        APROC_VERIFY(t1.cancelled());
        co_await q.put(QStringLiteral("a"));
        co_await sleep(0ms);
        const QString item = co_await t2;
        APROC_COMPARE(item, QStringLiteral("a"));
    };
    APROC_RUN(body());
}

// QueuePutTests.test_get_cancel_drop_one_pending_reader: a getter woken by a put, then cancelled
// before it ran, takes no item, and the item stays for the next get
void tst_Queues::getCancelledAfterWakeLosesNoItem()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>();
        Task<int> reader = createTask(q.get());
        co_await sleep(0ms);
        q.putNowait(1);
        q.putNowait(2);
        reader.cancel();
        APROC_VERIFY_THROWS(co_await reader, CancelledError);
        APROC_COMPARE(q.qsize(), qsizetype(2));
        const int item = co_await q.get();
        APROC_COMPARE(item, 1); // had we got 2, 1 would have been dropped
    };
    APROC_RUN(body());
}

// QueuePutTests.test_get_cancel_drop_many_pending_readers: the cancelled getter's turn goes to
// the next one in line
void tst_Queues::getCancelledAfterWakeWakesTheNext()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>();
        Task<int> reader1 = createTask(q.get());
        Task<int> reader2 = createTask(q.get());
        Task<int> reader3 = createTask(q.get());
        co_await sleep(0ms);
        q.putNowait(1);
        q.putNowait(2);
        reader1.cancel();
        APROC_VERIFY_THROWS(co_await reader1, CancelledError);
        APROC_TRY_VERIFY(reader3.done());
        APROC_VERIFY(reader2.done());
        const int a = reader2.result();
        const int b = reader3.result();
        APROC_COMPARE(a + b, 3); // asyncio does not say which of the two gets which
        APROC_VERIFY(a != b);
        APROC_VERIFY(q.empty());
    };
    APROC_RUN(body());
}

// QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters
void tst_Queues::cancelledGettersAreForgotten()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>(5);
        APROC_VERIFY_THROWS(co_await waitFor(q.get(), 10ms), TimeoutError);
        APROC_COMPARE(q.state().waitingGetters(), qsizetype(0));
    };
    APROC_RUN(body());
}

// QueuePutTests.test_put_cancel_drop and test_cancelled_put_silence_value_error_exception: a
// putter woken by a get, then cancelled, inserts nothing
void tst_Queues::putCancelledAfterWakeInsertsNothing()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>(1);
        q.putNowait(1);
        Task<void> writer = createTask(q.put(2));
        co_await sleep(0ms);
        APROC_COMPARE(q.getNowait(), 1); // wakes the writer and takes it out of the line
        writer.cancel();
        APROC_VERIFY_THROWS(co_await writer, CancelledError);
        APROC_COMPARE(q.qsize(), qsizetype(0));
        co_await q.put(2); // try again
        APROC_COMPARE(q.getNowait(), 2);
        APROC_COMPARE(q.qsize(), qsizetype(0));
    };
    APROC_RUN(body());
}

// The putters' side of QueuePutTests.test_get_cancel_drop_many_pending_readers: a putter woken
// then cancelled hands the free slot to the next putter
void tst_Queues::putCancelledAfterWakeWakesTheNext()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>(1);
        q.putNowait(1);
        Task<void> writer1 = createTask(q.put(2));
        Task<void> writer2 = createTask(q.put(3));
        co_await sleep(0ms);
        APROC_COMPARE(q.getNowait(), 1); // wakes writer1
        writer1.cancel();
        APROC_VERIFY_THROWS(co_await writer1, CancelledError);
        APROC_TRY_VERIFY(writer2.done());
        APROC_COMPARE(q.qsize(), qsizetype(1));
        APROC_COMPARE(q.getNowait(), 3);
    };
    APROC_RUN(body());
}

// QueuePutTests.test_put_cancelled_race
void tst_Queues::putCancelledRace()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<QString>>(1);
        Task<void> putA = createTask(q.put(QStringLiteral("a")));
        Task<void> putB = createTask(q.put(QStringLiteral("b")));
        Task<void> putC = createTask(q.put(QStringLiteral("X")));
        co_await sleep(0ms);
        APROC_VERIFY(putA.done());
        APROC_VERIFY(!putB.done());
        putC.cancel();
        co_await sleep(0ms);
        APROC_VERIFY(putC.done());
        APROC_COMPARE(q.getNowait(), QStringLiteral("a"));
        co_await sleep(0ms);
        APROC_COMPARE(q.getNowait(), QStringLiteral("b"));
        co_await putB;
        APROC_VERIFY(q.empty()); // the cancelled X never went in
    };
    APROC_RUN(body());
}

// QueuePutTests.test_cancelled_puts_not_being_held_in_self_putters
void tst_Queues::cancelledPuttersAreForgotten()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>(1);
        q.putNowait(1);
        Task<void> putTask = createTask(q.put(1));
        co_await sleep(0ms);
        APROC_COMPARE(q.state().waitingPutters(), qsizetype(1));
        putTask.cancel();
        APROC_VERIFY_THROWS(co_await putTask, CancelledError);
        APROC_COMPARE(q.state().waitingPutters(), qsizetype(0));
        APROC_COMPARE(q.qsize(), qsizetype(1));
    };
    APROC_RUN(body());
}

// _QueueJoinTestMixin.test_task_done_underflow
void tst_Queues::taskDoneUnderflow()
{
    Queue<int> q;
    try {
        q.taskDone();
        QFAIL("taskDone() on a fresh queue did not throw");
    } catch (const ValueError &error) {
        QCOMPARE(error.message(), QStringLiteral("taskDone() called too many times"));
    }
    q.putNowait(1);
    QCOMPARE(q.getNowait(), 1);
    q.taskDone();
    QVERIFY_THROWS_EXCEPTION(ValueError, q.taskDone());
    LifoQueue<int> lifo;
    QVERIFY_THROWS_EXCEPTION(ValueError, lifo.taskDone());
    PriorityQueue<int> priority;
    QVERIFY_THROWS_EXCEPTION(ValueError, priority.taskDone());
}

// _QueueJoinTestMixin.test_task_done: two workers, join() returns once each item is done
void tst_Queues::joinWaitsForEveryTaskDone()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>();
        for (int i = 0; i < 100; ++i)
            q.putNowait(i);
        int sum = 0;
        int processed = 0;
        Task<void> worker1 = createTask(summingWorker(&q, &sum, &processed));
        Task<void> worker2 = createTask(summingWorker(&q, &sum, &processed));
        co_await q.join();
        APROC_COMPARE(processed, 100);
        APROC_COMPARE(sum, 4950);
        APROC_VERIFY_THROWS(q.taskDone(), ValueError);
        q.shutdown(); // the workers' get() throws QueueShutDown: they end
        co_await worker1;
        co_await worker2;
    };
    APROC_RUN(body());
}

// _QueueJoinTestMixin.test_join_empty_queue
void tst_Queues::joinEmptyQueue()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>();
        co_await q.join();
        co_await q.join();
        q.putNowait(1);
        static_cast<void>(q.getNowait());
        Task<void> joinTask = createTask(q.join());
        co_await sleep(0ms);
        APROC_VERIFY(!joinTask.done()); // got, but not done yet
        q.taskDone();
        co_await joinTask;
    };
    APROC_RUN(body());
}

// No CPython test (asyncio.Event.wait gives each joiner a future of its own): cancelling one
// join() leaves the others waiting
void tst_Queues::cancelledJoinLeavesTheOthers()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>();
        q.putNowait(1);
        Task<void> join1 = createTask(q.join());
        Task<void> join2 = createTask(q.join());
        co_await sleep(0ms);
        join1.cancel();
        APROC_VERIFY_THROWS(co_await join1, CancelledError);
        APROC_VERIFY(!join2.done());
        static_cast<void>(q.getNowait());
        q.taskDone();
        co_await join2;
    };
    APROC_RUN(body());
}

// _QueueShutdownTestMixin.test_shutdown_empty, for the three queues
void tst_Queues::shutdownEmpty()
{
    APROC_RUN(::shutdownEmpty<Queue<QString>>());
    APROC_RUN(::shutdownEmpty<LifoQueue<QString>>());
    APROC_RUN(::shutdownEmpty<PriorityQueue<QString>>());
}

// _QueueShutdownTestMixin.test_shutdown_nonempty
void tst_Queues::shutdownNonempty()
{
    APROC_RUN(::shutdownNonempty<Queue<QString>>());
    APROC_RUN(::shutdownNonempty<LifoQueue<QString>>());
    APROC_RUN(::shutdownNonempty<PriorityQueue<QString>>());
}

// _QueueShutdownTestMixin.test_shutdown_immediate
void tst_Queues::shutdownImmediate()
{
    APROC_RUN(::shutdownImmediate<Queue<QString>>());
    APROC_RUN(::shutdownImmediate<LifoQueue<QString>>());
    APROC_RUN(::shutdownImmediate<PriorityQueue<QString>>());
}

// _QueueShutdownTestMixin.test_shutdown_immediate_with_unfinished
void tst_Queues::shutdownImmediateWithUnfinished()
{
    APROC_RUN(::shutdownImmediateWithUnfinished<Queue<QString>>());
    APROC_RUN(::shutdownImmediateWithUnfinished<LifoQueue<QString>>());
    APROC_RUN(::shutdownImmediateWithUnfinished<PriorityQueue<QString>>());
}

// The 3.13 docs of Queue.shutdown ("all blocked callers of put() and get() will be unblocked"),
// with several of each waiting; an immediate shutdown of a full queue also frees its putters
void tst_Queues::shutdownWakesEveryWaiter()
{
    const auto body = []() -> Task<void> {
        auto &empty = lastingQueue<Queue<int>>();
        Task<int> get1 = createTask(empty.get());
        Task<int> get2 = createTask(empty.get());
        Task<int> get3 = createTask(empty.get());
        co_await sleep(0ms);
        empty.shutdown();
        APROC_VERIFY_THROWS(co_await get1, QueueShutDown);
        APROC_VERIFY_THROWS(co_await get2, QueueShutDown);
        APROC_VERIFY_THROWS(co_await get3, QueueShutDown);
        APROC_COMPARE(empty.state().waitingGetters(), qsizetype(0));

        auto &full = lastingQueue<Queue<int>>(1);
        full.putNowait(1);
        Task<void> put1 = createTask(full.put(2));
        Task<void> put2 = createTask(full.put(3));
        co_await sleep(0ms);
        full.shutdown();
        APROC_VERIFY_THROWS(co_await put1, QueueShutDown);
        APROC_VERIFY_THROWS(co_await put2, QueueShutDown);
        APROC_COMPARE(full.qsize(), qsizetype(1)); // neither went in
        const int item = co_await full.get();
        APROC_COMPARE(item, 1);
        APROC_VERIFY_THROWS(co_await full.get(), QueueShutDown);

        auto &immediate = lastingQueue<Queue<int>>(1);
        immediate.putNowait(1);
        Task<void> put3 = createTask(immediate.put(2));
        Task<void> joinTask = createTask(immediate.join());
        co_await sleep(0ms);
        immediate.shutdown(true);
        APROC_VERIFY_THROWS(co_await put3, QueueShutDown);
        co_await joinTask; // the removed item counts as done
        APROC_VERIFY(immediate.empty());
        try {
            co_await immediate.get();
            APROC_FAIL("get() after shutdown(true) did not throw");
        } catch (const QueueShutDown &error) {
            APROC_COMPARE(error.message(), QStringLiteral("get(): the queue is shut down"));
        }
    };
    APROC_RUN(body());
}

// No CPython test (Python has no move-only objects): std::unique_ptr items through the three
// queues, a blocked put of one, and an immediate shutdown that destroys those left
void tst_Queues::moveOnlyItems()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<Ptr>>(1);
        q.putNowait(std::make_unique<int>(1));
        Task<void> putter = createTask(q.put(std::make_unique<int>(2)));
        co_await sleep(0ms);
        APROC_VERIFY(!putter.done());
        Ptr first = co_await q.get();
        APROC_COMPARE(*first, 1);
        co_await putter;
        Task<Ptr> getter = createTask(q.get());
        Ptr second = co_await getter;
        APROC_COMPARE(*second, 2);

        auto &lifo = lastingQueue<LifoQueue<Ptr>>();
        lifo.putNowait(std::make_unique<int>(1));
        co_await lifo.put(std::make_unique<int>(2));
        APROC_COMPARE(*lifo.getNowait(), 2);
        APROC_COMPARE(*lifo.getNowait(), 1);

        auto &priority = lastingQueue<PriorityQueue<Ptr, ByPointee>>();
        for (const int value : {3, 1, 2})
            priority.putNowait(std::make_unique<int>(value));
        Ptr smallest = co_await priority.get();
        APROC_COMPARE(*smallest, 1);
        APROC_COMPARE(*priority.getNowait(), 2);
        priority.putNowait(std::make_unique<int>(0));
        priority.shutdown(true);
        APROC_VERIFY(priority.empty());
        APROC_VERIFY_THROWS(priority.getNowait(), QueueShutDown);
    };
    APROC_RUN(body());
}

// The worker pool of docs/queues.md (no CPython test; _QueueJoinTestMixin.test_task_done is the
// closest): three workers, a bounded queue, join(), then shutdown()
void tst_Queues::workerPool()
{
    QStringList names;
    for (int i = 0; i < 10; ++i)
        names.append(QStringLiteral("job%1").arg(i));
    QStringList ran;
    const auto body = [&names, &ran]() -> Task<void> {
        co_await runJobs(names, &ran);
        APROC_COMPARE(ran.size(), 10);
        // The three workers took the first three jobs in turn, first come, first served.
        APROC_COMPARE(ran.mid(0, 3),
                      QStringList({QStringLiteral("job0 by 0"), QStringLiteral("job1 by 1"),
                                   QStringLiteral("job2 by 2")}));
        QStringList jobs;
        for (const QString &each : ran)
            jobs.append(each.section(QLatin1Char(' '), 0, 0));
        APROC_COMPARE(jobs, names); // each job once, in the order they were put
    };
    APROC_RUN(body());
}

// As asyncio: `await q.put(x)` with room and `await q.get()` with an item never yield to the
// loop (a callback scheduled just before has not run after them); on a full or empty queue they
// suspend until another task makes room or puts an item.
void tst_Queues::readyPutAndGetDoNotSuspend()
{
    const auto body = []() -> Task<void> {
        auto &q = lastingQueue<Queue<int>>(1);
        bool ran = false;
        EventLoop::current()->callSoon([&ran] { ran = true; });
        co_await q.put(1);
        const int item = co_await q.get();
        APROC_COMPARE(item, 1);
        APROC_VERIFY(!ran);

        Task<int> getter = createTask(q.get()); // an awaitable in a task of its own
        co_await sleep(0ms);
        APROC_VERIFY(ran);
        APROC_VERIFY(!getter.done()); // the queue is empty: it waits
        co_await q.put(2); // room: at once, and the getter is woken
        co_await q.put(3); // full until the getter has taken 2: this one waits
        Task<void> putter = createTask(q.put(4));
        co_await sleep(0ms);
        APROC_COMPARE(co_await getter, 2);
        const bool putterWaits = !putter.done();
        APROC_VERIFY(putterWaits);
        const int third = co_await q.get();
        APROC_COMPARE(third, 3);
        co_await putter;
        const int fourth = co_await q.get();
        APROC_COMPARE(fourth, 4);
    };
    APROC_RUN(body());
}

QTEST_GUILESS_MAIN(tst_Queues)
#include "tst_queues.moc"
