// SPDX-License-Identifier: MIT
// EventLoop: the asyncio loop API on Qt's dispatcher (run twice by ctest: GLib and UNIX
// dispatchers). Every wait waits on an event (a loop timer, a QTRY condition), never on a sleep.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/sleep.h>
#include <aproc/task.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QRegularExpression>
#include <QtCore/QScopeGuard>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtTest/QtTest>

#include "support/fds.h"

#include <chrono>
#include <csignal>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

using namespace aproc;
using testsupport::openFdCount;
using testsupport::TestPipe;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

EventLoop *loop()
{
    return EventLoop::current();
}

/*! Runs the loop (a nested Qt event loop) until a loop timer of \a duration has fired. */
void runFor(std::chrono::milliseconds duration)
{
    Future<void> elapsed = loop()->createFuture();
    loop()->callLater(duration, [elapsed]() mutable { elapsed.setResult(); });
    loop()->runUntilComplete(elapsed);
}

double steadySeconds()
{
    const auto sinceEpoch = std::chrono::steady_clock::now().time_since_epoch();
    return std::chrono::duration<double>(sinceEpoch).count();
}

/*! A non-blocking pipe whose watches are removed and fds closed at the end, even on failure. */
struct Pipe : TestPipe
{
    Pipe() : TestPipe(NonBlocking) { }
    Pipe(const Pipe &) = delete;
    Pipe &operator=(const Pipe &) = delete;
    ~Pipe()
    {
        loop()->removeReader(readEnd());
        loop()->removeWriter(writeEnd());
    }
};

/*! Records the warnings of the "aproc.loop" category, passing every message on to QtTest. */
class LoopWarnings
{
public:
    LoopWarnings() : m_previous(qInstallMessageHandler(handle)) { s_current = this; }
    ~LoopWarnings()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    QStringList messages() const { return m_messages; }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (type == QtWarningMsg && qstrcmp(context.category, "aproc.loop") == 0)
            s_current->m_messages.append(message);
        s_current->m_previous(type, context, message);
    }
    static inline LoopWarnings *s_current = nullptr;
    QtMessageHandler m_previous;
    QStringList m_messages;
};

QString rethrownWhat(const std::exception_ptr &exception)
{
    try {
        std::rethrow_exception(exception);
    } catch (const std::runtime_error &error) {
        return u"runtime_error: "_s + QString::fromUtf8(error.what());
    } catch (const ValueError &error) {
        return u"ValueError: "_s + error.message();
    } catch (...) { }
    return u"other"_s;
}

void busySpin(std::chrono::milliseconds duration)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < duration.count()) { }
}

Task<int> answerLater(std::chrono::milliseconds delay, int value)
{
    co_await aproc::sleep(delay);
    co_return value;
}

Task<int> markAndAnswer(bool *ran)
{
    *ran = true;
    co_return 42;
}

Task<void> throwValueErrorLater(QString message)
{
    co_await aproc::sleep(1ms);
    throw ValueError(message);
}

Task<void> throwRuntimeError()
{
    throw std::runtime_error("plain failure");
    co_return;
}

/*! A callback chain: each link schedules the next with callSoon until stopRequested. */
struct Chain
{
    int links = 0;
    bool stopRequested = false;
    bool running = true;
    void next()
    {
        ++links;
        if (stopRequested) {
            running = false;
            return;
        }
        loop()->callSoon([this] { next(); });
    }
};

void ignoreSignal(int signo)
{
    struct sigaction action = {};
    action.sa_handler = SIG_IGN;
    sigemptyset(&action.sa_mask);
    ::sigaction(signo, &action, nullptr);
}

sighandler_t currentDisposition(int signo)
{
    struct sigaction action = {};
    ::sigaction(signo, nullptr, &action);
    return action.sa_handler;
}

extern "C" void customSignalHandler(int) { }

} // namespace

class SignalSource : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void fired(int value);
};

class tst_EventLoop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void currentIsOnePerThread();
    void currentWithoutDispatcherThrows();
    void timeIsMonotonicSeconds();

    void callSoonRunsInFifoOrder();
    void callSoonNeverRunsInline();
    void callSoonCancel();
    void callSoonFromCallbackRunsAfterQueuedOnes();

    void callLaterRunsInDueOrder_data();
    void callLaterRunsInDueOrder();
    void callAtSameTimeKeepsSchedulingOrder();
    void callAtInThePastRunsSoon();
    void callLaterCancel();
    void callLaterWhenAndNeverEarly();
    void idleLoopHasNoActiveTimer();

    void callbackChainDoesNotStarveQt();

    void runUntilCompleteTask();
    void runUntilCompleteFuture();
    void runUntilCompleteRethrows();
    void runUntilCompleteStartsUnstartedTask();
    void runUntilCompleteStopped_data();
    void runUntilCompleteStopped();
    void runUntilCompleteNestedInCallback();

    void runForeverUntilStop_data();
    void runForeverUntilStop();
    void stopFinishesTheCurrentIteration();
    void stopBeforeRunForeverRunsOneIteration();
    void isRunning();

    void readerFiresWhenReadable();
    void readerIsLevelTriggered();
    void removeReaderFromOwnCallback();
    void addReaderTwiceReplacesCallback();
    void writerFiresWhenWritable();
    void fdWatchesLeaveNoFdBehind();

    void signalHandlerRunsInLoop();
    void signalHandlerRestoresDisposition_data();
    void signalHandlerRestoresDisposition();
    void invalidSignalThrows_data();
    void invalidSignalThrows();
    void signalOfAnotherLoopThrows();

    void callbackExceptionGoesToHandler();
    void callbackExceptionDefaultHandlerLogs();
    void throwingExceptionHandlerIsSurvived();
    void exceptionHandlerAccessors();
    void unretrievedException_data();
    void unretrievedException();

    void debugWarnsAboutSlowCallbacks();
    void noSlowCallbackWarningWithoutDebug();

    void callSoonThreadsafeRunsOnLoopThread_data();
    void callSoonThreadsafeRunsOnLoopThread();
    void callSoonThreadsafeFromTwoThreads();
    void callSoonThreadsafeWakesRunForever();

    void createFutureAndTask();
};

