// SPDX-License-Identifier: MIT
// The floor under any loop built on Qt's dispatcher: a plain FIFO of std::function drained by one
// posted event, with nothing else (no handles, no cancellation, no exception handling, no
// fairness budget):
//   --mode callsoon  push N callbacks, post one event, run them (callbacks/s)
//   --mode chain     N callbacks, each pushing the next onto the queue being drained (callbacks/s)
#include "loopbench.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QEvent>
#include <QtCore/QEventLoop>
#include <QtCore/QObject>

#include <deque>
#include <functional>

namespace {

using Clock = std::chrono::steady_clock;

const QEvent::Type DrainEvent = QEvent::Type(QEvent::registerEventType());

/*! A ready queue drained whole by one posted event. */
class ReadyQueue : public QObject
{
public:
    void push(std::function<void()> fn)
    {
        m_ready.push_back(std::move(fn));
        if (!m_posted) {
            m_posted = true;
            QCoreApplication::postEvent(this, new QEvent(DrainEvent));
        }
    }

protected:
    bool event(QEvent *event) override
    {
        if (event->type() != DrainEvent)
            return QObject::event(event);
        m_posted = false;
        while (!m_ready.empty()) {
            std::function<void()> fn = std::move(m_ready.front());
            m_ready.pop_front();
            fn();
        }
        return true;
    }

private:
    std::deque<std::function<void()>> m_ready;
    bool m_posted = false;
};

/*! What the callbacks share; they capture one pointer to it, so that std::function stores them
 *  in place without allocating. */
struct Run
{
    ReadyQueue queue;
    QEventLoop runner;
    long ran = 0;
    long count = 0;
};

double callSoonThroughput(long count)
{
    Run run;
    run.count = count;
    Run *shared = &run;
    const auto start = Clock::now();
    for (long i = 0; i < count; ++i) {
        run.queue.push([shared] {
            if (++shared->ran == shared->count)
                shared->runner.quit();
        });
    }
    run.runner.exec();
    const double seconds = loopbench::secondsSince(start);
    if (run.ran != count)
        loopbench::fail("not every callback ran");
    return double(count) / seconds;
}

struct Link
{
    Run *run;
    void operator()() const
    {
        if (++run->ran < run->count)
            run->queue.push(*this);
        else
            run->runner.quit();
    }
};

double chainThroughput(long count)
{
    Run run;
    run.count = count;
    const auto start = Clock::now();
    run.queue.push(Link{&run});
    run.runner.exec();
    const double seconds = loopbench::secondsSince(start);
    if (run.ran != count)
        loopbench::fail("the chain broke");
    return double(count) / seconds;
}

} // namespace

int main(int argc, char **argv)
{
    const loopbench::Options options = loopbench::parseOptions(argc, argv);
    QCoreApplication app(argc, argv);
    if (options.mode == "callsoon")
        loopbench::printResult(callSoonThroughput(options.count));
    else if (options.mode == "chain")
        loopbench::printResult(chainThroughput(options.count));
    else
        loopbench::fail("unknown mode");
    return 0;
}
