// SPDX-License-Identifier: MIT
// exitlatency, Aproc: createSubprocessExec(child), the time taken in a slot on Process::exited,
// then co_await that signal and wait(). (wait() may resume before exited is emitted: both come
// from the same exit, through different loop callbacks.)
#include "latency.h"
#include <QtCore/QCoreApplication>
#include <aproc/awaitsignal.h>
#include <aproc/eventloop.h>
#include <aproc/process.h>
#include <aproc/task.h>

namespace {

aproc::Task<std::vector<long long>> measure(QString child, int iterations)
{
    bench::StampFile stamp;
    std::vector<long long> latencies;
    const QStringList arguments{QString::fromStdString(stamp.path())};
    for (int i = 0; i < iterations && stamp.ok(); ++i) {
        auto process = co_await aproc::createSubprocessExec(child, arguments);
        long long exitedAt = -1;
        QObject::connect(process.get(), &aproc::Process::exited, process.get(),
                         [&exitedAt] { exitedAt = bench::monotonicNanoseconds(); });
        co_await aproc::signal(process.get(), &aproc::Process::exited);
        const int code = co_await process->wait();
        latencies.push_back(code == 0 && exitedAt > 0 ? exitedAt - stamp.take() : -1);
    }
    co_return latencies;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int iterations = bench::argument(argc, argv, "--iterations", 200);
    const QString child = QString::fromLocal8Bit(argc > 1 ? argv[1] : "");
    const auto latencies
            = aproc::EventLoop::current()->runUntilComplete(measure(child, iterations));
    return bench::printMedianMicroseconds(latencies) ? 0 : 1;
}
