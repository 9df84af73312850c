// SPDX-License-Identifier: MIT
// What the benchmark programs share: reading "--name value" options, failing with errno's
// message, reading a pipe until EOF as an event loop would, reaping a child, and reading back the
// capacity of a child's pipe. Plain C++ and POSIX, so that the raw
// programs stay free of Qt.
#pragma once
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

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

/*! \brief poll() + read() of the non-blocking \a fd into a buffer of \a bufferSize bytes until
 *  EOF, handing each read to \a onData(const char *, size_t): the raw floor of an event loop. */
template<typename OnData> void readUntilEof(int fd, std::size_t bufferSize, OnData onData)
{
    std::vector<char> buffer(bufferSize);
    pollfd watched{fd, POLLIN, 0};
    for (;;) {
        if (::poll(&watched, 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            failWithErrno("poll");
        }
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n < 0)
            failWithErrno("read");
        if (n == 0)
            return;
        onData(buffer.data(), std::size_t(n));
    }
}

/*! \brief waitpid() for \a pid, retried on EINTR; its status. */
inline int reap(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            failWithErrno("waitpid");
    }
    return status;
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
