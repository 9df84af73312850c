// SPDX-License-Identifier: MIT
// bench_launch PROGRAM ARGS...: runs one benchmark program and reports its peak RSS.
// The harness cannot take ru_maxrss from its own wait4: Linux keeps the exec-ing process's
// high-water mark across execve, so every child of the Python harness would report at least the
// harness's own RSS. This launcher is small, so the floor it adds is ~1 MiB. It passes the
// program's stdout and stderr through, and writes "peak_rss_kib N" to the descriptor named by
// BENCH_RSS_FD (the harness gives it a file); it exits with the program's status.
#include <cstdio>
#include <cstdlib>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fputs("usage: bench_launch PROGRAM ARGS...\n", stderr);
        return 2;
    }
    pid_t pid = 0;
    const int error = posix_spawnp(&pid, argv[1], nullptr, nullptr, argv + 1, environ);
    if (error != 0) {
        std::fprintf(stderr, "bench_launch: cannot start %s: errno %d\n", argv[1], error);
        return 127;
    }
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0) { }
    if (const char *fd = std::getenv("BENCH_RSS_FD")) {
        if (FILE *out = fdopen(std::atoi(fd), "w")) {
            std::fprintf(out, "peak_rss_kib %ld\n", usage.ru_maxrss);
            std::fclose(out);
        }
    }
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