void tst_EventLoop::cleanup()
{
    loop()->setExceptionHandler({});
    loop()->setDebug(false);
    loop()->setSlowCallbackDuration(100ms);
}

// ---- current(), time() ------------------------------------------------------------------------

void tst_EventLoop::currentIsOnePerThread()
{
    EventLoop *mainLoop = EventLoop::current();
    QVERIFY(mainLoop);
    QCOMPARE(EventLoop::current(), mainLoop);
    QCOMPARE(mainLoop->thread(), QThread::currentThread());

    QThread worker;
    worker.start();
    auto context = std::make_unique<QObject>();
    context->moveToThread(&worker);
    EventLoop *workerLoop = nullptr;
    EventLoop *workerLoopAgain = nullptr;
    QMetaObject::invokeMethod(
            context.get(),
            [&] {
                workerLoop = EventLoop::current();
                workerLoopAgain = EventLoop::current();
            },
            Qt::BlockingQueuedConnection);
    QPointer<EventLoop> workerLoopGuard(workerLoop);
    worker.quit();
    QVERIFY(worker.wait(30000));

    QVERIFY(workerLoop);
    QCOMPARE(workerLoopAgain, workerLoop);
    QVERIFY(workerLoop != mainLoop);
    QVERIFY2(workerLoopGuard.isNull(), "the loop of a QThread goes when the thread finishes");
}

void tst_EventLoop::currentWithoutDispatcherThrows()
{
    bool threw = false;
    std::thread plain([&threw] {
        try {
            EventLoop::current();
        } catch (const Error &) {
            threw = true;
        }
    });
    plain.join();
    QVERIFY(threw);
}

void tst_EventLoop::timeIsMonotonicSeconds()
{
    const double start = loop()->time();
    QVERIFY2(qAbs(start - steadySeconds()) < 1.0, "time() is the steady clock, in seconds");
    double previous = start;
    for (int i = 0; i < 1000; ++i) {
        const double now = loop()->time();
        QVERIFY(now >= previous);
        previous = now;
    }
    runFor(20ms);
    QVERIFY(loop()->time() - start >= 0.020);
}

// ---- callSoon() -------------------------------------------------------------------------------

void tst_EventLoop::callSoonRunsInFifoOrder()
{
    constexpr int Count = 5000;
    std::vector<int> order;
    std::vector<int> expected;
    for (int i = 0; i < Count; ++i) {
        loop()->callSoon([&order, i] { order.push_back(i); });
        expected.push_back(i);
    }
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), std::size_t(Count), 20000);
    QVERIFY(order == expected);
}

void tst_EventLoop::callSoonNeverRunsInline()
{
    QStringList log;
    loop()->callSoon([&log] {
        log << u"outer begins"_s;
        loop()->callSoon([&log] { log << u"inner"_s; });
        log << u"outer ends"_s;
    });
    QVERIFY(log.isEmpty());
    QTRY_COMPARE(log, (QStringList{u"outer begins"_s, u"outer ends"_s, u"inner"_s}));
}

void tst_EventLoop::callSoonCancel()
{
    int ran = 0;
    Handle cancelled = loop()->callSoon([&ran] { ran += 100; });
    Handle kept = loop()->callSoon([&ran] { ran += 1; });
    QCOMPARE(cancelled.when(), 0.0);
    QVERIFY(!cancelled.cancelled());
    QVERIFY(cancelled.cancel());
    QVERIFY(cancelled.cancelled());
    QVERIFY2(!cancelled.cancel(), "a second cancel() finds nothing to cancel");
    QTRY_COMPARE(ran, 1);
    runFor(10ms);
    QCOMPARE(ran, 1);
    QVERIFY2(!kept.cancel(), "cancel() after the callback ran returns false");
}

void tst_EventLoop::callSoonFromCallbackRunsAfterQueuedOnes()
{
    QStringList order;
    loop()->callSoon([&order] {
        order << u"A"_s;
        loop()->callSoon([&order] { order << u"C"_s; });
    });
    loop()->callSoon([&order] { order << u"B"_s; });
    QTRY_COMPARE(order, (QStringList{u"A"_s, u"B"_s, u"C"_s}));
}

// ---- callLater(), callAt() --------------------------------------------------------------------

