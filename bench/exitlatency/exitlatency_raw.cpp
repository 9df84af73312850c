// SPDX-License-Identifier: MIT
// exitlatency, raw syscalls: posix_spawn + pidfd_open, poll until readable, waitid(P_PIDFD); the
// time is taken when waitid returns.
#include "latency.h"
#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;

namespace {

long long exitLatency(const char *child, bench::StampFile &stamp)
{
    std::string program = child, path = stamp.path();
    char *argv[] = {program.data(), path.data(), nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, child, nullptr, nullptr, argv, environ) != 0)
        return -1;
    const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0)
        return -1;
    pollfd entry{pidfd, POLLIN, 0};
    while (poll(&entry, 1, -1) < 0) { }
    siginfo_t info{};
    const int rc = waitid(P_PIDFD, static_cast<id_t>(pidfd), &info, WEXITED);
    const long long exitedAt = bench::monotonicNanoseconds();
    close(pidfd);
    if (rc != 0 || info.si_status != 0)
        return -1;
    return exitedAt - stamp.take();
}

} // namespace

int main(int argc, char **argv)
{
    const int iterations = bench::argument(argc, argv, "--iterations", 200);
    const char *child = argc > 1 ? argv[1] : "";
    bench::StampFile stamp;
    std::vector<long long> latencies;
    for (int i = 0; i < iterations && stamp.ok(); ++i)
        latencies.push_back(exitLatency(child, stamp));
    return bench::printMedianMicroseconds(latencies) ? 0 : 1;
}
