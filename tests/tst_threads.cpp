// SPDX-License-Identifier: MIT
// One EventLoop per thread: loops in QThreads, callSoonThreadsafe between any threads, and the
// teardown of a thread's loop when its QThread finishes.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/gather.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>

#include <QtCore/QThread>
#include <QtTest/QtTest>

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

using namespace aproc;
using namespace std::chrono_literals;

namespace {

/*! A QThread running a Qt event loop. run() creates the thread's Aproc loop, hands it to
 *  \a atStart (which may create tasks there), then runs exec(). */
class LoopThread : public QThread
{
public:
    explicit LoopThread(std::function<void(EventLoop *)> atStart = {})
        : m_atStart(std::move(atStart))
    { }
    ~LoopThread() override
    {
        quit();
        wait();
    }
    /*! The loop of the current (or last) run; dangling once the thread finished. */
    EventLoop *loop() const { return m_loop.load(); }

protected:
    void run() override
    {
        EventLoop *loop = EventLoop::current();
        if (m_atStart)
            m_atStart(loop);
        m_loop.store(loop);
        exec();
    }

private:
    std::function<void(EventLoop *)> m_atStart;
    std::atomic<EventLoop *> m_loop{nullptr};
};

/*! What one thread reports back to the main thread; written only by callbacks that run there. */
struct ThreadReport
{
    Future<void> started;
    Future<int> finished;
    Future<int> *gate = nullptr; // lives in the thread: completed through its loop
    EventLoop *loop = nullptr;
    QThread *ranOn = nullptr;
};

Task<int> squareAfterYields(int value)
{
    for (int i = 0; i < value; ++i)
        co_await sleep(0ms);
    co_return value *value;
}

Task<int> valueAfterSleep(int value)
{
    co_await sleep(1ms);
    co_return value;
}

/*! Runs in a thread of its own: reports that it started, waits until the main thread opens its
 *  gate (so all threads are demonstrably pending at once), computes, and reports the result. */
Task<void> threadWork(int index, EventLoop *mainLoop, ThreadReport *report)
{
    EventLoop *loop = EventLoop::current();
    Future<int> gate(loop);
    mainLoop->callSoonThreadsafe([report, loop, gate = &gate, thread = QThread::currentThread()] {
        report->loop = loop;
        report->ranOn = thread;
        report->gate = gate;
        report->started.setResult();
    });
    const int opened = co_await gate;
    const auto [square, slept]
            = co_await gather(squareAfterYields(index + 1), valueAfterSleep(opened));
    const int result = square * 100 + slept;
    mainLoop->callSoonThreadsafe([report, result] { report->finished.setResult(result); });
}

/*! Counts a coroutine frame's destruction. */
struct FrameGuard
{
    std::atomic<int> *destroyed;
    ~FrameGuard() { ++*destroyed; }
};

struct TeardownCounters
{
    std::atomic<int> started{0};
    std::atomic<int> sawCancel{0};
    std::atomic<int> framesDestroyed{0};
};

Task<void> awaitForever(TeardownCounters *counters)
{
    FrameGuard guard{&counters->framesDestroyed};
    ++counters->started;
    bool cancelled = false;
    try {
        co_await Future<void>();
    } catch (const CancelledError &) {
        cancelled = true;
    }
    if (cancelled)
        ++counters->sawCancel;
    throw CancelledError();
}

Task<void> sleepForever(TeardownCounters *counters)
{
    FrameGuard guard{&counters->framesDestroyed};
    ++counters->started;
    co_await sleep(24h);
}

/*! Swallows every cancellation: the teardown must still end and free the frame. */
Task<void> refuseToStop(TeardownCounters *counters)
{
    FrameGuard guard{&counters->framesDestroyed};
    ++counters->started;
    for (;;) {
        try {
            co_await Future<void>();
        } catch (const CancelledError &) {
            ++counters->sawCancel;
        }
    }
}

} // namespace

class tst_Threads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void currentIsPerThread();
    void threeLoopsRunAtOnce();
    void callSoonThreadsafeRunsOnTheTargetThread();
    void callSoonThreadsafeKeepsEachSendersOrder();
    void finishedThreadDestroysItsLoop();
    void restartedThreadGetsAFreshLoop();
};

void tst_Threads::currentIsPerThread()
{
    EventLoop *mainLoop = EventLoop::current();
    QCOMPARE(EventLoop::current(), mainLoop);
    QCOMPARE(mainLoop->thread(), QThread::currentThread());
    std::atomic<bool> sameWithinThread{false};
    std::atomic<bool> livesInItsThread{false};
    LoopThread first([&](EventLoop *loop) {
        sameWithinThread = EventLoop::current() == loop;
        livesInItsThread = loop->thread() == QThread::currentThread();
    });
    LoopThread second;
    first.start();
    second.start();
    QTRY_VERIFY(first.loop() && second.loop());
    QVERIFY(sameWithinThread);
    QVERIFY(livesInItsThread);
    QVERIFY(first.loop() != mainLoop);
    QVERIFY(second.loop() != mainLoop);
    QVERIFY(first.loop() != second.loop());
}