void tst_EventLoop::callLaterRunsInDueOrder_data()
{
    QTest::addColumn<QList<int>>("delaysMs");
    QTest::addColumn<QList<int>>("expectedOrder");
    QTest::newRow("30, 10, 20 ms") << QList<int>{30, 10, 20} << QList<int>{1, 2, 0};
    QTest::newRow("equal delays in scheduling order")
            << QList<int>{20, 20, 20} << QList<int>{0, 1, 2};
    QTest::newRow("zero delay first") << QList<int>{15, 0, 15, 5} << QList<int>{1, 3, 0, 2};
}

void tst_EventLoop::callLaterRunsInDueOrder()
{
    QFETCH(QList<int>, delaysMs);
    QFETCH(QList<int>, expectedOrder);
    QList<int> order;
    for (int i = 0; i < delaysMs.size(); ++i)
        loop()->callLater(std::chrono::milliseconds(delaysMs[i]), [&order, i] { order << i; });
    QTRY_COMPARE(order.size(), expectedOrder.size());
    QCOMPARE(order, expectedOrder);
}

void tst_EventLoop::callAtSameTimeKeepsSchedulingOrder()
{
    const double when = loop()->time() + 0.02;
    QList<int> order;
    for (int i = 0; i < 5; ++i)
        loop()->callAt(when, [&order, i] { order << i; });
    QTRY_COMPARE(order, (QList<int>{0, 1, 2, 3, 4}));
}

void tst_EventLoop::callAtInThePastRunsSoon()
{
    bool ran = false;
    Handle handle = loop()->callAt(loop()->time() - 10.0, [&ran] { ran = true; });
    QVERIFY(!ran);
    QTRY_VERIFY(ran);
    QVERIFY(!handle.cancel());
}

void tst_EventLoop::callLaterCancel()
{
    QStringList ran;
    Handle cancelled = loop()->callLater(10ms, [&ran] { ran << u"cancelled"_s; });
    Handle later = loop()->callLater(30ms, [&ran] { ran << u"later"_s; });
    QVERIFY(cancelled.cancel());
    QVERIFY(cancelled.cancelled());
    QVERIFY(!cancelled.cancel());
    QTRY_COMPARE(ran, QStringList{u"later"_s});
    QVERIFY2(!later.cancel(), "cancel() after the timer fired returns false");
}

void tst_EventLoop::callLaterWhenAndNeverEarly()
{
    const auto scheduled = std::chrono::steady_clock::now();
    const double before = loop()->time();
    Handle handle;
    double ranAt = -1;
    std::chrono::steady_clock::duration ranAfter{};
    handle = loop()->callLater(30ms, [&] {
        ranAt = loop()->time();
        ranAfter = std::chrono::steady_clock::now() - scheduled;
    });
    const double after = loop()->time();
    QVERIFY(handle.when() >= before + 0.030 - 1e-9);
    QVERIFY(handle.when() <= after + 0.030 + 1e-9);
    QTRY_VERIFY(ranAt >= 0);
    const QString timing
            = u"ran at %1, due %2"_s.arg(ranAt, 0, 'f', 9).arg(handle.when(), 0, 'f', 9);
    QVERIFY2(ranAt >= handle.when(), qPrintable(timing));
    QVERIFY(ranAfter >= 30ms);
}

void tst_EventLoop::idleLoopHasNoActiveTimer()
{
    auto *timer = loop()->findChild<QTimer *>(u"aproc-loop-timer"_s);
    QVERIFY(timer);
    QVERIFY2(!timer->isActive(), "nothing scheduled: no timer ticks");

    bool soonRan = false;
    loop()->callSoon([&soonRan] { soonRan = true; });
    QVERIFY2(!timer->isActive(), "callSoon() needs no timer");
    QTRY_VERIFY(soonRan);

    Handle far = loop()->callLater(60s, [] {});
    QVERIFY(timer->isActive());
    QVERIFY(far.cancel());
    QVERIFY2(!timer->isActive(), "cancelling the only timer disarms it");

    bool fired = false;
    Handle first = loop()->callLater(10ms, [] {});
    loop()->callLater(20ms, [&fired] { fired = true; });
    QVERIFY(first.cancel());
    QVERIFY2(timer->isActive(), "cancelling the first timer re-arms for the next one");
    QTRY_VERIFY(fired);
    QVERIFY2(!timer->isActive(), "after the last timer fired, nothing ticks");
}

// ---- batching -----------------------------------------------------------------------------------

void tst_EventLoop::callbackChainDoesNotStarveQt()
{
    Chain chain;
    QObject context;
    Future<void> bothRan = loop()->createFuture();
    int timerSawLinks = -1;
    int queuedSawLinks = -1;
    auto check = [&] {
        if (timerSawLinks >= 0 && queuedSawLinks >= 0 && !bothRan.done())
            bothRan.setResult();
    };
    Handle watchdog = loop()->callLater(30s, [] { loop()->stop(); });
    loop()->callSoon([&chain] { chain.next(); });
    QTimer::singleShot(10ms, &context, [&] {
        timerSawLinks = chain.links;
        check();
    });
    QMetaObject::invokeMethod(
            &context,
            [&] {
                queuedSawLinks = chain.links;
                check();
            },
            Qt::QueuedConnection);

    bool stopped = false;
    try {
        loop()->runUntilComplete(bothRan);
    } catch (const Error &) {
        stopped = true;
    }
    watchdog.cancel();
    const int linksWhenBothRan = chain.links;
    chain.stopRequested = true;
    QVERIFY2(!stopped, "a QTimer and a queued call must run while the chain goes on");
    QVERIFY2(chain.running, "the chain was still going");
    QVERIFY(timerSawLinks > 0);
    QVERIFY(linksWhenBothRan > qMax(timerSawLinks, queuedSawLinks));
    QTRY_VERIFY(!chain.running);
}

