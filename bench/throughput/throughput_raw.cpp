// SPDX-License-Identifier: MIT
// Throughput, raw syscalls: posix_spawn `head -c BYTES /dev/zero` with stdout on a pipe, then
// poll() + read() of the pipe until EOF, as an event loop would (the physical floor).
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

int main(int argc, char **argv)
{
    const long long bytes = bench::option(argc, argv, "--bytes", 1LL << 30);
    const long long pipeSize = bench::option(argc, argv, "--pipe-size", 0);
    const long long readSize = bench::option(argc, argv, "--read-size", 65536);

    const auto start = std::chrono::steady_clock::now();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        bench::failWithErrno("pipe2");
    if (pipeSize > 0 && ::fcntl(fds[0], F_SETPIPE_SZ, int(pipeSize)) < 0)
        bench::failWithErrno("F_SETPIPE_SZ");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    std::string count = std::to_string(bytes);
    char *childArgv[] = {const_cast<char *>("head"), const_cast<char *>("-c"), count.data(),
                         const_cast<char *>("/dev/zero"), nullptr};
    pid_t pid = 0;
    if (posix_spawnp(&pid, "head", &actions, nullptr, childArgv, environ) != 0)
        bench::failWithErrno("posix_spawnp");
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);

    long long total = 0;
    long long reads = 0;
    bench::readUntilEof(fds[0], size_t(readSize), [&](const char *, size_t size) {
        total += (long long)size;
        ++reads;
    });
    ::close(fds[0]);
    const int status = bench::reap(pid);
    const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (total != bytes || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "read %lld of %lld bytes, status %d\n", total, bytes, status);
        return 1;
    }
    std::printf("{\"value\": %.4f, \"extra\": {\"bytes_per_read\": %.0f}}\n",
                double(total) / seconds / 1e9, double(total) / double(reads));
    return 0;
}
