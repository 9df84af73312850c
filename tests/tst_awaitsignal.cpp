// SPDX-License-Identifier: MIT
// co_await aproc::signal(sender, &Class::signal): arguments, which emission counts, destruction,
// cancellation, and signals emitted from another thread.
#include <aproc/awaitsignal.h>
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>

#include <QtCore/QMetaMethod>
#include <QtCore/QScopeGuard>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtTest/QtTest>

#include <chrono>
#include <memory>
#include <semaphore>
#include <tuple>

using namespace aproc;
using namespace std::chrono_literals;

namespace {

class Sender : public QObject
{
    Q_OBJECT

public:
    /*! How many connections the signal has now (QObject::receivers() is protected). */
    int receiverCount() const { return receivers(SIGNAL(valueChanged(int))); }

Q_SIGNALS:
    void nothingHappened();
    void valueChanged(int value);
    void textAndNumber(const QString &text, int number, const QList<int> &list);
    void sharedValue(const std::shared_ptr<int> &value);

public Q_SLOTS:
    /*! Emits from the sender's own thread, and says which thread that was. */
    void emitFromHere(int value)
    {
        emittingThread = QThread::currentThread();
        Q_EMIT valueChanged(value);
    }

public:
    QThread *emittingThread = nullptr;
    std::shared_ptr<int> shared;
};

template<typename T> Task<void> awaitAndDiscard(Future<T> future)
{
    static_cast<void>(co_await future);
}

} // namespace

class tst_AwaitSignal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signalWithoutArguments();
    void privateSignalOfQTimer();
    void oneArgumentGivesTheValue();
    void severalArgumentsGiveATuple();
    void onlyEmissionsAfterTheCallCount();
    void emissionBetweenCallAndAwaitCounts();
    void onlyTheNextEmissionIsTaken();
    void destroyedSenderCancels_data();
    void destroyedSenderCancels();
    void cancellingTheAwaiterDisconnects();
    void emissionFromAnotherThreadResumesOnTheAwaitingThread();
    void crossThreadResultIsReleasedOnTheAwaitingThread();
};

void tst_AwaitSignal::signalWithoutArguments()
{
    const auto body = []() -> Task<void> {
        Sender sender;
        static_assert(std::is_same_v<decltype(aproc::signal(&sender, &Sender::nothingHappened)),
                                     Future<void>>);
        QTimer::singleShot(0, &sender, &Sender::nothingHappened);
        co_await aproc::signal(&sender, &Sender::nothingHappened);
    };
    APROC_RUN(body());
}

void tst_AwaitSignal::privateSignalOfQTimer()
{
    // QTimer::timeout(QPrivateSignal): the trailing private argument is dropped, so it gives void.
    const auto body = []() -> Task<void> {
        QTimer timer;
        timer.setSingleShot(true);
        timer.start(1);
        Future<void> timeout = aproc::signal(&timer, &QTimer::timeout);
        co_await timeout;
        APROC_VERIFY(!timer.isActive());
    };
    APROC_RUN(body());
}

void tst_AwaitSignal::oneArgumentGivesTheValue()
{
    const auto body = []() -> Task<void> {
        Sender sender;
        QTimer::singleShot(0, &sender, [&sender] { Q_EMIT sender.valueChanged(42); });
        const int value = co_await aproc::signal(&sender, &Sender::valueChanged);
        APROC_COMPARE(value, 42);
    };
    APROC_RUN(body());
}

void tst_AwaitSignal::severalArgumentsGiveATuple()
{
    const auto body = []() -> Task<void> {
        Sender sender;
        // const references are decayed to values: the tuple owns copies.
        using Expected = Future<std::tuple<QString, int, QList<int>>>;
        static_assert(
                std::is_same_v<decltype(aproc::signal(&sender, &Sender::textAndNumber)), Expected>);
        QTimer::singleShot(0, &sender, [&sender] {
            QString text = QStringLiteral("seven");
            QList<int> list{1, 2};
            Q_EMIT sender.textAndNumber(text, 7, list);
            text.clear(); // the awaiter's copy does not change
            list.clear();
        });
        const auto [text, number, list] = co_await aproc::signal(&sender, &Sender::textAndNumber);
        APROC_COMPARE(text, QStringLiteral("seven"));
        APROC_COMPARE(number, 7);
        APROC_COMPARE(list, QList<int>({1, 2}));
    };
    APROC_RUN(body());
}