// ---- runUntilComplete() -------------------------------------------------------------------------

void tst_EventLoop::runUntilCompleteTask()
{
    QCOMPARE(loop()->runUntilComplete(answerLater(10ms, 42)), 42);
    Task<int> done = loop()->createTask(answerLater(0ms, 7));
    QCOMPARE(loop()->runUntilComplete(done), 7);
    QCOMPARE(loop()->runUntilComplete(done), 7); // already done: returns at once
}

void tst_EventLoop::runUntilCompleteFuture()
{
    Future<QString> future = loop()->createFuture<QString>();
    loop()->callLater(10ms, [future]() mutable { future.setResult(u"ready"_s); });
    QCOMPARE(loop()->runUntilComplete(future), u"ready"_s);
    QCOMPARE(loop()->runUntilComplete(future), u"ready"_s);

    Future<void> failed = loop()->createFuture();
    loop()->callSoon([failed]() mutable { failed.setException(TimeoutError(u"late"_s)); });
    QVERIFY_THROWS_EXCEPTION(TimeoutError, loop()->runUntilComplete(failed));
}

void tst_EventLoop::runUntilCompleteRethrows()
{
    QString message;
    try {
        loop()->runUntilComplete(throwValueErrorLater(u"bad value 7"_s));
    } catch (const ValueError &error) {
        message = error.message();
    }
    QCOMPARE(message, u"bad value 7"_s);

    QVERIFY_THROWS_EXCEPTION(std::runtime_error, loop()->runUntilComplete(throwRuntimeError()));
}

void tst_EventLoop::runUntilCompleteStartsUnstartedTask()
{
    bool ran = false;
    Task<int> task = markAndAnswer(&ran);
    QVERIFY(!task.started());
    QVERIFY(!ran);
    QCOMPARE(loop()->runUntilComplete(task), 42);
    QVERIFY(ran);
    QVERIFY(task.done());
}

void tst_EventLoop::runUntilCompleteStopped_data()
{
    QTest::addColumn<bool>("withTask");
    QTest::newRow("future") << false;
    QTest::newRow("task") << true;
}

void tst_EventLoop::runUntilCompleteStopped()
{
    QFETCH(bool, withTask);
    Future<int> never = loop()->createFuture<int>();
    Task<int> task = answerLater(60s, 1);
    loop()->callLater(10ms, [] { loop()->stop(); });
    QString message;
    try {
        if (withTask)
            loop()->runUntilComplete(task);
        else
            loop()->runUntilComplete(never);
    } catch (const Error &error) {
        message = error.message();
    }
    QCOMPARE(message, u"Event loop stopped before the future completed."_s);
    QVERIFY(!never.done());
    QCOMPARE(task.done(), false);
    if (withTask) {
        QVERIFY(task.cancel());
        QVERIFY_THROWS_EXCEPTION(CancelledError, loop()->runUntilComplete(task));
    }
    QCOMPARE(loop()->runUntilComplete(answerLater(1ms, 3)), 3); // the loop is not left stopping
}

void tst_EventLoop::runUntilCompleteNestedInCallback()
{
    Future<int> outer = loop()->createFuture<int>();
    bool runningInside = false;
    loop()->callSoon([&, outer]() mutable {
        runningInside = loop()->isRunning();
        const int inner = loop()->runUntilComplete(answerLater(10ms, 41));
        outer.setResult(inner + 1);
    });
    QCOMPARE(loop()->runUntilComplete(outer), 42);
    QVERIFY(runningInside);
}

// ---- runForever(), stop(), isRunning() ----------------------------------------------------------

void tst_EventLoop::runForeverUntilStop_data()
{
    QTest::addColumn<QString>("stopFrom");
    QTest::newRow("callSoon") << u"callSoon"_s;
    QTest::newRow("callLater") << u"callLater"_s;
    QTest::newRow("QTimer") << u"QTimer"_s;
}

void tst_EventLoop::runForeverUntilStop()
{
    QFETCH(QString, stopFrom);
    bool runningInCallback = false;
    auto stopNow = [&runningInCallback] {
        runningInCallback = loop()->isRunning();
        loop()->stop();
    };
    QObject context;
    if (stopFrom == u"callSoon")
        loop()->callSoon(stopNow);
    else if (stopFrom == u"callLater")
        loop()->callLater(10ms, stopNow);
    else
        QTimer::singleShot(10ms, &context, stopNow);
    loop()->runForever();
    QVERIFY(runningInCallback);
    QVERIFY(!loop()->isRunning());
}

void tst_EventLoop::stopFinishesTheCurrentIteration()
{
    QStringList log;
    loop()->callSoon([&log] {
        log << u"a"_s;
        loop()->stop();
        loop()->callSoon([&log] { log << u"c"_s; });
    });
    loop()->callSoon([&log] { log << u"b"_s; });
    loop()->runForever();
    QCOMPARE(log, (QStringList{u"a"_s, u"b"_s}));
    QTRY_COMPARE(log, (QStringList{u"a"_s, u"b"_s, u"c"_s})); // it runs when the loop runs again
}

