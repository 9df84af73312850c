// SPDX-License-Identifier: MIT
// Aproc's toolkit: task groups, semaphores and queues, timed from the inside.
//   --mode taskgroup        a task group creates N trivial tasks and waits for them (tasks/s)
//   --mode semaphore        one task acquires and releases a free Semaphore N times (ops/s)
//   --mode semaphore-contended
//                           K workers share a Semaphore(2), each holding it across one yield,
//                           N acquisitions in all (ops/s)
//   --mode queue            a producer puts N items into a Queue(maxsize 64), a consumer gets
//                           them (items/s)
#include <aproc/eventloop.h>
#include <aproc/queues.h>
#include <aproc/semaphore.h>
#include <aproc/sleep.h>
#include <aproc/task.h>
#include <aproc/taskgroup.h>

#include <QtCore/QCoreApplication>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace aproc;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

struct Options
{
    std::string mode;
    long count = 100'000;
    long workers = 8;
};

Options parseOptions(int argc, char **argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--mode") == 0)
            options.mode = argv[i + 1];
        else if (std::strcmp(argv[i], "--count") == 0)
            options.count = std::strtol(argv[i + 1], nullptr, 10);
        else if (std::strcmp(argv[i], "--workers") == 0)
            options.workers = std::strtol(argv[i + 1], nullptr, 10);
        else
            options.count = 0; // reported below
    }
    if (argc % 2 != 1 || options.mode.empty() || options.count <= 0 || options.workers <= 0) {
        std::fprintf(stderr, "usage: %s --mode MODE --count N [--workers K]\n", argv[0]);
        std::exit(2);
    }
    return options;
}

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "FAILED: %s\n", what);
    std::exit(1);
}

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

Task<void> trivial(long *ran)
{
    ++*ran;
    co_return;
}

Task<long> taskGroupRun(long count)
{
    long ran = 0;
    co_await taskGroup([&](TaskGroup &group) -> Task<void> {
        for (long i = 0; i < count; ++i)
            group.createTask(trivial(&ran));
        co_return;
    });
    co_return ran;
}

Task<long> semaphoreUncontended(long count)
{
    Semaphore semaphore(1);
    long held = 0;
    for (long i = 0; i < count; ++i) {
        SemaphoreGuard guard = co_await semaphore.acquire(); // `async with semaphore:`
        ++held;
    }
    co_return held;
}

Task<void> contendedWorker(Semaphore *semaphore, long rounds, long *held)
{
    for (long i = 0; i < rounds; ++i) {
        SemaphoreGuard guard = co_await semaphore->acquire();
        ++*held;
        co_await sleep(0ms); // hold it across a yield, so that the others wait
    }
}

Task<long> semaphoreContended(long count, long workers)
{
    Semaphore semaphore(2);
    long held = 0;
    const long rounds = count / workers;
    co_await taskGroup([&](TaskGroup &group) -> Task<void> {
        for (long w = 0; w < workers; ++w)
            group.createTask(contendedWorker(&semaphore, rounds, &held));
        co_return;
    });
    co_return held == rounds *workers ? held : -1;
}

Task<void> produce(Queue<long> *queue, long count)
{
    for (long i = 0; i < count; ++i)
        co_await queue->put(i);
}

Task<void> consume(Queue<long> *queue, long count, long *sum)
{
    for (long i = 0; i < count; ++i) {
        const long item = co_await queue->get();
        *sum += item;
    }
}

Task<long> queueRun(long count)
{
    Queue<long> queue(64);
    long sum = 0;
    co_await taskGroup([&](TaskGroup &group) -> Task<void> {
        group.createTask(consume(&queue, count, &sum));
        group.createTask(produce(&queue, count));
        co_return;
    });
    co_return sum == count *(count - 1) / 2 ? count : -1;
}

Task<long> measured(const Options &options)
{
    if (options.mode == "taskgroup")
        co_return co_await taskGroupRun(options.count);
    if (options.mode == "semaphore")
        co_return co_await semaphoreUncontended(options.count);
    if (options.mode == "semaphore-contended")
        co_return co_await semaphoreContended(options.count, options.workers);
    if (options.mode == "queue")
        co_return co_await queueRun(options.count);
    fail("unknown mode");
}

} // namespace

int main(int argc, char **argv)
{
    const Options options = parseOptions(argc, argv);
    QCoreApplication app(argc, argv);
    EventLoop *loop = EventLoop::current();
    const auto start = Clock::now();
    const long done = loop->runUntilComplete(measured(options));
    const double seconds = secondsSince(start);
    if (done <= 0)
        fail("the work did not add up");
    std::printf("{\"value\": %.6g}\n", double(done) / seconds);
    return 0;
}