void tst_AwaitSignal::onlyEmissionsAfterTheCallCount()
{
    const auto body = []() -> Task<void> {
        Sender sender;
        Q_EMIT sender.valueChanged(1); // before aproc::signal(): not seen
        Future<int> next = aproc::signal(&sender, &Sender::valueChanged);
        APROC_VERIFY(!next.done());
        QTimer::singleShot(0, &sender, [&sender] { Q_EMIT sender.valueChanged(2); });
        APROC_COMPARE(co_await next, 2);
    };
    APROC_RUN(body());
}

void tst_AwaitSignal::emissionBetweenCallAndAwaitCounts()
{
    // The connection is made when aproc::signal() is called, not at co_await: an emission in
    // between completes the future, and co_await then gives it without suspending.
    const auto body = []() -> Task<void> {
        Sender sender;
        Future<int> next = aproc::signal(&sender, &Sender::valueChanged);
        Q_EMIT sender.valueChanged(3);
        APROC_VERIFY(next.done());
        bool otherCallbackRan = false;
        EventLoop::current()->callSoon([&otherCallbackRan] { otherCallbackRan = true; });
        APROC_COMPARE(co_await next, 3);
        APROC_VERIFY(!otherCallbackRan);
    };
    APROC_RUN(body());
}

void tst_AwaitSignal::onlyTheNextEmissionIsTaken()
{
    const auto body = []() -> Task<void> {
        Sender sender;
        Future<int> next = aproc::signal(&sender, &Sender::valueChanged);
        APROC_COMPARE(sender.receiverCount(), 1);
        Q_EMIT sender.valueChanged(4);
        Q_EMIT sender.valueChanged(5); // single-shot: already disconnected, no InvalidStateError
        APROC_COMPARE(sender.receiverCount(), 0);
        APROC_COMPARE(co_await next, 4);
        Future<int> another = aproc::signal(&sender, &Sender::valueChanged);
        Q_EMIT sender.valueChanged(6);
        APROC_COMPARE(co_await another, 6);
    };
    APROC_RUN(body());
}

void tst_AwaitSignal::destroyedSenderCancels_data()
{
    QTest::addColumn<bool>("destroyWhileAwaiting");
    QTest::newRow("while awaiting") << true;
    QTest::newRow("before co_await") << false;
}

void tst_AwaitSignal::destroyedSenderCancels()
{
    QFETCH(bool, destroyWhileAwaiting);
    const auto body = [](bool destroyWhileAwaiting) -> Task<void> {
        auto *sender = new Sender;
        Future<int> next = aproc::signal(sender, &Sender::valueChanged);
        if (destroyWhileAwaiting)
            EventLoop::current()->callSoon([sender] { delete sender; });
        else
            delete sender;
        APROC_VERIFY_THROWS(co_await next, CancelledError);
        APROC_VERIFY(next.cancelled());
    };
    APROC_RUN(body(destroyWhileAwaiting));
}

void tst_AwaitSignal::cancellingTheAwaiterDisconnects()
{
    const auto body = []() -> Task<void> {
        Sender sender;
        bool resumed = false;
        Task<void> awaiter = createTask([](Sender *sender, bool *resumed) -> Task<void> {
            co_await aproc::signal(sender, &Sender::valueChanged);
            *resumed = true;
        }(&sender, &resumed));
        co_await sleep(0ms);
        APROC_COMPARE(sender.receiverCount(), 1);
        APROC_VERIFY(awaiter.cancel());
        APROC_VERIFY_THROWS(co_await awaiter, CancelledError);
        // The connection goes with the future's done callbacks, run in the same iteration.
        for (int i = 0; i < 100 && sender.receiverCount() > 0; ++i)
            co_await sleep(0ms);
        APROC_COMPARE(sender.receiverCount(), 0);
        Q_EMIT sender.valueChanged(9); // nobody listens any more: no effect, no crash
        co_await sleep(0ms);
        APROC_VERIFY(!resumed);
    };
    APROC_RUN(body());
}