void tst_EventLoop::stopBeforeRunForeverRunsOneIteration()
{
    QStringList log;
    loop()->stop();
    loop()->callSoon([&log] {
        log << u"first"_s;
        loop()->callSoon([&log] { log << u"second"_s; });
    });
    loop()->runForever();
    QCOMPARE(log, QStringList{u"first"_s});
    loop()->stop();
    loop()->runForever();
    QCOMPARE(log, (QStringList{u"first"_s, u"second"_s}));
}

void tst_EventLoop::isRunning()
{
    QVERIFY2(!loop()->isRunning(), "QtTest calls slots outside any event loop");

    bool inRunForever = false;
    loop()->callSoon([&inRunForever] {
        inRunForever = loop()->isRunning();
        loop()->stop();
    });
    loop()->runForever();
    QVERIFY(inRunForever);

    bool inRunUntilComplete = false;
    Future<void> done = loop()->createFuture();
    loop()->callSoon([&inRunUntilComplete, done]() mutable {
        inRunUntilComplete = loop()->isRunning();
        done.setResult();
    });
    loop()->runUntilComplete(done);
    QVERIFY(inRunUntilComplete);

    bool inQEventLoop = false;
    QEventLoop qtLoop;
    loop()->callSoon([&inQEventLoop, &qtLoop] {
        inQEventLoop = loop()->isRunning();
        qtLoop.quit();
    });
    qtLoop.exec();
    QVERIFY(inQEventLoop);
    QVERIFY(!loop()->isRunning());
}

// ---- fd watches ---------------------------------------------------------------------------------

void tst_EventLoop::readerFiresWhenReadable()
{
    const int fdsBefore = openFdCount();
    {
        Pipe pipe;
        QVERIFY(pipe.readEnd() >= 0);
        int calls = 0;
        QByteArray received;
        loop()->addReader(pipe.readEnd(), [&] {
            ++calls;
            received += pipe.readAll();
        });
        runFor(50ms);
        QCOMPARE(calls, 0);

        QVERIFY(pipe.write("hello"));
        QCOMPARE(calls, 0);
        QTRY_COMPARE(received, QByteArray("hello"));

        QVERIFY(loop()->removeReader(pipe.readEnd()));
        QVERIFY(!loop()->removeReader(pipe.readEnd()));
        const int callsWhenRemoved = calls;
        QVERIFY(pipe.write("more"));
        runFor(50ms);
        QCOMPARE(calls, callsWhenRemoved);
    }
    QCOMPARE(openFdCount(), fdsBefore);
}

void tst_EventLoop::readerIsLevelTriggered()
{
    Pipe pipe;
    int calls = 0;
    QByteArray received;
    loop()->addReader(pipe.readEnd(), [&] {
        if (++calls >= 3) // leaves the data twice: the fd stays readable
            received += pipe.readAll();
    });
    QVERIFY(pipe.write("x"));
    QTRY_COMPARE(received, QByteArray("x"));
    QCOMPARE(calls, 3);
    runFor(50ms);
    QCOMPARE(calls, 3); // drained: no more calls
    QVERIFY(pipe.write("y"));
    QTRY_COMPARE(received, QByteArray("xy"));
    QVERIFY(loop()->removeReader(pipe.readEnd()));
}

void tst_EventLoop::removeReaderFromOwnCallback()
{
    Pipe pipe;
    int calls = 0;
    bool removedInside = false;
    loop()->addReader(pipe.readEnd(), [&] {
        ++calls;
        removedInside = loop()->removeReader(pipe.readEnd());
    });
    QVERIFY(pipe.write("left unread"));
    QTRY_COMPARE(calls, 1);
    QVERIFY(removedInside);
    runFor(50ms);
    QCOMPARE(calls, 1); // still readable, but no longer watched
    QVERIFY(!loop()->removeReader(pipe.readEnd()));
}

void tst_EventLoop::addReaderTwiceReplacesCallback()
{
    Pipe pipe;
    int firstCalls = 0;
    QByteArray received;
    loop()->addReader(pipe.readEnd(), [&firstCalls] { ++firstCalls; });
    loop()->addReader(pipe.readEnd(), [&] { received += pipe.readAll(); });
    QVERIFY(pipe.write("for the second"));
    QTRY_COMPARE(received, QByteArray("for the second"));
    QCOMPARE(firstCalls, 0);
    QVERIFY(loop()->removeReader(pipe.readEnd()));
    QVERIFY(!loop()->removeReader(pipe.readEnd()));
}

void tst_EventLoop::writerFiresWhenWritable()
{
    Pipe pipe;
    pipe.fill();
    int calls = 0;
    loop()->addWriter(pipe.writeEnd(), [&calls] { ++calls; });
    runFor(50ms);
    QCOMPARE(calls, 0); // a full pipe is not writable

    QVERIFY(!pipe.readAll().isEmpty());
    QTRY_VERIFY(calls >= 3); // level-triggered: fires while writable
    QVERIFY(loop()->removeWriter(pipe.writeEnd()));
    QVERIFY(!loop()->removeWriter(pipe.writeEnd()));
    const int callsWhenRemoved = calls;
    runFor(50ms);
    QCOMPARE(calls, callsWhenRemoved);
}

