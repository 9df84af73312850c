// SPDX-License-Identifier: MIT
// Stdin, raw syscalls: posix_spawn `cat` with stdin on a pipe and stdout on /dev/null, then
// poll() + write() of CHUNK-byte blocks until BYTES are written: the physical floor.
#include "../harness/benchprogram.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

pid_t spawnCat(int stdinFd)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdinFd, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    char *childArgv[] = {const_cast<char *>("cat"), nullptr};
    pid_t pid = 0;
    if (posix_spawnp(&pid, "cat", &actions, nullptr, childArgv, environ) != 0)
        bench::failWithErrno("posix_spawnp");
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

} // namespace

int main(int argc, char **argv)
{
    const long long bytes = bench::option(argc, argv, "--bytes", 1LL << 30);
    const long long pipeSize = bench::option(argc, argv, "--pipe-size", 0);
    const long long chunk = bench::option(argc, argv, "--chunk", 1 << 20);
    std::signal(SIGPIPE, SIG_IGN);

    const auto start = std::chrono::steady_clock::now();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        bench::failWithErrno("pipe2");
    if (pipeSize > 0 && ::fcntl(fds[1], F_SETPIPE_SZ, int(pipeSize)) < 0)
        bench::failWithErrno("F_SETPIPE_SZ");
    const pid_t pid = spawnCat(fds[0]);
    ::close(fds[0]);
    ::fcntl(fds[1], F_SETFL, O_NONBLOCK);

    const std::vector<char> block(static_cast<size_t>(chunk), '\0');
    long long written = 0;
    pollfd watched{fds[1], POLLOUT, 0};
    while (written < bytes) {
        const long long offset = written % chunk;
        const size_t size = size_t(std::min(chunk - offset, bytes - written));
        const ssize_t n = ::write(fds[1], block.data() + offset, size);
        if (n >= 0) {
            written += n;
            continue;
        }
        if (errno != EAGAIN && errno != EINTR)
            bench::failWithErrno("write");
        if (::poll(&watched, 1, -1) < 0 && errno != EINTR)
            bench::failWithErrno("poll");
    }
    ::close(fds[1]);
    const int status = bench::reap(pid);
    const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "cat ended with status %d\n", status);
        return 1;
    }
    std::printf("{\"value\": %.4f}\n", double(written) / seconds / 1e9);
    return 0;
}
