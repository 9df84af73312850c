// SPDX-License-Identifier: MIT
// The queues' hot path: a put() with room and a get() with an item complete without a coroutine
// frame of their own, while a get() that must wait makes one. The allocations are counted by
// replacing the global operator new, which affects the whole executable: these tests are apart
// from tst_queues for that.
#include <aproc/eventloop.h>
#include <aproc/queues.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>

#include <QtTest/QtTest>

#include "support/countingnew.h"

#include <chrono>

using namespace aproc;
using namespace std::chrono_literals;

namespace {

constexpr int Items = 1000;

// Items put()s and get()s that need not wait: a frame each would be 2 * Items allocations; the
// queue's storage may allocate now and then as it moves through its blocks.
Task<void> readyOperationsMakeNoFrame(Queue<int> *queue, qint64 *allocations)
{
    co_await queue->put(-1);
    co_await queue->get();
    const qint64 before = testsupport::operatorNewCalls();
    long sum = 0;
    for (int i = 0; i < Items; ++i) {
        co_await queue->put(i);
        sum += co_await queue->get();
    }
    *allocations = testsupport::operatorNewCalls() - before;
    APROC_COMPARE(sum, long(Items) * (Items - 1) / 2);
}

Task<void> putLater(Queue<int> *queue)
{
    co_await sleep(0ms);
    co_await queue->put(7);
}

// A get() on an empty queue waits in a coroutine of its own: at least its frame is made.
Task<void> waitingGetMakesItsFrame(Queue<int> *queue, qint64 *allocations)
{
    Task<void> producer = createTask(putLater(queue));
    const qint64 before = testsupport::operatorNewCalls();
    const int item = co_await queue->get();
    *allocations = testsupport::operatorNewCalls() - before;
    APROC_COMPARE(item, 7);
    co_await producer;
}

} // namespace

class tst_QueuesAllocations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readyOperationsMakeNoFrame()
    {
        Queue<int> queue(4);
        qint64 allocations = -1;
        APROC_RUN(::readyOperationsMakeNoFrame(&queue, &allocations));
        QVERIFY2(allocations < Items / 10, qPrintable(QString::number(allocations)));
    }
    void waitingGetMakesItsFrame()
    {
        Queue<int> queue;
        qint64 allocations = -1;
        APROC_RUN(::waitingGetMakesItsFrame(&queue, &allocations));
        QVERIFY2(allocations >= 1, qPrintable(QString::number(allocations)));
    }
};

QTEST_GUILESS_MAIN(tst_QueuesAllocations)
#include "tst_queues_allocations.moc"