void tst_EventLoop::fdWatchesLeaveNoFdBehind()
{
    const int fdsBefore = openFdCount();
    for (int round = 0; round < 20; ++round) {
        Pipe pipe;
        bool read = false;
        bool written = false;
        loop()->addReader(pipe.readEnd(), [&] {
            pipe.readAll();
            read = true;
            loop()->removeReader(pipe.readEnd());
        });
        loop()->addWriter(pipe.writeEnd(), [&] {
            written = pipe.write("ping");
            loop()->removeWriter(pipe.writeEnd());
        });
        QTRY_VERIFY(read && written);
    }
    QCOMPARE(openFdCount(), fdsBefore);
}

// ---- signal handlers ----------------------------------------------------------------------------

void tst_EventLoop::signalHandlerRunsInLoop()
{
    ignoreSignal(SIGUSR1); // a late signal after the test must not kill the process
    SignalSource source;
    QSignalSpy spy(&source, &SignalSource::fired);
    QVERIFY(spy.isValid());
    bool raiseReturned = false;
    bool raiseReturnedFirst = true;
    bool onLoopThread = true;
    int calls = 0;
    loop()->addSignalHandler(SIGUSR1, [&] {
        ++calls;
        raiseReturnedFirst = raiseReturnedFirst && raiseReturned;
        onLoopThread = onLoopThread && QThread::currentThread() == loop()->thread();
        auto data = std::make_unique<std::vector<int>>(1000, calls); // allocating is fine here
        Q_EMIT source.fired(data->back());
    });
    auto removeHandler = qScopeGuard([] { loop()->removeSignalHandler(SIGUSR1); });

    QCOMPARE(::raise(SIGUSR1), 0);
    raiseReturned = true;
    QCOMPARE(calls, 0);
    QTRY_COMPARE(calls, 1);
    QVERIFY(raiseReturnedFirst);
    QVERIFY(onLoopThread);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 1);

    QCOMPARE(::kill(::getpid(), SIGUSR1), 0);
    QTRY_COMPARE(calls, 2);
    QCOMPARE(spy.count(), 2);

    QVERIFY(loop()->removeSignalHandler(SIGUSR1));
    QCOMPARE(::raise(SIGUSR1), 0); // ignored again
    runFor(50ms);
    QCOMPARE(calls, 2);
}

void tst_EventLoop::signalHandlerRestoresDisposition_data()
{
    QTest::addColumn<int>("previous");
    QTest::newRow("ignored") << 0;
    QTest::newRow("default") << 1;
    QTest::newRow("custom handler") << 2;
}

void tst_EventLoop::signalHandlerRestoresDisposition()
{
    QFETCH(int, previous);
    const sighandler_t handlers[] = {SIG_IGN, SIG_DFL, customSignalHandler};
    struct sigaction before = {};
    before.sa_handler = handlers[previous];
    sigemptyset(&before.sa_mask);
    QCOMPARE(::sigaction(SIGUSR2, &before, nullptr), 0);
    auto restore = qScopeGuard([] { ignoreSignal(SIGUSR2); });

    loop()->addSignalHandler(SIGUSR2, [] {});
    const sighandler_t installed = currentDisposition(SIGUSR2);
    QVERIFY(installed != SIG_IGN && installed != SIG_DFL && installed != customSignalHandler);
    QVERIFY(loop()->removeSignalHandler(SIGUSR2));
    QVERIFY(currentDisposition(SIGUSR2) == handlers[previous]);
    QVERIFY(!loop()->removeSignalHandler(SIGUSR2));
}

void tst_EventLoop::invalidSignalThrows_data()
{
    QTest::addColumn<int>("signo");
    QTest::newRow("SIGKILL") << int(SIGKILL);
    QTest::newRow("SIGSTOP") << int(SIGSTOP);
    QTest::newRow("0") << 0;
    QTest::newRow("-1") << -1;
    QTest::newRow("NSIG") << int(NSIG);
    QTest::newRow("999") << 999;
}

void tst_EventLoop::invalidSignalThrows()
{
    QFETCH(int, signo);
    QString message;
    try {
        loop()->addSignalHandler(signo, [] {});
        message = u"no exception"_s;
    } catch (const ValueError &error) {
        message = error.message();
    } catch (const std::exception &error) {
        message = u"not a ValueError: "_s + QString::fromUtf8(error.what());
    }
    QVERIFY2(message.contains(QString::number(signo)) && !message.startsWith(u"not a"_s),
             qPrintable(message));
    QVERIFY(!loop()->removeSignalHandler(signo));
}

void tst_EventLoop::signalOfAnotherLoopThrows()
{
    ignoreSignal(SIGUSR2);
    QThread worker;
    worker.start();
    auto context = std::make_unique<QObject>();
    context->moveToThread(&worker);
    auto stopWorker = qScopeGuard([&worker] {
        worker.quit();
        worker.wait();
    });
    QMetaObject::invokeMethod(
            context.get(), [] { EventLoop::current()->addSignalHandler(SIGUSR2, [] {}); },
            Qt::BlockingQueuedConnection);

    QVERIFY_THROWS_EXCEPTION(ValueError, loop()->addSignalHandler(SIGUSR2, [] {}));

    bool removed = false;
    QMetaObject::invokeMethod(
            context.get(),
            [&removed] { removed = EventLoop::current()->removeSignalHandler(SIGUSR2); },
            Qt::BlockingQueuedConnection);
    QVERIFY(removed);
    loop()->addSignalHandler(SIGUSR2, [] {}); // free again
    QVERIFY(loop()->removeSignalHandler(SIGUSR2));
}

