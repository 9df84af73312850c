// SPDX-License-Identifier: MIT
#include "unix/fd_p.h"

#include <aproc/errors.h>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace aproc::detail {

void UniqueFd::reset(int fd) noexcept
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

Pipe makePipe()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throwOSError(errno);
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

int maximumPipeSize()
{
    constexpr int kernelDefault = 1024 * 1024;
    UniqueFd file(::open("/proc/sys/fs/pipe-max-size", O_RDONLY | O_CLOEXEC));
    char text[32] = {};
    if (!file || ::read(file.get(), text, sizeof text - 1) <= 0)
        return kernelDefault;
    const long value = std::strtol(text, nullptr, 10);
    return value > 0 && value <= 0x7fffffff ? int(value) : kernelDefault;
}

int setPipeSize(int fd, int bytes)
{
    Q_ASSERT(bytes > 0); // validateSpawnArguments() turned a size <= 0 into a ValueError
    const int size = ::fcntl(fd, F_SETPIPE_SZ, qMin(bytes, maximumPipeSize()));
    if (size < 0)
        throwOSError(errno, QStringLiteral("F_SETPIPE_SZ"));
    return size;
}

void applyPipeSize(const ProcessOptions &options, const UniqueFd (&parentEnds)[3])
{
    if (!options.pipeSize)
        return;
    const Stdio modes[3] = {options.stdinMode, options.stdoutMode, options.stderrMode};
    for (int stream = 0; stream < 3; ++stream) {
        if (modes[stream].kind() == Stdio::Kind::Pipe && parentEnds[stream])
            setPipeSize(parentEnds[stream].get(), *options.pipeSize);
    }
}

void setNonBlocking(int fd, bool enabled)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0)
        throwOSError(errno);
    const int wanted = enabled ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
    if (wanted != flags && ::fcntl(fd, F_SETFL, wanted) != 0)
        throwOSError(errno);
}

} // namespace aproc::detail
