// SPDX-License-Identifier: MIT
// The README's example: coroutines on the Qt event loop, with a timeout and cancellation.
#include <aproc/aproc.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDebug>

using namespace std::chrono_literals;

aproc::Task<int> slowAnswer(std::chrono::milliseconds delay)
{
    co_await aproc::sleep(delay); // suspends; the Qt event loop keeps running
    co_return 42;
}

aproc::Task<void> demo()
{
    const int answer = co_await aproc::waitFor(slowAnswer(10ms), 1s);
    qInfo() << "answer:" << answer;
    try {
        co_await aproc::waitFor(slowAnswer(1h), 50ms); // cancelled after 50 ms
    } catch (const aproc::TimeoutError &error) {
        qInfo() << "timed out:" << error.what();
    }
    auto [a, b] = co_await aproc::gather(slowAnswer(20ms), slowAnswer(10ms)); // concurrently
    qInfo() << "gathered:" << a << b;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    aproc::EventLoop::current()->runUntilComplete(demo());
    return 0;
}