// ---- exception handling -------------------------------------------------------------------------

void tst_EventLoop::callbackExceptionGoesToHandler()
{
    QList<ExceptionContext> contexts;
    EventLoop *handlerLoop = nullptr;
    loop()->setExceptionHandler([&](EventLoop *from, const ExceptionContext &context) {
        handlerLoop = from;
        contexts << context;
    });
    bool after = false;
    loop()->callSoon([] { throw std::runtime_error("boom"); });
    loop()->callLater(1ms, [] { throw ValueError(u"timer boom"_s); });
    loop()->callLater(20ms, [&after] { after = true; });
    QTRY_VERIFY(after);
    QCOMPARE(contexts.size(), 2);
    QCOMPARE(handlerLoop, loop());
    QCOMPARE(contexts[0].message, u"Exception in callback"_s);
    QCOMPARE(rethrownWhat(contexts[0].exception), u"runtime_error: boom"_s);
    QCOMPARE(rethrownWhat(contexts[1].exception), u"ValueError: timer boom"_s);
}

void tst_EventLoop::callbackExceptionDefaultHandlerLogs()
{
    LoopWarnings warnings;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^Exception in callback.*boom$"_s));
    bool after = false;
    loop()->callSoon([] { throw std::runtime_error("boom"); });
    loop()->callSoon([&after] { after = true; });
    QTRY_VERIFY(after);
    QCOMPARE(warnings.messages().size(), 1);

    QTest::ignoreMessage(QtWarningMsg, "just a message");
    loop()->callExceptionHandler({u"just a message"_s, {}});
    QCOMPARE(warnings.messages().size(), 2);
}

void tst_EventLoop::throwingExceptionHandlerIsSurvived()
{
    int handlerCalls = 0;
    loop()->setExceptionHandler([&handlerCalls](EventLoop *, const ExceptionContext &) {
        ++handlerCalls;
        throw std::logic_error("handler broke");
    });
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^Unhandled error in exception handler.*broke$"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^Exception in callback.*boom$"_s));
    bool after = false;
    loop()->callSoon([] { throw std::runtime_error("boom"); });
    loop()->callSoon([&after] { after = true; });
    QTRY_VERIFY(after);
    QCOMPARE(handlerCalls, 1);
}

void tst_EventLoop::exceptionHandlerAccessors()
{
    QVERIFY2(!loop()->exceptionHandler(), "the default handler is an empty one");
    int calls = 0;
    loop()->setExceptionHandler([&calls](EventLoop *, const ExceptionContext &) { ++calls; });
    EventLoop::ExceptionHandler handler = loop()->exceptionHandler();
    QVERIFY(handler);
    handler(loop(), {u"direct"_s, {}});
    QCOMPARE(calls, 1);
    loop()->callExceptionHandler({u"through the loop"_s, {}});
    QCOMPARE(calls, 2);

    loop()->setExceptionHandler({});
    QVERIFY(!loop()->exceptionHandler());
    QTest::ignoreMessage(QtWarningMsg, "back to the default");
    loop()->callExceptionHandler({u"back to the default"_s, {}});
    QCOMPARE(calls, 2);
}

void tst_EventLoop::unretrievedException_data()
{
    QTest::addColumn<bool>("task");
    QTest::addColumn<bool>("retrieve");
    QTest::addColumn<QString>("expected");
    QTest::newRow("task, never retrieved")
            << true << false << u"Task exception was never retrieved"_s;
    QTest::newRow("task, retrieved") << true << true << QString();
    QTest::newRow("future, never retrieved")
            << false << false << u"Future exception was never retrieved"_s;
    QTest::newRow("future, retrieved") << false << true << QString();
}

void tst_EventLoop::unretrievedException()
{
    QFETCH(bool, task);
    QFETCH(bool, retrieve);
    QFETCH(QString, expected);
    QStringList reports;
    loop()->setExceptionHandler([&reports](EventLoop *, const ExceptionContext &context) {
        reports << context.message + u" / "_s + rethrownWhat(context.exception);
    });
    {
        std::optional<Future<void>> future;
        std::optional<Task<void>> running;
        if (task) {
            running.emplace(loop()->createTask(throwValueErrorLater(u"lost"_s)));
            QTRY_VERIFY(running->done());
        } else {
            future.emplace(loop()->createFuture());
            future->setException(ValueError(u"lost"_s));
        }
        runFor(10ms);
        QVERIFY2(reports.isEmpty(), "nothing is reported while a reference remains");
        if (retrieve)
            QVERIFY(task ? running->exception() : future->exception());
    }
    runFor(10ms);
    if (expected.isEmpty())
        QCOMPARE(reports, QStringList());
    else
        QCOMPARE(reports, QStringList{expected + u" / ValueError: lost"_s});
}

// ---- debug mode ---------------------------------------------------------------------------------

