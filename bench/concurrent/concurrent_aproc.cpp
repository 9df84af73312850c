// SPDX-License-Identifier: MIT
// concurrent, Aproc: createSubprocessExec("sleep") for each child (no pipes), then wait() for
// every one of them.
#include "procstats.h"
#include <QtCore/QCoreApplication>
#include <aproc/eventloop.h>
#include <aproc/process.h>
#include <aproc/task.h>
#include <chrono>
#include <memory>
#include <vector>

namespace {

struct Figures
{
    bool ok = true;
    int running = 0, fdsBefore = 0, fdsDuring = 0;
    long rssBefore = 0, rssDuring = 0;
    double seconds = 0;
};

aproc::Task<bool> runOne(QString seconds)
{
    const QStringList arguments{seconds}; // no braced list inside co_await (GCC 12)
    auto process = co_await aproc::createSubprocessExec(QStringLiteral("sleep"), arguments);
    co_return co_await process->wait() == 0;
}

aproc::Task<Figures> runAll(int count, QString seconds)
{
    Figures figures;
    figures.ok = co_await runOne(QStringLiteral("0")); // the loop's one-time set-up
    figures.fdsBefore = bench::openDescriptors();
    figures.rssBefore = bench::residentKib();
    const auto begin = std::chrono::steady_clock::now();
    std::vector<std::unique_ptr<aproc::Process>> children;
    children.reserve(count);
    const QStringList arguments{seconds};
    for (int i = 0; i < count; ++i)
        children.push_back(
                co_await aproc::createSubprocessExec(QStringLiteral("sleep"), arguments));
    figures.fdsDuring = bench::openDescriptors();
    for (const auto &child : children)
        figures.running += !child->returncode().has_value();
    figures.rssDuring = bench::residentKib();
    for (auto &child : children)
        figures.ok = co_await child->wait() == 0 && figures.ok;
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begin;
    figures.seconds = elapsed.count();
    co_return figures;
}

} // namespace

int main(int argc, char **argv)
{
    bench::raiseDescriptorLimit();
    QCoreApplication app(argc, argv);
    const int count = int(bench::argument(argc, argv, "--count", 500));
    const QString seconds = QString::number(bench::argument(argc, argv, "--seconds", 1));
    const Figures figures = aproc::EventLoop::current()->runUntilComplete(runAll(count, seconds));
    if (!figures.ok)
        return 1;
    bench::printResult(figures.seconds, count, figures.running, figures.fdsBefore,
                       figures.fdsDuring, figures.rssBefore, figures.rssDuring);
    return 0;
}