void tst_AwaitSignal::emissionFromAnotherThreadResumesOnTheAwaitingThread()
{
    QThread worker;
    worker.start();
    const auto stop = qScopeGuard([&worker] {
        worker.quit();
        worker.wait();
    });
    auto sender = std::make_unique<Sender>();
    sender->moveToThread(&worker);
    const auto body = [](Sender *sender, QThread *worker) -> Task<void> {
        QThread *const awaitingThread = QThread::currentThread();
        Future<int> next = aproc::signal(sender, &Sender::valueChanged);
        QMetaObject::invokeMethod(
                sender, [sender] { sender->emitFromHere(17); }, Qt::QueuedConnection);
        const int value = co_await next;
        APROC_COMPARE(value, 17);
        APROC_VERIFY(sender->emittingThread == worker);
        APROC_VERIFY(QThread::currentThread() == awaitingThread);
    };
    APROC_RUN(body(sender.get(), &worker));
    sender.release()->deleteLater(); // in its own thread, at the latest when the thread finishes
}

void tst_AwaitSignal::crossThreadResultIsReleasedOnTheAwaitingThread()
{
    // A Future is not thread-safe: once the awaiting side is done with the result, nothing in
    // the sender's thread may still hold the future (and release it later, there). Here the
    // sender's thread is held inside the emission (by a direct slot connected after
    // aproc::signal()) until the awaiting side has finished; a connection functor that owned a
    // copy of the future would keep the result alive until the emission ends.
    QThread worker;
    worker.start();
    std::binary_semaphore emissionHeld{0};
    std::binary_semaphore emissionMayEnd{0};
    const auto stop = qScopeGuard([&worker] {
        worker.quit();
        worker.wait();
    });
    const auto unblock = qScopeGuard([&emissionMayEnd] { emissionMayEnd.release(); });
    auto sender = std::make_unique<Sender>();
    sender->shared = std::make_shared<int>(5);
    const std::weak_ptr<int> result = sender->shared;
    sender->moveToThread(&worker);
    const auto body
            = [](Sender *sender, std::binary_semaphore *emissionHeld,
                 std::binary_semaphore *emissionMayEnd, std::weak_ptr<int> result) -> Task<void> {
        {
            Future<std::shared_ptr<int>> next = aproc::signal(sender, &Sender::sharedValue);
            QObject::connect(
                    sender, &Sender::sharedValue, sender,
                    [sender, emissionHeld, emissionMayEnd] {
                        sender->shared.reset(); // only the copies made for the awaiter remain
                        emissionHeld->release();
                        emissionMayEnd->acquire();
                    },
                    Qt::DirectConnection);
            QMetaObject::invokeMethod(
                    sender, [sender] { Q_EMIT sender->sharedValue(sender->shared); },
                    Qt::QueuedConnection);
            const std::shared_ptr<int> value = co_await next;
            APROC_COMPARE(*value, 5);
        }
        emissionHeld->acquire(); // a handshake: the sender's thread is inside the emission now
        for (int i = 0; i < 100 && !result.expired(); ++i)
            co_await sleep(0ms);
        APROC_VERIFY2(result.expired(), "the sender's thread still holds the awaited future");
    };
    APROC_RUN(body(sender.get(), &emissionHeld, &emissionMayEnd, result));
    sender.release()->deleteLater();
}

QTEST_GUILESS_MAIN(tst_AwaitSignal)
#include "tst_awaitsignal.moc"