void tst_Threads::threeLoopsRunAtOnce()
{
    EventLoop *mainLoop = EventLoop::current();
    std::array<ThreadReport, 3> reports;
    std::vector<std::unique_ptr<LoopThread>> threads;
    for (int i = 0; i < 3; ++i) {
        threads.push_back(std::make_unique<LoopThread>([i, mainLoop, &reports](EventLoop *loop) {
            static_cast<void>(loop->createTask(threadWork(i, mainLoop, &reports[i])));
        }));
        threads.back()->start();
    }
    const auto body = [](std::array<ThreadReport, 3> *reports) -> Task<void> {
        for (ThreadReport &report : *reports)
            co_await report.started; // all three are now waiting on their gates
        for (int i = 0; i < 3; ++i) {
            Future<int> *gate = (*reports)[i].gate;
            (*reports)[i].loop->callSoonThreadsafe([gate, i] { gate->setResult(i + 1); });
        }
        for (int i = 0; i < 3; ++i)
            APROC_COMPARE(co_await (*reports)[i].finished, (i + 1) * (i + 1) * 100 + i + 1);
    };
    APROC_RUN(body(&reports));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(reports[i].ranOn, threads[i].get());
        QCOMPARE(reports[i].loop, threads[i]->loop());
        QVERIFY(reports[i].loop != mainLoop);
        QVERIFY(reports[i].loop != reports[(i + 1) % 3].loop);
    }
}

void tst_Threads::callSoonThreadsafeRunsOnTheTargetThread()
{
    std::atomic<int> ran{0};
    std::atomic<int> wrongThread{0};
    LoopThread a;
    LoopThread b;
    a.start();
    b.start();
    QTRY_VERIFY(a.loop() && b.loop());
    const std::array<EventLoop *, 3> targets{EventLoop::current(), a.loop(), b.loop()};
    const auto postToAll = [&] {
        for (EventLoop *target : targets) {
            QThread *expected = target->thread(); // read-only: a loop never changes thread
            target->callSoonThreadsafe([&, expected] {
                if (QThread::currentThread() != expected)
                    ++wrongThread;
                ++ran;
            });
        }
    };
    postToAll(); // from the main thread
    a.loop()->callSoonThreadsafe(postToAll); // from thread a
    b.loop()->callSoonThreadsafe(postToAll); // from thread b
    std::thread plain(postToAll); // from a thread without any loop
    plain.join();
    QTRY_COMPARE(ran.load(), 12);
    QCOMPARE(wrongThread.load(), 0);
}

void tst_Threads::callSoonThreadsafeKeepsEachSendersOrder()
{
    constexpr int PerSender = 2000;
    std::array<int, 2> lastSeen{-1, -1}; // touched only on the target thread
    std::atomic<int> outOfOrder{0};
    std::atomic<int> ran{0};
    LoopThread target;
    target.start();
    QTRY_VERIFY(target.loop());
    EventLoop *loop = target.loop();
    const auto send = [&](int sender) {
        for (int i = 0; i < PerSender; ++i) {
            loop->callSoonThreadsafe([&, sender, i] {
                if (lastSeen[sender] != i - 1)
                    ++outOfOrder;
                lastSeen[sender] = i;
                ++ran;
            });
        }
    };
    std::thread first(send, 0);
    std::thread second(send, 1);
    first.join();
    second.join();
    QTRY_COMPARE(ran.load(), 2 * PerSender);
    QCOMPARE(outOfOrder.load(), 0);
}

void tst_Threads::finishedThreadDestroysItsLoop()
{
    TeardownCounters counters;
    auto thread = std::make_unique<LoopThread>([&counters](EventLoop *loop) {
        static_cast<void>(loop->createTask(awaitForever(&counters)));
        static_cast<void>(loop->createTask(sleepForever(&counters)));
        static_cast<void>(loop->createTask(refuseToStop(&counters)));
    });
    thread->start();
    QTRY_COMPARE(counters.started.load(), 3);
    QSignalSpy destroyed(thread->loop(), &QObject::destroyed);
    QVERIFY(destroyed.isValid());
    thread->quit();
    QVERIFY(thread->wait());
    QCOMPARE(destroyed.count(), 1);
    QVERIFY(counters.sawCancel.load() >= 2); // awaitForever once, refuseToStop every round
    QCOMPARE(counters.framesDestroyed.load(), 3);
}

void tst_Threads::restartedThreadGetsAFreshLoop()
{
    std::atomic<int> runs{0};
    std::atomic<bool> freshLoop{true};
    std::atomic<int> tasksDone{0};
    LoopThread thread([&](EventLoop *loop) {
        if (loop->property("aproc-test-run").isValid())
            freshLoop = false;
        loop->setProperty("aproc-test-run", ++runs);
        static_cast<void>(loop->createTask([](std::atomic<int> *done) -> Task<void> {
            const auto [a, b] = co_await gather(squareAfterYields(2), valueAfterSleep(3));
            if (a == 4 && b == 3)
                ++*done;
        }(&tasksDone)));
    });
    thread.start();
    QTRY_COMPARE(tasksDone.load(), 1);
    QSignalSpy firstDestroyed(thread.loop(), &QObject::destroyed);
    QVERIFY(firstDestroyed.isValid());
    thread.quit();
    QVERIFY(thread.wait());
    QCOMPARE(firstDestroyed.count(), 1);

    thread.start();
    QTRY_COMPARE(tasksDone.load(), 2);
    QCOMPARE(runs.load(), 2);
    QVERIFY2(freshLoop.load(), "the restarted thread reused the loop of its first run");
}

QTEST_GUILESS_MAIN(tst_Threads)
#include "tst_threads.moc"
