// SPDX-License-Identifier: MIT
// Aproc's loop: callSoon() throughput, a chain of callbacks, a chain of coroutine resumptions.
//   --mode callsoon         schedule N callbacks, then run them all (callbacks/s)
//   --mode chain            N callbacks, each scheduling the next (callbacks/s)
//   --mode chain-link       the same chain, as ns per link
//   --mode roundtrip        a task schedules a callback with callSoon() and waits for it to run
//                           (the callback resumes it), N times: ns per round trip
//   --mode coroutine-chain  a task awaiting N futures, each completed by a callSoon() (awaits/s)
#include "loopbench.h"

#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/task.h>

#include <QtCore/QCoreApplication>

using namespace aproc;

namespace {

using Clock = std::chrono::steady_clock;

double callSoonThroughput(EventLoop *loop, long count)
{
    long ran = 0;
    Future<void> done = loop->createFuture<void>();
    const auto start = Clock::now();
    for (long i = 0; i < count; ++i) {
        loop->callSoon([&ran, &done, count] {
            if (++ran == count)
                done.setResult();
        });
    }
    loop->runUntilComplete(done);
    const double seconds = loopbench::secondsSince(start);
    if (ran != count)
        loopbench::fail("not every callback ran");
    return double(count) / seconds;
}

/*! One link of the chain: counts itself and schedules the next. */
struct Link
{
    EventLoop *loop;
    long *ran;
    long count;
    Future<void> *done;
    void operator()() const
    {
        if (++*ran < count)
            loop->callSoon(*this);
        else
            done->setResult();
    }
};

double chainSeconds(EventLoop *loop, long count)
{
    long ran = 0;
    Future<void> done = loop->createFuture<void>();
    const auto start = Clock::now();
    loop->callSoon(Link{loop, &ran, count, &done});
    loop->runUntilComplete(done);
    const double seconds = loopbench::secondsSince(start);
    if (ran != count)
        loopbench::fail("the chain broke");
    return seconds;
}

Task<long> awaitChain(EventLoop *loop, long count)
{
    long sum = 0;
    for (long i = 0; i < count; ++i) {
        Future<long> future = loop->createFuture<long>();
        loop->callSoon([future, i]() mutable { future.setResult(i); });
        sum += co_await future;
    }
    co_return sum;
}

/*! Suspends the awaiting coroutine until a callback scheduled with callSoon() has run. */
struct CallSoonRoundTrip
{
    EventLoop *loop;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> awaiting)
    {
        loop->callSoon([awaiting] { awaiting.resume(); });
    }
    void await_resume() const noexcept { }
};

Task<long> roundTrips(EventLoop *loop, long count)
{
    long done = 0;
    for (long i = 0; i < count; ++i) {
        co_await CallSoonRoundTrip{loop};
        ++done;
    }
    co_return done;
}

double roundTripNs(EventLoop *loop, long count)
{
    const auto start = Clock::now();
    const long done = loop->runUntilComplete(roundTrips(loop, count));
    const double seconds = loopbench::secondsSince(start);
    if (done != count)
        loopbench::fail("a round trip went missing");
    return seconds * 1e9 / double(count);
}

double coroutineChainThroughput(EventLoop *loop, long count)
{
    const auto start = Clock::now();
    const long sum = loop->runUntilComplete(awaitChain(loop, count));
    const double seconds = loopbench::secondsSince(start);
    if (sum != count * (count - 1) / 2)
        loopbench::fail("wrong sum of awaited values");
    return double(count) / seconds;
}

} // namespace

int main(int argc, char **argv)
{
    const loopbench::Options options = loopbench::parseOptions(argc, argv);
    QCoreApplication app(argc, argv);
    EventLoop *loop = EventLoop::current();
    if (options.mode == "callsoon") {
        loopbench::printResult(callSoonThroughput(loop, options.count));
    } else if (options.mode == "chain") {
        loopbench::printResult(double(options.count) / chainSeconds(loop, options.count));
    } else if (options.mode == "chain-link") {
        loopbench::printResult(chainSeconds(loop, options.count) * 1e9 / double(options.count));
    } else if (options.mode == "roundtrip") {
        loopbench::printResult(roundTripNs(loop, options.count));
    } else if (options.mode == "coroutine-chain") {
        loopbench::printResult(coroutineChainThroughput(loop, options.count));
    } else {
        loopbench::fail("unknown mode");
    }
    return 0;
}
