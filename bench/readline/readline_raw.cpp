// SPDX-License-Identifier: MIT
// Lines, raw syscalls: posix_spawn `seq COUNT` with stdout on a pipe, poll() + read() of 64 KiB,
// lines counted with memchr(): the physical floor.
#include "../harness/benchprogram.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

long long countNewlines(const char *data, size_t size)
{
    long long lines = 0;
    const char *end = data + size;
    while (const void *hit = std::memchr(data, '\n', size_t(end - data))) {
        ++lines;
        data = static_cast<const char *>(hit) + 1;
    }
    return lines;
}

} // namespace

int main(int argc, char **argv)
{
    const long long count = bench::option(argc, argv, "--count", 10000000);

    const auto start = std::chrono::steady_clock::now();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        bench::failWithErrno("pipe2");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    std::string last = std::to_string(count);
    char *childArgv[] = {const_cast<char *>("seq"), last.data(), nullptr};
    pid_t pid = 0;
    if (posix_spawnp(&pid, "seq", &actions, nullptr, childArgv, environ) != 0)
        bench::failWithErrno("posix_spawnp");
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);

    long long lines = 0;
    bench::readUntilEof(fds[0], 65536, [&lines](const char *data, size_t size) {
        lines += countNewlines(data, size);
    });
    ::close(fds[0]);
    const int status = bench::reap(pid);
    const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (lines != count || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "counted %lld of %lld lines, status %d\n", lines, count, status);
        return 1;
    }
    std::printf("{\"value\": %.4f}\n", double(lines) / seconds / 1e6);
    return 0;
}
