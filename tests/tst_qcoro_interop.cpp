// SPDX-License-Identifier: MIT
// Aproc awaitables are plain C++20 awaitables: QCoro (0.8, Debian's qcoro-qt6-dev) coroutines
// await Aproc tasks and futures, and Aproc tasks await QCoro tasks, on the same Qt event loop.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/gather.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/testing.h>

#include <QCoroTask>
#include <QCoroTimer>

#include <QtCore/QThread>
#include <QtTest/QtTest>

#include <chrono>
#include <stdexcept>

using namespace std::chrono_literals;

namespace {

// ---- Aproc side ------------------------------------------------------------------------------

aproc::Task<int> aprocDouble(int value)
{
    co_await aproc::sleep(1ms);
    co_return value * 2;
}

aproc::Task<int> aprocThrows()
{
    co_await aproc::sleep(0ms);
    throw aproc::ValueError(QStringLiteral("from Aproc"));
}

// ---- QCoro side ------------------------------------------------------------------------------

// They suspend on QCoro's own QTimer awaiter, so the Aproc side really waits. (Not on
// qCoro(&timer, &QTimer::timeout): QCoro 0.8 binds a reference to the null QPrivateSignal
// argument there, which UBSan reports.)

QCoro::Task<int> qcoroTriple(int value)
{
    co_await QCoro::sleepFor(1ms);
    co_return value * 3;
}

QCoro::Task<int> qcoroThrows()
{
    co_await QCoro::sleepFor(1ms);
    throw std::runtime_error("from QCoro");
}

QCoro::Task<int> qcoroAwaitsAprocTask(int value)
{
    const int doubled = co_await aprocDouble(value);
    co_return doubled + 1;
}

QCoro::Task<QString> qcoroCatchesAprocError()
{
    try {
        co_await aprocThrows();
    } catch (const aproc::ValueError &error) {
        co_return error.message();
    }
    co_return QString();
}

QCoro::Task<int> qcoroAwaitsAprocFuture(aproc::Future<int> future, QThread **resumedOn)
{
    const int value = co_await future;
    *resumedOn = QThread::currentThread();
    co_return value;
}

QCoro::Task<bool> qcoroSleepsWithAproc()
{
    aproc::EventLoop *loop = aproc::EventLoop::current();
    const double start = loop->time();
    co_await aproc::sleep(5ms);
    co_return loop->time() - start >= 0.005 - 1e-6;
}

} // namespace

class tst_QCoroInterop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void qcoroAwaitsAnAprocTask();
    void qcoroSeesAnAprocException();
    void qcoroAwaitsAnAprocFuture_data();
    void qcoroAwaitsAnAprocFuture();
    void qcoroAwaitsAprocSleep();
    void aprocAwaitsAQCoroTask();
    void aprocSeesAQCoroException();
    void aprocGathersQCoroAndAprocTasks();
};

void tst_QCoroInterop::qcoroAwaitsAnAprocTask()
{
    // QCoro::waitFor() runs a nested QEventLoop: Aproc's loop lives on the same dispatcher.
    QCOMPARE(QCoro::waitFor(qcoroAwaitsAprocTask(20)), 41);
}

void tst_QCoroInterop::qcoroSeesAnAprocException()
{
    QCOMPARE(QCoro::waitFor(qcoroCatchesAprocError()), QStringLiteral("from Aproc"));
}

void tst_QCoroInterop::qcoroAwaitsAnAprocFuture_data()
{
    QTest::addColumn<bool>("alreadyDone");
    QTest::newRow("pending") << false;
    QTest::newRow("done") << true;
}

void tst_QCoroInterop::qcoroAwaitsAnAprocFuture()
{
    QFETCH(bool, alreadyDone);
    aproc::Future<int> future;
    if (alreadyDone)
        future.setResult(5);
    else
        aproc::EventLoop::current()->callLater(1ms, [future]() mutable { future.setResult(5); });
    QThread *resumedOn = nullptr;
    auto task = qcoroAwaitsAprocFuture(future, &resumedOn);
    QCOMPARE(QCoro::waitFor(task), 5);
    QCOMPARE(resumedOn, QThread::currentThread());
}

void tst_QCoroInterop::qcoroAwaitsAprocSleep()
{
    QVERIFY(QCoro::waitFor(qcoroSleepsWithAproc()));
}

void tst_QCoroInterop::aprocAwaitsAQCoroTask()
{
    const auto body = []() -> aproc::Task<void> {
        const int tripled = co_await qcoroTriple(7);
        APROC_COMPARE(tripled, 21);
        // ... and the coroutine goes on awaiting Aproc things afterwards.
        APROC_COMPARE(co_await aprocDouble(tripled), 42);
    };
    APROC_RUN(body());
}

void tst_QCoroInterop::aprocSeesAQCoroException()
{
    const auto body = []() -> aproc::Task<void> {
        QString message;
        try {
            co_await qcoroThrows();
        } catch (const std::runtime_error &error) {
            message = QString::fromUtf8(error.what());
        }
        APROC_COMPARE(message, QStringLiteral("from QCoro"));
    };
    APROC_RUN(body());
}

void tst_QCoroInterop::aprocGathersQCoroAndAprocTasks()
{
    // gather() wraps the QCoro task in an Aproc task of its own.
    const auto body = []() -> aproc::Task<void> {
        const auto [a, b] = co_await aproc::gather(qcoroTriple(2), aprocDouble(4));
        APROC_COMPARE(a, 6);
        APROC_COMPARE(b, 8);
    };
    APROC_RUN(body());
}

QTEST_GUILESS_MAIN(tst_QCoroInterop)
#include "tst_qcoro_interop.moc"
