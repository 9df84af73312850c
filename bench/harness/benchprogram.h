// SPDX-License-Identifier: MIT
// What the benchmark programs share: reading "--name value" options, failing with errno's
// message, and reading back the capacity of a child's pipe. Plain C++ and POSIX, so that the raw
// programs stay free of Qt.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace bench {

/*! \brief The value of "NAME VALUE" in argv as a number, or \a fallback. */
inline long long option(int argc, char **argv, const char *name, long long fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return std::atoll(argv[i + 1]);
    }
    return fallback;
}

/*! \brief Prints \a what with errno's message and exits with 1: a failed run, never a number. */
[[noreturn]] inline void failWithErrno(const char *what)
{
    std::perror(what);
    std::exit(1);
}

/*! \brief The capacity of the pipe that process \a pid has as descriptor \a fd (through
 *  /proc/PID/fd/FD, the same pipe whichever end it is), or -1. */
inline int childPipeSize(long long pid, int fd)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/fd/" + std::to_string(fd);
    const int opened = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    const int size = opened < 0 ? -1 : ::fcntl(opened, F_GETPIPE_SZ);
    if (opened >= 0)
        ::close(opened);
    return size;
}

} // namespace bench
