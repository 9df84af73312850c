// SPDX-License-Identifier: MIT
// bench_exit_child FILE: writes CLOCK_MONOTONIC in nanoseconds (8 bytes, native order) to FILE
// and exits at once: the moment every exitlatency peer measures from.
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    const int fd = open(argv[1], O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return 1;
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const long long nanoseconds = now.tv_sec * 1000000000LL + now.tv_nsec;
    if (pwrite(fd, &nanoseconds, sizeof nanoseconds, 0) != sizeof nanoseconds)
        return 1;
    _exit(0);
}
