// SPDX-License-Identifier: MIT
// spawn, raw syscalls, the physical floor: posix_spawn + pidfd_open + poll + waitid.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace {

bool spawnOne()
{
    char program[] = "/bin/true";
    char *argv[] = {program, nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, program, nullptr, nullptr, argv, environ) != 0)
        return false;
    const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0)
        return false;
    pollfd entry{pidfd, POLLIN, 0};
    while (poll(&entry, 1, -1) < 0) { }
    siginfo_t info{};
    const int rc = waitid(P_PIDFD, static_cast<id_t>(pidfd), &info, WEXITED);
    close(pidfd);
    return rc == 0 && info.si_code == CLD_EXITED && info.si_status == 0;
}

} // namespace

int main(int argc, char **argv)
{
    int count = 2000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--count") == 0)
            count = std::atoi(argv[i + 1]);
    const auto begin = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        if (!spawnOne()) {
            std::perror("spawn");
            return 1;
        }
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begin;
    std::printf("{\"value\": %.1f}\n", count / elapsed.count());
    return 0;
}
