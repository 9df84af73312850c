// SPDX-License-Identifier: MIT
// concurrent, raw syscalls: posix_spawn + pidfd_open for each child, then one poll over all the
// pidfds until every child has exited, each reaped with waitid(P_PIDFD).
#include "procstats.h"
#include <chrono>
#include <poll.h>
#include <spawn.h>
#include <string>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

int spawnSleep(const std::string &seconds)
{
    char program[] = "/bin/sleep";
    std::string argument = seconds;
    char *argv[] = {program, argument.data(), nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, program, nullptr, nullptr, argv, environ) != 0)
        return -1;
    return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
}

bool reapAll(std::vector<pollfd> &children)
{
    size_t remaining = children.size();
    while (remaining > 0) {
        if (poll(children.data(), children.size(), -1) < 0)
            continue;
        for (pollfd &child : children) {
            if (child.fd < 0 || !(child.revents & POLLIN))
                continue;
            siginfo_t info{};
            if (waitid(P_PIDFD, static_cast<id_t>(child.fd), &info, WEXITED) != 0
                || info.si_status != 0)
                return false;
            close(child.fd);
            child.fd = -1;
            --remaining;
        }
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    bench::raiseDescriptorLimit();
    const int count = int(bench::argument(argc, argv, "--count", 500));
    const std::string seconds = std::to_string(bench::argument(argc, argv, "--seconds", 1));
    std::vector<pollfd> warmUp{{spawnSleep("0"), POLLIN, 0}};
    if (warmUp[0].fd < 0 || !reapAll(warmUp))
        return 1;
    const int fdsBefore = bench::openDescriptors();
    const long rssBefore = bench::residentKib();
    std::vector<pollfd> children;
    children.reserve(count);
    const auto begin = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        children.push_back({spawnSleep(seconds), POLLIN, 0});
        if (children.back().fd < 0) {
            std::perror("spawn");
            return 1;
        }
    }
    const int fdsDuring = bench::openDescriptors();
    const long rssDuring = bench::residentKib();
    if (!reapAll(children))
        return 1;
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begin;
    bench::printResult(elapsed.count(), count, count, fdsBefore, fdsDuring, rssBefore, rssDuring);
    return 0;
}
