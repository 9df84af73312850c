// SPDX-License-Identifier: MIT
// spawn, Aproc: `co_await createSubprocessExec("/bin/true")` then `co_await wait()`, in sequence.
#include <QtCore/QCoreApplication>
#include <aproc/eventloop.h>
#include <aproc/process.h>
#include <aproc/task.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

aproc::Task<int> spawnAll(int count)
{
    int failures = 0;
    const QString program = QStringLiteral("/bin/true");
    for (int i = 0; i < count; ++i) {
        auto process = co_await aproc::createSubprocessExec(program, QStringList());
        const int code = co_await process->wait();
        failures += code != 0;
    }
    co_return failures;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int count = 2000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--count") == 0)
            count = std::atoi(argv[i + 1]);
    const auto begin = std::chrono::steady_clock::now();
    const int failures = aproc::EventLoop::current()->runUntilComplete(spawnAll(count));
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begin;
    if (failures != 0) {
        std::fprintf(stderr, "%d children failed\n", failures);
        return 1;
    }
    std::printf("{\"value\": %.1f}\n", count / elapsed.count());
    return 0;
}
