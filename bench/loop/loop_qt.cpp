// SPDX-License-Identifier: MIT
// Qt's own ways of deferring a call, as a good Qt programmer would write them:
//   --mode invoke       N queued QMetaObject::invokeMethod(obj, lambda) calls, then run (calls/s)
//   --mode event-chain  N custom events, the handler of each posting the next (events/s)
#include "loopbench.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QEvent>
#include <QtCore/QEventLoop>
#include <QtCore/QObject>

namespace {

using Clock = std::chrono::steady_clock;

double invokeThroughput(long count)
{
    QObject target;
    QEventLoop runner;
    long ran = 0;
    const auto start = Clock::now();
    for (long i = 0; i < count; ++i) {
        QMetaObject::invokeMethod(
                &target,
                [&ran, &runner, count] {
                    if (++ran == count)
                        runner.quit();
                },
                Qt::QueuedConnection);
    }
    runner.exec();
    const double seconds = loopbench::secondsSince(start);
    if (ran != count)
        loopbench::fail("not every call ran");
    return double(count) / seconds;
}

const QEvent::Type LinkEvent = QEvent::Type(QEvent::registerEventType());

/*! Receives one link event and posts the next, until \a count have run. */
class ChainObject : public QObject
{
public:
    ChainObject(long count, QEventLoop *runner) : m_count(count), m_runner(runner) { }
    long ran() const { return m_ran; }

protected:
    bool event(QEvent *event) override
    {
        if (event->type() != LinkEvent)
            return QObject::event(event);
        if (++m_ran < m_count)
            QCoreApplication::postEvent(this, new QEvent(LinkEvent));
        else
            m_runner->quit();
        return true;
    }

private:
    long m_count;
    long m_ran = 0;
    QEventLoop *m_runner;
};

double eventChainThroughput(long count)
{
    QEventLoop runner;
    ChainObject chain(count, &runner);
    const auto start = Clock::now();
    QCoreApplication::postEvent(&chain, new QEvent(LinkEvent));
    runner.exec();
    const double seconds = loopbench::secondsSince(start);
    if (chain.ran() != count)
        loopbench::fail("the chain broke");
    return double(count) / seconds;
}

} // namespace

int main(int argc, char **argv)
{
    const loopbench::Options options = loopbench::parseOptions(argc, argv);
    QCoreApplication app(argc, argv);
    if (options.mode == "invoke")
        loopbench::printResult(invokeThroughput(options.count));
    else if (options.mode == "event-chain")
        loopbench::printResult(eventChainThroughput(options.count));
    else
        loopbench::fail("unknown mode");
    return 0;
}