void tst_EventLoop::debugWarnsAboutSlowCallbacks()
{
    QVERIFY(!loop()->debug());
    QCOMPARE(loop()->slowCallbackDuration(), 100ms);
    loop()->setDebug(true);
    QVERIFY(loop()->debug());
    loop()->setSlowCallbackDuration(5ms);
    QCOMPARE(loop()->slowCallbackDuration(), 5ms);

    LoopWarnings warnings;
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^Executing a callback took \\d+\\.\\d+ seconds$"_s));
    bool ran = false;
    loop()->callSoon([&ran] {
        busySpin(20ms);
        ran = true;
    });
    QTRY_VERIFY(ran);
    QVERIFY(!warnings.messages().filter(u"Executing a callback took"_s).isEmpty());
    loop()->setDebug(false);
    QVERIFY(!loop()->debug());
}

void tst_EventLoop::noSlowCallbackWarningWithoutDebug()
{
    loop()->setDebug(false);
    loop()->setSlowCallbackDuration(5ms);
    LoopWarnings warnings;
    bool ran = false;
    loop()->callSoon([&ran] {
        busySpin(20ms);
        ran = true;
    });
    QTRY_VERIFY(ran);
    QCOMPARE(warnings.messages(), QStringList());
}

// ---- callSoonThreadsafe() -----------------------------------------------------------------------

void tst_EventLoop::callSoonThreadsafeRunsOnLoopThread_data()
{
    QTest::addColumn<bool>("useQThread");
    QTest::newRow("std::thread") << false;
    QTest::newRow("QThread") << true;
}

void tst_EventLoop::callSoonThreadsafeRunsOnLoopThread()
{
    QFETCH(bool, useQThread);
    EventLoop *mainLoop = loop();
    QThread *ranOn = nullptr;
    auto produce = [mainLoop, &ranOn] {
        mainLoop->callSoonThreadsafe([&ranOn] { ranOn = QThread::currentThread(); });
    };
    if (useQThread) {
        std::unique_ptr<QThread> producer(QThread::create(produce));
        producer->start();
        QVERIFY(producer->wait(30000));
    } else {
        std::thread producer(produce);
        producer.join();
    }
    QTRY_VERIFY(ranOn);
    QCOMPARE(ranOn, QThread::currentThread());
}

void tst_EventLoop::callSoonThreadsafeFromTwoThreads()
{
    constexpr int PerThread = 5000;
    EventLoop *mainLoop = loop();
    QThread *const mainThread = QThread::currentThread();
    std::vector<int> fromStdThread;
    std::vector<int> fromQThread;
    int total = 0;
    int wrongThread = 0;
    auto producer = [&](std::vector<int> *sink) {
        return [&, sink] {
            for (int i = 0; i < PerThread; ++i) {
                mainLoop->callSoonThreadsafe([&, sink, i] {
                    if (QThread::currentThread() != mainThread)
                        ++wrongThread;
                    sink->push_back(i);
                    ++total;
                });
            }
        };
    };
    std::thread first(producer(&fromStdThread));
    std::unique_ptr<QThread> second(QThread::create(producer(&fromQThread)));
    second->start();
    auto join = qScopeGuard([&] {
        first.join();
        second->wait();
    });
    QTRY_COMPARE_WITH_TIMEOUT(total, 2 * PerThread, 60000);
    QCOMPARE(wrongThread, 0);
    for (const std::vector<int> *received : {&fromStdThread, &fromQThread}) {
        QCOMPARE(received->size(), std::size_t(PerThread));
        for (int i = 0; i < PerThread; ++i)
            QCOMPARE(received->at(std::size_t(i)), i);
    }
}

void tst_EventLoop::callSoonThreadsafeWakesRunForever()
{
    EventLoop *mainLoop = loop();
    Handle watchdog = mainLoop->callLater(60s, [] { loop()->stop(); });
    bool stoppedByThread = false;
    std::optional<std::thread> producer;
    mainLoop->callSoon([&] {
        // Started from inside runForever(): the loop is idle, waiting in the dispatcher.
        producer.emplace([mainLoop, &stoppedByThread] {
            mainLoop->callSoonThreadsafe([&stoppedByThread] {
                stoppedByThread = true;
                loop()->stop();
            });
        });
    });
    mainLoop->runForever();
    if (producer)
        producer->join();
    watchdog.cancel();
    QVERIFY(stoppedByThread);
}

// ---- createFuture(), createTask() ---------------------------------------------------------------

void tst_EventLoop::createFutureAndTask()
{
    Future<int> future = loop()->createFuture<int>();
    QCOMPARE(future.loop(), loop());
    QVERIFY(!future.done());
    Future<> plain = loop()->createFuture();
    QCOMPARE(plain.loop(), loop());
    QVERIFY(!plain.done());

    bool ran = false;
    Task<int> task = loop()->createTask(markAndAnswer(&ran));
    QVERIFY(task.started());
    QCOMPARE(task.loop(), loop());
    QVERIFY2(!ran, "createTask() schedules the task; it does not run it inline");
    QCOMPARE(loop()->runUntilComplete(task), 42);
    QVERIFY(ran);

    loop()->callSoon([future, plain]() mutable {
        future.setResult(5);
        plain.setResult();
    });
    QCOMPARE(loop()->runUntilComplete(future), 5);
    loop()->runUntilComplete(plain);
    QVERIFY(plain.done());
}

QTEST_GUILESS_MAIN(tst_EventLoop)
#include "tst_eventloop.moc"
