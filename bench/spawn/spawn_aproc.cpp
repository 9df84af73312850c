// SPDX-License-Identifier: MIT
// spawn, Aproc: `co_await createSubprocessExec("/bin/true")` then `co_await wait()`, in sequence.
// --contain cgroup|process-group: each child contained by that means (ProcessOptions::containment),
// and waited for with waitForTree().
#include <QtCore/QCoreApplication>
#include <aproc/containment.h>
#include <aproc/eventloop.h>
#include <aproc/process.h>
#include <aproc/task.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace {

aproc::Task<int> spawnAll(int count, std::optional<aproc::ContainmentMeans> contain)
{
    int failures = 0;
    const QString program = QStringLiteral("/bin/true");
    aproc::ProcessOptions options;
    if (contain)
        options.containment = aproc::Containment{.means = *contain};
    for (int i = 0; i < count; ++i) {
        auto process = co_await aproc::createSubprocessExec(program, QStringList(), options);
        const int code = contain ? co_await process->waitForTree() : co_await process->wait();
        failures += code != 0;
    }
    co_return failures;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int count = 2000;
    std::optional<aproc::ContainmentMeans> contain;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--count") == 0)
            count = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--contain") == 0)
            contain = std::strcmp(argv[i + 1], "cgroup") == 0
                              ? aproc::ContainmentMeans::Cgroup
                              : aproc::ContainmentMeans::ProcessGroup;
    }
    const auto begin = std::chrono::steady_clock::now();
    const int failures = aproc::EventLoop::current()->runUntilComplete(spawnAll(count, contain));
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begin;
    if (failures != 0) {
        std::fprintf(stderr, "%d children failed\n", failures);
        return 1;
    }
    std::printf("{\"value\": %.1f}\n", count / elapsed.count());
    return 0;
}
