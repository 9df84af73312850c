// SPDX-License-Identifier: MIT
// `co_await` of an already-done Future<long> inside a task: ns per await, with the allocations and
// suspensions it costs (both must be 0).
//   Allocations: this program replaces the global operator new and counts its calls around the
//   measured loop.
//   Suspensions: a ticker callback, queued just before the loop, re-queues itself each time it
//   runs. It can only run when the task gives the loop back, and then exactly once per
//   suspension (it is always queued ahead of the task's wake-up), so its tick count is the number
//   of times the task was suspended and resumed through the loop.
#include "loopbench.h"

#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/task.h>

#include <QtCore/QCoreApplication>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> g_allocations{0};
}

void *operator new(std::size_t size)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
void operator delete(void *p) noexcept
{
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}

using namespace aproc;

namespace {

using Clock = std::chrono::steady_clock;

struct Measured
{
    double seconds = 0;
    long allocations = 0;
    long suspensions = 0;
    long sum = 0;
};

/*! Counts its runs and queues itself again while \a on. */
struct Ticker
{
    EventLoop *loop;
    long *ticks;
    const bool *on;
    void operator()() const
    {
        if (!*on)
            return;
        ++*ticks;
        loop->callSoon(*this);
    }
};

Task<void> awaitDone(EventLoop *loop, Future<long> future, long count, Measured *out, long *ticks,
                     bool *ticking)
{
    loop->callSoon(Ticker{loop, ticks, ticking});
    long sum = 0;
    const long allocationsBefore = g_allocations.load(std::memory_order_relaxed);
    const auto start = Clock::now();
    for (long i = 0; i < count; ++i) {
        sum += co_await future;
        loopbench::clobberMemory();
    }
    out->seconds = loopbench::secondsSince(start);
    out->allocations = g_allocations.load(std::memory_order_relaxed) - allocationsBefore;
    out->suspensions = *ticks;
    out->sum = sum;
    *ticking = false;
}

} // namespace

int main(int argc, char **argv)
{
    const loopbench::Options options = loopbench::parseOptions(argc, argv);
    if (options.mode != "done-future")
        loopbench::fail("unknown mode");
    QCoreApplication app(argc, argv);
    EventLoop *loop = EventLoop::current();
    Future<long> future = loop->createFuture<long>();
    future.setResult(1);
    Measured measured;
    long ticks = 0;
    bool ticking = true;
    loop->runUntilComplete(awaitDone(loop, future, options.count, &measured, &ticks, &ticking));
    if (measured.sum != options.count)
        loopbench::fail("wrong sum of awaited values");
    const double count = double(options.count);
    loopbench::printResult(measured.seconds * 1e9 / count,
                           {{"allocations_per_await", double(measured.allocations) / count},
                            {"suspensions_per_await", double(measured.suspensions) / count}});
    return 0;
}
