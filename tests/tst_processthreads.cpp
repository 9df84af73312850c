// SPDX-License-Identifier: MIT
// Processes and threads (SPEC §4 "Child watching and threads"): children created and awaited
// from the loops of several QThreads at once, each Process living in its creating thread, and a
// QProcess running next to Aproc's children in the main thread.
#include <aproc/aproc.h>
#include <aproc/process.h>
#include <aproc/testing.h>

#include <QtCore/QProcess>
#include <QtCore/QThread>
#include <QtTest/QtTest>

#include "support/children.h"

#include <csignal>
#include <functional>
#include <memory>
#include <sys/wait.h>
#include <tuple>
#include <vector>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

/*! A QThread running a Qt event loop; run() hands the thread's Aproc loop to \a atStart. */
class LoopThread : public QThread
{
public:
    explicit LoopThread(std::function<void(EventLoop *)> atStart)
        : m_atStart(std::move(atStart)) { }
    ~LoopThread() override
    {
        quit();
        wait();
    }

protected:
    void run() override
    {
        m_atStart(EventLoop::current());
        exec();
    }

private:
    std::function<void(EventLoop *)> m_atStart;
};

/*! What one thread's children gave; sent back to the main thread when done. */
struct ThreadResult
{
    QByteArray echoed;
    QByteArray catted;
    int echoCode = -100;
    int catCode = -100;
    bool livedInCreatingThread = false;
    QString error;
};

Task<ThreadResult> runChildren(int index)
{
    ThreadResult result;
    ProcessOptions out;
    out.stdoutMode = PIPE;
    auto echo = co_await createSubprocessExec(helper(), args("echo", QString::number(index)), out);
    ProcessOptions inOut = out;
    inOut.stdinMode = PIPE;
    auto cat = co_await createSubprocessExec(helper(), args("cat"), inOut);
    result.livedInCreatingThread = echo->thread() == QThread::currentThread()
                                   && cat->thread() == QThread::currentThread();
    const QByteArray input = QByteArray("thread ") + QByteArray::number(index);
    auto [echoed, catted] = co_await gather(echo->communicate(), cat->communicate(input));
    result.echoed = echoed.out.value_or(QByteArray());
    result.catted = catted.out.value_or(QByteArray());
    result.echoCode = *echo->returncode();
    result.catCode = *cat->returncode();
    co_return result;
}

/*! Runs in a thread of its own; reports to \a mainLoop, which collects into \a results. */
Task<void> threadWork(int index, EventLoop *mainLoop, std::vector<ThreadResult> *results,
                      Future<void> *allDone)
{
    ThreadResult result;
    try {
        result = co_await runChildren(index);
    } catch (const std::exception &error) {
        result.error = QString::fromUtf8(error.what());
    }
    mainLoop->callSoonThreadsafe([results, result, allDone] {
        results->push_back(result);
        if (results->size() == 3)
            allDone->setResult();
    });
}

} // namespace

class tst_ProcessThreads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QTRY_VERIFY(noZombie()); }

    void processesInThreeThreads();
    void qprocessAlongside();
};

void tst_ProcessThreads::processesInThreeThreads()
{
    EventLoop *mainLoop = EventLoop::current();
    std::vector<ThreadResult> results;
    Future<void> allDone(mainLoop);
    std::vector<std::unique_ptr<LoopThread>> threads;
    for (int index = 0; index < 3; ++index) {
        threads.push_back(std::make_unique<LoopThread>([index, mainLoop, &results,
                                                        &allDone](EventLoop *loop) {
            static_cast<void>(loop->createTask(threadWork(index, mainLoop, &results, &allDone)));
        }));
        threads.back()->start();
    }
    APROC_RUN([](Future<void> *done) -> Task<void> { co_await *done; }(&allDone));
    QCOMPARE(results.size(), size_t(3));
    for (const ThreadResult &result : results) {
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QVERIFY(result.livedInCreatingThread);
        QCOMPARE(result.echoCode, 0);
        QCOMPARE(result.catCode, 0);
        QVERIFY(result.echoed.endsWith('\n'));
        QCOMPARE(QByteArray("thread ") + result.echoed.chopped(1), result.catted);
    }
    threads.clear(); // quits and joins each thread
}

void tst_ProcessThreads::qprocessAlongside()
{
    QProcess qprocess;
    qprocess.start(helper(), args("exit", "3"));
    QVERIFY(qprocess.waitForStarted());
    APROC_RUN([]() -> Task<void> {
        auto exited = co_await createSubprocessExec(helper(), args("exit", "5"));
        auto selfKilled = co_await createSubprocessExec(
                helper(), args("kill-self", QString::number(SIGTERM)));
        auto killed = co_await createSubprocessExec(helper(), args("sleep", "3600"));
        killed->kill();
        const auto codes = co_await gather(exited->wait(), selfKilled->wait(), killed->wait());
        APROC_COMPARE(std::get<0>(codes), 5);
        APROC_COMPARE(std::get<1>(codes), -SIGTERM);
        APROC_COMPARE(std::get<2>(codes), -SIGKILL);
    }());
    QTRY_COMPARE(qprocess.state(), QProcess::NotRunning);
    QCOMPARE(qprocess.exitStatus(), QProcess::NormalExit);
    QCOMPARE(qprocess.exitCode(), 3);
    QProcess crashing;
    crashing.start(helper(), args("kill-self", QString::number(SIGKILL)));
    APROC_RUN([]() -> Task<void> {
        auto process = co_await createSubprocessExec(helper(), args("exit", "0"));
        APROC_COMPARE(co_await process->wait(), 0);
    }());
    QTRY_COMPARE(crashing.state(), QProcess::NotRunning);
    QCOMPARE(crashing.exitStatus(), QProcess::CrashExit);
}

QTEST_GUILESS_MAIN(tst_ProcessThreads)
#include "tst_processthreads.moc"
